"""Numbers written with digits, compared across Arabic and English text.

``١٢٠``, ``120`` and ``1,20`` look different but ``١٢٠`` and ``120`` are the
same number; ``1,000`` / ``١٬٠٠٠`` / ``1000`` too; ``3.5`` / ``٣٫٥`` too.
Small numbers (ten and below) are left out: translators often write them as
words («هدفين» for "2 goals"), which is not an error.
"""

from __future__ import annotations

import re

from .texts import western_digits

_NUMBER = re.compile(r"\d+(?:[.,\u066b\u066c]\d+)*")
_THOUSANDS = re.compile(r"(?<=\d)[,\u066c](?=\d{3}(?!\d))")
SPELLED_OUT_BELOW = 11


def numbers(text: str) -> list[str]:
    """The digit-written numbers of ``text``, in order, in one canonical spelling (``"1000"``, ``"3.5"``)."""
    found: dict[str, None] = {}
    for raw in _NUMBER.findall(western_digits(text)):
        canonical = _THOUSANDS.sub("", raw).replace("\u066b", ".").replace(",", ".")
        if "." in canonical or int(canonical) >= SPELLED_OUT_BELOW:
            found.setdefault(canonical)
    return list(found)


def lost_numbers(source: str, *outputs: str) -> list[str]:
    """Numbers of ``source`` that appear in none of ``outputs``, in source order."""
    kept = {n for output in outputs for n in numbers(output)}
    return [n for n in numbers(source) if n not in kept]

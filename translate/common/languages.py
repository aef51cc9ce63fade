"""Language codes: the languages mtrepair works in, codes as people write them, and a guess from the letters."""

from __future__ import annotations

from .errors import MtrepairError

# The languages mtrepair works in: its sentence splitting, glossary repair and
# round trips know Arabic and English; a model for another pair would have
# nothing of the rest to work with.
LANGUAGES = {"ar": "Arabic", "en": "English"}
_ALIASES = {"ara": "ar", "arb": "ar", "arabic": "ar", "eng": "en", "english": "en"}


def normalise_language(text: str) -> str:
    """A language code as people write it, in one form: ``EN``, ``en-US``, ``en_GB``, ``eng`` -> ``en``.

    The command line and every glossary reader use it, so that a column
    headed ``eng`` and ``--from EN`` name the same language.
    """
    code = text.strip().lower().replace("_", "-").split("-")[0]
    return _ALIASES.get(code, code)


def is_arabic_letter(char: str) -> bool:
    """A character of the Arabic block (U+0600-U+06FF): the letters, and the few signs and digits that only
    Arabic script uses, so that they count for Arabic too."""
    return "\u0600" <= char <= "\u06ff"


def arabic_letters(text: str) -> int:
    """How many characters of ``text`` are Arabic script (:func:`is_arabic_letter`)."""
    return sum(1 for char in text if is_arabic_letter(char))


def guess_language(lines, path: str) -> str:
    """``ar`` when most letters are Arabic, ``en`` when most are Latin."""
    text = "".join(lines[:200])
    arabic = arabic_letters(text)
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    if not arabic and not latin:
        raise MtrepairError(f"{path}: no letters to tell its language by; pass --from and --to")
    return "ar" if arabic > latin else "en"

"""Read line-aligned text files for scoring, and say clearly what is wrong with them.

Lines are read as sacrebleu's command line reads them (trailing white space
removed) so that scores are the same.  A file that does not line up with the
reference stops the run with one line naming both files and the counts;
empty lines are legal (a system may output nothing) but each is reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from translate.common.errors import InputError, where
from translate.common.formats import decode, read_bytes, split_lines

# Eastern Arabic (U+0660..) and Persian (U+06F0..) digits -> 0-9.
_EASTERN_DIGITS = {chr(base + d): str(d) for base in (0x0660, 0x06F0) for d in range(10)}
_EASTERN = list(_EASTERN_DIGITS)
_DIGITS = str.maketrans(_EASTERN_DIGITS)
# What --normalize-digits writes as Western: digits, and the Arabic decimal
# separator, thousands separator and per cent sign that go with them.
_NUMERALS = str.maketrans({**_EASTERN_DIGITS, "\u066b": ".", "\u066c": ",", "\u066a": "%"})


@dataclass(frozen=True)
class TextFile:
    path: str
    lines: tuple[str, ...]

    def empty_lines(self) -> list[int]:
        return [n for n, line in enumerate(self.lines, start=1) if not line]


def read_lines(path: str) -> TextFile:
    """The lines of a UTF-8 text file (``.gz`` too, as sacrebleu reads), trailing white space removed.

    A leading byte-order mark is dropped (sacrebleu keeps it as a character of
    the first line, which costs that line a little chrF).
    """
    data = read_bytes(path)
    if path.endswith(".gz"):
        import gzip

        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as error:
            raise InputError(f"{path}: not a readable gzip file ({error})") from None
    lines = tuple(line.rstrip() for line in split_lines(decode(data, path)))
    if not lines:
        raise InputError(f"{path}: file is empty")
    return TextFile(path, lines)


def require_aligned(reference: TextFile, other: TextFile, role: str = "hypothesis") -> None:
    """Stop unless ``other`` has exactly one line per reference line."""
    if len(other.lines) != len(reference.lines):
        shorter = min(len(other.lines), len(reference.lines))
        raise InputError(
            f"{where(other.path, shorter + 1)}: {role} has {plural(len(other.lines), 'line')} but the reference "
            f"{reference.path} has {len(reference.lines)}; files must be line-aligned"
        )


def empty_line_warnings(files: list[TextFile], shown: int = 3) -> list[str]:
    """One warning per file with empty lines: which lines (the first few) and how many."""
    warnings = []
    for text in files:
        empty = text.empty_lines()
        if empty:
            listed = ", ".join(where(text.path, n) for n in empty[:shown])
            more = f" and {len(empty) - shown} more" if len(empty) > shown else ""
            warnings.append(f"{listed}{more}: empty line{'s' if len(empty) > 1 else ''} "
                            f"({len(empty)} in all), scored as empty translations")
    return warnings


def western_digits(text: str) -> str:
    """Eastern Arabic and Persian digits written as 0-9 (١٢٠ -> 120)."""
    return text.translate(_DIGITS)


def western_numerals(text: str) -> str:
    """Eastern Arabic digits, decimal and thousands separators and per cent sign as 0-9 . , % (٣٫٥٪ -> 3.5%)."""
    return text.translate(_NUMERALS)


def digit_style(lines: tuple[str, ...]) -> tuple[int, int]:
    """How many Eastern-style and Western digits the lines hold."""
    text = "".join(lines)
    eastern = sum(text.count(ch) for ch in _EASTERN)
    western = sum(text.count(ch) for ch in "0123456789")
    return eastern, western


def plural(n: int, noun: str) -> str:
    """``1 line``, ``2 lines``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"

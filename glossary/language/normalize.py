"""Spelling normalisation for matching names in Arabic and Latin script.

Folding makes spellings that readers treat as the same name compare equal:

* Arabic: hamza forms of alef (أ إ آ ٱ -> ا), hamza on waw/yaa (ؤ -> و,
  ئ -> ي), alef maqsura (ى -> ي), taa marbuta (ة -> ه), diacritics
  (harakat, shadda, sukun, dagger alef), tatweel, presentation forms,
  Persian/Urdu letter shapes (ک ی);
* digits: Eastern Arabic and Persian digits -> 0-9;
* invisible characters: bidi marks and embeddings, ZWJ/ZWNJ, BOM;
* Latin: case, accents (Barça -> barca), dashes -> space (al-Sham = al Sham),
  curly apostrophes -> ';
* runs of white space -> one space.

No library folds Arabic this way while keeping a map back to the original
offsets (which repair needs to replace exactly the span it found), so the
per-character rule is written here; ``str.translate`` applies it in C for
the fast path.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .phonetic import is_arabic

_ARABIC_LETTERS = {
    "\u0671": "ا",  # alef wasla
    "\u0672": "ا",
    "\u0673": "ا",
    "\u0675": "ا",
    "ى": "ي",
    "ی": "ي",  # Farsi yeh
    "ې": "ي",
    "ة": "ه",
    "ۀ": "ه",
    "ە": "ه",
    "ک": "ك",  # keheh
    "ڪ": "ك",
    "\u0640": "",  # tatweel
}
_APOSTROPHES = set("\u2019\u2018\u02bc\u02bb`\u00b4\u2032")
_SPACES = re.compile(" {2,}")


@lru_cache(maxsize=None)
def fold_char(ch: str) -> str:
    """The folded form of one character: usually one character, "" to drop it."""
    if ch in _ARABIC_LETTERS:
        return _ARABIC_LETTERS[ch]
    if ch.isspace():
        return " "
    category = unicodedata.category(ch)
    if category == "Cf":  # bidi controls, ZWJ/ZWNJ, BOM, Arabic letter mark
        return ""
    if category == "Pd":
        return " "
    if ch in _APOSTROPHES:
        return "'"
    if category == "Nd":
        return str(unicodedata.decimal(ch))
    decomposed = unicodedata.normalize("NFKD", ch)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    kept = "".join(_ARABIC_LETTERS.get(c, c) for c in kept)
    return kept.casefold()


class _FoldTable(dict):
    """A ``str.translate`` table that learns each character on first sight."""

    def __missing__(self, code: int) -> str:
        value = fold_char(chr(code))
        self[code] = value
        return value


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Normalised text for matching (see the module docstring)."""
    return _SPACES.sub(" ", text.translate(_TABLE))


def fold_with_positions(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each of its characters, the index in ``text`` it came from."""
    out: list[str] = []
    positions: list[int] = []
    for index, ch in enumerate(text):
        for folded in _TABLE[ord(ch)]:
            if folded == " " and out and out[-1] == " ":
                continue
            out.append(folded)
            positions.append(index)
    return "".join(out), positions


def original_span(text: str, positions: list[int], start: int, end: int) -> tuple[int, int]:
    """The span of ``text`` that folded characters ``start:end`` came from.

    Characters that folding dropped right after the span (a final vowel
    mark, a tatweel) belong to it, so that a replacement removes them too.
    """
    orig_start = positions[start]
    orig_end = positions[end - 1] + 1
    while orig_end < len(text) and _TABLE[ord(text[orig_end])] == "":
        orig_end += 1
    return orig_start, orig_end


def match_key(term: str, lang: str = "") -> str:
    """The folded form of a glossary term, stripped of outer spaces."""
    return fold(term).strip()


def is_word_char(ch: str) -> bool:
    return ch.isalnum()


# Spellings of one name that differ only by a house style's choices (glossary.stages.evidence, "spelling"
# changes): Arabic letters for a foreign g (غ ج گ), ch (تش ش), v (ف ڤ), p (ب پ); the article that
# starts a name; a space inside a name; final «اه» for «ا».  Long vowels are not among them: «نادل»
# (a waiter) is not «نادال» (Nadal); nor an article inside a name («صلاح دين»), nor a letter written
# twice, which Arabic does not do («موسساك» for «موساك»).
# English spellings differ by style in spaces, hyphens and a leading article only: vowels and doubled
# letters are what machine translation gets wrong.
_ARABIC_STYLE = str.maketrans({"غ": "ج", "گ": "ج", "ڤ": "ف", "پ": "ب", "چ": "ش"})
_ARTICLE_WORDS = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ath", "adh"})


def spelling_key(folded: str) -> str:
    """``folded`` (see :func:`fold`) without the choices a house style makes (see above)."""
    words = folded.split()
    if is_arabic(folded):
        if words and words[0].startswith("ال") and len(words[0]) > 3:
            words[0] = words[0][2:]  # a name's own article is a style choice; «صلاح دين» is no «صلاح الدين»
        words = [w[:-1] if w.endswith("اه") else w for w in words]
        return "".join(words).translate(_ARABIC_STYLE).replace("تش", "ش")
    if words and words[0] in _ARTICLE_WORDS:
        words = words[1:]
    return "".join(words).replace("'", "")

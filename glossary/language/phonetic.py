"""A consonant skeleton shared by Arabic and Latin script.

Names cross scripts by sound: "Trafalgar", «ترافالغار» and «ترافلغار» all
reduce to ``trflgr``; "Raonic" and the mistransliteration «راونيك» to
``rnk``.  Comparing skeletons finds a name that machine translation spelled
phonetically, or left in Latin script, where the glossary wants another
spelling.

Vowels (and the Arabic letters that double as long vowels, و ي ا, and the
hamza/ayn that Latin spelling usually drops) are removed; letters that
transliteration confuses share one class (ج غ g j; ق ك خ k q c kh; ت ط ث t
th; س ص s; ز ذ ظ z ...); the article (ال, al-/el-/ad-/as-...) and doubled
letters are dropped.  Written here because the phonetic libraries
(jellyfish's Soundex/Metaphone) only know Latin script.
"""

from __future__ import annotations

import re
from functools import lru_cache

from translate.common.languages import is_arabic_letter

_ARABIC = {
    "ب": "b", "پ": "b", "ت": "t", "ط": "t", "ث": "t", "ج": "g", "غ": "g", "ح": "h", "ه": "h",
    "خ": "k", "ك": "k", "ق": "k", "د": "d", "ض": "d", "ذ": "z", "ز": "z", "ظ": "z", "ر": "r",
    "س": "s", "ص": "s", "ش": "S", "ف": "f", "ڤ": "f", "ل": "l", "م": "m", "ن": "n",
    "چ": "S", "گ": "g",
}
_LATIN_DIGRAPHS = (("sch", "S"), ("sh", "S"), ("ch", "S"), ("tch", "S"), ("kh", "k"), ("gh", "g"), ("th", "t"),
                   ("dh", "z"), ("ph", "f"), ("ck", "k"), ("qu", "k"), ("dj", "g"), ("zh", "g"))
_LATIN = {
    "b": "b", "p": "b", "t": "t", "d": "d", "j": "g", "g": "g", "h": "h", "k": "k", "q": "k", "c": "k",
    "x": "ks", "f": "f", "v": "f", "l": "l", "m": "m", "n": "n", "r": "r", "s": "s", "z": "z",
}
_ARABIC_VOWELS = frozenset("اويىعء")
_LATIN_VOWELS = frozenset("aeiouwy")
LATIN_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ath", "adh"})
_WORD = re.compile(r"\w+")
_SOFT_C = re.compile(r"c(?=[eiy])")
_DIPHTHONG = re.compile(r"[ae][iy](?![aeiouy])")


@lru_cache(maxsize=65536)
def skeleton(folded: str, vowels: bool = False, drop_article: bool = True, vowel_classes: bool = False) -> str:
    """The consonant skeleton of a folded text (see :func:`glossary.language.normalize.fold`).

    With ``vowels``, each run of vowel letters (Latin a e i o u w y; Arabic
    ا و ي ى ع ء and a final taa marbuta) is kept as one ``a``: stricter, for
    target-only repair where no source name narrows the search and Arabic's
    three-consonant words would otherwise match names by chance.  Without
    ``drop_article``, a leading «ال» counts as letters of the name
    («ألباكركي» for Albuquerque).  With ``vowel_classes``, vowels keep one
    of three classes, the ones Arabic writes as long vowels: ``A`` (a, ا),
    ``I`` (i e y, ي) and ``U`` (o u w, و): "Mossachi" and «موساشي» agree
    as ``mUsASI``, "Djordon" and «الجارديان» do not.
    """
    mode = "classes" if vowel_classes else "one" if vowels else "none"
    out = []
    for word in _WORD.findall(folded):
        if word in LATIN_ARTICLES or word == "ال":
            continue  # the article, written apart: al-, el-, «آل» (folded «ال») spelled from "al"
        out.append(_word_skeleton(word, mode, drop_article))
    return _collapse("".join(out))


def is_arabic(text: str) -> bool:
    """``text`` has a character of Arabic script (translate.common.languages.is_arabic_letter)."""
    return any(map(is_arabic_letter, text))


_ARABIC_VOWEL_CLASSES = {"ا": "A", "ى": "A", "و": "U", "ي": "I", "ع": "", "ء": ""}
_LATIN_VOWEL_CLASSES = {"a": "A", "e": "I", "i": "I", "y": "I", "o": "U", "u": "U", "w": "U"}


def _letter_maps(consonants: dict[str, str], vowel_letters, classes: dict[str, str]) -> dict[str, dict[str, str]]:
    """Letter -> sound for each way of treating vowels: dropped, one ``a`` per run, or three classes."""
    digits = {d: d for d in "0123456789"}
    return {
        "none": {**digits, **consonants},
        "one": {**digits, **consonants, **{v: "a" for v in vowel_letters}},
        "classes": {**digits, **consonants, **classes},
    }


_ARABIC_MAPS = _letter_maps(_ARABIC, _ARABIC_VOWELS, _ARABIC_VOWEL_CLASSES)
_LATIN_MAPS = _letter_maps({**_LATIN, "S": "S"}, _LATIN_VOWELS, _LATIN_VOWEL_CLASSES)


@lru_cache(maxsize=65536)
def _word_skeleton(word: str, vowels: str, drop_article: bool = True) -> str:
    """``vowels``: "none", "one" (a run of vowels is one ``a``) or "classes"."""
    if is_arabic(word):
        if drop_article and word.startswith("ال") and len(word) > 3:
            word = word[2:]
        if vowels == "classes" and len(word) > 2 and word[0] == "ا" and word[1] in "وي":
            word = word[1:]  # a hamza seat before a long vowel: «أونيجا»
        if word.endswith("ه") and len(word) > 2:  # taa marbuta (folded) reads as a vowel
            word = word[:-1] + ("" if vowels == "none" else "ا")
        # "kh" (and, for the stricter classes, "ch") spelled letter by letter: «توتانكهامون», «تشيلي»
        word = word.replace("كه", "ك")
        if vowels == "classes":
            word = word.replace("تش", "ش")
        table = _ARABIC_MAPS[vowels]
    else:
        for digraph, sound in _LATIN_DIGRAPHS:
            word = word.replace(digraph, sound)
        word = _SOFT_C.sub("s", word)  # Cecil, Borsellino: «سيسيل», «بورسيلينو»
        if vowels == "classes":  # "Dair", "Deir", "Kuwait": the diphthong Arabic writes with «ي»
            word = _DIPHTHONG.sub("i", word)
        if word.endswith("h") and len(word) > 2:  # Fallujah, Mosulah: a final vowel sign
            word = word[:-1]
        table = _LATIN_MAPS[vowels]
    sounds = "".join(table.get(ch, "") for ch in word)
    if vowels == "classes" and sounds[:1] in ("I", "U"):
        # A vowel that starts a word is one hamza seat in Arabic whatever it sounds: «إز» is "ez",
        # «أوغندا» "Uganda", «إدلب» "Idlib".
        sounds = "A" + sounds[1:]
    return sounds


def _collapse(text: str) -> str:
    out = []
    for ch in text:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)

"""The Arabic forms a glossary name takes in running text.

A name written «الموصل» in the glossary appears as «بالموصل» (in Mosul),
«وللموصل» (and for Mosul); a nisba group name «العلويين» appears as
«علوي», «العلوية», «والعلويون».  This module spells out those forms
(on folded text, see :mod:`glossary.language.normalize`) and rebuilds a preferred
form with the clitics and ending found in the text.

Written here because the forms are few and fixed (a handful of proclitics,
the article, the nisba endings) while an Arabic morphological analyser
would be a large dependency that still does not know foreign names.
"""

from __future__ import annotations

from dataclasses import dataclass

from .normalize import fold

# Conjunctions (و ف) then prepositions (ب ل ك), alone or combined.
PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
ARTICLE = "ال"
# Nisba endings, folded (ة -> ه): -i, -iyya, -iyyun, -iyyin, -iyyat, dual.
NISBA_ENDINGS = ("يتين", "يتان", "يين", "يون", "يات", "يان", "يه", "ي")
# The same as written: the feminine with «ة», which careful writing keeps apart from a name's «ه»
# («سوليه», Soleil, is no feminine adjective).
NISBA_ENDINGS_WRITTEN = ("يتين", "يتان", "يين", "يون", "يات", "يان", "ية", "ي")


@dataclass(frozen=True)
class Shape:
    """How a glossary form appeared: clitics before it, article, nisba ending."""

    proclitic: str = ""
    definite: bool | None = None  # None: the form has no article either way
    ending: str | None = None  # None: not a nisba form


def has_article(word: str) -> bool:
    return word.startswith(ARTICLE) and len(word) > len(ARTICLE) + 1


def nisba_stem(word: str, endings: tuple[str, ...] = NISBA_ENDINGS) -> tuple[str, str] | None:
    """``(stem, ending)`` when ``word`` (folded; as written with ``NISBA_ENDINGS_WRITTEN``) ends in a
    nisba ending with a stem of two letters or more."""
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return word[: -len(ending)], ending
    return None


def with_proclitic(proclitic: str, word: str) -> str:
    """Attach a proclitic, contracting ل + ال to لل as Arabic spelling does."""
    if proclitic.endswith("ل") and has_article(word):
        rest = word[len(ARTICLE):]
        # ل + الليل -> لليل: the article's lam merges with a word-initial lam.
        return proclitic + (rest if rest.startswith("ل") else "ل" + rest)
    return proclitic + word


def bodies(form: str, inflects: bool) -> list[tuple[str, Shape]]:
    """Every spelling of ``form`` (folded) before a proclitic: with and without the article and each
    nisba ending when it inflects (endings as written, ية), with its shape."""
    if inflects:
        return [(" ".join(_shaped(form.split(" "), definite, ending)), Shape("", definite, ending))
                for ending in _endings(form) for definite in (True, False)]
    return [(form, Shape())]


def surface_forms(form: str, inflects: bool) -> list[tuple[str, Shape]]:
    """Every folded spelling of ``form`` (folded) in running text, with its shape."""
    return [(fold(attached(proclitic, body)), Shape(proclitic, shape.definite, shape.ending))
            for body, shape in bodies(form, inflects) for proclitic in PROCLITICS]


def attached(proclitic: str, body: str) -> str:
    """``body`` (words) with ``proclitic`` on its first word (:func:`with_proclitic`)."""
    first, space, rest = body.partition(" ")
    return with_proclitic(proclitic, first) + space + rest


def rebuild(preferred: str, shape: Shape, inflects: bool) -> str:
    """The preferred form (original spelling) with the clitic, article and ending of ``shape``."""
    words = preferred.split(" ")
    if inflects and shape.definite is not None:
        words = _shaped(words, shape.definite, shape.ending)
    return " ".join([with_proclitic(shape.proclitic, words[0])] + words[1:])


def _endings(form: str) -> list[str | None]:
    """The nisba endings the form's last word can take ([None] when it is not a nisba)."""
    return list(NISBA_ENDINGS) if _split_nisba(_core(form.split(" "))[-1]) else [None]


def _core(words: list[str]) -> list[str]:
    """The words without the article on the first one."""
    return [words[0][len(ARTICLE):] if has_article(words[0]) else words[0]] + words[1:]


def _split_nisba(word: str) -> tuple[str, str] | None:
    """Split a nisba ending off a word in either spelling (folded ه or original ة)."""
    found = nisba_stem(fold(word))
    if not found:
        return None
    _, ending = found
    # Folding keeps the length of a nisba ending (ة and ه are one letter each),
    # so the original spelling splits at the same place.
    return word[: len(word) - len(ending)], word[len(word) - len(ending):]


def _shaped(words: list[str], definite: bool, ending: str | None) -> list[str]:
    """``words`` with the article set or removed and the last word given ``ending``."""
    core = _core(words)
    if ending is not None:
        split = _split_nisba(core[-1])
        if split:
            written = ending[:-1] + "ة" if ending.endswith("ه") else ending
            core = core[:-1] + [split[0] + written]
    if definite:
        core = [ARTICLE + core[0]] + core[1:]
    return core

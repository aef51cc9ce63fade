"""The rules every repair keeps, whatever the evidence; checked here and nowhere else.

A candidate fix that would break one is dropped, never clipped:

1. **numbers**: the digits of the span and of its replacement are the same
   numbers in the same order (Western or Eastern Arabic digits read as
   their values): «16 سبتمبر» never becomes «11 سبتمبر»;
2. **no word lost**: every word of a span of several words is part of the
   name's rendering: it resembles a word of one of the entry's forms (in
   spelling, or in sound across scripts), or is a generic word of the same
   kind as one in the name («مقاطعة» where the name says «محافظة»), so a
   fix never swallows the ordinary word beside a name ("yesterday");
3. **no name twice**: a word that the replacement adds is not written just
   before or after the span already, in any number ("Force" / "Forces");
4. **glosses stay**: a span that fills a pair of parentheses or quotation
   marks and is written in the other script, or fills parentheses after a
   name of the same entry, is the writer's own gloss: «منظمة الصحة العالمية
   (WHO)», 'the sign read "حلب"'; and nothing inside a web or e-mail address,
   a hashtag or a handle is touched (www.iraq.gov.iq, #syria);
5. **bytes outside the fixes never change**: :func:`apply_fixes` copies
   everything outside the fixed spans, and fixes never overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from rapidfuzz.distance import Indel

from ..entry import GlossaryEntry
from ..language.lexicon import generic_kind, zipf
from ..language.normalize import fold
from ..language.phonetic import LATIN_ARTICLES, is_arabic, skeleton
from ..language.readings import (
    ABBREVIATED, SpanSet, TOKEN, Readings, first_visible, folded_words_after, folded_words_before, last_visible, strip_article,
)

_DIGITS = re.compile(r"\d+")
# How close an edge word must be to a word of the name to count as part of its rendering.
EDGE_SPELLING = 0.6
EDGE_SOUND = 0.75
SHORT_EDGE_SPELLING = 0.85
ORDINARY_EDGE_ZIPF = 3.5
# A long word of a name written in pieces: how alike the pieces joined must spell it.
PIECES_SPELLING = 0.7
PIECES_MIN_LETTERS = 6


def violation(text: str, start: int, end: int, after: str, entry: GlossaryEntry, readings: Readings,
              names_before: Sequence[tuple[int, int, str]] = ()) -> str | None:
    """Which rule replacing ``text[start:end]`` by ``after`` would break, in words (None: none).

    ``names_before`` lists ``(start, end, entry_id)`` of the names already in
    the line (accepted forms found, other fixes), for the gloss rule.
    """
    before = text[start:end]
    if _numbers(before) != _numbers(after):
        return "it would change a number"
    if _inside_an_address(text, start, end):
        return "it is part of a web or e-mail address, a hashtag or a handle"
    edge = _foreign_edge_word(before, entry, readings)
    if edge:
        return f"«{edge}» is not part of the name"
    twice = _written_twice(text, start, end, before, after, readings)
    if twice:
        return f"«{twice}» would be written twice"
    if _gloss(text, start, end, entry, names_before, readings.target_lang):
        return "it is a gloss in parentheses"
    return None


def apply_fixes(text: str, fixes: Sequence) -> str:
    """``text`` with each fix's span replaced by its ``after``; everything else copied as it is."""
    out, position = [], 0
    for fix in sorted(fixes, key=lambda f: f.start):
        if fix.start < position:
            raise ValueError(f"overlapping fixes at {fix.start}")
        out.append(text[position:fix.start])
        out.append(fix.after)
        position = fix.end
    out.append(text[position:])
    return "".join(out)


def numbers(text: str) -> list[str]:
    """The numbers written in ``text``, as Western digits, in order (public for tests)."""
    return _numbers(text)


def _numbers(text: str) -> list[str]:
    return _DIGITS.findall(fold(text))  # fold reads ٣ as 3


def _foreign_edge_word(before: str, entry: GlossaryEntry, readings: Readings) -> str | None:
    """The first word of a span of several words that is no part of the name's rendering."""
    words = TOKEN.findall(before)
    if len(words) < 2:
        return None  # a one-word span is the rendering itself; its evidence is the scorer's
    forms = [TOKEN.findall(fold(form)) for lang in (readings.source_lang, readings.target_lang)
             for form in entry.forms(lang)]
    name_words = {w for form in forms for w in form}
    # A generic word («مقاطعة» for «محافظة») belongs only where the name has one of its kind: at the same edge.
    edge_kinds = {0: {generic_kind(form[0]) for form in forms if form} - {None},
                  len(words) - 1: {generic_kind(form[-1]) for form in forms if form} - {None}}
    name_kinds = {generic_kind(w) for w in name_words} - {None}
    pieces = _pieces_of_one_word(words, name_words, readings)
    for position, word in enumerate(words):
        if word in pieces:
            continue
        folded = fold(word)
        # One letter is a clitic or a possessive left apart ("Panama's", «بـ البوكيرك»), not a word;
        # "al", "el" are the article as Latin script writes it ("Salah El Din").
        if len(folded) <= 1 or folded in readings.stopwords or folded in LATIN_ARTICLES or folded == "ال":
            continue  # (and «آل», folded «ال»: "al-" spelled letter by letter, «أحمد آل شراع»)
        if not _belongs(word, name_words, readings, edge_kinds.get(position, set()), name_kinds):
            return word
    return None


def _pieces_of_one_word(words: list[str], name_words: set[str], readings: Readings) -> set[str]:
    """The span's words that are pieces of one long word of the name, written apart ("Tutach Amon"
    for Tutankhamun): joined, they spell the word better than any of them alone does, and none is a
    word the language uses ("Rif Damascus" is Damascus and more; "Saint" of "Saint Petersburg" is
    a word of its own)."""
    joined = "".join(fold(w) for w in words)
    for name_word in name_words:
        if len(name_word) < PIECES_MIN_LETTERS:
            continue
        whole = Indel.normalized_similarity(joined, name_word)
        if whole >= PIECES_SPELLING and all(Indel.normalized_similarity(fold(w), name_word) < whole for w in words):
            return {w for w in words if zipf(fold(w), readings.target_lang) < ORDINARY_EDGE_ZIPF}
    return set()


def _belongs(word: str, name_words: set[str], readings: Readings, kinds_here: set[int],
             name_kinds: set[int]) -> bool:
    readings_of = {fold(word)} | {core for _, core, _ in readings.strip_options(fold(word))}
    readings_of |= {strip_article(w) for w in list(readings_of)} | {ABBREVIATED.get(fold(word), "")} - {""}
    kinds = {generic_kind(w, whole=True) for w in readings_of} - {None}
    if kinds & kinds_here:
        return True
    if kinds and not kinds & name_kinds and not any(
            Indel.normalized_similarity(reading, strip_article(name_word)) >= SHORT_EDGE_SPELLING
            for reading in readings_of for name_word in name_words):
        # A generic word of a kind the name has none of is another kind of place or body, whatever it
        # sounds like: «جون استريت» (John Street) is no «جون ستيوارت»; unless it is spelled almost as a
        # word of the name ("Dick Army" for Dick Armey, "Tyra Bank" for Tyra Banks).
        return False
    # An ordinary word of the language («الحالي», "current") is part of the name only when spelled
    # almost as a word of it, or sounds exactly like one: «الحالي» is not «الشمالي».
    ordinary = max(zipf(w, readings.target_lang) for w in readings_of) >= ORDINARY_EDGE_ZIPF
    for name_word in name_words:
        bare = strip_article(name_word)
        sound = skeleton(bare)
        for reading in readings_of:
            same_script = is_arabic(reading) == is_arabic(bare)
            # A short word is part of the name only as written or nearly ("John" for Jon): «عبر»
            # (across) is one letter from «بحر».
            close = EDGE_SPELLING if min(len(reading), len(bare)) > 3 and not ordinary else SHORT_EDGE_SPELLING
            if same_script and Indel.normalized_similarity(reading, bare) >= close:
                return True
            if same_script and len(reading) >= 2 and (bare.startswith(reading) or len(reading) >= 3 and reading in bare):
                return True  # a name written in two pieces: «الآي فون» for «آيفون»
            heard = skeleton(reading)
            if heard and sound and (heard == sound if min(len(heard), len(sound)) < 3 or ordinary
                                    else Indel.normalized_similarity(heard, sound) >= EDGE_SOUND):
                return True
    return False


def _written_twice(text: str, start: int, end: int, before: str, after: str, readings: Readings) -> str | None:
    inside = {_stem(w) for w in TOKEN.findall(fold(before))}
    added = [w for w in TOKEN.findall(fold(after)) if _stem(w) not in inside and w not in readings.stopwords]
    if not added:
        return None
    # The two words on either side, as in TOKEN.findall(fold(text[:start]))[-2:] (read near the span only).
    preceding, following = folded_words_before(text, start, 2), folded_words_after(text, end, 2)
    near = {_stem(core) for w in preceding + following for _, core, _ in readings.strip_options(w)}
    near |= {_stem(w) for w in preceding + following}
    for word in added:
        if _stem(word) in near:
            return word
    first = TOKEN.findall(fold(after))[:1]
    if preceding and first and first[0] in added and generic_kind(first[0]) is not None and generic_kind(first[0]) == generic_kind(preceding[-1]):
        return first[0]  # «إقليم محافظة صلاح الدين»: two words for "province" in a row
    return None


_PLURAL = re.compile(r"(?<=[a-z]{3})s$")


def _stem(word: str) -> str:
    """One word whatever its article and number: "Forces" is "Force", «القوات» is «قوات»."""
    word = strip_article(word)
    return _PLURAL.sub("", word) if not is_arabic(word) else word


# Characters that join a word to an address, a hashtag or a handle: www.iraq.gov.iq, info@syria.org, #syria.
_ADDRESS = re.compile(r"[@#/\\.:_=&?%~+]\w|\w[@#/\\_=&?%~+]|\w\.\w")


def _inside_an_address(text: str, start: int, end: int) -> bool:
    return bool(_ADDRESS.search(text[max(0, start - 1):start + 1]) or _ADDRESS.search(text[end - 1:end + 1]))


# Pairs that set off a gloss: parentheses and quotation marks (a name quoted in the other script is
# written that way on purpose: 'the sign read "حلب"').
_GLOSS_MARKS = (("(", ")"), ('"', '"'), ("“", "”"), ("«", "»"), ("'", "'"), ("‘", "’"))


def _gloss(text: str, start: int, end: int, entry: GlossaryEntry, names_before: Sequence[tuple[int, int, str]],
           target_lang: str) -> bool:
    # The text before the span less its closing white space, and after it less its opening white space
    # (text[:start].rstrip() and text[end:].lstrip(), as positions: a long line is not copied).
    opening, closing = last_visible(text, start), first_visible(text, end)
    marks = [(a, b) for a, b in _GLOSS_MARKS if text.endswith(a, 0, opening) and text.startswith(b, closing)]
    if not marks:
        return False
    if is_arabic(text[start:end]) != (target_lang == "ar"):
        return True  # the other script inside parentheses or quotes: the writer's own gloss
    if marks[0][0] != "(":
        return False
    # A name of the entry with nothing but white space between it and the bracket
    # (text[name_end:bracket].strip() == ""): one that ends at or after where that space starts.
    after_name = last_visible(text, opening - 1)
    if isinstance(names_before, NamesPlaced):
        return names_before.furthest_end(entry.id) >= after_name
    return any(entry_id == entry.id and name_end >= after_name for _, name_end, entry_id in names_before)


class NamesPlaced:
    """``(start, end, entry_id)`` of the names already in a line, for :func:`violation`, with the
    furthest end of each entry's names at hand: a long line has thousands of them."""

    def __init__(self, names: Iterable[tuple[int, int, str]] = ()) -> None:
        self._names: list[tuple[int, int, str]] = []
        self._furthest: dict[str, int] = {}
        self.spans = SpanSet()  # where they are, for overlap questions (glossary.stages.verify)
        for name in names:
            self.append(name)

    def append(self, name: tuple[int, int, str]) -> None:
        self._names.append(name)
        self.spans.add(name[:2])
        _, end, entry_id = name
        if end > self._furthest.get(entry_id, -1):
            self._furthest[entry_id] = end

    def furthest_end(self, entry_id: str) -> int:
        return self._furthest.get(entry_id, -1)

    def __iter__(self) -> Iterator[tuple[int, int, str]]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __getitem__(self, index):
        return self._names[index]

"""How repair reads text and names: clitics, function words, and each name's sound profile.

Every stage of repair (:mod:`glossary.stages.candidates` finds spans,
:mod:`glossary.stages.evidence` scores them, :mod:`glossary.stages.decision` decides) reads
a span the same way: the proclitics it may start with, the article, the
function words that never start or end a name, and the consonant and
long-vowel profile of each glossary entry.  :class:`Readings` holds that for
one glossary and language pair, computed once per entry.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..entry import GlossaryEntry
from . import arabic
from .normalize import fold
from .phonetic import skeleton

# Words that never start or end a name in a translation.  A short fixed list
# (not a library's) because it only guards the edges of candidate spans.
EDGE_STOPWORDS = {
    "en": frozenset("the a an of in on at to for and or by with from as is was were be been that this which who "
                    "his her its their he she it they said".split()),
    "ar": frozenset(fold(w) for w in "في من على إلى عن مع أن إن التي الذي الذين هو هي ثم قد لقد كان كانت و أو "
                    "بين عند ضد حيث لم لن ما لا هذا هذه ذلك تلك قال وقال".split()),
}
# What may stand between the words of one name: spaces, hyphens, dots, apostrophes.
JOINER = re.compile(r"^[\s\-'\u2019.]{1,3}$")
# A word: letters and digits, with the Arabic vowel marks, shadda and tatweel
# inside it (Python's \w leaves them out and would cut «المقدّس» at the shadda), and the apostrophes
# that romanised Arabic writes for ʿayn and hamza inside a word ("Hay'at", "Shar'a"), but not a
# possessive ("Iran's").
TOKEN = re.compile(r"\w[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d]*"
                   r"(?:['\u2019](?![sS]\b)[A-Za-z]+)*")
# Several words of a long name agreeing is evidence (glossary.stages.evidence); forms this long get word sets.
WORDS_AGREE_FROM = 3
# Consonant keys shorter than this agree by chance too often to look entries up by.
CONSONANTS_AGREE_FROM = 5


@dataclass(frozen=True)
class NameProfile:
    """What target-only repair compares spans with, computed once per entry."""

    consonants: frozenset[str]  # consonant skeletons of every form
    spoken: frozenset[str]  # consonants and long-vowel classes of the source-language forms
    long_forms: tuple[tuple[frozenset[str], ...], ...]  # the bare words of forms of several words


class Readings:
    """The reading rules of one target language, and the name profiles of one glossary."""

    def __init__(self, entries: Sequence[GlossaryEntry], source_lang: str, target_lang: str) -> None:
        self.source_lang, self.target_lang = source_lang, target_lang
        self.stopwords = EDGE_STOPWORDS.get(target_lang, frozenset())
        self._profiles: dict[int, NameProfile] = {}
        self._target_forms: dict[int, list[str]] = {}
        self._own_words: dict[int, frozenset[str]] = {}
        self.longest = max((len(f.split()) for e in entries for lang in (source_lang, target_lang)
                            for f in e.forms(lang)), default=1)

    def strip_options(self, folded: str) -> list[tuple[str, str, bool]]:
        """``(proclitic, core, definite)`` readings of a folded span's start."""
        if self.target_lang != "ar":
            expanded = expand_abbreviations(folded)
            return [("", folded, False)] + ([("", expanded, False)] if expanded != folded else [])
        options = []
        for proclitic in arabic.PROCLITICS:
            if not folded.startswith(proclitic):
                continue
            rest = folded[len(proclitic):]
            if proclitic.endswith("ل") and rest.startswith("ل") and len(rest) > 3:  # لل: ل + article
                options.append((proclitic, rest[1:], True))
            if len(rest) >= 2:
                if arabic.has_article(rest.split(" ")[0]):
                    options.append((proclitic, rest[2:], True))
                # Also the whole word: a transliteration may itself start with «ال» (ألاويت for Alawite).
                options.append((proclitic, rest, False))
        return options

    def content_words(self, folded: str) -> int:
        return sum(1 for word in folded.split() if word not in self.stopwords)

    def bare_words(self, folded: str) -> list[set[str]]:
        """Each word of a folded text that is no function word, as the set of its readings without clitics."""
        return [{word, strip_article(word)} | {core for _, core, _ in self.strip_options(word)}
                for word in folded.split() if word not in self.stopwords]

    def target_forms(self, entry: GlossaryEntry) -> list[str]:
        """The entry's target-language forms, folded, without the article (English abbreviations spelled out)."""
        targets = self._target_forms.get(id(entry))
        if targets is None:
            targets = [strip_article(fold(f)) for f in entry.forms(self.target_lang)]
            if self.target_lang == "en":
                targets = [expand_abbreviations(t) for t in targets]  # "Piquet Jr." ~ "Piquet Junior"
            self._target_forms[id(entry)] = targets
        return list(targets)

    def own_words(self, entry: GlossaryEntry) -> frozenset[str]:
        """The words of the entry's target forms without the article, no function word: a span with
        one of them written right is anchored on the name (glossary.stages.evidence)."""
        own = self._own_words.get(id(entry))
        if own is None:
            own = {strip_article(w) for f in entry.forms(self.target_lang)
                   for w in TOKEN.findall(expand_abbreviations(fold(f)))}
            own = self._own_words[id(entry)] = frozenset(own - self.stopwords - {"ال"})
        return own

    def profile(self, entry: GlossaryEntry) -> NameProfile:
        profile = self._profiles.get(id(entry))
        if profile is None:
            source_forms = [fold(f) for f in entry.forms(self.source_lang)]
            forms = self.target_forms(entry) + source_forms
            long_forms = (tuple(map(frozenset, self.bare_words(f))) for f in forms)
            profile = NameProfile(
                frozenset(skeleton(f) for f in forms),
                frozenset(skeleton(v, vowel_classes=True) for f in source_forms for v in silent_e_variants(f)),
                tuple(words for words in long_forms if len(words) >= WORDS_AGREE_FROM))
            self._profiles[id(entry)] = profile
        return profile


def joined(text: str, runs: Sequence[tuple[int, int]]) -> bool:
    """Consecutive spans separated only by what may stand between the words of one name."""
    return all(JOINER.match(text[a[1]:b[0]]) for a, b in zip(runs, runs[1:]))


def overlaps(start: int, end: int, spans: Sequence[tuple[int, int]] | SpanSet | SpanView) -> bool:
    if isinstance(spans, (SpanSet, SpanView)):
        return spans.overlaps(start, end)
    return any(start < e and s < end for s, e in spans)


class SpanSet:
    """Spans of a line (repeats allowed), asked whether a span overlaps one of them.

    Sorted by start, with the longest span's length known: only the spans
    that start less than that before the asked span can reach it, so a
    question costs the logarithm of the line's spans and the few nearby,
    not all of them (a long line has thousands of names).
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._spans: list[tuple[int, int]] = []
        self._longest = 0
        for span in spans:
            self.add(span)

    def add(self, span: tuple[int, int]) -> None:
        start, end = span
        at = bisect.bisect_right(self._starts, start)
        self._starts.insert(at, start)
        self._spans.insert(at, (start, end))
        self._longest = max(self._longest, end - start)

    def overlaps(self, start: int, end: int, excluded: Container[tuple[int, int]] | None = None) -> bool:
        """Whether ``[start, end)`` overlaps a span (one that is ``in excluded`` does not count)."""
        spans = self._spans
        for i in range(bisect.bisect_right(self._starts, start - self._longest), bisect.bisect_left(self._starts, end)):
            s, e = spans[i]
            if start < e and s < end and (excluded is None or (s, e) not in excluded):
                return True
        return False

    def without(self, excluded: Container[tuple[int, int]]) -> SpanView:
        """These spans less every one that is ``in excluded`` (a view: spans added later show in it)."""
        return SpanView(self, excluded)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self._spans)


class SpanView:
    """A :class:`SpanSet` less some spans (see :meth:`SpanSet.without`)."""

    def __init__(self, spans: SpanSet, excluded: Container[tuple[int, int]]) -> None:
        self.spans, self.excluded = spans, excluded

    def overlaps(self, start: int, end: int) -> bool:
        return self.spans.overlaps(start, end, self.excluded)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return (span for span in self.spans if span not in self.excluded)


def tokens_before(text: str, end: int, count: int) -> list[tuple[int, int]]:
    """``[m.span() for m in TOKEN.finditer(text, 0, end)][-count:]`` (``count`` >= 1), reading only the
    end of ``text[:end]``: the words of a window that holds one more word are the line's words."""
    size = 64 * (count + 1)
    while True:
        low = max(0, end - size)
        found = [m.span() for m in TOKEN.finditer(text, low, end)]
        if low == 0 or len(found) > count:
            return found[-count:]
        size *= 4


def tokens_after(text: str, start: int, count: int) -> list[tuple[int, int]]:
    """``[m.span() for m in TOKEN.finditer(text, start)][:count]``, reading only the start of ``text[start:]``."""
    size = 64 * (count + 1)
    while True:
        high = min(len(text), start + size)
        found = [m.span() for m in TOKEN.finditer(text, start, high)]
        if high == len(text) or len(found) > count:
            return found[:count]
        size *= 4


def folded_words_before(text: str, end: int, count: int) -> list[str]:
    """``TOKEN.findall(fold(text[:end]))[-count:]`` (``count`` >= 1), folding only the end of the line.

    Folding maps each character on its own (runs of spaces aside), so the
    words of a folded window that holds one more word are those of the folded line."""
    size = 64 * (count + 1)
    while True:
        low = max(0, end - size)
        found = TOKEN.findall(fold(text[low:end]))
        if low == 0 or len(found) > count:
            return found[-count:]
        size *= 4


def folded_words_after(text: str, start: int, count: int) -> list[str]:
    """``TOKEN.findall(fold(text[start:]))[:count]``, folding only the start of the rest of the line."""
    size = 64 * (count + 1)
    while True:
        high = min(len(text), start + size)
        found = TOKEN.findall(fold(text[start:high]))
        if high == len(text) or len(found) > count:
            return found[:count]
        size *= 4


def last_visible(text: str, end: int) -> int:
    """The index after the last character of ``text[:end]`` that is not white space
    (``len(text[:end].rstrip())``), found without copying the line."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def first_visible(text: str, start: int) -> int:
    """The index of the first character of ``text[start:]`` that is not white space (``len(text)`` if none)."""
    length = len(text)
    while start < length and text[start].isspace():
        start += 1
    return start


def strip_article(folded: str) -> str:
    return folded[2:] if arabic.has_article(folded.split(" ")[0]) else folded


# English abbreviations that names are written both with and without.
ABBREVIATED = {"st": "saint", "mt": "mount", "ft": "fort", "jr": "junior"}
_ABBREVIATIONS = tuple((re.compile(rf"\b{short}\.?(?= )" if short != "jr" else r"(?<= )jr\.?$"), word)
                       for short, word in ABBREVIATED.items())


@lru_cache(maxsize=65536)
def expand_abbreviations(folded: str) -> str:
    for pattern, word in _ABBREVIATIONS:
        folded = pattern.sub(word, folded)
    return folded


_SILENT_E = re.compile(r"(?<=[bcdfgklmnprstvz])e(?=s?\b)")


@lru_cache(maxsize=65536)
def silent_e_variants(folded: str) -> tuple[str, ...]:
    """A Latin-script text as written and with its word-final e silent (Alawite, «ألاويت»; Alawites, «ألاويتس»)."""
    quiet = _SILENT_E.sub("", folded)
    return (folded, quiet) if quiet != folded else (folded,)


@lru_cache(maxsize=65536)
def undoubled(text: str) -> str:
    return re.sub(r"(.)\1+", r"\1", text)

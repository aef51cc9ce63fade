"""Find glossary names in text, whatever their spelling, clitics or inflection.

Every form of every entry is expanded once into the spellings it takes in
running text (Arabic clitics, article, nisba endings; English plural and
possessive), folded (:mod:`glossary.language.normalize`) and put into one
Aho-Corasick automaton (``pyahocorasick``).  A search is then one pass over
the folded text, so its cost grows with the text and not with the glossary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from ..entry import Glossary, GlossaryEntry
from ..language import arabic
from ..language.normalize import fold, fold_with_positions, is_word_char, original_span

ENGLISH_ENDINGS = ("", "s", "es", "'s", "'")


@dataclass(frozen=True)
class Hit:
    """One glossary form that a spelling stands for."""

    entry: GlossaryEntry
    form_index: int  # 0 = the preferred form
    shape: arabic.Shape

    @property
    def is_preferred(self) -> bool:
        return self.form_index == 0


@dataclass(frozen=True)
class TermMatch:
    """A glossary name found in a text: where, as written, and which entries it stands for."""

    start: int  # character offsets in the original text, clitics included
    end: int
    text: str
    hits: tuple[Hit, ...]

    @property
    def entries(self) -> tuple[GlossaryEntry, ...]:
        seen: dict[str, GlossaryEntry] = {}
        for hit in self.hits:
            seen.setdefault(hit.entry.id, hit.entry)
        return tuple(seen.values())

    def hit_for(self, entry: GlossaryEntry) -> Hit | None:
        return next((h for h in self.hits if h.entry is entry), None)


class TermMatcher:
    """All forms of a glossary's entries in one language, ready to search.

    >>> matcher = TermMatcher(glossary, "ar")
    >>> [m.text for m in matcher.find("قصفت الطائرات مواقع بالموصل")]
    ['بالموصل']
    """

    def __init__(self, glossary: Glossary | Sequence[GlossaryEntry], lang: str) -> None:
        self.lang = lang
        entries = glossary.entries if isinstance(glossary, Glossary) else tuple(glossary)
        table: dict[str, list[Hit]] = {}
        for entry in entries:
            for form_index, form in enumerate(entry.forms(lang)):
                for spelling, shape in self._spellings(fold(form).strip(), entry.inflects):
                    if spelling:
                        table.setdefault(spelling, []).append(Hit(entry, form_index, shape))
        self._automaton = ahocorasick.Automaton()
        for spelling, hits in table.items():
            self._automaton.add_word(spelling, (len(spelling), tuple(hits)))
        self.size = len(table)
        if table:
            self._automaton.make_automaton()

    def _spellings(self, form: str, inflects: bool) -> list[tuple[str, arabic.Shape]]:
        if self.lang == "ar":
            return arabic.surface_forms(form, inflects)
        return [(form + ending, arabic.Shape()) for ending in ENGLISH_ENDINGS]

    def find(self, text: str) -> list[TermMatch]:
        """Names in ``text``, left to right, longest first where they overlap."""
        if not self.size:
            return []
        folded = fold(text)
        found = []
        for last, (length, hits) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if (start == 0 or not is_word_char(folded[start - 1])) and (end == len(folded) or not is_word_char(folded[end])):
                found.append((start, end, hits))
        if not found:
            return []
        chosen = _leftmost_longest(found)
        refolded, positions = fold_with_positions(text)
        assert refolded == folded
        matches = []
        for start, end, hits in chosen:
            orig_start, orig_end = original_span(text, positions, start, end)
            written = text[orig_start:orig_end]
            hits = tuple(h for h in hits if self._case_fits(h, written))
            if hits:
                matches.append(TermMatch(orig_start, orig_end, written, hits))
        return matches

    def _case_fits(self, hit: Hit, written: str) -> bool:
        """An acronym that is also a word matches only in capitals: "IS" (Islamic
        State) is not the verb "is", "US" is not "us"; "hts" is still HTS."""
        form = hit.entry.forms(self.lang)[hit.form_index]
        if not _acronym_is_a_word(form, self.lang):
            return True
        return all(ch.isupper() for ch in written[: len(form)] if ch.isalpha())


# Zipf frequency from which an acronym's lower-case spelling is an ordinary
# word of the language ("is", "us", "it"), as in glossary.repair.
ACRONYM_WORD_ZIPF = 3.0


@lru_cache(maxsize=None)
def _acronym_is_a_word(form: str, lang: str) -> bool:
    letters = [ch for ch in form if ch.isalpha()]
    if len(letters) < 2 or not all(ch.isupper() for ch in letters):
        return False
    from ..language.lexicon import zipf

    return zipf(form.lower(), lang) >= ACRONYM_WORD_ZIPF


def _leftmost_longest(found: list[tuple[int, int, tuple[Hit, ...]]]):
    found.sort(key=lambda item: (item[0], -item[1]))
    chosen = []
    taken_until = -1
    for start, end, hits in found:
        if start >= taken_until:
            chosen.append((start, end, hits))
            taken_until = end
    return chosen

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
        self._entries = glossary.entries if isinstance(glossary, Glossary) else tuple(glossary)
        # The automaton holds each spelling without its Arabic proclitic or English ending (a name's
        # spellings, not a dozen clitic forms of each: a 65,000-name glossary took 400 MB), as an
        # int (no Python object per key: small, and quick to save once the index is cached on
        # disk); the clitic or ending is checked beside a match (_shaped_hits).
        table: dict[str, list[tuple]] = {}
        record = 0
        for number, entry in enumerate(self._entries):
            for form_index, form in enumerate(entry.forms(lang)):
                for shape, clitics in self._bodies(fold(form).strip(), entry.inflects):
                    for key, before, after in clitics:
                        if key:
                            table.setdefault(key, []).append((record, number, form_index, shape, before, after))
                    record += 1
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self._values: list[tuple[int, tuple]] = []
        for key, records in table.items():
            self._automaton.add_word(key, len(self._values))
            self._values.append((len(key), tuple(records)))
        self.size = len(table)
        if table:
            self._automaton.make_automaton()

    def _bodies(self, form: str, inflects: bool):
        """``(shape, clitics)`` for each spelling of ``form`` before clitics or endings: ``clitics``
        lists ``(key, before, after)``, the text the automaton finds and the proclitic (with its
        number, for the order hits had when every clitic form was a key of its own) or the endings
        that may stand before and after it."""
        if self.lang != "ar":
            return [(arabic.Shape(), [(form, (("", 0),), tuple(enumerate(ENGLISH_ENDINGS)))])]
        out = []
        for body, shape in arabic.bodies(form, inflects):
            keys: dict[str, list[tuple[str, int]]] = {}
            for number, proclitic in enumerate(arabic.PROCLITICS):
                spelled = fold(arabic.attached(proclitic, body))
                keys.setdefault(spelled[len(proclitic):], []).append((proclitic, number))
            out.append((shape, [(key, tuple(before), ((0, ""),)) for key, before in keys.items()]))
        return out

    def find(self, text: str) -> list[TermMatch]:
        """Names in ``text``, left to right, longest first where they overlap."""
        if not self.size:
            return []
        folded = fold(text)
        spans: dict[tuple[int, int], list[tuple[int, Hit]]] = {}
        for last, value in self._automaton.iter(folded):
            length, records = self._values[value]
            self._shaped_hits(folded, last - length + 1, last + 1, records, spans)
        if not spans:
            return []
        found = [(start, end, tuple(hit for _, hit in sorted(hits, key=lambda item: item[0])))
                 for (start, end), hits in spans.items()]
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

    def _shaped_hits(self, folded: str, start: int, end: int, records: tuple, spans: dict) -> None:
        """The hits of a key found at ``folded[start:end]`` whose proclitic stands before it and ending
        after it, the whole a word of its own, added to ``spans`` by where they start and end."""
        before = self._clitics_before(folded, start)
        after = self._endings_after(folded, end)
        if not before or not after:
            return  # (most keys found inside another word: checked once, not record by record)
        for record, number, form_index, shape, proclitics, endings in records:
            for proclitic, order in proclitics:
                if proclitic not in before:
                    continue
                for order_after, ending in endings:
                    if ending not in after:
                        continue
                    hit = Hit(self._entries[number], form_index,
                              arabic.Shape(proclitic, shape.definite, shape.ending) if self.lang == "ar" else shape)
                    # (Ordered as when each clitic form was a key of its own: form by form, then clitic.)
                    spans.setdefault((start - len(proclitic), end + len(ending)), []).append(
                        ((record, order + order_after), hit))

    def _clitics_before(self, folded: str, start: int) -> set[str]:
        """The proclitics that stand before ``start`` and start a word there ("" where a word starts)."""
        clitics = arabic.PROCLITICS if self.lang == "ar" else ("",)
        return {p for p in clitics if start >= len(p) and folded[start - len(p):start] == p
                and (start == len(p) or not is_word_char(folded[start - len(p) - 1]))}

    def _endings_after(self, folded: str, end: int) -> set[str]:
        """The endings that follow ``end`` and end a word there ("" where a word ends)."""
        endings = ENGLISH_ENDINGS if self.lang != "ar" else ("",)
        return {e for e in endings if folded[end:end + len(e)] == e
                and (end + len(e) == len(folded) or not is_word_char(folded[end + len(e)]))}

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

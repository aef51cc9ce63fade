"""Where a source name's rendering goes in a translation line: the names the line has already.

Source-aware repair (:mod:`glossary.repair`) places each name of the source
in the translation.  A name the translation has already is claimed once, in
line order (:class:`_Available`); a name nested in a longer one («صلاح الدين»
of «محافظة صلاح الدين») does not protect its words from a fix for the longer
name (:class:`_NestedNames`), and a span that touches such names must hold
them whole (:func:`_covers_properly`).  A fix is widened over the words beside
it that its replacement repeats (:func:`_absorb_repeated_words`).  Without a
source, a span exactly as like two names of the glossary places neither
(:func:`equally_like`).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from ..entry import GlossaryEntry
from ..language.normalize import fold
from ..language.readings import TOKEN, joined, overlaps
from ..language.spans import acronym_or_brand as _acronym_or_brand
from .evidence import Candidate
from .matcher import TermMatch


class _Spans:
    """Names of a line (left to right, as the matcher finds them), asked which overlap a span."""

    def __init__(self, matches: Sequence[TermMatch]) -> None:
        self.matches = sorted(matches, key=lambda m: m.start)
        self._starts = [m.start for m in self.matches]
        self._longest = max((m.end - m.start for m in self.matches), default=0)

    def overlapping(self, start: int, end: int) -> list[TermMatch]:
        """The names that overlap ``[start, end)``, left to right."""
        low = bisect.bisect_right(self._starts, start - self._longest)
        high = bisect.bisect_left(self._starts, end)
        return [m for m in self.matches[low:high] if start < m.end and m.start < end]


class _Nested:
    """The names of a line nested in the name looked for (see :meth:`_NestedNames.within`), as the
    spans that do not count as protected: ``span in nested``."""

    def __init__(self, by_span: dict[tuple[int, int], list[TermMatch]], names: _Spans, wanted: set[str],
                 containers) -> None:
        self._by_span, self._names, self._wanted, self._containers = by_span, names, wanted, containers

    def _nested(self, match: TermMatch) -> bool:
        return all(self._containers(e.id) & self._wanted for e in match.entries)

    def __contains__(self, span) -> bool:
        return any(self._nested(m) for m in self._by_span.get(span, ()))

    def holds(self, start: int, end: int) -> bool:
        """A nested name's span holds ``[start, end)``."""
        # (A span that holds a non-empty one overlaps it.)
        names = self._names.overlapping(start, end) if start < end else self._names.matches
        return any(m.start <= start and end <= m.end and self._nested(m) for m in names)


class _NestedNames:
    """The names of a line that are part of a longer name's preferred form («صلاح الدين» of
    «محافظة صلاح الدين»), found by position rather than by reading every name of the line."""

    def __init__(self, present: Sequence[TermMatch], containers) -> None:
        self._containers = containers
        self._names = _Spans(present)
        self._by_span: dict[tuple[int, int], list[TermMatch]] = {}
        self._inside: set[str] = set()  # the entries that some name of the line is inside
        for m in present:
            self._by_span.setdefault((m.start, m.end), []).append(m)
            for e in m.entries:
                self._inside |= containers(e.id)

    def within(self, wanted: set[str]) -> _Nested | None:
        """The names all of whose entries are inside one of ``wanted`` (entry ids); None: there is none."""
        if not wanted & self._inside:
            return None
        return _Nested(self._by_span, self._names, wanted, self._containers)


class _Available:
    """The names found in the translation that no source name has claimed yet, in line order:
    the first one of some entries, taken, in the time of a few lookups however long the line."""

    def __init__(self, present: Sequence[TermMatch], group) -> None:
        self._present, self._group = present, group
        self._taken = [False] * len(present)
        self._by_group: dict[int, list[int]] = {}
        for index, match in enumerate(present):
            for g in dict.fromkeys(group(e) for e in match.entries):
                self._by_group.setdefault(g, []).append(index)
        self._next: dict[int, int] = {}

    def take_first(self, wanted: Sequence[GlossaryEntry], acronym: bool | None = None) -> TermMatch | None:
        """The first name not taken with an entry equal to one of ``wanted``, now taken (None: none);
        with ``acronym``, the first one that is (True) or is not (False) written as an acronym."""
        best = None
        for g in {self._group(e) for e in wanted}:
            indexes = self._by_group.get(g)
            if not indexes:
                continue
            position = self._next.get(g, 0)
            while position < len(indexes) and self._taken[indexes[position]]:
                position += 1
            self._next[g] = position
            if acronym is not None:  # (skip the others, which stay for a later source name)
                while position < len(indexes) and (self._taken[indexes[position]] or _acronym_or_brand(
                        self._present[indexes[position]].text) != acronym):
                    position += 1
            if position < len(indexes) and (best is None or indexes[position] < best):
                best = indexes[position]
        if best is None:
            return None
        self._taken[best] = True
        return self._present[best]


def _covers_properly(start: int, end: int, entry_id: str, touched: Sequence[TermMatch], containers) -> bool:
    """A span that touches names nested in longer ones (``touched``: those that overlap it) holds all
    of each, and is for one of those longer names."""
    for match in touched:
        inside = start <= match.start and match.end <= end
        if not inside or not any(entry_id in containers(e.id) for e in match.entries):
            return False
    return True


def _absorb_repeated_words(text: str, candidate: Candidate, others: Sequence[tuple[int, int]]) -> Candidate:
    """Widen a fix over the neighbouring words that its replacement already ends (or starts) with.

    «هيئة طهرير الشام»: «الشام» is a name of its own (the Levant), so the span
    found for Hayat Tahrir al-Sham stops before it; replacing only «هيئة طهرير»
    with the whole name would write «الشام» twice.
    """
    words = fold(candidate.after).split()
    inside = fold(text[candidate.start:candidate.end]).split()
    start, end = candidate.start, candidate.end
    # Only the few words beside the span can be absorbed: look no further (long lines stay linear).
    reach = 40 * len(words)
    following = [(m.start(), m.end()) for m in TOKEN.finditer(text, end, min(len(text), end + reach))][:len(words)]
    low = max(0, start - reach)
    preceding = [(m.start(), m.end()) for m in TOKEN.finditer(text, low, start)][-len(words):]
    if preceding and preceding[0][0] == low and low > 0 and text[low - 1].isalnum():
        preceding = preceding[1:]  # a word cut by the window is not a whole word
    for n in range(min(len(words) - 1, len(following)), 0, -1):
        run = following[:n]
        if (inside[-n:] != words[-n:] and [fold(text[a:b]) for a, b in run] == words[-n:]
                and joined(text, [(start, end), *run]) and not overlaps(end, run[-1][1], others)):
            end = run[-1][1]
            break
    for n in range(min(len(words) - 1, len(preceding)), 0, -1):
        run = preceding[-n:]
        if (inside[:n] != words[:n] and [fold(text[a:b]) for a, b in run] == words[:n]
                and joined(text, [*run, (start, end)]) and not overlaps(run[0][0], start, others)):
            start = run[0][0]
            break
    if (start, end) == (candidate.start, candidate.end):
        return candidate
    return candidate.widened(start, end)


def equally_like(proposals: Sequence[Candidate]) -> dict[int, str]:
    """For each target-only proposal (by ``id``) that another glossary name proposes another
    replacement for, on the same span with the same score, why it is at most a suggestion: nothing
    says which of the two the text means («كينسيث» is as like «كينسي» as «كينيث»).  Two entries
    with one form are no rivals."""
    by_span: dict[tuple[int, int, float], list[Candidate]] = {}
    for candidate in proposals:
        by_span.setdefault((candidate.start, candidate.end, candidate.score), []).append(candidate)
    rivals = {}
    for group in by_span.values():
        for candidate in group:
            other = next((c.after for c in group if fold(c.after) != fold(candidate.after)), None)
            if other is not None:
                rivals[id(candidate)] = f"as like «{other}», another name of the glossary: which one is meant is not clear"
    return rivals

"""Repair glossary names in machine translation output.

Two modes:

* **source-aware** (a source line is given): every glossary name found in
  the source must appear in the translation in an accepted form; when it
  does not, the span of the translation that renders it is found (a
  near-miss of the preferred form, or a transliteration of the source
  name, weighted by its position in the line) and replaced by the preferred
  form, keeping the Arabic clitics and agreeing with the ending found;
* **target-only** (no source): spans that are near-misses of a glossary
  form, or transliterate a source-language form, are replaced when the
  match is at least ``min_confidence`` sure and the span is no ordinary
  word of the language.

Repair runs in three stages, one module each: :mod:`glossary.candidates`
finds the spans that may render a name, :mod:`glossary.evidence` measures
how sure each is, and this module decides what to apply.  Every change is a
:class:`Fix` (span, before, after, entry, method, confidence); nothing
outside a fixed span changes, and accepted forms are never touched, so
repairing twice changes nothing more.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .candidates import CandidateFinder
from .entry import Glossary, GlossaryEntry
from .evidence import Candidate, EvidenceScorer
from .matcher import TermMatch, TermMatcher
from .normalize import fold
from .readings import TOKEN, Readings, joined, overlaps

DEFAULT_SOURCE_AWARE_CONFIDENCE = 0.5
DEFAULT_TARGET_ONLY_CONFIDENCE = 0.9


@dataclass(frozen=True)
class Fix:
    """One change made to a line, with the evidence for it."""

    line: int  # 1-based line number in the input
    start: int  # character span in the line before repair
    end: int
    before: str
    after: str
    entry_id: str
    method: str  # "near-miss" (spelling close to a glossary form) or "transliteration" (sounds like the source name)
    confidence: float
    source: str | None = None  # the source-text name that called for it (source-aware mode)


@dataclass(frozen=True)
class NameCheck:
    """A glossary name found in the source line and what became of it in the translation."""

    entry_id: str
    source: str
    status: str  # "correct", "repaired" or "missing"
    target: str | None


@dataclass(frozen=True)
class RepairResult:
    line: int
    text: str
    repaired: str
    fixes: tuple[Fix, ...]
    names: tuple[NameCheck, ...]


class Repairer:
    """Repairs translations into ``target_lang`` with one glossary.

    >>> repairer = Repairer(glossary, "en", "ar")
    >>> repairer.repair("نفذت القوات عمليات في موسول", source="Forces operated in Mosul").repaired
    'نفذت القوات عمليات في الموصل'
    """

    def __init__(self, glossary: Glossary, source_lang: str, target_lang: str, *, min_confidence: float | None = None,
                 source_aware_confidence: float = DEFAULT_SOURCE_AWARE_CONFIDENCE) -> None:
        self.source_lang, self.target_lang = source_lang, target_lang
        self.entries = glossary.covering(source_lang, target_lang)
        self.source_matcher = TermMatcher(self.entries, source_lang)
        self.target_matcher = TermMatcher(self.entries, target_lang)
        self.source_aware_confidence = source_aware_confidence if min_confidence is None else min_confidence
        self.target_only_confidence = DEFAULT_TARGET_ONLY_CONFIDENCE if min_confidence is None else min_confidence
        self.readings = Readings(self.entries, source_lang, target_lang)
        self.finder = CandidateFinder(self.entries, self.readings)
        self.scorer = EvidenceScorer(self.readings)

    # -- public API -------------------------------------------------------

    def repair(self, text: str, source: str | None = None, line: int = 1) -> RepairResult:
        """Repair one translated line (source-aware when ``source`` is given)."""
        present = self.target_matcher.find(text)
        if source is None:
            candidates, names = self._target_only(text, present), []
        else:
            candidates, names = self._source_aware(text, source, present)
        spans = [(c.start, c.end) for c in candidates]
        candidates = [_absorb_repeated_words(text, c, spans[:i] + spans[i + 1:]) for i, c in enumerate(candidates)]
        fixes = tuple(
            Fix(line, c.start, c.end, text[c.start:c.end], c.after, c.entry.id, c.evidence.method,
                round(c.score, 3), c.source)
            for c in candidates
        )
        return RepairResult(line, text, _apply(text, fixes), fixes, tuple(names))

    def repair_lines(self, texts: Iterable[str], sources: Iterable[str] | None = None) -> Iterator[RepairResult]:
        """Repair line after line; ``sources`` line-aligned with ``texts`` when given."""
        if sources is None:
            for number, text in enumerate(texts, start=1):
                yield self.repair(text, line=number)
        else:
            for number, (text, source) in enumerate(zip(texts, sources, strict=True), start=1):
                yield self.repair(text, source, line=number)

    # -- source-aware -----------------------------------------------------

    def _source_aware(self, text: str, source: str, present: list[TermMatch]):
        available = list(present)
        protected = [(m.start, m.end) for m in present]
        names: list[NameCheck] = []
        chosen: list[Candidate] = []
        for match in self.source_matcher.find(source):
            wanted = match.entries
            found = next((m for m in available if any(e in wanted for e in m.entries)), None)
            if found is not None:
                available.remove(found)
                completed = self.scorer.complete_shortened(text, found, match, protected)
                if completed is not None:
                    protected.append((completed.start, completed.end))
                    chosen.append(completed)
                    names.append(NameCheck(completed.entry.id, match.text, "repaired", completed.after))
                else:
                    names.append(NameCheck(wanted[0].id, match.text, "correct", found.text))
                continue
            where = (match.start + match.end) / 2 / max(len(source), 1)
            best = self._best_span(text, protected, [(e, match) for e in wanted], where)
            if best is not None and best.score >= self.source_aware_confidence:
                protected.append((best.start, best.end))
                chosen.append(best)
                names.append(NameCheck(best.entry.id, match.text, "repaired", best.after))
            else:
                names.append(NameCheck(wanted[0].id, match.text, "missing", None))
        chosen.sort(key=lambda c: c.start)
        return chosen, names

    def _best_span(self, text, protected, wanted, where) -> Candidate | None:
        best = None
        for start, end in self.finder.spans(text, protected):
            for entry, match in wanted:
                candidate = self.scorer.score(text, start, end, entry, match, where)
                if candidate and (best is None or candidate.score > best.score):
                    best = candidate
        return best

    # -- target-only ------------------------------------------------------

    def _target_only(self, text: str, present: list[TermMatch]) -> list[Candidate]:
        protected = [(m.start, m.end) for m in present]
        proposals = []
        for start, end in self.finder.spans(text, protected):
            for entry in self.finder.lookup(fold(text[start:end])):
                candidate = self.scorer.score(text, start, end, entry, None, None)
                if candidate and candidate.score >= self.target_only_confidence:
                    proposals.append(candidate)
        chosen = []
        for candidate in sorted(proposals, key=lambda c: (-c.score, c.start)):
            if not overlaps(candidate.start, candidate.end, protected):
                protected.append((candidate.start, candidate.end))
                chosen.append(candidate)
        chosen.sort(key=lambda c: c.start)
        return chosen


def _absorb_repeated_words(text: str, candidate: Candidate, others: Sequence[tuple[int, int]]) -> Candidate:
    """Widen a fix over the neighbouring words that its replacement already ends (or starts) with.

    «هيئة طهرير الشام»: «الشام» is a name of its own (the Levant), so the span
    found for Hayat Tahrir al-Sham stops before it; replacing only «هيئة طهرير»
    with the whole name would write «الشام» twice.
    """
    words = fold(candidate.after).split()
    tokens = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
    inside = fold(text[candidate.start:candidate.end]).split()
    start, end = candidate.start, candidate.end
    following = [t for t in tokens if t[0] >= end]
    preceding = [t for t in tokens if t[1] <= start]
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


def _apply(text: str, fixes: Sequence[Fix]) -> str:
    out, position = [], 0
    for fix in sorted(fixes, key=lambda f: f.start):
        out.append(text[position:fix.start])
        out.append(fix.after)
        position = fix.end
    out.append(text[position:])
    return "".join(out)


_SHARED: dict[tuple, Repairer] = {}
_SHARED_LOCK = threading.Lock()
SHARED_REPAIRERS = 16


def shared_repairer(glossary: Glossary, source_lang: str, target_lang: str,
                    min_confidence: float | None = None) -> Repairer:
    """A :class:`Repairer` built once per glossary content, languages and threshold.

    Building one compiles the glossary into automata (about 0.2 s for a
    thousand entries); repairing a line takes milliseconds.  A server that
    repairs for many visitors keeps the last few built.
    """
    key = (glossary.fingerprint, source_lang, target_lang, min_confidence)
    with _SHARED_LOCK:
        repairer = _SHARED.get(key)
    if repairer is None:
        repairer = Repairer(glossary, source_lang, target_lang, min_confidence=min_confidence)
        with _SHARED_LOCK:
            while len(_SHARED) >= SHARED_REPAIRERS:
                _SHARED.pop(next(iter(_SHARED)))
            _SHARED[key] = repairer
    return repairer

"""Repair glossary names in machine translation output.

Two modes:

* **source-aware** (a source line is given): every glossary name found in
  the source must appear in the translation in an accepted form; when it
  does not, the span of the translation that renders it is found (a
  near-miss of the preferred form, or a transliteration of the source
  name, weighted by its position in the line) and replaced by the preferred
  form, keeping the Arabic clitics and agreeing with the ending found;
* **target-only** (no source): spans that are near-misses of a glossary
  form, or transliterate a source-language form, and are no ordinary word
  of the language.

Repair runs in three stages: :mod:`glossary.candidates` finds the spans that
may render a name, :mod:`glossary.evidence` measures how sure each is, and
:mod:`glossary.decision` applies it, suggests it (its confidence is below
the apply threshold) or drops it (it would break a rule of
:mod:`glossary.invariants`, or its evidence proves no name); this module
runs them in order for each line.  Every change is a :class:`Fix` (span,
before, after, entry, method, confidence, evidence); nothing outside a fixed
span changes, and accepted forms are never touched.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .ambiguity import AMBIGUOUS, WORD, AmbiguityJudge
from .candidates import CandidateFinder
from .confidence import Calibration, load_calibration
from .decision import DROP, FIX, Decider, Decision
from .entry import Glossary
from .evidence import Candidate, EvidenceScorer
from .invariants import apply_fixes
from .arabic import Shape
from .matcher import Hit, TermMatch, TermMatcher
from .normalize import fold
from .readings import TOKEN, Readings, joined, overlaps


@dataclass(frozen=True)
class Fix:
    """One change made to a line (``kind`` "fix") or proposed (``kind`` "suggestion"), with its evidence."""

    line: int  # 1-based line number in the input
    start: int  # character span in the line before repair
    end: int
    before: str
    after: str
    entry_id: str
    method: str  # "near-miss", "transliteration", "untranslated" or "completion" (see glossary.evidence)
    confidence: float  # the estimated probability that the change is right (glossary.confidence)
    source: str | None = None  # the source-text name that called for it (source-aware mode)
    kind: str = "fix"  # "fix" (applied) or "suggestion" (listed, not applied)
    evidence: str = ""  # the evidence, in words
    reason: str = ""  # a suggestion: why it was not applied


@dataclass(frozen=True)
class NameCheck:
    """A glossary name found in the source line and what became of it in the translation."""

    entry_id: str
    source: str
    status: str  # "correct", "repaired", "suggested" (a suggestion, not applied) or "missing"
    target: str | None


@dataclass(frozen=True)
class RepairResult:
    line: int
    text: str
    repaired: str
    fixes: tuple[Fix, ...]
    names: tuple[NameCheck, ...]
    suggestions: tuple[Fix, ...] = ()


SOURCE_AWARE, TARGET_ONLY = "source-aware", "target-only"
# Candidates below these rule-based scores are not considered at all (the
# calibrated confidence decides among the rest).
SOURCE_AWARE_FLOOR = 0.45
TARGET_ONLY_FLOOR = 0.85
# How many of a source name's best spans are tried when a better one breaks an invariant.
SPANS_TRIED = 3


class Repairer:
    """Repairs translations into ``target_lang`` with one glossary.

    ``apply_threshold`` (default: the calibration's, see
    :mod:`glossary.confidence`) is the confidence a fix needs to be applied;
    less sure candidates become suggestions.

    >>> repairer = Repairer(glossary, "en", "ar")
    >>> repairer.repair("نفذت القوات عمليات في موسول", source="Forces operated in Mosul").repaired
    'نفذت القوات عمليات في الموصل'
    """

    def __init__(self, glossary: Glossary, source_lang: str, target_lang: str, *,
                 apply_threshold: float | None = None, calibration: Calibration | None = None,
                 min_confidence: float | None = None) -> None:
        self.source_lang, self.target_lang = source_lang, target_lang
        self.entries = glossary.covering(source_lang, target_lang)
        self.source_matcher = TermMatcher(self.entries, source_lang)
        self.target_matcher = TermMatcher(self.entries, target_lang)
        self.calibration = calibration or load_calibration()
        if apply_threshold is None:
            apply_threshold = min_confidence  # the option's name before confidences were calibrated
        self.apply_threshold = self.calibration.apply_threshold if apply_threshold is None else apply_threshold
        self.readings = Readings(self.entries, source_lang, target_lang)
        self.finder = CandidateFinder(self.entries, self.readings)
        self.scorer = EvidenceScorer(self.readings)
        self.decider = Decider(self.readings, self.calibration, self.apply_threshold)
        self.ambiguity = AmbiguityJudge(source_lang, target_lang)
        self._containers: dict[str, frozenset[str]] | None = None

    def containers(self, entry_id: str) -> frozenset[str]:
        """Ids of the entries whose preferred form contains a form of ``entry_id`` word for word:
        «صلاح الدين» is inside «محافظة صلاح الدين», «الشام» inside «هيئة تحرير الشام»."""
        if self._containers is None:
            by_word: dict[str, set[str]] = {}
            preferred = {}
            for entry in self.entries:
                words = fold(entry.preferred(self.target_lang)).split()
                preferred[entry.id] = f" {' '.join(words)} "
                for word in words:
                    by_word.setdefault(word, set()).add(entry.id)
            found: dict[str, frozenset[str]] = {}
            for entry in self.entries:
                out = set()
                for form in entry.forms(self.target_lang):
                    words = fold(form).split()
                    candidates = set.intersection(*(by_word.get(w, set()) for w in words)) if words else set()
                    out |= {other for other in candidates - {entry.id}
                            if f" {' '.join(words)} " in preferred[other] and len(preferred[other]) > len(form) + 2}
                found[entry.id] = frozenset(out)
            self._containers = found
        return self._containers.get(entry_id, frozenset())

    # -- public API -------------------------------------------------------

    def repair(self, text: str, source: str | None = None, line: int = 1) -> RepairResult:
        """Repair one translated line (source-aware when ``source`` is given)."""
        return self._repair(text, source, line, None)

    def _repair(self, text: str, source: str | None, line: int, trace: list | None) -> RepairResult:
        present = self.target_matcher.find(text)
        if source is None:
            decided, names = self._target_only(text, present, trace), []
        else:
            decided, names = self._source_aware(text, source, present, trace)
        fixes, suggestions = [], []
        for candidate, decision in sorted(decided, key=lambda item: item[0].start):
            fix = Fix(line, candidate.start, candidate.end, text[candidate.start:candidate.end], candidate.after,
                      candidate.entry.id, candidate.evidence.method, round(decision.confidence, 3), candidate.source,
                      decision.kind, candidate.evidence.describe(), decision.why)
            (fixes if decision.kind == FIX else suggestions).append(fix)
        return RepairResult(line, text, apply_fixes(text, fixes), tuple(fixes), tuple(names), tuple(suggestions))

    def repair_lines(self, texts: Iterable[str], sources: Iterable[str] | None = None) -> Iterator[RepairResult]:
        """Repair line after line; ``sources`` line-aligned with ``texts`` when given."""
        if sources is None:
            for number, text in enumerate(texts, start=1):
                yield self.repair(text, line=number)
        else:
            for number, (text, source) in enumerate(zip(texts, sources, strict=True), start=1):
                yield self.repair(text, source, line=number)

    def candidates(self, text: str, source: str | None = None) -> list[tuple[Candidate, Decision, bool]]:
        """Every candidate that reached the decision stage, its decision and whether its source term
        was ambiguous (for fitting the confidence model: benchmarks/fit_confidence.py)."""
        trace: list = []
        self._repair(text, source, 1, trace)
        return trace

    def _decide(self, text: str, candidate: Candidate, mode: str, ambiguous: bool,
                placed: Sequence[tuple[int, int, str]], trace: list | None) -> Decision:
        decision = self.decider.decide(text, candidate, mode, ambiguous=ambiguous, names_before=placed,
                                       ordinary_forms=self.ambiguity.ambiguous_targets(candidate.entry))
        if trace is not None:
            trace.append((candidate, decision, ambiguous))
        return decision

    # -- source-aware -----------------------------------------------------

    def _source_aware(self, text: str, source: str, present: list[TermMatch], trace: list | None):
        available = list(present)
        protected = [(m.start, m.end) for m in present]
        placed = [(m.start, m.end, e.id) for m in present for e in m.entries]
        taken: list[tuple[int, int]] = []  # spans of the candidates chosen so far
        names: list[NameCheck] = []
        chosen: list[tuple[Candidate, Decision]] = []
        for match in self.source_matcher.find(source):
            kinds = {e.id: self.ambiguity.occurrence(match, e, source) for e in match.entries}
            wanted = [e for e in match.entries if kinds[e.id] != WORD]
            if not wanted:
                continue  # "hit", "salt": an ordinary word, not the name
            found = next((m for m in available if any(e in wanted for e in m.entries)), None)
            if found is not None:
                available.remove(found)
                completed = self.scorer.complete_shortened(text, found, match, protected)
                decision = None
                if completed is not None:
                    completed = _absorb_repeated_words(text, completed, taken)
                    decision = self._decide(text, completed, SOURCE_AWARE, kinds[completed.entry.id] == AMBIGUOUS,
                                            placed, trace)
                if decision is not None and decision.kind != DROP:
                    protected.append((completed.start, completed.end))
                    taken.append((completed.start, completed.end))
                    chosen.append((completed, decision))
                    status = "repaired" if decision.kind == FIX else "suggested"
                    names.append(NameCheck(completed.entry.id, match.text, status, completed.after))
                else:
                    names.append(NameCheck(wanted[0].id, match.text, "correct", found.text))
                continue
            where = (match.start + match.end) / 2 / max(len(source), 1)
            ambiguous = all(kinds[e.id] == AMBIGUOUS for e in wanted)
            # A name inside the wanted one («صلاح الدين» of «محافظة صلاح الدين») may be part of its rendering.
            wanted_ids = {e.id for e in wanted}
            nested = [(m.start, m.end) for m in present
                      if all(self.containers(e.id) & wanted_ids for e in m.entries)]
            open_spans = [span for span in protected if span not in nested]
            best = None
            for candidate in self._best_spans(text, open_spans, [(e, match) for e in wanted], where):
                if any(candidate.start >= a and candidate.end <= b for a, b in nested):
                    continue  # only the shorter name, which is right as far as it goes ("province of Salah al-Din")
                candidate = self.scorer.detail(text, _absorb_repeated_words(text, candidate, taken))
                if overlaps(candidate.start, candidate.end, taken):
                    continue
                if candidate.evidence.variant:  # «التحرير الشام»: a short form; was its head mangled?
                    shortened = TermMatch(candidate.start, candidate.end, text[candidate.start:candidate.end],
                                          (Hit(candidate.entry, 1, Shape()),))
                    completed = self.scorer.complete_shortened(text, shortened, match, open_spans)
                    candidate = _absorb_repeated_words(text, completed, taken) if completed else candidate
                decision = self._decide(text, candidate, SOURCE_AWARE, kinds[candidate.entry.id] == AMBIGUOUS,
                                        placed, trace)
                best = (candidate, decision)
                if not decision.broken:
                    break
            if best is not None and best[1].kind != DROP:
                candidate, decision = best
                protected.append((candidate.start, candidate.end))
                taken.append((candidate.start, candidate.end))
                placed.append((candidate.start, candidate.end, candidate.entry.id))
                chosen.append(best)
                status = "repaired" if decision.kind == FIX else "suggested"
                names.append(NameCheck(candidate.entry.id, match.text, status, candidate.after))
            elif not ambiguous:  # an ambiguous term that the translation does not show was likely the word
                names.append(NameCheck(wanted[0].id, match.text, "missing", None))
        return chosen, names

    def _best_spans(self, text, protected, wanted, where) -> list[Candidate]:
        """The best-scoring candidate spans for one source name, best first."""
        found = []
        for start, end in self.finder.spans(text, protected, around=where):
            for entry, match in wanted:
                candidate = self.scorer.score(text, start, end, entry, match, where)
                if candidate and candidate.score >= SOURCE_AWARE_FLOOR:
                    found.append(candidate)
        found.sort(key=lambda c: (-c.score, c.start))
        return found[:SPANS_TRIED]

    # -- target-only ------------------------------------------------------

    def _target_only(self, text: str, present: list[TermMatch], trace: list | None) -> list[tuple[Candidate, Decision]]:
        # A name that is part of a longer one («الشام» of «هيئة تحرير الشام») may be part of its
        # mangled rendering («هيئة طهرير الشام»): spans may cover it, for the longer name only.
        soft = [m for m in present if all(self.containers(e.id) for e in m.entries)]
        protected = [(m.start, m.end) for m in present if m not in soft]
        placed = [(m.start, m.end, e.id) for m in present for e in m.entries]
        proposals = []
        for start, end in self.finder.spans(text, protected):
            for entry in self.finder.lookup(fold(text[start:end])):
                if not _covers_properly(start, end, entry.id, soft, self.containers):
                    continue
                candidate = self.scorer.score(text, start, end, entry, None, None)
                if candidate and candidate.score >= TARGET_ONLY_FLOOR:
                    proposals.append(candidate)
        soft_spans = [(m.start, m.end) for m in soft]
        chosen, taken = [], []
        for candidate in sorted(proposals, key=lambda c: (-c.score, c.start)):
            inside = [s_ for s_ in soft_spans if candidate.start <= s_[0] and s_[1] <= candidate.end]
            if overlaps(candidate.start, candidate.end, protected + [s_ for s_ in soft_spans if s_ not in inside]):
                continue
            candidate = self.scorer.detail(text, _absorb_repeated_words(text, candidate, taken))
            decision = self._decide(text, candidate, TARGET_ONLY, False, placed, trace)
            if decision.kind != DROP:
                protected.append((candidate.start, candidate.end))
                taken.append((candidate.start, candidate.end))
                placed.append((candidate.start, candidate.end, candidate.entry.id))
                chosen.append((candidate, decision))
        return chosen


def _covers_properly(start: int, end: int, entry_id: str, soft: Sequence[TermMatch], containers) -> bool:
    """A span that touches a name nested in longer ones holds all of it, and is for one of those longer names."""
    for match in soft:
        if match.start < end and start < match.end:
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


_SHARED: dict[tuple, Repairer] = {}
_SHARED_LOCK = threading.Lock()
SHARED_REPAIRERS = 16


def shared_repairer(glossary: Glossary, source_lang: str, target_lang: str,
                    apply_threshold: float | None = None) -> Repairer:
    """A :class:`Repairer` built once per glossary content, languages and threshold.

    Building one compiles the glossary into automata (about 0.2 s for a
    thousand entries); repairing a line takes milliseconds.  A server that
    repairs for many visitors keeps the last few built.
    """
    key = (glossary.fingerprint, source_lang, target_lang, apply_threshold)
    with _SHARED_LOCK:
        repairer = _SHARED.get(key)
    if repairer is None:
        repairer = Repairer(glossary, source_lang, target_lang, apply_threshold=apply_threshold)
        with _SHARED_LOCK:
            while len(_SHARED) >= SHARED_REPAIRERS:
                _SHARED.pop(next(iter(_SHARED)))
            _SHARED[key] = repairer
    return repairer

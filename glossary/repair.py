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

Repair runs in three stages: :mod:`glossary.stages.candidates` finds the spans that
may render a name, :mod:`glossary.stages.evidence` measures how sure each is, and
:mod:`glossary.stages.decision` applies it, suggests it (its confidence is below
the apply threshold) or drops it (it would break a rule of
:mod:`glossary.stages.invariants`, or its evidence proves no name); this module
runs them in order for each line.  Every change is a :class:`Fix` (span,
before, after, entry, method, confidence, evidence); nothing outside a fixed
span changes, and accepted forms are never touched.
"""

from __future__ import annotations

import bisect
import copy
import heapq
from collections.abc import Iterable, Iterator, Sequence

from .entry import Glossary, GlossaryEntry
from .language.arabic import Shape
from .language.morphology import another_form, derives_from
from .language.normalize import fold
from .language.readings import Readings, SpanSet, overlaps
from .language.spans import acronym_or_brand as _acronym_or_brand
from .results import Fix, NameCheck, RepairResult  # (their home before: importable from here too)
from .stages.ambiguity import AMBIGUOUS, WORD, AmbiguityJudge
from .stages.candidates import BLOCK_WORDS, LOOKUPS_KEPT, CandidateFinder, LineWords
from .stages.completion import complete_shortened
from .stages.confidence import Calibration, load_calibration
from .stages.decision import DROP, FIX, Decider, Decision
from .stages.evidence import Candidate, EvidenceScorer, NameScorer, span_offset
from .stages.invariants import NamesPlaced, apply_fixes
from .stages.matcher import Hit, TermMatch, TermMatcher
from .stages.placement import _absorb_repeated_words, _Available, _covers_properly, _NestedNames, _Spans, equally_like
from .stages.shortlist import entries_to_score
from .stages.verify import leftover_word, word_readings


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
    :mod:`glossary.stages.confidence`) is the confidence a fix needs to be applied;
    less sure candidates become suggestions.  ``house_style``: also apply
    "spelling" changes (another spelling of the name in use, «شيلي» for the
    glossary's «تشيلي»), which are otherwise only suggested.

    >>> repairer = Repairer(glossary, "en", "ar")
    >>> repairer.repair("نفذت القوات عمليات في موسول", source="Forces operated in Mosul").repaired
    'نفذت القوات عمليات في الموصل'
    """

    def __init__(self, glossary: Glossary, source_lang: str, target_lang: str, *,
                 apply_threshold: float | None = None, calibration: Calibration | None = None,
                 min_confidence: float | None = None, house_style: bool = False) -> None:
        self.source_lang, self.target_lang = source_lang, target_lang
        self.glossary = glossary
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
        self.house_style = house_style
        self.decider = Decider(self.readings, self.calibration, self.apply_threshold, house_style)
        self.ambiguity = AmbiguityJudge(source_lang, target_lang)
        self._containers: dict[str, frozenset[str]] | None = None
        self._other_forms: dict[tuple[str, int], bool] = {}  # (word, entry) -> is another form of its name
        self._groups: dict[int, int] | None = None

    def deciding(self, apply_threshold: float | None, house_style: bool) -> Repairer:
        """This repairer with another apply threshold or house style: the same glossary, automata,
        indexes and remembered measures (only the decisions differ), built in microseconds."""
        other = copy.copy(self)
        other.apply_threshold = self.calibration.apply_threshold if apply_threshold is None else apply_threshold
        other.house_style = house_style
        other.decider = Decider(self.readings, self.calibration, other.apply_threshold, house_style)
        return other

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
                placed: Sequence[tuple[int, int, str]], trace: list | None, rival: str | None = None) -> Decision:
        decision = self.decider.decide(text, candidate, mode, ambiguous=ambiguous, names_before=placed,
                                       ordinary_forms=self.ambiguity.ambiguous_targets(candidate.entry), rival=rival)
        if trace is not None:
            trace.append((candidate, decision, ambiguous))
        return decision

    # -- source-aware -----------------------------------------------------

    def _source_aware(self, text: str, source: str, present: list[TermMatch], trace: list | None):
        line = LineWords(text, self.readings)  # the words of the line and the spans protected so far
        for m in present:
            line.protect((m.start, m.end))
        protected = line.protected
        placed = NamesPlaced((m.start, m.end, e.id) for m in present for e in m.entries)
        taken = SpanSet()  # spans of the candidates chosen so far
        names: list[NameCheck] = []
        chosen: list[tuple[Candidate, Decision]] = []
        nested_names = _NestedNames(present, self.containers)
        ranked: dict = {}  # (entry scored, block of words) -> its spans there, by best score (see _best_spans)
        source_names = self.source_matcher.find(source)
        named = {id(e): e for m in source_names for e in m.entries}  # every entry the source names
        occurrences = [{e.id: self.ambiguity.occurrence(m, e, source) for e in m.entries} for m in source_names]
        assigned = _assign(source_names, occurrences, _Available(present, self._entry_group))
        for match, kinds, found in zip(source_names, occurrences, assigned):
            wanted = [e for e in match.entries if kinds[e.id] != WORD]
            if not wanted:
                continue  # "hit", "salt": an ordinary word, not the name
            gloss = None
            if found is not None and _acronym_or_brand(found.text) and not _acronym_or_brand(match.text):
                # The source writes the name out and the translation has only its acronym, often the
                # gloss after a mangled rendering ("Hayat Tahreer Al-Sham (HTS)"): look for that first.
                gloss, found = found, None
            if found is not None:
                completed = self._completed(text, found, match, kinds, protected, taken, placed, trace)
                if completed is not None:
                    line.protect((completed[0].start, completed[0].end))
                    taken.add((completed[0].start, completed[0].end))
                    chosen.append(completed)
                    names.append(_checked(*completed, match.text))
                else:
                    names.append(NameCheck(wanted[0].id, match.text, "correct", found.text))
                continue
            where = (match.start + match.end) / 2 / max(len(source), 1)
            other_form = self._another_form_near(line, wanted, where)
            if other_form is not None:
                # "Syrian forces" for «القوات السورية», «وفد موصلي» for "a Mosul delegation": the
                # translation renders the name in another grammatical form, rightly.
                names.append(NameCheck(wanted[0].id, match.text, "correct", other_form))
                continue
            ambiguous = all(kinds[e.id] == AMBIGUOUS for e in wanted)
            # A name inside the wanted one («صلاح الدين» of «محافظة صلاح الدين») may be part of its rendering.
            nested = nested_names.within({e.id for e in wanted})
            open_spans = protected if nested is None else protected.without(nested)
            spans = self._best_spans(line, nested, [(e, match) for e in wanted], where, ranked)
            best = self._first_decided(text, spans, match, kinds, where, nested, open_spans, taken, placed, named,
                                       trace)
            if best is not None and best[1].kind != DROP:
                candidate, decision = best
                line.protect((candidate.start, candidate.end))
                taken.add((candidate.start, candidate.end))
                placed.append((candidate.start, candidate.end, candidate.entry.id))
                chosen.append(best)
                names.append(_checked(candidate, decision, match.text))
            elif gloss is not None:
                names.append(NameCheck(wanted[0].id, match.text, "correct", gloss.text))
            elif not ambiguous:  # an ambiguous term that the translation does not show was likely the word
                names.append(NameCheck(wanted[0].id, match.text, "missing", None))
        return chosen, names

    def _first_decided(self, text: str, spans, match: TermMatch, kinds: dict, where: float, nested, open_spans,
                       taken: SpanSet, placed: NamesPlaced, named: dict, trace: list | None):
        """The first of the ranked ``spans`` that renders ``match`` and is not dropped, decided (else the
        last one decided, dropped; None if none could render it)."""
        best = None
        for candidate in spans:
            candidate = self._rendering(text, candidate, match, where, nested, open_spans, taken, placed, named)
            if candidate is None:
                continue
            decision = self._decide(text, candidate, SOURCE_AWARE, kinds[candidate.entry.id] == AMBIGUOUS,
                                    placed, trace)
            best = (candidate, decision)
            if decision.kind != DROP:
                break  # (a better span dropped, for a rule or for its evidence, lets the next one try)
        return best

    def _completed(self, text: str, found: TermMatch, match: TermMatch, kinds: dict, protected, taken: SpanSet,
                   placed: NamesPlaced, trace: list | None) -> tuple[Candidate, Decision] | None:
        """The full name where the translation has a short form of the source's name (``found``) and a
        mangled rest of it beside, decided (None: the short form stands)."""
        completed = complete_shortened(self.readings, text, found, match, protected)
        if completed is None:
            return None
        completed = _absorb_repeated_words(text, completed, taken)
        decision = self._decide(text, completed, SOURCE_AWARE, kinds[completed.entry.id] == AMBIGUOUS, placed, trace)
        return (completed, decision) if decision.kind != DROP else None

    def _rendering(self, text: str, candidate: Candidate, match: TermMatch, where: float, nested, open_spans,
                   taken: SpanSet, placed: NamesPlaced, named: dict) -> Candidate | None:
        """The span the source name ``match`` may be rendered by, measured in detail and widened over the
        whole rendering (None: it cannot be: inside a shorter name, over a fix already chosen, or
        another name the source also has)."""
        if nested is not None and nested.holds(candidate.start, candidate.end):
            return None  # only the shorter name, which is right as far as it goes ("province of Salah al-Din")
        candidate = self.scorer.detail(text, _absorb_repeated_words(text, candidate, taken))
        candidate = self._cover_the_rendering(text, candidate, match, where, open_spans, placed)
        if overlaps(candidate.start, candidate.end, taken):
            return None
        if self._renders_another_name(text[candidate.start:candidate.end], candidate.entry, named):
            return None  # «الكركوكي» is Kirkuk's adjective, which the source also names: not Iraq
        if candidate.evidence.variant:  # «التحرير الشام»: a short form; was its head mangled?
            shortened = TermMatch(candidate.start, candidate.end, text[candidate.start:candidate.end],
                                  (Hit(candidate.entry, 1, Shape()),))
            completed = complete_shortened(self.readings, text, shortened, match, open_spans)
            candidate = _absorb_repeated_words(text, completed, taken) if completed else candidate
        return candidate

    def _another_form_near(self, line: LineWords, wanted: Sequence[GlossaryEntry], where: float) -> str | None:
        """A word near where the source has the name that is another form of it (a demonym, an
        adjective, a person noun: glossary.language.morphology), as written; None: there is none."""
        words = line.window(None, where)
        if not words:
            return None
        for entry in wanted:
            found = line.memo.get(("another form", id(entry)))
            if found is None:  # where the line has such a word, found once per line and entry
                found = line.memo[("another form", id(entry))] = [
                    k for k, (start, end) in enumerate(line.tokens) if self._is_another_form(line.text[start:end], entry)]
            at = bisect.bisect_left(found, words[0])
            if at < len(found) and found[at] <= words[-1]:
                start, end = line.tokens[found[at]]
                return line.text[start:end]
        return None

    def _renders_another_name(self, written: str, entry: GlossaryEntry, named: dict[int, GlossaryEntry]) -> bool:
        """``written`` (a span) is one word that is another form of another entry the source names."""
        words = written.split()
        return len(words) == 1 and any(other.id != entry.id and self._is_another_form(written, other)
                                       for other in named.values())

    def _is_another_form(self, written: str, entry: GlossaryEntry) -> bool:
        """``written`` (one word) is another form of ``entry``'s name (remembered: lines repeat words)."""
        key = (written, id(entry))
        found = self._other_forms.get(key)
        if found is None:
            if len(self._other_forms) >= LOOKUPS_KEPT:
                self._other_forms.clear()
            lang = self.target_lang
            targets = tuple(self.readings.target_forms(entry))
            person = entry.type.upper() == "PER"
            found = any(another_form(core, targets, person) for _, core, _ in self.readings.strip_options(fold(written))) \
                or any(derives_from(reading, base, lang) for reading in word_readings(written.lower(), lang)
                       for base in (w for f in entry.forms(lang) for w in f.lower().split()))
            self._other_forms[key] = found
        return found

    def _best_spans(self, line: LineWords, nested, wanted, where, ranked: dict) -> list[Candidate]:
        """The best-scoring candidate spans for one source name, best first.

        A span's score is its best score anywhere (what its spelling says,
        measured once per spelling) less a penalty for its distance from
        where the source has the name.  The spans of the line are ranked by
        their best scores once per block of words and entry (``ranked``
        keeps them for the line); those near where the source has the name
        are taken in that order, and once the best score left is below the
        score of the last span kept, no other span can be kept.  Ties go to
        the span that starts first (then ends first, then to the first entry
        wanted), as a stable sort of the spans in line order would give."""
        words = line.window(nested, where)
        if not words:
            return []
        text, tokens, length = line.text, line.tokens, len(line.text)
        low, high = words[0], words[-1]
        scorers = [self.scorer.for_name(entry, match) for entry, match in wanted]
        lists, numbers = [], []
        for number, scorer in enumerate(scorers):
            for block in range(low // BLOCK_WORDS, high // BLOCK_WORDS + 1):
                key = (scorer.key, block)
                hopeful = ranked.get(key)
                if hopeful is None:
                    hopeful = []
                    for first, last in line.block_spans(block):
                        start, end = tokens[first][0], tokens[last][1]
                        bound = scorer.bound(text[start:end])
                        if bound is not None and bound >= SOURCE_AWARE_FLOOR:
                            hopeful.append((-bound, start, end, first, last))
                    hopeful.sort()
                    ranked[key] = hopeful
                if hopeful:
                    lists.append(hopeful)
                    numbers.append(number)
        heap = [(hopeful[0][0], i, 0) for i, hopeful in enumerate(lists)]
        heapq.heapify(heap)
        kept: list[tuple[float, int, int, int]] = []  # (-score, start, end, entry wanted), best first
        while heap:
            negative_bound, i, position = heap[0]
            if len(kept) == SPANS_TRIED and -negative_bound < -kept[-1][0]:
                break  # no span left can score as high as the last one kept
            if position + 1 < len(lists[i]):
                heapq.heapreplace(heap, (lists[i][position + 1][0], i, position + 1))
            else:
                heapq.heappop(heap)
            _, start, end, first, last = lists[i][position]
            if first < low or last > high or not line.free(first, last, nested):
                continue  # outside the words near the source name's place, or touching a name
            score = scorers[numbers[i]].value(text[start:end], span_offset(where, start, end, length))
            if score is not None and score >= SOURCE_AWARE_FLOOR:
                bisect.insort(kept, (-score, start, end, numbers[i]))
                del kept[SPANS_TRIED:]
        found = (scorers[number].candidate(text, start, end, where) for _, start, end, number in kept)
        return [candidate for candidate in found if candidate is not None]  # (None: the span is the name already)

    # -- target-only ------------------------------------------------------

    def _target_only(self, text: str, present: list[TermMatch], trace: list | None) -> list[tuple[Candidate, Decision]]:
        # A name that is part of a longer one («الشام» of «هيئة تحرير الشام») may be part of its
        # mangled rendering («هيئة طهرير الشام»): spans may cover it, for the longer name only.
        is_soft = [all(self.containers(e.id) for e in m.entries) for m in present]
        soft = _Spans([m for m, flag in zip(present, is_soft) if flag])
        protected = SpanSet((m.start, m.end) for m, flag in zip(present, is_soft) if not flag)
        placed = NamesPlaced((m.start, m.end, e.id) for m in present for e in m.entries)
        proposals = self._proposals(text, soft, protected)
        chosen, taken = [], SpanSet()
        rivals = equally_like(proposals)
        for candidate in sorted(proposals, key=lambda c: (-c.score, c.start)):
            # A nested name inside the span may go; one that only overlaps it protects its words.
            if overlaps(candidate.start, candidate.end, protected) or any(
                    not (candidate.start <= m.start and m.end <= candidate.end)
                    for m in soft.overlapping(candidate.start, candidate.end)):
                continue
            rival = rivals.get(id(candidate)) or self.finder.adjective_of_another_name(
                text[candidate.start:candidate.end], candidate.entry)
            candidate = self.scorer.detail(text, _absorb_repeated_words(text, candidate, taken))
            candidate = self._cover_the_rendering(text, candidate, None, None, protected, placed)
            decision = self._decide(text, candidate, TARGET_ONLY, False, placed, trace, rival)
            if decision.kind != DROP:
                protected.add((candidate.start, candidate.end))
                taken.add((candidate.start, candidate.end))
                placed.append((candidate.start, candidate.end, candidate.entry.id))
                chosen.append((candidate, decision))
        # A short accepted form whose missing head is mangled («هايات تحرير الشام»).
        for match in present:
            for hit in match.hits:
                if hit.is_preferred or overlaps(match.start, match.end, taken):
                    continue
                short = TermMatch(match.start, match.end, match.text, (hit,))
                completed = complete_shortened(self.readings, text, short, None, taken)
                if completed is None:
                    continue
                decision = self._decide(text, completed, TARGET_ONLY, False, placed, trace)
                if decision.kind != DROP:
                    taken.add((completed.start, completed.end))
                    placed.append((completed.start, completed.end, completed.entry.id))
                    chosen.append((completed, decision))
                    break
        return chosen

    def _proposals(self, text: str, soft: _Spans, protected: SpanSet) -> list[Candidate]:
        """Every target-only candidate of the line scoring at least ``TARGET_ONLY_FLOOR``: each span that
        may be a name, for each entry its spelling or sound may render (a nested name only whole)."""
        proposals = []
        scorers: dict[int, NameScorer] = {}
        looked_up: dict[str, list[GlossaryEntry]] = {}  # spelling -> the entries it may render (a line repeats words)
        for start, end in self.finder.spans(text, list(protected)):
            written = text[start:end]
            touched = soft.overlapping(start, end)
            entries = looked_up.get(written)
            if entries is None:
                if len(looked_up) >= LOOKUPS_KEPT:
                    looked_up.clear()
                entries = looked_up[written] = entries_to_score(self.finder, self.scorer, written, TARGET_ONLY_FLOOR)
            for entry in entries:
                if touched and not _covers_properly(start, end, entry.id, touched, self.containers):
                    continue
                name = scorers.get(id(entry))
                if name is None:
                    name = scorers[id(entry)] = self.scorer.for_name(entry, None)
                score = name.value(written, 0.0, TARGET_ONLY_FLOOR)
                if score is not None and score >= TARGET_ONLY_FLOOR:  # (only then is the candidate built)
                    candidate = name.candidate(text, start, end, None)
                    if candidate is not None:  # (None: the span is the name already)
                        proposals.append(candidate)
        return proposals

    def _cover_the_rendering(self, text: str, candidate: Candidate, match: TermMatch | None, where: float | None,
                             protected, placed: NamesPlaced) -> Candidate:
        """The candidate widened over the words beside it that look like words of the name it does not
        render yet: a fix replaces the whole rendering of a name («بهيات طحرير الشام», not only
        «طحرير الشام»), or (when the wider span is no candidate) it stays as it is and verification
        holds it back (glossary.stages.verify)."""
        for _ in range(self.readings.longest):
            found = leftover_word(text, candidate.start, candidate.end, candidate.entry, self.readings, placed)
            if found is None:
                break
            start, end = min(found[0], candidate.start), max(found[1], candidate.end)
            if overlaps(start, end, protected):
                break
            wider = self.scorer.for_name(candidate.entry, match).candidate(text, start, end, where)
            if wider is None:
                break
            candidate = self.scorer.detail(text, wider)
        end = candidate.end
        if (self.target_lang == "en" and end < len(text) and text[end] in "'\u2019" and text[end - 1].isalpha()
                and text[end - 1] not in "sS" and (end + 1 == len(text) or not text[end + 1].isalnum())
                and not (candidate.start and text[candidate.start - 1] in "'\u2018\u2019")):
            # "Al-Shar'": an apostrophe for a final ʿayn is part of the romanised name (not a quote
            # closing one that opens before the name, nor a plural's possessive).
            candidate = candidate.widened(candidate.start, end + 1)
        return candidate

    def _entry_group(self, entry: GlossaryEntry) -> int:
        """One number for entries that are equal (a glossary may list one entry twice)."""
        if self._groups is None:
            groups: dict[int, int] = {}
            buckets: dict[tuple, list[GlossaryEntry]] = {}
            for other in self.entries:
                bucket = buckets.setdefault((other.id, other.type, other.line), [])
                same = next((e for e in bucket if e == other), None)
                groups[id(other)] = groups[id(same)] if same is not None else len(groups)
                if same is None:
                    bucket.append(other)
            self._groups = groups
        group = self._groups.get(id(entry))
        if group is None:  # not one of this repairer's entries (never so in repair): equal to one of them, or none
            group = next((self._groups[id(e)] for e in self.entries if e == entry), -1 - id(entry))
        return group


def _assign(source_names: Sequence[TermMatch], occurrences: Sequence[dict], available) -> list[TermMatch | None]:
    """Which name of the translation each source name is: first one written alike (an acronym for an
    acronym: "(HTS)" is not the "Hayat Tahrir al-Sham" before it), then any."""
    assigned: list[TermMatch | None] = [None] * len(source_names)
    for alike in (True, False):
        for i, (match, kinds) in enumerate(zip(source_names, occurrences)):
            wanted = [e for e in match.entries if kinds[e.id] != WORD]
            if assigned[i] is None and wanted:
                assigned[i] = available.take_first(wanted, _acronym_or_brand(match.text) if alike else None)
    return assigned


def _checked(candidate: Candidate, decision: Decision, source_text: str) -> NameCheck:
    """The check of a source name that a candidate repairs or suggests."""
    return NameCheck(candidate.entry.id, source_text, "repaired" if decision.kind == FIX else "suggested",
                     candidate.after)

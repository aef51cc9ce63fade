"""The results of evaluation, shared by the command line, the web page and the reports.

Two structures cross module boundaries:

* :class:`ScoreReport` (``mtrepair score``): corpus scores of one or more
  systems against a reference, each with its sacrebleu signature, a 95 %
  confidence interval and, for every system after the first, the p-value of
  a paired test against the first; plus name accuracy per system.
* :class:`RoundTripReport` (``mtrepair roundtrip``): for each input line the
  translation, its glossary repair, the back-translation, sentence scores,
  which names survived and whether the line needs a human's eye.

Both are frozen dataclasses: ``dataclasses.asdict`` makes them JSON-ready.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class MetricScore:
    """One corpus-level metric of one system, as sacrebleu computed it."""

    metric: str  # sacrebleu's name: BLEU, chrF2, chrF2++, TER
    score: float
    signature: str  # sacrebleu's signature: how to reproduce the number
    ci_mean: float | None = None  # bootstrap estimate of the true mean ...
    ci_half_width: float | None = None  # ... and half the width of its 95 % interval
    p_value: float | None = None  # paired test against the first system (None for the first)

    @property
    def higher_is_better(self) -> bool:
        return self.metric != "TER"

    def significant(self, alpha: float = 0.05) -> bool:
        return self.p_value is not None and self.p_value < alpha


@dataclass(frozen=True)
class NameOccurrence:
    """A glossary name in one source line whose translation the reference confirms."""

    line: int  # 1-based
    entry_id: str
    type: str
    source: str  # as written in the source line
    expected: tuple[str, ...]  # accepted target forms, preferred first


@dataclass(frozen=True)
class NameResult:
    """What a system did with one :class:`NameOccurrence`."""

    occurrence: NameOccurrence
    exact: bool  # an accepted form appears (WMT21-style exact match, light normalisation)
    aware: bool  # an accepted form appears with Arabic clitics / inflection / spelling variants allowed


@dataclass(frozen=True)
class TypeAccuracy:
    type: str
    total: int
    exact: int
    aware: int


@dataclass(frozen=True)
class NameAccuracy:
    """Name accuracy of one system: overall, by entry type, and the names it missed."""

    total: int
    exact: int
    aware: int
    by_type: tuple[TypeAccuracy, ...]
    missed: tuple[NameOccurrence, ...]  # not found even by the Arabic-aware test

    @property
    def exact_percent(self) -> float:
        return 100 * self.exact / self.total if self.total else 0.0

    @property
    def aware_percent(self) -> float:
        return 100 * self.aware / self.total if self.total else 0.0


@dataclass(frozen=True)
class SystemScore:
    name: str  # the file it came from
    scores: tuple[MetricScore, ...]
    names: NameAccuracy | None = None

    def score(self, metric: str) -> MetricScore:
        return next(s for s in self.scores if s.metric == metric)


@dataclass(frozen=True)
class ScoreReport:
    reference: str
    systems: tuple[SystemScore, ...]  # in the order given; the first is the baseline of paired tests
    test: str | None = None  # "bs" (paired bootstrap) or "ar" (approximate randomisation); None: one system
    samples: int = 0  # bootstrap resamples / randomisation trials
    warnings: tuple[str, ...] = ()
    glossary: str | None = None
    normalized_digits: bool = False  # Eastern Arabic digits were written as 0-9 in every file first

    @property
    def metrics(self) -> tuple[str, ...]:
        return tuple(s.metric for s in self.systems[0].scores) if self.systems else ()


@dataclass(frozen=True)
class NameSurvival:
    """A glossary name of a source line and where it was found again."""

    entry_id: str
    source: str  # as written in the source line, at source[start:end]
    start: int
    end: int
    in_translation: bool  # an accepted target form is in the (repaired) translation
    in_back_translation: bool  # an accepted source form is in the back-translation

    @property
    def survived(self) -> bool:
        return self.in_translation and self.in_back_translation


@dataclass(frozen=True)
class SentenceCheck:
    """One input line after translation, repair and back-translation."""

    line: int  # 1-based record number
    source: str
    translation: str  # the forward translation (or the given MT) before repair
    repaired: str  # after glossary repair (== translation without a glossary)
    back_translation: str
    chrf: float  # back-translation vs source, sentence chrF (sacrebleu)
    bleu: float  # back-translation vs source, sentence BLEU (sacrebleu, effective order)
    fixes: tuple = field(default=())  # glossary.repair.Fix
    names: tuple[NameSurvival, ...] = ()
    reasons: tuple[str, ...] = ()  # why it is flagged; empty: not flagged
    file_line: int = 0  # where the record starts in the input file (0: same as ``line``)
    suggestions: tuple = ()  # glossary.repair.Fix proposed but below the apply threshold (not applied)

    @property
    def flagged(self) -> bool:
        return bool(self.reasons)

    @property
    def lost_names(self) -> tuple[NameSurvival, ...]:
        return tuple(n for n in self.names if not n.survived)


@dataclass(frozen=True)
class RoundTripReport:
    source_lang: str
    target_lang: str
    forward: str  # model id, or "given: FILE" when the translation was supplied
    backward: str  # model id of the reverse model
    glossary: str | None
    threshold: float  # sentences with back-translation chrF below it are flagged
    sentences: tuple[SentenceCheck, ...]  # input order
    corpus: tuple[MetricScore, ...] = ()  # back-translation vs source, whole text

    @property
    def flagged(self) -> tuple[SentenceCheck, ...]:
        """Flagged sentences first (worst chrF first), as a reader wants them."""
        return tuple(sorted((s for s in self.sentences if s.flagged), key=lambda s: (s.chrf, s.line)))

    def ordered(self) -> tuple[SentenceCheck, ...]:
        """All sentences, flagged ones first, the others in input order."""
        return self.flagged + tuple(s for s in self.sentences if not s.flagged)


"""``score``: one or more systems against a reference -> :class:`ScoreReport`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from translate.common.errors import MtrepairError

from .metrics import DEFAULT_METRICS, score_one, score_paired
from .names import NameScorer
from .results import ScoreReport, SystemScore
from .texts import TextFile, digit_style, empty_line_warnings, require_aligned, western_numerals


@dataclass(frozen=True)
class ScoreSettings:
    metrics: tuple[str, ...] = DEFAULT_METRICS
    test: str = "bs"  # paired test with two or more systems: "bs" or "ar"
    samples: int = 0  # 0: sacrebleu's default for the test
    confidence_samples: int = 1000  # bootstrap resamples for one system's interval; <= 1: none
    tokenize: str | None = None  # BLEU tokenizer (None: sacrebleu's default, 13a)
    normalize_digits: bool = False  # write Eastern Arabic digits as 0-9 in every file before scoring


def score_files(reference: TextFile, hypotheses: Sequence[TextFile], settings: ScoreSettings = ScoreSettings(), *,
                source: TextFile | None = None, glossary=None, source_lang: str | None = None,
                target_lang: str | None = None) -> ScoreReport:
    """Corpus metrics of every hypothesis file, and name accuracy when a source and glossary are given."""
    if not hypotheses:
        raise MtrepairError("give at least one --hyp file")
    for hypothesis in hypotheses:
        require_aligned(reference, hypothesis)
    if source is not None:
        require_aligned(reference, source, role="source")
    warnings = empty_line_warnings([reference, *hypotheses]) + _digit_warnings(reference, hypotheses, settings)
    references = prepared_lines(reference, settings)
    systems = [(h.path, prepared_lines(h, settings)) for h in hypotheses]
    if len(systems) == 1:
        metric_rows = [score_one(systems[0][1], references, settings.metrics, tokenize=settings.tokenize,
                                 samples=settings.confidence_samples)]
        samples = 0  # no paired test
    else:
        metric_rows, samples = score_paired(systems, references, settings.metrics, tokenize=settings.tokenize,
                                            test=settings.test, samples=settings.samples)
    metric_rows, identical = _identical_to_baseline(systems, metric_rows)
    warnings += [f"{name}: identical to the baseline {systems[0][0]}; p = 1 (no difference to test)" for name in identical]
    accuracies = [None] * len(systems)
    if glossary is not None:
        if source is None or not source_lang or not target_lang:
            raise MtrepairError("name accuracy needs --source, --glossary, --from and --to together")
        if source_lang == target_lang:
            raise MtrepairError(f"the source and the reference are both {source_lang!r}: name accuracy needs a source "
                                "in the other language (pass --from and --to if the guess is wrong)")
        scorer = NameScorer(glossary, source_lang, target_lang)
        expected = scorer.expected(source.lines, reference.lines)
        accuracies = [scorer.accuracy(expected, h.lines) for h in hypotheses]
    return ScoreReport(
        reference=reference.path,
        systems=tuple(SystemScore(name, scores, names)
                      for (name, _), scores, names in zip(systems, metric_rows, accuracies)),
        test=settings.test if len(systems) > 1 else None,
        samples=samples,
        warnings=tuple(warnings),
        glossary=getattr(glossary, "path", None),
        normalized_digits=settings.normalize_digits,
    )


def prepared_lines(text: TextFile, settings: ScoreSettings) -> list[str]:
    """The lines as the metrics see them (numerals normalised with ``normalize_digits``)."""
    return [western_numerals(line) for line in text.lines] if settings.normalize_digits else list(text.lines)


def _identical_to_baseline(systems, metric_rows):
    """A system with the baseline's very lines cannot differ from it: p = 1.

    (sacrebleu's paired bootstrap reports the smallest p-value for it, since
    no resample differs by more than the observed difference of zero.)
    """
    identical = [name for name, lines in systems[1:] if lines == systems[0][1]]
    rows = [metric_rows[0]] + [
        tuple(replace(score, p_value=1.0) for score in row) if lines == systems[0][1] else row
        for (name, lines), row in zip(systems[1:], metric_rows[1:])
    ]
    return rows, identical


def _digit_warnings(reference: TextFile, hypotheses: Sequence[TextFile], settings: ScoreSettings) -> list[str]:
    """Warn when a system writes digits in another style than the reference (١٢٠ vs 120):
    BLEU and chrF count those as different characters."""
    if settings.normalize_digits:
        return []
    share = _eastern_share(reference)
    return [f"{h.path}: {100 * _eastern_share(h):.0f} % of digits are Eastern Arabic (٠-٩) but "
            f"{100 * share:.0f} % in the reference; --normalize-digits scores ١٢٠ and 120 as equal"
            for h in hypotheses if abs(_eastern_share(h) - share) > 0.25]


def _eastern_share(text: TextFile) -> float:
    eastern, western = digit_style(text.lines)
    return eastern / (eastern + western) if eastern + western else 0.0

"""Corpus metrics through sacrebleu's own classes, with signatures, intervals and paired tests.

Nothing here recomputes a metric: BLEU, chrF, chrF++ and TER are sacrebleu's
classes with sacrebleu's defaults, so every number equals what the
``sacrebleu`` command line prints for the same files and options, and the
signature says how to reproduce it.  Confidence intervals are sacrebleu's
bootstrap (95 %, 1000 resamples, seed 12345 unless ``SACREBLEU_SEED`` says
otherwise); comparisons use its paired bootstrap or approximate
randomisation test against the first system.
"""

from __future__ import annotations

from collections.abc import Sequence

from translate.common.errors import MtrepairError

from .results import MetricScore

METRICS = ("bleu", "chrf", "chrf++", "ter")
DEFAULT_METRICS = ("bleu", "chrf")
TESTS = {"bs": "paired bootstrap resampling", "ar": "approximate randomisation"}
BOOTSTRAP_SAMPLES = 1000


def parse_metrics(spec: str) -> tuple[str, ...]:
    """``"bleu,chrf"`` -> ("bleu", "chrf"); unknown names are an error naming the choices."""
    names = tuple(dict.fromkeys(name.strip().lower() for name in spec.split(",") if name.strip()))
    unknown = [name for name in names if name not in METRICS]
    if unknown or not names:
        raise MtrepairError(f"--metrics: unknown metric {', '.join(unknown) or '(none)'}; choose from {', '.join(METRICS)}")
    return names


def build_metric(name: str, tokenize: str | None = None):
    """A fresh sacrebleu metric object with the command line's defaults."""
    from sacrebleu.metrics import CHRF, TER

    if name == "bleu":
        return bleu_metric(tokenize)
    if name == "chrf":
        return CHRF()
    if name == "chrf++":
        return CHRF(word_order=2)
    if name == "ter":
        return TER()
    raise MtrepairError(f"unknown metric {name!r}; choose from {', '.join(METRICS)}")


def bleu_metric(tokenize: str | None):
    """BLEU with ``tokenize``; a tokenizer that cannot run here is one clear error, not a traceback."""
    from sacrebleu.metrics import BLEU

    if tokenize is None:
        return BLEU()
    from sacrebleu.metrics.bleu import _TOKENIZERS

    if tokenize not in _TOKENIZERS:
        raise MtrepairError(f"--tokenize: unknown tokenizer {tokenize!r}; choose from {', '.join(sorted(_TOKENIZERS))}")
    try:
        metric = BLEU(tokenize=tokenize)
        metric.sentence_score("a test", ["a test"])  # some tokenizers need extra packages or a download
    except Exception as error:
        reason = str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__
        raise MtrepairError(f"--tokenize {tokenize}: this tokenizer cannot run here ({reason})") from None
    return metric


def score_one(hypotheses: Sequence[str], references: Sequence[str], metrics: Sequence[str], *,
              tokenize: str | None = None, samples: int = BOOTSTRAP_SAMPLES) -> tuple[MetricScore, ...]:
    """Each metric for one system, with a bootstrap 95 % interval (``samples`` <= 1: none)."""
    scores = []
    for name in metrics:
        metric = build_metric(name, tokenize)
        score = metric.corpus_score(list(hypotheses), [list(references)], n_bootstrap=max(samples, 1))
        has_ci = samples > 1
        scores.append(MetricScore(
            score.name, float(score.score), metric.get_signature().format(),
            float(score._mean) if has_ci else None, float(score._ci) if has_ci else None,
        ))
    return tuple(scores)


def score_paired(systems: Sequence[tuple[str, Sequence[str]]], references: Sequence[str], metrics: Sequence[str], *,
                 tokenize: str | None = None, test: str = "bs", samples: int = 0
                 ) -> tuple[list[tuple[MetricScore, ...]], int]:
    """Every system's metrics and p-value against ``systems[0]`` (sacrebleu's ``PairedTest``),
    and the number of resamples or trials it used.

    ``samples`` 0 takes sacrebleu's default (1000 resamples for ``bs``,
    10000 trials for ``ar``).  Intervals come from the same resamples with
    ``bs``, from 1000 bootstrap resamples with ``ar``.
    """
    from sacrebleu.significance import PairedTest

    if test not in TESTS:
        raise MtrepairError(f"unknown paired test {test!r}; choose from {', '.join(TESTS)}")
    objects = {name: build_metric(name, tokenize) for name in metrics}
    paired = PairedTest([(name, list(lines)) for name, lines in systems], objects, [list(references)],
                        test_type=test, n_samples=samples,
                        n_ar_confidence=BOOTSTRAP_SAMPLES if test == "ar" else -1)
    signatures, table = paired()
    per_system: list[list[MetricScore]] = [[] for _ in systems]
    for metric_name, results in table.items():
        if metric_name == "System":
            continue
        signature = signatures[metric_name].format()
        for row, result in zip(per_system, results):
            row.append(MetricScore(
                metric_name, float(result.score), signature,
                _float(result.mean), _float(result.ci), _float(result.p_value),
            ))
    return [tuple(row) for row in per_system], paired.n_samples


class SentenceScorer:
    """Sentence chrF and BLEU (effective order, as ``sacrebleu --sentence-level``)."""

    def __init__(self) -> None:
        from sacrebleu.metrics import BLEU, CHRF

        self._chrf, self._bleu = CHRF(), BLEU(effective_order=True)

    def __call__(self, hypothesis: str, reference: str) -> tuple[float, float]:
        chrf = self._chrf.sentence_score(hypothesis, [reference]).score
        bleu = self._bleu.sentence_score(hypothesis, [reference]).score
        return float(chrf), float(bleu)


def _float(value) -> float | None:
    return None if value is None else float(value)

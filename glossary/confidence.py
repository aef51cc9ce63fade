"""The confidence of a fix: the estimated probability that it is right, fitted on data.

Repair's rules (:mod:`glossary.decision`) drop the kinds of evidence that do
not prove a name; among the candidates they keep, the rule-based score of
:mod:`glossary.evidence` orders them from least to most sure.  An isotonic
regression per repair mode and target language (scikit-learn's
``IsotonicRegression``: the best monotone map) turns that score into the
probability that the human reference names the same entry and no word it
keeps was replaced.  Its breakpoints live in ``glossary/data/confidence.json``,
written by ``benchmarks/fit_confidence.py``, which fits on one half of the
dev data, reports on the other, both ways, and chooses the default
``--apply-threshold``.  Reading the model needs no scikit-learn: it is a
piecewise-linear function of the score.

A monotone map of one score was chosen over a logistic regression of all the
evidence: fitted on the odd and on the even dev lines, the regression's
weights changed sign between the halves (the rules had already taken out what
the other measurements could tell), while the isotonic maps agree.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .evidence import Evidence

# The most sure a fitted probability may say a fix is: dev data cannot show certainty.
MOST_SURE = 0.999


@dataclass(frozen=True)
class ConfidenceModel:
    """``P(right)`` as a piecewise-linear, never decreasing function of the rule-based score."""

    scores: tuple[float, ...]  # breakpoints, increasing
    probabilities: tuple[float, ...]  # P(right) at each breakpoint, never decreasing

    def probability(self, evidence: Evidence) -> float:
        x, xs, ys = evidence.score, self.scores, self.probabilities
        if x <= xs[0]:
            return ys[0]
        if x >= xs[-1]:
            return ys[-1]
        i = bisect.bisect_right(xs, x)
        low, high = xs[i - 1], xs[i]
        share = (x - low) / (high - low) if high > low else 1.0
        return ys[i - 1] + share * (ys[i] - ys[i - 1])


@dataclass(frozen=True)
class Calibration:
    """The fitted models and the thresholds chosen with them."""

    models: dict[str, ConfidenceModel]  # "source-aware:ar", "target-only:en", ...
    apply_threshold: float  # the default --apply-threshold
    suggest_from: float  # below this a candidate is not even suggested
    fitted: dict = field(default_factory=dict)  # how and on what the models were fitted (for people)

    def probability(self, evidence: Evidence, mode: str, target_lang: str) -> float:
        model = self.models.get(f"{mode}:{target_lang}")
        if model is None:  # a language pair the fit did not see: the rule-based score
            return evidence.score
        return model.probability(evidence)

    def to_json(self) -> dict:
        return {
            "apply_threshold": self.apply_threshold, "suggest_from": self.suggest_from, "fitted": self.fitted,
            "models": {key: {"scores": list(m.scores), "probabilities": list(m.probabilities)}
                       for key, m in self.models.items()},
        }

    @classmethod
    def from_json(cls, data: dict) -> Calibration:
        models = {key: ConfidenceModel(tuple(map(float, m["scores"])), tuple(map(float, m["probabilities"])))
                  for key, m in data["models"].items()}
        return cls(models, float(data["apply_threshold"]), float(data["suggest_from"]), data.get("fitted", {}))


CALIBRATION_FILE = "confidence.json"


def calibration_path() -> Path:
    return Path(str(resources.files("glossary") / "data" / CALIBRATION_FILE))


@lru_cache(maxsize=4)
def load_calibration(path: str | None = None) -> Calibration:
    """The shipped calibration (or the one at ``path``)."""
    with open(path or calibration_path(), encoding="utf-8") as handle:
        return Calibration.from_json(json.load(handle))


def save_calibration(calibration: Calibration, path: str | Path | None = None) -> None:
    target = Path(path or calibration_path())
    target.write_text(json.dumps(calibration.to_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

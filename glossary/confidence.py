"""The confidence of a fix: the estimated probability that it is right, fitted on data.

Repair's rules (:mod:`glossary.decision`) drop the kinds of evidence that do
not prove a name; among the candidates they keep, the rule-based score of
:mod:`glossary.evidence` orders them from least to most sure.  A logistic
calibration of that score per repair mode and target language (Platt
scaling, fitted with scikit-learn's ``LogisticRegression``) turns it into the probability that
the human reference names the same entry; a second input says whether evidence that chance
rarely produces was found.  The three numbers per model live in
``glossary/data/confidence.json``, written by ``benchmarks/fit_confidence.py``,
which fits on one half of the dev data, reports on the other, both ways, and
chooses the default ``--apply-threshold``.  Reading the model needs no
scikit-learn.

Why this model: a logistic regression over all the evidence was tried first;
fitted on the odd and on the even dev lines its weights changed sign between
the halves (the rules had already taken out what the other measurements could
tell).  An isotonic map of the score was tried next; on half the data it made
plateaus of a few wrong candidates (0.85 for every source-aware English score
below 0.7 on the odd lines, 0.99 on the even ones).  Three numbers per model,
none of them allowed to say that more evidence means less sure, are what half
of this data can fit and the other half confirm.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .evidence import Evidence

# The most sure a fitted probability may say a fix is: dev data cannot show certainty.
MOST_SURE = 0.999


# What a model reads of the evidence: the rule-based score, and whether evidence that chance rarely
# produces was found (every consonant of the name, most words of a long one, only a double letter
# differing: without a source such candidates were all right on the dev data, the others 85 %).
FEATURES = ("score", "strong")


def features(evidence: Evidence) -> tuple[float, ...]:
    return (evidence.score, float(bool(evidence.strong_kind)))


@dataclass(frozen=True)
class ConfidenceModel:
    """``P(right) = 1 / (1 + exp(-(Σ weight·feature + intercept)))``, at most :data:`MOST_SURE`;
    every weight is 0 or more (more evidence never makes a fix less likely right)."""

    weights: tuple[float, ...]  # one per FEATURES
    intercept: float

    def probability(self, evidence: Evidence) -> float:
        total = self.intercept + sum(w * x for w, x in zip(self.weights, features(evidence)))
        return min(MOST_SURE, 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, total)))))


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
            "features": list(FEATURES),
            "models": {key: {"weights": list(m.weights), "intercept": m.intercept} for key, m in self.models.items()},
        }

    @classmethod
    def from_json(cls, data: dict) -> Calibration:
        models = {key: ConfidenceModel(tuple(map(float, m["weights"])), float(m["intercept"]))
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
    from translate.outputs import write_text  # atomic, like every file mtrepair writes

    write_text(str(path or calibration_path()), json.dumps(calibration.to_json(), indent=1, ensure_ascii=False) + "\n")

"""The confidence of a fix: the estimated probability that it is right and clean, fitted on data.

Repair's rules (:mod:`glossary.stages.decision`, :mod:`glossary.stages.verify`) drop or hold
back the candidates whose evidence does not prove a name; among the rest, the
measurements of :mod:`glossary.stages.evidence` say how sure a fix is.  A model of
gradient-boosted trees (scikit-learn's ``HistGradientBoostingClassifier``,
with the probability rising with spelling, sound, the rule-based score and
evidence that chance rarely produces, never falling) turns the measurements
into the probability that the fix is right and clean, as
``benchmarks/judge.py`` judges fixes: the human reference names the entry,
and no word was lost, left over or turned into another part of speech.  It is
fitted by ``benchmarks/fit_confidence.py`` on the candidates of six systems'
machine output and of human translations of four corpora (where every change
is wrong), and that script also chooses the default ``--apply-threshold``;
every figure it reports comes from models fitted leaving out the corpus (or
system) they are measured on.  The trees live in
``glossary/data/confidence.json``; reading them needs no scikit-learn.

Why trees: the evidence interacts (a word the language knows is damning when
it is not spelled like the name, harmless when it is; without a source the
same spelling means less), which a logistic calibration of one score cannot
express: left-out machine output ranked wrong fixes below right ones with an
AUROC of 0.63-0.77 under a logistic model of all the features, 0.75-0.89
under trees.  The monotone constraints keep the model from learning that more
evidence means less sure from a handful of cases.
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
# The ways a candidate was found (Evidence.method), one input each.
METHODS = ("near-miss", "transliteration", "untranslated", "completion", "spelling")
# The kinds of evidence that chance rarely produces (Evidence.strong_kind), one input each.
STRONG_KINDS = ("letters", "consonants", "words", "doubling", "generic")
# What the trees read of a candidate, in this order.
FEATURES = ("score", "spelling", "sound", "strong", *(f"strong:{k}" for k in STRONG_KINDS), "word_zipf", "common",
            "offset", "chars", "extra_words", "name_words", "proclitic", *(f"method:{m}" for m in METHODS), "acronym",
            "foreign_run", "variant", "shorter", "source_aware", "arabic")
# +1: the probability may only rise with this input (more evidence never makes a fix less likely right).
MONOTONE = {"score": 1, "spelling": 1, "sound": 1, "strong": 1, **{f"strong:{k}": 1 for k in STRONG_KINDS}}


def features(evidence: Evidence, mode: str, target_lang: str) -> tuple[float, ...]:
    """The inputs of the model for one candidate (see :data:`FEATURES`)."""
    return (evidence.score, evidence.spelling, evidence.sound, float(bool(evidence.strong_kind)),
            *(float(evidence.strong_kind == k) for k in STRONG_KINDS),
            min(evidence.word_zipf, 7.0), float(evidence.common), evidence.offset, min(evidence.chars, 30) / 30,
            float(evidence.extra_words), float(evidence.name_words), float(bool(evidence.proclitic)),
            *(float(evidence.method == m) for m in METHODS), float(evidence.acronym), float(evidence.foreign_run),
            float(evidence.variant), float(bool(evidence.shorter)), float(mode == "source-aware"), float(target_lang == "ar"))


@dataclass(frozen=True)
class ConfidenceModel:
    """A logistic calibration of the rule-based score and of strong evidence (for tests and for
    calibrations built by hand): ``P = 1 / (1 + exp(-(w·(score, strong) + intercept)))``."""

    weights: tuple[float, ...]  # (score, strong)
    intercept: float

    def probability(self, evidence: Evidence, mode: str = "", target_lang: str = "") -> float:
        x = (evidence.score, float(bool(evidence.strong_kind)))
        return _sigmoid(self.intercept + sum(w * v for w, v in zip(self.weights, x)))

    def to_json(self) -> dict:
        return {"kind": "logistic", "weights": list(self.weights), "intercept": self.intercept}


@dataclass(frozen=True)
class TreeModel:
    """Gradient-boosted trees, calibrated: ``P = sigmoid(scale · (baseline + Σ leaf values) + shift)``.

    Each tree is a tuple of nodes ``(feature, threshold, left, right, value)``: a node whose
    feature is -1 is a leaf worth ``value``; otherwise the input at ``feature`` goes left when it
    is at most ``threshold``.  The trees rank candidates (fitted on machine output and on human
    translations, whose candidates are all wrong); ``scale`` and ``shift`` (Platt scaling, fitted on
    machine output alone) make the number the share of such fixes that are right in machine output,
    where an editor meets them."""

    baseline: float
    trees: tuple[tuple[tuple[int, float, int, int, float], ...], ...]
    scale: float = 1.0
    shift: float = 0.0

    def raw(self, x: tuple[float, ...]) -> float:
        total = self.baseline
        for nodes in self.trees:
            node = nodes[0]
            while node[0] >= 0:
                node = nodes[node[2] if x[node[0]] <= node[1] else node[3]]
            total += node[4]
        return total

    def probability(self, evidence: Evidence, mode: str, target_lang: str) -> float:
        return _sigmoid(self.scale * self.raw(features(evidence, mode, target_lang)) + self.shift)

    def to_json(self) -> dict:
        return {"kind": "trees", "features": list(FEATURES), "baseline": self.baseline, "scale": self.scale,
                "shift": self.shift, "trees": [[list(node) for node in nodes] for nodes in self.trees]}


def _sigmoid(total: float) -> float:
    return min(MOST_SURE, 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, total)))))


def _model_from_json(data: dict) -> ConfidenceModel | TreeModel:
    if data.get("kind") == "trees":
        if data["features"] != list(FEATURES):
            raise ValueError("the confidence model was fitted on other inputs; run benchmarks/fit_confidence.py")
        return TreeModel(float(data["baseline"]),
                         tuple(tuple((int(f), float(t), int(a), int(b), float(v)) for f, t, a, b, v in nodes)
                               for nodes in data["trees"]), float(data.get("scale", 1.0)), float(data.get("shift", 0.0)))
    return ConfidenceModel(tuple(map(float, data["weights"])), float(data["intercept"]))


@dataclass(frozen=True)
class Calibration:
    """The fitted models and the thresholds chosen with them."""

    models: dict[str, ConfidenceModel | TreeModel]  # "all", or per "source-aware:ar", "target-only:en", ...
    apply_threshold: float  # the default --apply-threshold
    suggest_from: float  # below this a candidate is not even suggested
    fitted: dict = field(default_factory=dict)  # how and on what the models were fitted (for people)

    def probability(self, evidence: Evidence, mode: str, target_lang: str) -> float:
        model = self.models.get(f"{mode}:{target_lang}") or self.models.get("all")
        if model is None:  # a language pair the fit did not see: the rule-based score
            return evidence.score
        return model.probability(evidence, mode, target_lang)

    def to_json(self) -> dict:
        return {"apply_threshold": self.apply_threshold, "suggest_from": self.suggest_from, "fitted": self.fitted,
                "models": {key: model.to_json() for key, model in self.models.items()}}

    @classmethod
    def from_json(cls, data: dict) -> Calibration:
        models = {key: _model_from_json(m) for key, m in data["models"].items()}
        return cls(models, float(data["apply_threshold"]), float(data["suggest_from"]), data.get("fitted", {}))


CALIBRATION_FILE = "confidence.json"


def calibration_path() -> Path:
    return Path(str(resources.files("glossary") / "data" / CALIBRATION_FILE))


@lru_cache(maxsize=16)
def load_calibration(path: str | None = None) -> Calibration:
    """The shipped calibration (or the one at ``path``)."""
    with open(path or calibration_path(), encoding="utf-8") as handle:
        return Calibration.from_json(json.load(handle))


def save_calibration(calibration: Calibration, path: str | Path | None = None) -> None:
    from translate.common.outputs import write_text  # atomic, like every file mtrepair writes

    write_text(str(path or calibration_path()), json.dumps(calibration.to_json(), ensure_ascii=False) + "\n")

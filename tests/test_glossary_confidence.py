"""The fitted confidence model (glossary/data/confidence.json) and what the apply threshold does."""

from __future__ import annotations

import re
from pathlib import Path

from glossary.confidence import FEATURES, Calibration, ConfidenceModel, load_calibration
from glossary.entry import Glossary, GlossaryEntry
from glossary.evidence import Evidence
from glossary.repair import Repairer

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_shipped_model_covers_both_modes_and_languages_and_never_punishes_evidence():
    calibration = load_calibration()
    assert set(calibration.models) == {f"{mode}:{lang}" for mode in ("source-aware", "target-only") for lang in ("ar", "en")}
    for model in calibration.models.values():
        assert len(model.weights) == len(FEATURES) and min(model.weights) >= 0
    assert 0.5 <= calibration.suggest_from < calibration.apply_threshold < 1
    assert calibration.fitted["lines"] == "all" and calibration.fitted["command"].startswith("python benchmarks/")


def test_the_readme_states_the_shipped_default_threshold():
    stated = re.search(r"when its confidence is at least `--apply-threshold`: by default ([0-9.]+)", README.read_text())
    assert stated and float(stated.group(1)) == load_calibration().apply_threshold


def test_more_evidence_never_means_less_sure():
    model = ConfidenceModel((20.0, 3.0), -17.0)
    scores = [model.probability(Evidence("near-miss", x / 20)) for x in range(21)]
    assert scores == sorted(scores) and scores[-1] <= 0.999
    assert model.probability(Evidence("near-miss", 0.9, strong_kind="consonants")) > model.probability(Evidence("near-miss", 0.9))


def test_the_threshold_decides_between_fix_and_suggestion():
    mosul = Glossary((GlossaryEntry("mosul", {"en": ("Mosul",), "ar": ("الموصل",)}, type="LOC", ambiguity="name"),),
                     ("en", "ar"))
    sure = Calibration({"target-only:ar": ConfidenceModel((0.0, 0.0), 2.0)}, apply_threshold=0.85, suggest_from=0.5)
    unsure = Calibration({"target-only:ar": ConfidenceModel((0.0, 0.0), 0.0)}, apply_threshold=0.85, suggest_from=0.4)
    line = "قصفت الطائرات موسول أمس"
    fixed = Repairer(mosul, "en", "ar", calibration=sure).repair(line)
    suggested = Repairer(mosul, "en", "ar", calibration=unsure).repair(line)
    assert fixed.repaired == "قصفت الطائرات الموصل أمس" and fixed.fixes[0].confidence == 0.881
    assert suggested.repaired == line and suggested.suggestions[0].confidence == 0.5
    assert "below the apply threshold 0.85" in suggested.suggestions[0].reason
    # Below suggest_from, not even a suggestion.
    nothing = Calibration({"target-only:ar": ConfidenceModel((0.0, 0.0), -1.0)}, apply_threshold=0.85, suggest_from=0.5)
    assert Repairer(mosul, "en", "ar", calibration=nothing).repair(line).suggestions == ()

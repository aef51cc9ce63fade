"""The fitted confidence model (glossary/data/confidence.json) and what the apply threshold does."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.confidence import MONOTONE, Calibration, ConfidenceModel, TreeModel, load_calibration
from glossary.entry import Glossary, GlossaryEntry
from glossary.evidence import Evidence
from glossary.repair import Repairer

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_shipped_model_is_fitted_on_every_unit_and_read_without_scikit_learn():
    calibration = load_calibration()
    assert set(calibration.models) == {"all"} and isinstance(calibration.models["all"], TreeModel)
    assert 0.5 <= calibration.suggest_from < 0.9 <= calibration.apply_threshold < 1
    assert calibration.fitted["left_out"] is None and calibration.fitted["command"].startswith("python benchmarks/")
    # Each unit left out had its own threshold, chosen on the others (benchmarks/fit_confidence.py).
    assert set(calibration.fitted["thresholds_left_out"]) >= {"opusmt", "flores", "ntrex"}


_EVIDENCE = st.builds(
    Evidence, st.sampled_from(["near-miss", "transliteration", "untranslated", "completion", "spelling"]),
    st.floats(0.4, 1.0), spelling=st.floats(0.0, 1.0), sound=st.floats(0.0, 1.0), word_zipf=st.floats(0.0, 7.0),
    common=st.booleans(), offset=st.floats(0.0, 1.0), chars=st.integers(1, 40), extra_words=st.integers(0, 2),
    name_words=st.integers(0, 3), proclitic=st.sampled_from(["", "و", "بال"]), acronym=st.booleans(),
    strong_kind=st.sampled_from(["", "letters", "consonants", "words", "doubling", "generic"]))


@settings(max_examples=300, deadline=None)
@given(_EVIDENCE, st.sampled_from(["source-aware", "target-only"]), st.sampled_from(["ar", "en"]),
       st.sampled_from(sorted(MONOTONE)), st.floats(0.0, 0.3))
def test_more_evidence_never_makes_the_shipped_model_less_sure(evidence, mode, lang, name, more):
    """The trees are fitted with monotone constraints: a closer spelling or sound, a higher score or
    evidence that chance rarely produces never lowers the probability."""
    from dataclasses import replace

    model = load_calibration()
    if name.startswith("strong"):  # any evidence that chance rarely produces, or that kind of it
        stronger = replace(evidence, strong_kind=name.partition(":")[2] or evidence.strong_kind or "consonants")
        if evidence.strong_kind and stronger.strong_kind != evidence.strong_kind:
            return  # another kind, not more evidence
    else:
        stronger = replace(evidence, **{name: min(1.0, getattr(evidence, name) + more)})
    assert model.probability(stronger, mode, lang) >= model.probability(evidence, mode, lang) - 1e-12


def test_the_readme_states_the_shipped_default_threshold():
    stated = re.search(r"when its confidence is at least `--apply-threshold`: by default\s+([0-9.]+)", README.read_text())
    assert stated and float(stated.group(1)) == load_calibration().apply_threshold


def test_a_hand_made_logistic_model_never_means_less_sure_for_more_evidence():
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

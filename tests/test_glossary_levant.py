"""Levant news with the built-in glossary: every mangled name fixed, nothing else edited, byte for byte.

The cases (tests/fixtures/levant/cases.jsonl, written for this test) cover the
names a Levant newsroom needs most (Hayat Tahrir al-Sham, Alawites, Salah
al-Din province) in several mangled spellings, with and without a source and
with clitics, and every class of damage repair must not do.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.files import load_glossary
from glossary.invariants import numbers
from glossary.repair import Repairer

CASES = [json.loads(line) for line in
         (Path(__file__).parent / "fixtures" / "levant" / "cases.jsonl").read_text(encoding="utf-8").splitlines()]
# What repair does not do yet, each for a reason it cannot see; strict: a case that starts to pass fails here.
KNOWN = {
    "ala-05": "agreement: the subject needs «العلويون», repair writes the preferred «العلويين»",
    "ala-06": "agreement: an adjective after «ضابط» needs «علوي», repair writes the preferred «العلويين»",
    "ala-08": "target-only «ألاوايت» (an extra alif) is not close enough to any form of the name",
    # Held back as a suggestion below the fitted apply threshold (0.95): the confidence model, fitted
    # leaving each unit out, puts these just below it (BENCHMARKS.md, issue 21); each refit moves such
    # borderline confidences by a few thousandths (Raqqa was applied at 0.951 before the fifth round).
    "sal-01": "a suggestion at 0.947 (a name cut short with another word for province), below 0.95",
    "oth-06": "a suggestion at 0.947 (source-aware «راكا», Raqqa written with a k), below 0.95",
}
_REPAIRERS: dict[tuple[str, str], Repairer] = {}


def repairer(direction: str) -> Repairer:
    source, target = direction.split("-")
    if (source, target) not in _REPAIRERS:
        _REPAIRERS[(source, target)] = Repairer(load_glossary("levant-news", source, target), source, target)
    return _REPAIRERS[(source, target)]


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(reason=KNOWN[c["id"]], strict=True)] if c["id"] in KNOWN else [])
    for c in CASES])
def test_levant_case(case):
    result = repairer(case["direction"]).repair(case["mt"], case["source"])
    assert result.repaired == case["expected"], case["why"]
    assert numbers(result.repaired) == numbers(case["mt"])


def test_the_cases_cover_every_damage_class_and_the_three_names():
    classes = {c["class"] for c in CASES}
    assert classes >= {"repair-hts", "repair-alawite", "repair-salah-al-din", "common-source-word",
                       "ordinary-target-word", "number", "neighbour-word", "acronym-parenthesis", "name-twice",
                       "generic-word", "correct-text"}
    for name in ("repair-hts", "repair-alawite", "repair-salah-al-din"):
        mine = [c for c in CASES if c["class"] == name]
        assert any(c["source"] is None for c in mine) or name == "repair-salah-al-din"
        assert any(c["source"] for c in mine) and any(c["direction"] == "ar-en" for c in mine)
    assert sum(c["expected"] == c["mt"] for c in CASES) >= 40  # text that needs no repair

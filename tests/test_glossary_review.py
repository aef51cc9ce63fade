"""An editor's review of repairs (glossary.review): each change accepted or rejected, the text follows."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.files import load_glossary
from glossary.repair import Fix, Repairer
from glossary.review import ACCEPTED, REJECTED, Review
from test_glossary_invariants import line_and_glossary

SOURCE = "HTS fighters entered Mosul."
MT = "دخل مقاتلو HTS مدينة موسول."


@pytest.fixture(scope="module")
def levant():
    return Repairer(load_glossary("levant-news", "en", "ar"), "en", "ar")


@pytest.fixture
def review(levant):
    return Review.of(levant.repair_lines([MT], [SOURCE]))


def test_it_starts_from_mtrepairs_decisions_fixes_accepted_suggestions_not(review):
    hts, mosul = review.changes  # in reading order
    assert (hts.before, hts.kind) == ("HTS", "suggestion") and (mosul.before, mosul.kind) == ("موسول", "fix")
    assert review.accepted == (False, True)
    assert review.texts() == ["دخل مقاتلو HTS مدينة الموصل."]


def test_accepting_a_suggestion_and_rejecting_a_fix_change_only_those_words(review):
    accepted, _ = review.decide(1, True)
    assert accepted.texts() == ["دخل مقاتلو هيئة تحرير الشام مدينة الموصل."]
    rejected, _ = accepted.decide(2, False)
    assert rejected.texts() == ["دخل مقاتلو هيئة تحرير الشام مدينة موسول."]
    assert review.accept_where(lambda change: False).texts() == [MT]  # everything rejected: the text as it came


def test_the_report_records_each_decision_beside_mtrepairs(review):
    decided, _ = review.with_decisions({1: True, 2: False})
    hts, mosul = decided.records()
    assert (hts["kind"], hts["decision"], hts["by_editor"]) == ("suggestion", ACCEPTED, True)
    assert (mosul["kind"], mosul["decision"], mosul["by_editor"]) == ("fix", REJECTED, True)
    assert (mosul["before"], mosul["after"], mosul["entry_id"]) == ("موسول", "الموصل", "lev-0037")
    assert decided.counts() == {"accepted": 1, "rejected": 1, "by_editor": 2}
    assert [r["decision"] for r in review.records()] == [REJECTED, ACCEPTED]


def test_names_still_missing_are_in_the_report_as_mtrepair_repair_writes_them(levant):
    [result] = levant.repair_lines(["دخل المقاتلون المدينة."], ["HTS fighters entered Mosul."])
    records = Review.of([result]).records(file_lines=[7])
    mosul = [r for r in records if r["kind"] == "missing" and r["source"] == "Mosul"]
    # the fields of `mtrepair repair --report` (translate/cli/glossary.py): the NameCheck and where it is
    assert mosul == [{"kind": "missing", "line": 1, "file_line": 7, "entry_id": "lev-0037", "source": "Mosul",
                      "status": "missing", "target": None}]


def test_a_round_trips_lost_names_are_missing_in_the_report_only_when_not_in_the_translation():
    from eval.results import NameSurvival, SentenceCheck

    names = (NameSurvival("lev-0037", "Mosul", 0, 5, False, False), NameSurvival("x", "Hama", 9, 13, True, False))
    sentence = SentenceCheck(3, "Mosul and Hama", "موسول وحماة", "موسول وحماة", "Mosul and Hama", 50.0, 40.0,
                             names=names)
    [missing] = [r for r in Review.of([sentence]).records() if r["kind"] == "missing"]
    assert (missing["entry_id"], missing["source"], missing["line"]) == ("lev-0037", "Mosul", 3)


def _fix(start, end, after, kind="fix", confidence=0.9, line=1):
    return Fix(line, start, end, "x" * (end - start), after, "e", "near-miss", confidence, kind=kind)


class _Result:
    def __init__(self, line, text, fixes, suggestions=()):
        self.line, self.text, self.fixes, self.suggestions = line, text, tuple(fixes), tuple(suggestions)


def test_two_renderings_of_the_same_words_are_never_both_in_the_text():
    text = "aa bbbb cc"
    fix, rival = _fix(3, 7, "NAME"), _fix(3, 10, "OTHER NAME", kind="suggestion", confidence=0.5)
    review = Review.of([_Result(1, text, [fix], [rival])])
    assert review.texts() == ["aa NAME cc"]
    chosen, set_aside = review.decide(2, True)  # the rival wins, the fix is set aside
    assert set_aside == [1] and chosen.accepted == (False, True)
    assert chosen.texts() == ["aa OTHER NAME"]
    # Accepting all: the surer of two rivals.
    assert review.accept_where(lambda change: True).texts() == ["aa NAME cc"]
    # One edit that swaps them keeps the one newly accepted...
    swapped, _ = review.with_decisions({1: False, 2: True})
    assert swapped.texts() == ["aa OTHER NAME"]
    # ... and so does a tick on the rival while the first is still ticked (the table sends both).
    ticked, set_aside = review.with_decisions({1: True, 2: True})
    assert ticked.accepted == (False, True) and set_aside == [1] and ticked.texts() == ["aa OTHER NAME"]
    back, set_aside = ticked.with_decisions({1: True, 2: True})
    assert back.accepted == (True, False) and set_aside == [2]


def test_changes_of_different_lines_never_set_each_other_aside():
    review = Review.of([_Result(1, "aa bb", [_fix(0, 2, "A", line=1)]),
                        _Result(2, "aa bb", [], [_fix(0, 2, "B", kind="suggestion", line=2)])])
    both, set_aside = review.decide(2, True)
    assert set_aside == [] and both.texts() == ["A bb", "B bb"]


def test_a_change_that_does_not_exist_is_refused(review):
    with pytest.raises(ValueError, match="no change 3"):
        review.decide(3, True)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from(["ar", "en"]))
def test_whatever_is_decided_only_accepted_spans_change(data, script):
    line, glossary = data.draw(line_and_glossary(script))
    source_lang, target_lang = ("en", "ar") if script == "ar" else ("ar", "en")
    repairer = Repairer(glossary, source_lang, target_lang, apply_threshold=0.5)
    result = repairer.repair(line)
    review = Review.of([result])
    assert review.texts() == [result.repaired]  # mtrepair's decisions give mtrepair's text
    if not review.changes:
        return
    wanted = {n: data.draw(st.booleans()) for n in range(1, len(review.changes) + 1)}
    decided, _ = review.with_decisions(wanted)
    [text] = decided.texts()
    # Rebuild the text from the original outside the accepted spans: nothing else may differ.
    accepted = sorted(decided.accepted_changes(), key=lambda f: f.start)
    for one, two in zip(accepted, accepted[1:]):
        assert one.end <= two.start  # never two renderings of the same words
    changes = review.changes
    if all(a.end <= b.start for a, b in zip(changes, changes[1:])):
        assert decided.accepted == tuple(wanted[n] for n in range(1, len(changes) + 1))  # as decided
    position, expected = 0, []
    for change in accepted:
        expected += [line[position:change.start], change.after]
        position = change.end
    assert text == "".join(expected) + line[position:]
    assert [r["decision"] == ACCEPTED for r in decided.records() if r["kind"] != "missing"] == list(decided.accepted)


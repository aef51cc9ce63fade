"""The page's review and glossary handlers (page/, beside app.py) called as the page calls them (no
browser, no model)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import ROOT
from glossary.files import DEFAULT_GLOSSARY, load_glossary


def shown(markdown: str) -> str:
    """What a Markdown output reads as in the page."""
    import html
    import re

    from markdown_it import MarkdownIt

    return html.unescape(re.sub(r"<[^>]+>", "", MarkdownIt("commonmark").render(markdown))).strip()


@pytest.fixture(scope="module")
def page():
    """The page's panels, imported as app.py imports them."""
    sys.path.insert(0, str(ROOT))
    from page import glossary_panel, repair_panel, review

    yield SimpleNamespace(glossary=glossary_panel, repair=repair_panel, review=review)
    sys.path.remove(str(ROOT))


@pytest.fixture
def repaired(page):
    """The Repair tab's answer for a fix (Mosul) and a suggestion (HTS)."""
    glossary = load_glossary(DEFAULT_GLOSSARY)
    return page.repair.repair_text("English → Arabic", "دخل مقاتلو HTS مدينة موسول.", "HTS fighters entered Mosul.", glossary, None)


def test_the_decisions_are_read_by_change_number_whatever_the_table_looks_like(page, repaired):
    review, _, table = repaired[:3]
    assert list(table["apply"]) == [False, True]
    edited = table.iloc[::-1].copy()  # the person sorted the table
    edited["apply"] = edited["apply"].astype(object)
    edited.loc[edited["#"] == 1, "apply"] = "True"  # a browser can send the tick as a string
    edited.loc[edited["#"] == 2, "apply"] = "False"
    edited.loc[len(edited)] = [True, "x", "y", "sure (1.00)", "", 1, "", None]  # and a row added by hand
    state, pieces, shown, text, text_file, report_file, note = page.review.decide(review, edited, "repaired")
    assert text == "دخل مقاتلو هيئة تحرير الشام مدينة موسول."
    assert list(shown["#"]) == [1, 2] and list(shown["apply"]) == [True, False]  # the table as it is decided
    assert Path(text_file).read_text(encoding="utf-8") == text + "\n"
    decisions = [json.loads(line)["decision"] for line in Path(report_file).read_text(encoding="utf-8").splitlines()]
    assert decisions == ["accepted", "rejected"]
    assert note == "2 changes to review: 1 accepted, 1 rejected (2 by you)."


def test_the_buttons_accept_the_sure_ones_all_or_none(page, repaired):
    review = repaired[0]
    assert page.review.accept_all(review, "repaired")[3] == "دخل مقاتلو هيئة تحرير الشام مدينة الموصل."
    assert page.review.reject_all(review, "repaired")[3] == "دخل مقاتلو HTS مدينة موسول."
    rejected = page.review.reject_all(review, "repaired")[0]
    assert page.review.accept_sure(rejected, "repaired")[3] == "دخل مقاتلو HTS مدينة الموصل."


def _edited(page):
    glossary = load_glossary(DEFAULT_GLOSSARY)
    return page.glossary.save_entry(glossary, "", "Testville", "تستفيل")[0]


def test_a_header_less_two_column_file_waits_for_the_column_order(page, tmp_path):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("تستفيل\tTestville\n", encoding="utf-8")
    current = load_glossary(DEFAULT_GLOSSARY)
    out = page.glossary.upload_glossary(str(pairs), current)
    assert out[0] is current  # nothing changes yet
    assert out[8]["visible"] is True and out[9]["value"] == "Arabic, then English"  # guessed from the scripts
    out = page.glossary.load_columns(str(pairs), "Arabic, then English", current)
    assert out[0].entries[0].terms == {"ar": ("تستفيل",), "en": ("Testville",)}
    assert out[2]["value"] == "uploaded: pairs.tsv"


def test_a_file_that_cannot_be_loaded_keeps_the_edits_and_their_warning(page, tmp_path):
    one_column = tmp_path / "names.tsv"
    one_column.write_text("Mosul\nHama\n", encoding="utf-8")
    edited = _edited(page)
    pending = page.glossary.choose_glossary("FLORES-101 example names", edited)
    assert pending[0] is edited and "Your edits are kept" in pending[6]
    out = page.glossary.upload_glossary(str(one_column), edited)
    assert out[0] is edited
    assert "names.tsv was not loaded:" in shown(out[1]) and "--from" not in shown(out[1])  # in the page's words
    assert all(update == {"__type__": "update"} for update in out[4:7])  # the warning stays as it was


def test_discarding_the_edits_switches_to_the_glossary_asked_for(page):
    edited = _edited(page)
    pending = page.glossary.choose_glossary("FLORES-101 example names", edited)[4]
    out = page.glossary.discard_edits(edited, None, pending)
    assert out[0].path.endswith("flores-names.tsv") and out[2]["value"] == "FLORES-101 example names"
    assert out[5]["visible"] is False


def test_each_output_is_named_once_by_its_field(page):
    reviewed = page.review.Reviewed
    assert reviewed().values() == ({"__type__": "update"},) * 7  # nothing named: nothing changes
    with pytest.raises(TypeError, match="outputs are"):
        reviewed.components(state=1, highlighted=2, table=3, text=4, file=5, report=6)  # the note left out
    repaired = page.repair.Repaired
    assert repaired.components(review=list("abcdefg"), summary="h", counts="i", text_note="j",
                               action_note="k") == list("abcdefghijk")


def test_confidence_is_shown_in_words_with_the_number(page, repaired):
    table = repaired[2]
    # The fix of «موسول» is sure; the suggestion for the acronym HTS, held back as writers often keep
    # it, is not, whatever its number.
    assert list(table["confidence"]) == [f"likely ({repaired[0].changes[0].confidence:.2f})", "sure (1.00)"]


def test_the_bands_follow_the_shipped_apply_threshold(page):
    from glossary.confidence import load_calibration

    band, threshold = page.review.confidence_band, load_calibration().apply_threshold
    assert band(threshold) == "sure" and band(0.999) == "sure"  # what mtrepair applies by default
    assert band(threshold - 0.001) == "likely" and band(0.8) == "likely" and band(0.99, suggested=True) == "likely"
    assert band(0.799) == "check" and band(0.1) == "check"
    assert page.review.confidence_words(0.9876) == "sure (0.99)"


def test_the_report_names_the_band_of_each_change(page, repaired):
    report = repaired[5]
    records = [json.loads(line) for line in Path(report).read_text(encoding="utf-8").splitlines()]
    changes = [r for r in records if "confidence" in r]
    assert [r["confidence_band"] for r in changes] == ["likely", "sure"]


def test_the_summary_follows_the_editors_decisions(page):
    glossary = load_glossary(DEFAULT_GLOSSARY)
    out = page.repair.repair_text("English → Arabic", "دخل مقاتلو HTS مدينة موسول.\nزار لاتاكيا.",
                                  "HTS fighters entered Mosul.\nHe visited Latakia.", glossary, None)
    review, summary, counts = out[0], out[7], out[8]
    assert summary.startswith("2 names repaired in 2 of 2 lines")
    follow = page.review._following(lambda r: page.review.reject_all(r, "repaired"), True)
    assert follow(review, counts)[-1].startswith("0 names repaired in 0 of 2 lines")
    follow = page.review._following(lambda r: page.review.accept_all(r, "repaired"), True)
    assert follow(review, counts)[-1].startswith("3 names repaired in 2 of 2 lines")
    table = out[2].copy()
    table["apply"] = [n == 3 for n in table["#"]]  # the editor clears the fix of «موسول» (#2; #1 is HTS)
    follow = page.review._following(lambda r, t: page.review.decide(r, t, "repaired"), True)
    assert follow(review, table, counts)[-1].startswith("1 name repaired in 1 of 2 lines")


def test_the_table_speaks_an_editors_words(page, repaired):
    table = repaired[2]
    assert list(table.columns) == ["apply", "before", "after", "confidence", "why", "line", "glossary entry", "#"]
    hts, mosul = table["why"]
    assert hts.startswith("suggested (left untranslated): ") and "Not applied: writers often keep" in hts
    assert mosul.startswith("applied (sounded out): ")


def test_the_report_lists_the_changes_then_the_missing_names(page):
    glossary = load_glossary(DEFAULT_GLOSSARY)
    out = page.repair.repair_text("English → Arabic", "زار المدينة.\nدخل مقاتلو موسول.\nزار لاتاكيا.",
                                  "He visited Damascus.\nFighters entered Mosul.\nHe visited Latakia.", glossary, None)
    kinds = [json.loads(line)["kind"] for line in Path(out[5]).read_text(encoding="utf-8").splitlines()]
    assert kinds == ["fix", "fix", "missing"]  # Damascus (line 1) is missing: listed after line 2's and 3's fixes


def test_a_program_decides_one_change_by_its_number(page, repaired):
    from page.notes import Problem

    review = repaired[0]
    out = page.review.decide_one(review, 2, False, "repaired")
    assert out[3] == "دخل مقاتلو HTS مدينة موسول." and list(out[2]["apply"]) == [False, False]
    out = page.review.decide_one(out[0], 1, True, "repaired")
    assert out[3] == "دخل مقاتلو هيئة تحرير الشام مدينة موسول."
    assert Path(out[4]).read_text(encoding="utf-8") == out[3] + "\n"
    with pytest.raises(Problem, match="There is no change 3: the review has 2"):
        page.review.decide_one(review, 3, True, "repaired")


@pytest.mark.parametrize("query", ["موسول", "والموصل", "بالموصل", "Mosel", "lev-0037"])
def test_the_glossary_search_finds_a_name_by_any_spelling_repair_takes(page, query):
    table = page.glossary.search_glossary(load_glossary(DEFAULT_GLOSSARY), query)[0]
    assert list(table["en"])[0].startswith("Mosul"), (query, list(table["en"])[:5])

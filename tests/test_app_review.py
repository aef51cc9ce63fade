"""The page's review and glossary handlers called as the page calls them (no browser, no model)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def app():
    sys.path.insert(0, str(ROOT))
    import app as page

    yield page
    sys.path.remove(str(ROOT))


@pytest.fixture
def repaired(app):
    """The Repair tab's answer for a fix (Mosul) and a suggestion (HTS)."""
    glossary = app.load_glossary(app.DEFAULT_GLOSSARY)
    return app.repair_text("English → Arabic", "دخل مقاتلو HTS مدينة موسول.", "HTS fighters entered Mosul.", glossary, "")


def test_the_decisions_are_read_by_change_number_whatever_the_table_looks_like(app, repaired):
    review, _, table = repaired[:3]
    assert list(table["apply"]) == [False, True]
    edited = table.iloc[::-1].copy()  # the person sorted the table
    edited["apply"] = edited["apply"].astype(object)
    edited.loc[edited["#"] == 1, "apply"] = "True"  # a browser can send the tick as a string
    edited.loc[edited["#"] == 2, "apply"] = "False"
    edited.loc[len(edited)] = [True, "x", "y", 1.0, "", "", 1, "", "", None]  # and a row added by hand
    state, pieces, shown, text, text_file, report_file, note = app.decide(review, edited, "repaired")
    assert text == "دخل مقاتلو هيئة تحرير الشام مدينة موسول."
    assert list(shown["#"]) == [1, 2] and list(shown["apply"]) == [True, False]  # the table as it is decided
    assert Path(text_file).read_text(encoding="utf-8") == text + "\n"
    decisions = [json.loads(line)["decision"] for line in Path(report_file).read_text(encoding="utf-8").splitlines()]
    assert decisions == ["accepted", "rejected"]
    assert note == "2 changes to review: 1 accepted, 1 rejected (2 by you)."


def test_the_buttons_accept_the_sure_ones_all_or_none(app, repaired):
    review = repaired[0]
    assert app.accept_all(review, "repaired")[3] == "دخل مقاتلو هيئة تحرير الشام مدينة الموصل."
    assert app.reject_all(review, "repaired")[3] == "دخل مقاتلو HTS مدينة موسول."
    rejected = app.reject_all(review, "repaired")[0]
    assert app.accept_sure(rejected, "repaired")[3] == "دخل مقاتلو HTS مدينة الموصل."


def _edited(app):
    glossary = app.load_glossary(app.DEFAULT_GLOSSARY)
    return app.save_entry(glossary, "", "Testville", "تستفيل")[0]


def test_a_header_less_two_column_file_waits_for_the_column_order(app, tmp_path):
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("تستفيل\tTestville\n", encoding="utf-8")
    current = app.load_glossary(app.DEFAULT_GLOSSARY)
    out = app.upload_glossary(str(pairs), current)
    assert out[0] is current  # nothing changes yet
    assert out[8]["visible"] is True and out[9]["value"] == "Arabic, then English"  # guessed from the scripts
    out = app.load_columns(str(pairs), "Arabic, then English", current)
    assert out[0].entries[0].terms == {"ar": ("تستفيل",), "en": ("Testville",)}
    assert out[2]["value"] == "uploaded: pairs.tsv"


def test_a_file_that_cannot_be_loaded_keeps_the_edits_and_their_warning(app, tmp_path):
    one_column = tmp_path / "names.tsv"
    one_column.write_text("Mosul\nHama\n", encoding="utf-8")
    edited = _edited(app)
    pending = app.choose_glossary("FLORES-101 example names", edited)
    assert pending[0] is edited and "Your edits are kept" in pending[6]
    out = app.upload_glossary(str(one_column), edited)
    assert out[0] is edited
    assert "names.tsv was not loaded:" in out[1] and "--from" not in out[1]  # in the page's words
    assert all(update == {"__type__": "update"} for update in out[4:7])  # the warning stays as it was


def test_discarding_the_edits_switches_to_the_glossary_asked_for(app):
    edited = _edited(app)
    pending = app.choose_glossary("FLORES-101 example names", edited)[4]
    out = app.discard_edits(edited, None, pending)
    assert out[0].path.endswith("flores-names.tsv") and out[2]["value"] == "FLORES-101 example names"
    assert out[5]["visible"] is False

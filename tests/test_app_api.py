"""The web page as a service: what ``gradio_client`` sees and can call (README, "Use it from a program").

The page runs as ``python app.py`` with the tiny random-weight model, as in
the browser tests; no browser is needed here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser_harness import serving

gradio_client = pytest.importorskip("gradio_client")

PUBLIC = {"/translate", "/repair", "/score", "/batch_translate", "/search_glossary", "/save_entry",
          "/export_glossary", "/choose_glossary", "/upload_glossary", "/discard_edits",
          "/load_glossary_columns", "/decide_change", "/decide_translation_change"}


@pytest.fixture(scope="module")
def client(tiny_model, tiny_model_en_ar, tmp_path_factory):
    env = {"MTREPAIR_MODEL_AR_EN": str(tiny_model), "MTREPAIR_MODEL_EN_AR": str(tiny_model_en_ar),
           "HF_HUB_OFFLINE": "1"}
    with serving(env, tmp_path_factory.mktemp("app-api") / "app.log") as url:
        yield gradio_client.Client(url, verbose=False)


def test_only_the_pages_actions_are_endpoints_each_named_for_what_it_does(client):
    api = client.view_api(print_info=False, return_format="dict")
    assert set(api["named_endpoints"]) == PUBLIC
    assert not api["unnamed_endpoints"]


def test_every_output_is_named_and_optional_inputs_are_optional(client):
    api = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    for name, endpoint in api.items():
        for value in endpoint["returns"]:
            assert not value["label"].startswith("value_"), (name, value)
            # A name, not a sentence: a program writes it (issue 25: not "review_tick_a_change_to_apply_it_...").
            assert len(value["label"].split()) <= 3 and ":" not in value["label"], (name, value["label"])
    optional = {p["parameter_name"]: p["parameter_has_default"] for p in api["/repair"]["parameters"]}
    assert optional == {"direction": True, "translation": False, "source": True, "apply_threshold": True,
                        "house_style": True}
    assert {p["parameter_name"]: p["parameter_has_default"] for p in api["/score"]["parameters"]}["source"]
    # Numbers are typed as numbers.
    types = {p["parameter_name"]: p["python_type"]["type"] for p in api["/repair"]["parameters"]}
    assert types["apply_threshold"] == "float"
    assert {p["parameter_name"]: p["python_type"]["type"] for p in api["/decide_change"]["parameters"]} == {
        "number": "int", "accept": "bool"}


def test_the_readme_example_repairs_a_name_and_reviews_it(client):
    # README, "Use it from a program": the same calls.
    highlighted, changes, repaired, repaired_file, report, review, summary, *problems = client.predict(
        direction="English → Arabic",
        translation="دخل مقاتلو HTS مدينة موسول",
        source="HTS fighters entered Mosul",
        api_name="/repair",
    )
    assert repaired == "دخل مقاتلو HTS مدينة الموصل"
    assert summary.startswith("1 name repaired in 1 of 1 lines (source-aware); 1 suggestion not applied")
    assert [row[:3] for row in changes["data"]] == [[False, "HTS", "هيئة تحرير الشام"], [True, "موسول", "الموصل"]]
    assert [row[-1] for row in changes["data"]] == [1, 2]  # each change's number, for /decide_change
    assert problems == ["", ""]
    assert Path(repaired_file).read_text(encoding="utf-8") == repaired + "\n"
    records = [json.loads(line) for line in Path(report).read_text(encoding="utf-8").splitlines()]
    assert [(r["before"], r["decision"]) for r in records] == [("HTS", "rejected"), ("موسول", "accepted")]

    highlighted, changes, repaired, repaired_file, report, review, summary = client.predict(
        number=1, accept=True, api_name="/decide_change")  # take the suggestion
    assert repaired == "دخل مقاتلو هيئة تحرير الشام مدينة الموصل"
    assert review == "2 changes to review: 2 accepted, 0 rejected (1 by you)."
    assert summary.startswith("2 names repaired")
    assert Path(repaired_file).read_text(encoding="utf-8") == repaired + "\n"
    repaired = client.predict(number=2, accept=False, api_name="/decide_change")[2]  # refuse the fix
    assert repaired == "دخل مقاتلو هيئة تحرير الشام مدينة موسول"
    with pytest.raises(Exception, match="There is no change 3: the review has 2"):
        client.predict(number=3, api_name="/decide_change")


def test_a_threshold_out_of_range_is_refused_in_one_line(client):
    with pytest.raises(Exception, match="greater than maximum value 1"):
        client.predict(translation="نفذت القوات عمليات في موسول", apply_threshold=1.5, api_name="/repair")


def test_a_glossary_chosen_by_a_program_is_used_by_its_next_calls(client):
    client.predict(choice="FLORES-101 example names", api_name="/choose_glossary")
    table, count = client.predict(query="Mosul", api_name="/search_glossary")
    assert count.startswith("0 of ")  # the FLORES names glossary has no Mosul
    client.predict(choice="levant-news (built in: Iraq, Syria, Levant)", api_name="/choose_glossary")
    table, count = client.predict(query="Mosul", api_name="/search_glossary")
    assert not count.startswith("0 of ")


def test_an_entry_saved_by_a_program_without_a_type_stays_untyped(client):
    table, count, note, choice, problem = client.predict(entry_id="", english="Testville", arabic="تستفيل",
                                                         api_name="/save_entry")
    assert _value(choice) == "edited in the page"
    [row] = [row for row in table["data"] if row[1] == "Testville"]
    assert row[2:4] == ["تستفيل", ""]
    assert "edited in the page" in note


def test_a_program_that_edited_the_glossary_switches_only_after_discarding_the_edits(client):
    client.predict(entry_id="", english="Testville", arabic="تستفيل", api_name="/save_entry")
    note, choice, warning, *_ = client.predict(choice="FLORES-101 example names", api_name="/choose_glossary")
    assert _value(choice) == "edited in the page" and "Your edits are kept" in warning
    table, count = client.predict(query="Testville", api_name="/search_glossary")
    assert not count.startswith("0 of ")  # still the edited glossary
    note, choice, *_ = client.predict(api_name="/discard_edits")
    assert _value(choice) == "FLORES-101 example names" and "FLORES-101 example names" in note
    table, count = client.predict(query="Testville", api_name="/search_glossary")
    assert count.startswith("0 of ")


def _value(output):
    """A list's value as a program gets it: the value itself, or an update that also sets the choices."""
    return output["value"] if isinstance(output, dict) else output

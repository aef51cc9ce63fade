"""The page's words (issue 25): each problem a visitor can cause is said beside its control in an
editor's words, the last results are left as they were, and what a visitor typed is shown as typed.

The handlers are called as the page calls them (no browser, no model: a missing model is the pool
refusing as it does offline)."""

from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT
from glossary.files import DEFAULT_GLOSSARY, load_glossary

# What only the person running the page can act on: a flag, a variable, a path on the server.
OPERATOR = re.compile(r"--\w|HF_|MTREPAIR_|RecursionError|Traceback|/tmp/|/home/|\.venv")
UNCHANGED = {"__type__": "update"}
DEFAULT_MODEL = "default (OPUS-MT big for the direction)"


@pytest.fixture(scope="module")
def page():
    sys.path.insert(0, str(ROOT))
    import page

    yield page
    sys.path.remove(str(ROOT))


def shown(markdown: str) -> str:
    """What a Markdown output reads as in the page."""
    import html

    from markdown_it import MarkdownIt

    return html.unescape(re.sub(r"<[^>]+>", "", MarkdownIt("commonmark").render(markdown))).strip()


def _problems(page, tmp_path, monkeypatch):
    """(case, the handler's outputs, index of the note that should say it) for every problem a visitor
    can cause in Repair, Translate, Batch, Score and the Glossary tab."""
    from page import batch_panel, glossary_panel, models, repair_panel, score_panel, translate_panel
    from translate.pool import ModelUnavailableError

    glossary = load_glossary(DEFAULT_GLOSSARY)
    columns = tmp_path / "news.tsv"
    columns.write_text("id\ttext\tnote\n1\tمرحبا\tx\n", encoding="utf-8")
    fields = tmp_path / "news.jsonl"
    fields.write_text('{"body": "مرحبا"}\n', encoding="utf-8")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")

    def offline(*args, **kwargs):  # the pool's own words offline
        raise ModelUnavailableError("HF_HUB_OFFLINE is set and Helsinki-NLP/opus-mt-tc-big-en-ar is not in "
                                    "/root/.cache/huggingface; pass --model or set MTREPAIR_MODEL_EN_AR")

    monkeypatch.setattr(models.pool, "get", offline)
    repair = lambda *args: repair_panel.repair_text("English → Arabic", *args, glossary)  # noqa: E731
    batch = lambda path, field="", column="": batch_panel.batch_translate(  # noqa: E731
        str(path), "Arabic → English", field, column, True, glossary, DEFAULT_MODEL)
    return [
        ("nothing pasted", repair("", ""), 9),
        ("lines do not match", repair("سطر\nسطر", "line"), 9),
        ("too long", repair("x" * 20_001, ""), 9),
        ("no model", translate_panel.translate_text("English → Arabic", "Mosul", glossary), 11),
        ("a model not on the list", translate_panel.translate_text("English → Arabic", "Mosul", glossary, True,
                                                                   True, "/etc/passwd"), 11),
        ("no upload", batch(""), 5),
        ("several columns", batch(columns), 4),
        ("no such column", batch(columns, column="body"), 4),
        ("no such field", batch(fields, field="text"), 4),
        ("no files to score", score_panel.score_uploads(None, None), 4),
        ("an entry without forms", glossary_panel.save_entry(glossary, "", "Mosul", ""), 5),
        ("a nested JSON glossary", glossary_panel.upload_glossary(str(deep), glossary), 1),
    ]


def test_every_problem_is_said_beside_its_control_in_an_editors_words(page, tmp_path, monkeypatch):
    for case, outputs, at in _problems(page, tmp_path, monkeypatch):
        assert at < len(outputs), (case, outputs)
        said = shown(outputs[at])
        assert said, (case, outputs)
        assert not OPERATOR.search(said), (case, said)
        assert "mtrepair translate" not in said and "`" not in said, (case, said)


def test_a_problem_leaves_the_last_results_as_they_were(page, tmp_path, monkeypatch):
    for case, outputs, at in _problems(page, tmp_path, monkeypatch):
        if case == "a nested JSON glossary":
            continue  # its note is the glossary line itself; the glossary in use stays (tests/test_app_review.py)
        others = [value for n, value in enumerate(outputs) if n != at and value != ""]
        assert others and all(value == UNCHANGED for value in others), (case, outputs)


def test_a_server_path_or_variable_never_reaches_the_page_but_the_log(page, caplog):
    from page.notes import editors_words

    assert editors_words("news.tsv:1: 3 columns (id, text, note); choose the one to translate with --column") == (
        "news.tsv:1: 3 columns (id, text, note); name the one to translate in the column box")
    assert editors_words("/tmp/gradio/0123456789abcdef0123/names.tsv:2: bad row") == "names.tsv:2: bad row"
    with caplog.at_level("WARNING", logger="mtrepair.app"):
        said = editors_words("set MTREPAIR_MODEL_EN_AR to /srv/models/x")
    assert not OPERATOR.search(said) and "MTREPAIR_MODEL_EN_AR" in caplog.text


def test_what_a_visitor_typed_is_shown_as_typed(page):
    from page.markup import escaped

    typed = "**Mosul** <img src=x onerror=alert(1)> [here](javascript:alert(1)) # 1. - | $$x$$ a_b \\ & &amp;"
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(escaped(typed))
    assert "<img" not in rendered and "<a " not in rendered and "<strong>" not in rendered and "<h1>" not in rendered
    assert shown(escaped(typed)) == typed
    assert shown(escaped("Forces operated in Mosul\nand left")) == "Forces operated in Mosul\nand left"


def test_an_entry_id_typed_in_the_form_is_shown_as_typed(page):
    from page import glossary_panel

    note = glossary_panel.save_entry(load_glossary(DEFAULT_GLOSSARY), "**big** [x](y)", "Testville", "تستفيل")[3]
    assert "(saved **big** [x](y))" in shown(note)

"""``mtrepair roundtrip``: flags, names and numbers that did not survive, report structure, bad input.

Flagging logic is tested with a back-translator that looks translations up
in a table (so that the test decides what "came back"); the command line
is tested end to end with the tiny random-weight model.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.numbers import lost_numbers, numbers
from eval.roundtrip import RoundTrip
from glossary.files import load_glossary
from translate.engines.transformers import Hypothesis
from translate.pipeline import translate_texts

FIXTURES = Path(__file__).parent / "fixtures" / "eval"


class TableTranslator:
    """Translates by looking each sentence up: the test states what the model says."""

    def __init__(self, table: dict[str, str], model_id: str = "table") -> None:
        self.table, self.model_id, self.calls = table, model_id, 0
        self.target_token = self.source_token = None  # a single-pair model: no language tokens

    def translate_iterable(self, sentences, on_batch=None):
        self.calls += 1
        for sentence in sentences:
            yield Hypothesis(self.table[sentence], 1, 1, 1, 0.0, False)


SOURCES = [
    "Forces entered Mosul on Monday.",
    "The border is 120 kilometres long.",
    "Protesters gathered in Latakia.",
]
MT = [
    "دخلت القوات موسول يوم الاثنين.",  # Mosul mistransliterated: the glossary repairs it
    "الحدود مساحتها كيلومترات.",  # the number is gone
    "تجمع المحتجون في الساحة.",  # Latakia is gone
]
BACK = {
    "دخلت القوات الموصل يوم الاثنين.": "Forces entered Mosul on Monday.",
    "دخلت القوات موسول يوم الاثنين.": "Forces entered Mosel on Monday.",  # without a glossary
    "الحدود مساحتها كيلومترات.": "The border has an area of kilometres.",
    "تجمع المحتجون في الساحة.": "Protesters gathered in the square.",
}


def round_trip(**settings) -> RoundTrip:
    """An en->ar round trip that runs its translators through the pipeline, as the command line does."""
    return RoundTrip("en", "ar", translate_texts=translate_texts, **settings)


@pytest.fixture
def trip():
    glossary = load_glossary(str(FIXTURES / "names.tsv"))
    return round_trip(backward=TableTranslator(BACK), glossary=glossary)


def test_flags_lost_numbers_and_names_and_keeps_the_good_line(trip):
    report = trip.check(SOURCES, MT)
    first, second, third = report.sentences
    assert [s.line for s in report.sentences] == [1, 2, 3]
    assert first.repaired == "دخلت القوات الموصل يوم الاثنين."
    assert [(f.before, f.after, f.entry_id) for f in first.fixes] == [("موسول", "الموصل", "mosul")]
    assert first.chrf == pytest.approx(100) and not first.flagged
    assert [(n.entry_id, n.survived) for n in first.names] == [("mosul", True)]
    assert "number 120 missing" in second.reasons
    assert "name missing in translation: Latakia" in third.reasons
    assert [(n.entry_id, n.in_translation, n.in_back_translation) for n in third.names] == [("latakia", False, False)]
    # The report puts flagged lines first, worst chrF first, then the rest in input order.
    assert [s.line for s in report.ordered()] == [s.line for s in sorted([second, third], key=lambda s: s.chrf)] + [1]
    assert report.backward == "table" and report.forward == "given translation"


def test_threshold_decides_the_chrf_flag(trip):
    low = round_trip(backward=TableTranslator(BACK), threshold=0.0).check(SOURCES, MT)
    high = round_trip(backward=TableTranslator(BACK), threshold=100.0).check(SOURCES, MT)
    assert not any(r.startswith("back-translation chrF") for s in low.sentences for r in s.reasons)
    assert all(any(r.startswith("back-translation chrF") for r in s.reasons) for s in high.sentences[1:])
    assert trip.threshold == 40.0  # the documented default for translating back into English


def test_back_translator_runs_once_per_text(trip):
    trip.check(SOURCES, MT)
    assert trip.backward.calls == 1


def test_numbers_compare_across_digit_styles():
    assert numbers("a 1,000 km border, ١٢٠ km, ٣٫٥ % and 2 goals") == ["1000", "120", "3.5"]
    assert lost_numbers("a 120-km border in 2008", "حدود بطول ١٢٠ كم") == ["2008"]
    assert lost_numbers("He scored 2 goals", "سجل هدفين") == []  # small numbers are often written as words


def test_lost_names_are_marked_where_the_matcher_found_them():
    from eval.html_report import name_pieces
    from glossary.entry import Glossary

    glossary = Glossary.from_pairs([("Iran", "إيران")], "en", "ar")
    back = {"التقى مسؤولون إيرانيون في العاصمة.": "Iranian officials met in the capital."}
    trip = round_trip(backward=TableTranslator(back), glossary=glossary)
    [sentence] = trip.check(["Iranian officials met in Iran."], ["التقى مسؤولون إيرانيون في العاصمة."]).sentences
    [name] = sentence.names
    assert (name.start, name.end, name.in_translation) == (25, 29, False)
    marked = [(p.text, p.kind) for p in name_pieces(sentence)]
    assert marked == [("Iranian officials met in ", ""), ("Iran", "lost"), (".", "")]


def test_html_report_highlights_fixes_and_lost_names_and_escapes_text(trip):
    from eval.html_report import roundtrip_html

    sources = SOURCES[:2] + ["<script>alert(1)</script> in Latakia."]
    mt = MT[:2] + ["<script>alert(1)</script> في الساحة."]
    back = {**BACK, mt[2]: "<script>alert(1)</script> in the square."}
    trip = round_trip(backward=TableTranslator(back), glossary=trip.glossary)
    html = roundtrip_html(trip.check(sources, mt))
    assert '<mark class="fix" title="was «موسول»' in html and ">الموصل</mark>" in html
    assert '<mark class="lost"' in html and ">Latakia</mark>" in html
    assert '<mark class="kept"' in html and ">Mosul</mark>" in html
    assert 'dir="rtl" lang="ar"' in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_cli_roundtrip_end_to_end_with_given_mt(cli, tiny_model, tmp_path):
    source, mt = tmp_path / "news.en", tmp_path / "news.ar"
    source.write_text("\n".join(SOURCES) + "\n", encoding="utf-8")
    mt.write_text("\n".join(MT) + "\n", encoding="utf-8")
    out, report, html, markdown = (tmp_path / name for name in ("out.ar", "r.jsonl", "r.html", "r.md"))
    done = cli("roundtrip", "--from", "en", "--to", "ar", str(source), "--mt", str(mt), "--back-model", str(tiny_model),
               "--glossary", str(FIXTURES / "names.tsv"), "--max-length", "8", "-q",
               "-o", str(out), "--report", str(report), "--html", str(html), "--markdown", str(markdown))
    assert done.returncode == 0, done.stderr.decode()
    lines = out.read_text(encoding="utf-8").split("\n")[:-1]
    assert lines == ["دخلت القوات الموصل يوم الاثنين."] + MT[1:]  # repaired, in order, one per input line
    summary, *rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert summary["kind"] == "summary" and summary["threshold"] == 40.0 and summary["lines"] == 3
    assert summary["backward"] == str(tiny_model) and summary["flagged"] == sum(r["flagged"] for r in rows)
    assert sorted(r["line"] for r in rows) == [1, 2, 3]
    flags = [r["flagged"] for r in rows]
    assert flags == sorted(flags, reverse=True)  # flagged rows first
    assert {"source", "translation", "repaired", "back_translation", "chrf", "bleu", "reasons", "fixes", "names"} <= set(rows[0])
    assert next(r for r in rows if r["line"] == 1)["fixes"][0]["after"] == "الموصل"
    assert markdown.read_text(encoding="utf-8").startswith("# Round trip en → ar → en")
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_roundtrip_with_forward_and_back_models(cli, tiny_model, tiny_model_en_ar, tmp_path):
    source = tmp_path / "news.ar"
    source.write_text("دخلت القوات الموصل.\n\nتجمع المحتجون في اللاذقية.\n", encoding="utf-8")
    report = tmp_path / "r.jsonl"
    done = cli("roundtrip", "--from", "ar", "--to", "en", str(source), "--model", str(tiny_model),
               "--back-model", str(tiny_model_en_ar), "--max-length", "8", "--report", str(report))
    assert done.returncode == 0, done.stderr.decode()
    rows = {r["line"]: r for r in map(json.loads, report.read_text(encoding="utf-8").splitlines()) if r["kind"] == "line"}
    assert sorted(rows) == [1, 2, 3]
    assert rows[2]["source"] == "" and not rows[2]["flagged"]  # a blank line stays blank and is not flagged
    assert rows[1]["translation"] and rows[1]["back_translation"]
    assert "# Round trip ar → en → ar" in done.stdout.decode()


def test_cli_roundtrip_rejects_misaligned_mt(cli, tmp_path):
    source, mt = tmp_path / "news.en", tmp_path / "news.ar"
    source.write_text("\n".join(SOURCES) + "\n", encoding="utf-8")
    mt.write_text(MT[0] + "\n", encoding="utf-8")
    done = cli("roundtrip", "--from", "en", "--to", "ar", str(source), "--mt", str(mt), "--back-model", "/nonexistent")
    assert done.returncode == 2
    assert f"{mt}:2: --mt has 1 record but INPUT {source} has 3" in done.stderr.decode()


def test_cli_roundtrip_names_the_back_model_option_when_it_is_missing(cli, tmp_path):
    source, mt = tmp_path / "news.en", tmp_path / "news.ar"
    source.write_text(SOURCES[0] + "\n", encoding="utf-8")
    mt.write_text(MT[0] + "\n", encoding="utf-8")
    done = cli("roundtrip", "--from", "en", "--to", "ar", str(source), "--mt", str(mt), "--back-model", str(tmp_path / "none"))
    assert done.returncode == 3 and "Traceback" not in done.stderr.decode()
    assert "does not exist" in done.stderr.decode()
    offline = cli("roundtrip", "--from", "en", "--to", "ar", str(source), "--mt", str(mt),
                  env={"MTREPAIR_MODEL_AR_EN": "", "HF_HOME": str(tmp_path / "hf")})
    assert offline.returncode == 3 and "--back-model" in offline.stderr.decode()


def test_report_lines_are_file_lines_for_tables(cli, tiny_model, tmp_path):
    table = tmp_path / "news.tsv"
    table.write_text("id\ttext\n1\t" + SOURCES[0] + "\n2\t" + SOURCES[2] + "\n", encoding="utf-8")
    mt = tmp_path / "news.ar.tsv"
    mt.write_text("id\ttext\n1\t" + MT[0] + "\n2\t" + MT[2] + "\n", encoding="utf-8")
    report = tmp_path / "r.jsonl"
    done = cli("roundtrip", "--from", "en", "--to", "ar", str(table), "--column", "text", "--mt", str(mt),
               "--back-model", str(tiny_model), "--max-length", "8", "-q", "--report", str(report))
    assert done.returncode == 0, done.stderr.decode()
    rows = {r["line"]: r for r in map(json.loads, report.read_text(encoding="utf-8").splitlines()) if r["kind"] == "line"}
    assert {n: r["file_line"] for n, r in rows.items()} == {1: 2, 2: 3}  # the header is file line 1


def test_cli_roundtrip_on_real_mt_output(cli, tiny_model, tmp_path):
    """Google's English->Arabic output of FLORES-101 dev (first 60 lines) as --mt."""
    from conftest import FLORES, SHARED

    source, mt = tmp_path / "dev.en", tmp_path / "google.ar"
    source.write_text("".join(line + "\n" for line in (FLORES / "dev.en").read_text(encoding="utf-8").split("\n")[:60]),
                      encoding="utf-8")
    mt_lines = (FLORES / "dev.en-ar.google.ar").read_text(encoding="utf-8").split("\n")[:60]
    mt.write_text("".join(line + "\n" for line in mt_lines), encoding="utf-8")
    report, out = tmp_path / "r.jsonl", tmp_path / "out.ar"
    done = cli("roundtrip", "--from", "en", "--to", "ar", str(source), "--mt", str(mt), "--back-model", str(tiny_model),
               "--glossary", str(SHARED / "data" / "names-dev.tsv"), "--max-length", "8", "-q",
               "--report", str(report), "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    rows = sorted((r for r in map(json.loads, report.read_text(encoding="utf-8").splitlines()) if r["kind"] == "line"),
                  key=lambda r: r["line"])
    repaired = out.read_text(encoding="utf-8").split("\n")[:-1]
    assert [r["line"] for r in rows] == list(range(1, 61)) and len(repaired) == 60
    assert [r["translation"] for r in rows] == mt_lines and [r["repaired"] for r in rows] == repaired
    changed = [r for r in rows if r["fixes"]]
    assert changed and all(r["repaired"] != r["translation"] for r in changed)
    unchanged = [r for r in rows if not r["fixes"]]
    assert all(r["repaired"] == r["translation"] for r in unchanged)
    assert sum(len(r["names"]) for r in rows) > 30  # the glossary's names were looked up in every source line

"""``mtrepair glossary from-wikidata``: query results (JSON, CSV, TSV) and dump excerpts to a glossary,
the noise cleaned and reported (tests/fixtures/wikidata: hand-made in the shape of real responses)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.files import load_glossary
from translate.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "wikidata"
INPUTS = ["levant-query.json", "levant-query.csv", "levant-query.tsv", "levant-entities.json", "levant-dump.jsonl"]
EXPECTED = [
    ("Q41183", "LOC", ("Aleppo", "Halab"), ("حلب", "حلب الشهباء")),
    ("Q238485", "LOC", ("Idlib Governorate", "Idlib Province"), ("محافظة إدلب", "محافظة ادلب")),
    ("Q83164", "LOC", ("Mosul", "Al-Mawsil", "Mosul city"), ("الموصل", "مدينة الموصل")),
    ("Q28163283", "ORG", ("Hayat Tahrir al-Sham", "HTS", "Tahrir al-Sham"), ("هيئة تحرير الشام", "تحرير الشام")),
    ("Q44329", "PER", ("Bashar al-Assad", "Bashar Assad"), ("بشار الأسد", "بشار حافظ الأسد")),
]


def build(tmp_path, *inputs: str, out: str = "out.tsv", extra: tuple[str, ...] = ()) -> tuple[int, Path]:
    path = tmp_path / out
    code = main(["glossary", "from-wikidata", *inputs, "-o", str(path), *extra])
    return code, path


def entries(path: Path) -> list[tuple]:
    return [(e.id, e.type, e.forms("en"), e.forms("ar")) for e in load_glossary(str(path)).entries]


@pytest.mark.parametrize("name", INPUTS)
def test_every_download_format_and_the_dump_give_the_same_glossary(tmp_path, name):
    code, out = build(tmp_path, str(FIXTURES / name))
    assert code == 0
    assert entries(out) == EXPECTED
    # What it writes is clean: glossary check finds no noise (nor anything else) in it.
    assert main(["glossary", "check", str(out)]) == 0


def test_each_kind_of_noise_is_cleaned_and_reported(tmp_path, capsys):
    report = tmp_path / "changes.tsv"
    code, _ = build(tmp_path, str(FIXTURES / "levant-query.csv"), extra=("--report", str(report)))
    assert code == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "cleaned 2 forms (disambiguator): Q41183 'Aleppo (city)' -> 'Aleppo'; Q41183 'حلب (مدينة)' -> 'حلب'",
        "cleaned 1 form (underscore): Q238485 'Idlib_Governorate' -> 'Idlib Governorate'",
        "dropped 2 forms (wrong script): Q238485 'Idlib Governorate'; Q623958 'Ahrar al-Sham'",
        "dropped 1 form (item id): Q12192740 'Q12192740'",
        "dropped 2 items (no ar form): Q12192740 'Kafr Takharim'; Q623958 'Ahrar al-Sham'",
        "merged 1 item (duplicate): Q109000007 'Mosul | الموصل' -> 'merged into Q83164'",
        f"wrote 5 entries to {tmp_path / 'out.tsv'} from 8 Wikidata items",
    ]
    rows = [line.split("\t") for line in report.read_text(encoding="utf-8").splitlines()]
    assert rows[0] == ["file", "line", "id", "language", "change", "before", "after"]
    assert [row[1:] for row in rows[1:]] == [
        ["2", "Q41183", "en", "disambiguator", "Aleppo (city)", "Aleppo"],
        ["2", "Q41183", "ar", "disambiguator", "حلب (مدينة)", "حلب"],
        ["3", "Q238485", "en", "underscore", "Idlib_Governorate", "Idlib Governorate"],
        ["3", "Q238485", "ar", "wrong script", "Idlib Governorate", ""],
        ["7", "Q12192740", "ar", "item id", "Q12192740", ""],
        ["7", "Q12192740", "ar", "no ar form", "Kafr Takharim", ""],
        ["8", "Q623958", "ar", "wrong script", "Ahrar al-Sham", ""],
        ["8", "Q623958", "ar", "no ar form", "Ahrar al-Sham", ""],
        ["9", "Q109000007", "", "duplicate", "Mosul | الموصل", "merged into Q83164"],
    ]


def test_the_summary_shows_a_few_examples_and_the_report_all(tmp_path, capsys):
    rows = ["item,enLabel,arLabel"] + [f"http://www.wikidata.org/entity/Q{n},Town_{n},بلدة {n}" for n in range(1, 6)]
    (tmp_path / "towns.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = tmp_path / "all.tsv"
    assert build(tmp_path, str(tmp_path / "towns.csv"), extra=("--report", str(report)))[0] == 0
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith("cleaned 5 forms (underscore): Q1 'Town_1' -> 'Town 1'; Q2") and first.endswith(", ...")
    assert len(report.read_text(encoding="utf-8").splitlines()) == 1 + 5


def test_the_same_item_in_several_files_is_one_entry(tmp_path):
    code, out = build(tmp_path, str(FIXTURES / "levant-query.json"), str(FIXTURES / "levant-dump.jsonl"))
    assert code == 0 and entries(out) == EXPECTED


def test_unknown_classes_keep_what_the_query_returned_and_ordinary_words_are_marked(tmp_path):
    result = {"head": {"vars": ["item", "enLabel", "arLabel", "type", "typeLabel"]}, "results": {"bindings": [
        {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q170416"},
         "enLabel": {"xml:lang": "en", "type": "literal", "value": "Tyre"},
         "arLabel": {"xml:lang": "ar", "type": "literal", "value": "صور"},
         "type": {"type": "uri", "value": "http://www.wikidata.org/entity/Q515"}},
        {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q2"},
         "enLabel": {"xml:lang": "en", "type": "literal", "value": "Syrian Democratic Forces"},
         "arLabel": {"xml:lang": "ar", "type": "literal", "value": "قوات سوريا الديمقراطية"},
         "type": {"type": "uri", "value": "http://www.wikidata.org/entity/Q99999999"},
         "typeLabel": {"xml:lang": "en", "type": "literal", "value": "military alliance"}}]}}
    (tmp_path / "r.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    code, out = build(tmp_path, str(tmp_path / "r.json"), out="out.json")
    assert code == 0
    tyre, sdf = load_glossary(str(out)).entries
    assert (tyre.type, tyre.ambiguity, tyre.ambiguous_forms) == ("LOC", "ambiguous", ("صور",))  # «صور»: pictures
    assert (sdf.type, sdf.ambiguity) == ("MILITARY ALLIANCE", "")


@pytest.mark.parametrize("out", ["g.tbx", "g.json", "g.csv"])
def test_any_glossary_format_by_extension(tmp_path, out):
    code, path = build(tmp_path, str(FIXTURES / "levant-query.tsv"), out=out)
    assert code == 0 and entries(path) == EXPECTED


def one_error(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err, captured.err
    return lines[0]


@pytest.mark.parametrize("name, content, problem", [
    ("r.json", "<html>Too many requests</html>", "r.json:1: not JSON"),
    ("r.json", '{"hello": 1}', "neither a query result"),
    ("r.csv", "item,description\nhttp://www.wikidata.org/entity/Q1,a city\n", "r.csv: no label columns"),
    ("r.tsv", "?item\t?enLabel\n<http://example.org/x>\t\"X\"@en\n", "r.tsv:2: the 'item' cell is no Wikidata item"),
    ("r.csv", "place,enLabel\nAleppo,Aleppo\n", "r.csv: no column of Wikidata items"),
    ("r.jsonl", '{"id": "Q1", "labels": {}}\n{"id": \n', "r.jsonl:2: not JSON"),
    ("r.txt", "anything", "r.txt: cannot tell the format"),
])
def test_bad_input_is_one_line_naming_the_file_and_problem(tmp_path, capsys, name, content, problem):
    (tmp_path / name).write_text(content, encoding="utf-8")
    assert build(tmp_path, str(tmp_path / name))[0] == 2
    line = one_error(capsys)
    assert line.startswith(f"mtrepair: error: {tmp_path}") and problem in line
    assert not (tmp_path / "out.tsv").exists()


def test_a_missing_file_a_folder_and_no_input_are_one_line(tmp_path, capsys):
    assert build(tmp_path, str(tmp_path / "nowhere.json"))[0] == 2
    assert one_error(capsys).endswith("nowhere.json: no such file")
    assert build(tmp_path, str(tmp_path))[0] == 2
    assert "is a folder" in one_error(capsys)
    assert build(tmp_path)[0] == 2
    assert "--query" in one_error(capsys)


def test_nothing_with_both_languages_writes_nothing(tmp_path, capsys):
    (tmp_path / "r.csv").write_text("item,enLabel\nhttp://www.wikidata.org/entity/Q1,Aleppo\n", encoding="utf-8")
    assert build(tmp_path, str(tmp_path / "r.csv"))[0] == 2
    assert "no item has both an English and an Arabic form" in one_error(capsys)
    assert not (tmp_path / "out.tsv").exists()


@pytest.mark.parametrize("content", [
    '{"head": [1], "results": {"bindings": []}}',
    '{"entities": {"Q1": {"id": "Q1", "labels": {"en": {"value": "Hama"}, "ar": {"value": "حماة"}}, '
    '"aliases": [1], "claims": [2], "descriptions": "x"}}}',
    '{"results": {"bindings": [1]}}',
    '"just a string"',
    "",
])
def test_damaged_json_never_gives_a_traceback(tmp_path, capsys, content):
    (tmp_path / "r.json").write_text(content, encoding="utf-8")
    code = build(tmp_path, str(tmp_path / "r.json"))[0]
    err = capsys.readouterr().err
    assert code in (0, 2) and "Traceback" not in err
    assert code == 0 or len(err.strip().splitlines()) == 1

"""``mtrepair repair`` and ``mtrepair glossary check|convert``; the shipped and shared glossaries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHARED, run_cli

from glossary.files import load_glossary, read_glossary
from glossary.normalize import fold
from translate.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "glossary"
NAMES = str(FIXTURES / "repair-names.tsv")
SOURCE = str(FIXTURES / "repair-source.en")
TRANSLATION = str(FIXTURES / "repair-translation.ar")
REPORT_FIELDS = {"kind", "line", "start", "end", "before", "after", "entry_id", "method", "confidence"}


def lines(path) -> list[str]:
    return Path(path).read_text(encoding="utf-8").split("\n")[:-1]


# --- mtrepair repair ------------------------------------------------------------


def test_repair_writes_every_line_in_order_and_a_report(tmp_path, capsys):
    out, report = tmp_path / "out.ar", tmp_path / "fixes.jsonl"
    code = main(["repair", "--glossary", NAMES, "--from", "en", "--to", "ar", "--source", SOURCE, TRANSLATION,
                 "-o", str(out), "--report", str(report)])
    assert code == 0
    original = lines(TRANSLATION)
    repaired = lines(out)
    assert len(repaired) == len(original) == 6
    assert repaired == [
        "قصفت الطائرات الموصل أمس.",
        "",
        "وصل الوفد إلى اللاذقية.",
        "دخل مقاتلو هيئة تحرير الشام المدينة.",
        "لم يحدث شيء اليوم.",
        "انتهت المحادثات في جنيف.",
    ]
    rows = [json.loads(line) for line in lines(report)]
    fixes = [r for r in rows if r["kind"] == "fix"]
    assert [(r["line"], r["entry_id"], r["before"], r["after"]) for r in fixes] == [
        (1, "mosul", "موسول", "الموصل"), (3, "latakia", "لاتاكيا", "اللاذقية")]
    for row in fixes:
        assert REPORT_FIELDS <= row.keys()
        assert original[row["line"] - 1][row["start"]:row["end"]] == row["before"]
        assert row["method"] in ("near-miss", "transliteration", "untranslated")
        assert 0.5 <= row["confidence"] <= 1
    missing = [r for r in rows if r["kind"] == "missing"]
    assert [(r["line"], r["entry_id"]) for r in missing] == [(5, "latakia")]
    summary = capsys.readouterr().err
    assert "repaired 2 names in 2 of 6 lines" in summary and "1 missing" in summary


def test_repair_to_standard_output_in_a_separate_process():
    result = run_cli("repair", "--glossary", NAMES, "--from", "en", "--to", "ar", "--source", SOURCE, TRANSLATION, "-q")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode("utf-8").split("\n")
    assert out[-1] == ""
    assert out[:-1][0] == "قصفت الطائرات الموصل أمس."
    assert len(out[:-1]) == len(lines(TRANSLATION))
    assert result.stderr == b""


def test_repair_below_the_apply_threshold_suggests_and_changes_nothing(tmp_path, capsys):
    translation = tmp_path / "mt.ar"
    translation.write_text("قتال في الموصيل\nقصف في Mosul\n", encoding="utf-8")
    out, report = tmp_path / "out.ar", tmp_path / "report.jsonl"
    assert main(["repair", "--glossary", NAMES, "--from", "en", "--to", "ar", str(translation), "-o", str(out), "-q"]) == 0
    assert lines(out) == ["قتال في الموصل", "قصف في الموصل"]
    assert main(["repair", "--glossary", NAMES, "--from", "en", "--to", "ar", str(translation), "-o", str(out),
                 "--apply-threshold", "1", "--report", str(report)]) == 0
    assert out.read_bytes() == translation.read_bytes()
    records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert [(r["kind"], r["line"], r["before"], r["after"]) for r in records] == [
        ("suggestion", 1, "الموصيل", "الموصل"), ("suggestion", 2, "Mosul", "الموصل")]
    assert all(r["evidence"] and 0 < r["confidence"] < 1 for r in records)
    assert "repaired 0 names in 0 of 2 lines, 2 suggestions (confidence below 1)" in capsys.readouterr().err


def test_source_with_a_different_line_count_is_a_one_line_error(tmp_path, capsys):
    short = tmp_path / "short.en"
    short.write_text("Planes bombed Mosul yesterday.\nOne more line.\n", encoding="utf-8")
    out = tmp_path / "out.ar"
    code = main(["repair", "--glossary", NAMES, "--from", "en", "--to", "ar", "--source", str(short), TRANSLATION,
                 "-o", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("mtrepair: error: ")
    assert str(short) in err and "2 records" in err and "6" in err
    assert not out.exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--glossary", str(FIXTURES / "nonexistent.tsv")], "nonexistent.tsv: no such file"),
        (["--glossary", str(FIXTURES / "empty-term.tsv")], "empty-term.tsv:3: empty term"),
        (["--glossary", NAMES, "--min-confidence", "2"], None),
    ],
)
def test_repair_bad_glossary_or_option_exits_2(args, message, capsys):
    argv = ["repair", "--from", "en", "--to", "ar", TRANSLATION, *args]
    if message is None:
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
        assert "between 0 and 1" in capsys.readouterr().err
        return
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_repair_with_a_headerless_two_column_glossary(tmp_path, capsys):
    out = tmp_path / "out.ar"
    glossary = str(FIXTURES / "two-column-headerless.tsv")
    assert main(["repair", "--glossary", glossary, "--from", "en", "--to", "ar", "--source", SOURCE, TRANSLATION,
                 "-o", str(out), "-q"]) == 0
    assert lines(out)[0] == "قصفت الطائرات الموصل أمس."
    assert lines(out)[2] == "وصل الوفد إلى اللاذقية."


# --- mtrepair glossary check ----------------------------------------------------


def check(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(["glossary", "check", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_check_clean_glossary_exits_0(capsys):
    code, out, err = check(capsys, NAMES)
    assert code == 0
    assert out == []
    assert "4 entries" in err and "no problems" in err


def test_check_conflicting_duplicate_is_a_warning(capsys):
    path = str(FIXTURES / "conflicting-duplicate.tsv")
    code, out, _ = check(capsys, path)
    assert code == 1
    assert len(out) == 1
    assert out[0].startswith(f"{path}:3: conflicting duplicate of line 2")
    assert "'الموصل' vs 'موصل'" in out[0] and out[0].endswith("(warning)")
    # A warning does not stop a repair.
    assert len(load_glossary(path, "en", "ar")) == 2


def test_check_empty_term_is_fatal(capsys):
    path = str(FIXTURES / "empty-term.tsv")
    code, out, _ = check(capsys, path)
    assert code == 2
    assert out == [f"{path}:3: empty term for en, ar"]


def test_check_headerless_file_needs_the_languages(capsys):
    path = str(FIXTURES / "two-column-headerless.tsv")
    code, out, _ = check(capsys, path)
    assert code == 2
    assert len(out) == 1 and out[0].startswith(f"{path}:1: no header naming the languages")
    assert "--from" in out[0]
    code, out, err = check(capsys, path, "--from", "en", "--to", "ar")
    assert (code, out) == (0, [])
    assert "3 entries" in err


@pytest.mark.parametrize(
    "content, line, reason",
    [
        ("Mosul\tالموصل\nLatakia\t\n", 2, "empty term"),
        ("Mosul\tالموصل\nLatakia\tاللاذقية\tLOC\n", 2, "expected 2 cells"),
        ("id\ten\tar\nm\tMosul | \tالموصل\n", 2, "empty alternative in the 'en' cell"),
        ("id\ten\tar\nm\tMosul\tالموصل\tLOC\textra\n", 2, "5 cells but the header has 3"),
        ("id\ten\ten\nm\tMosul\tMossul\n", 1, "language 'en' appears twice"),
    ],
)
def test_check_fatal_problems_name_file_and_line(tmp_path, capsys, content, line, reason):
    path = tmp_path / "g.tsv"
    path.write_text(content, encoding="utf-8")
    code, out, _ = check(capsys, str(path), "--from", "en", "--to", "ar")
    assert code == 2
    assert any(o.startswith(f"{path}:{line}: ") and reason in o and not o.endswith("(warning)") for o in out), out


def test_check_not_utf8_and_empty_file(tmp_path, capsys):
    bad = tmp_path / "latin1.tsv"
    bad.write_bytes(b"id\ten\tar\nm\tCaf\xe9\tcafe\n")  # Latin-1, not UTF-8
    assert main(["glossary", "check", str(bad)]) == 2
    assert f"{bad}:2: invalid UTF-8" in capsys.readouterr().err
    empty = tmp_path / "empty.tsv"
    empty.write_text("# only a comment\n\n", encoding="utf-8")
    code, out, _ = check(capsys, str(empty))
    assert code == 2 and out == [f"{empty}: glossary is empty"]


# --- mtrepair glossary convert ----------------------------------------------------


def entries_of(path: str, *langs: str):
    glossary = load_glossary(path, *langs)
    return [(e.id, {k: tuple(v) for k, v in e.terms.items()}, e.type, e.note) for e in glossary.entries]


def test_convert_tsv_tbx_json_tsv_keeps_entries(tmp_path, capsys):
    tbx, js, tsv = (str(tmp_path / name) for name in ("g.tbx", "g.json", "g.tsv"))
    for source, target in ((NAMES, tbx), (tbx, js), (js, tsv)):
        assert main(["glossary", "convert", source, target]) == 0
    assert "wrote 4 entries" in capsys.readouterr().err
    assert entries_of(tsv) == entries_of(NAMES)
    assert entries_of(tbx) == entries_of(NAMES)
    # Alternatives survive as alternatives, the preferred form first.
    hts = next(e for e in load_glossary(tsv).entries if e.id == "hts")
    assert hts.terms["en"] == ("Hayat Tahrir al-Sham", "HTS")
    assert hts.terms["ar"] == ("هيئة تحرير الشام", "تحرير الشام")


def test_a_headerless_file_is_told_from_one_with_a_header_before_loading():
    from glossary.tabular import two_columns_without_header

    rows = two_columns_without_header(str(FIXTURES / "two-column-headerless.tsv"))
    assert rows[0] == ("Mosul", "الموصل")  # what the page shows to guess which column is which
    assert two_columns_without_header(str(FIXTURES / "repair-names.tsv")) is None


def test_a_header_may_name_the_languages_in_words(tmp_path):
    from glossary.tabular import two_columns_without_header

    path = tmp_path / "names.csv"
    path.write_text("English,Arabic\nMosul,الموصل\n", encoding="utf-8")
    assert two_columns_without_header(str(path)) is None  # a header, not a first entry
    [entry] = load_glossary(str(path)).entries
    assert entry.terms == {"en": ("Mosul",), "ar": ("الموصل",)}


def test_convert_headerless_file_with_languages(tmp_path, capsys):
    out = str(tmp_path / "g.json")
    source = str(FIXTURES / "two-column-headerless.tsv")
    assert main(["glossary", "convert", source, out, "--from", "en", "--to", "ar"]) == 0
    glossary = load_glossary(out)
    assert glossary.languages == ("en", "ar")
    assert [e.terms["ar"] for e in glossary.entries] == [("الموصل",), ("اللاذقية", "لاذقية"), ("هيئة تحرير الشام",)]
    capsys.readouterr()
    # Without the languages it is the check's fatal error, as one line.
    assert main(["glossary", "convert", source, str(tmp_path / "x.json")]) == 2
    err = capsys.readouterr().err
    assert err.strip().endswith("for a two-column file give --from and --to") and err.count("\n") == 1


# --- the shared user glossary and the built-in one -----------------------------------


def test_shared_names_dev_glossary_loads_as_is():
    path = SHARED / "data" / "names-dev.tsv"
    if not path.exists():
        pytest.skip(f"{path} is missing")
    glossary, problems = read_glossary(str(path), "en", "ar")
    assert len(glossary) == 337
    assert glossary.languages == ("en", "ar")
    assert not any(p.fatal for p in problems)
    assert all(e.forms("en") and e.forms("ar") for e in glossary.entries)
    assert all(e.extra.get("lines") for e in glossary.entries)


@pytest.fixture(scope="module")
def levant():
    return load_glossary("levant-news", "en", "ar")


def test_builtin_glossary_is_complete(levant, capsys):
    assert len(levant) >= 300
    incomplete = [e.id for e in levant.entries if not (e.forms("en") and e.forms("ar") and e.type)]
    assert incomplete == []
    assert len({e.id for e in levant.entries}) == len(levant)
    assert main(["glossary", "check", "levant-news"]) == 0


def _entries_with(levant, en_form: str):
    key = fold(en_form)
    return [e for e in levant.entries if any(fold(f) == key for f in e.forms("en"))]


@pytest.mark.parametrize(
    "english, arabic",
    [
        ("Hayat Tahrir al-Sham", "هيئة تحرير الشام"),
        ("HTS", "هيئة تحرير الشام"),
        ("Salah al-Din province", "محافظة صلاح الدين"),
        ("Mosul", "الموصل"),
        ("Latakia", "اللاذقية"),
    ],
)
def test_builtin_glossary_has_the_levant_names(levant, english, arabic):
    entries = _entries_with(levant, english)
    assert entries, f"levant-news has no entry for {english!r}"
    assert [e.preferred("ar") for e in entries] == [arabic], f"{english!r} -> {[e.preferred('ar') for e in entries]}"


@pytest.mark.parametrize("english", ["Alawite", "Alawites"])
def test_builtin_glossary_has_the_alawites_as_a_group(levant, english):
    entries = _entries_with(levant, english)
    assert len(entries) == 1, f"levant-news has {len(entries)} entries for {english!r}"
    (entry,) = entries
    assert entry.inflects, f"{entry.id} is typed {entry.type!r}, so its nisba forms would not match"
    assert all("علوي" in fold(f) for f in entry.forms("ar"))
    assert fold(entry.preferred("ar")).startswith("العلوي")


def test_builtin_glossary_repairs_a_news_line(tmp_path, capsys):
    source, translation = tmp_path / "src.en", tmp_path / "mt.ar"
    source.write_text("HTS fighters clashed with Alawite gunmen near Latakia\n", encoding="utf-8")
    translation.write_text("اشتبك مقاتلو هيئة تحرير الشام مع مسلحين علويين قرب لاتاكيا\n", encoding="utf-8")
    out = tmp_path / "out.ar"
    assert main(["repair", "--glossary", "levant-news", "--from", "en", "--to", "ar", "--source", str(source),
                 str(translation), "-o", str(out), "-q"]) == 0
    assert lines(out) == ["اشتبك مقاتلو هيئة تحرير الشام مع مسلحين علويين قرب اللاذقية"]


def test_tsv_export_of_cells_with_tabs_reads_back(tmp_path):
    from glossary.entry import Glossary, GlossaryEntry
    from glossary.files import load_glossary, save_glossary

    glossary = Glossary((GlossaryEntry("x1", {"en": ("Mosul",), "ar": ("الموصل",)}, "LOC", "city\tin Nineveh\nIraq"),),
                        ("en", "ar"))
    path = tmp_path / "out.tsv"
    save_glossary(glossary, str(path))
    [entry] = load_glossary(str(path)).entries
    assert (entry.id, entry.forms("ar"), entry.type, entry.note) == ("x1", ("الموصل",), "LOC", "city in Nineveh Iraq")


# --- glossary check: the whole glossary ----------------------------------------------


def write_glossary(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("name, text", [
    ("header-only.tsv", "id\ten\tar\ttype\n"),
    ("header-only.csv", "id,en,ar\n"),
    ("no-entries.json", '{"languages": ["en", "ar"], "entries": []}'),
    ("no-concepts.tbx", '<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body/></text></tbx>'),
])
def test_check_a_glossary_without_entries_is_an_error(tmp_path, capsys, name, text):
    path = write_glossary(tmp_path, name, text)
    code, out, _ = check(capsys, path)
    assert (code, out) == (2, [f"{path}: no entries: the glossary would repair nothing"])
    # ... and repair says so instead of silently repairing nothing.
    assert main(["repair", "--glossary", path, "--from", "en", "--to", "ar", TRANSLATION, "-q"]) == 2
    assert "no entries" in capsys.readouterr().err


def test_check_languages_other_than_the_ones_asked_for(tmp_path, capsys):
    tsv = write_glossary(tmp_path, "fr-de.tsv", "id\tfr\tde\nx\tMossoul\tMossul\n")
    code, out, _ = check(capsys, tsv)
    assert code == 1 and out == [(f"{tsv}: no 'en' or 'ar' terms (the glossary has fr, de); mtrepair repairs "
                                  f"between Arabic and English (warning)")]
    code, out, _ = check(capsys, tsv, "--from", "en", "--to", "ar")
    assert code == 2 and out[0] == f"{tsv}:1: no 'en' column (the header names fr, de)"
    js = str(tmp_path / "fr-de.json")
    assert main(["glossary", "convert", tsv, js]) == 0
    capsys.readouterr()
    code, out, _ = check(capsys, js, "--from", "en", "--to", "ar")
    assert code == 2 and out == [f"{js}: no 'en' terms (the glossary has fr, de)",
                                 f"{js}: no 'ar' terms (the glossary has fr, de)"]


@pytest.mark.parametrize("name, text, line", [
    ("ids.tsv", "id\ten\tar\nm\tMosul\tالموصل\nm\tLatakia\tاللاذقية\n", 3),
    ("ids.json", ('{"entries": [{"id": "m", "terms": {"en": ["Mosul"], "ar": ["الموصل"]}},'
                  ' {"id": "m", "terms": {"en": ["Latakia"], "ar": ["اللاذقية"]}}]}'), None),
])
def test_check_duplicate_ids_are_a_warning(tmp_path, capsys, name, text, line):
    path = write_glossary(tmp_path, name, text)
    code, out, _ = check(capsys, path)
    shown = f"{path}:{line}" if line else path
    assert code == 1 and out == [(f"{shown}: id 'm' is also the id of an earlier entry{' (line 2)' if line else ''} "
                                  f"(warning)")]


def test_check_reads_an_acronym_and_its_full_form_as_alternatives(tmp_path, capsys):
    path = write_glossary(tmp_path, "synonyms.tsv", "id\ten\tar\n"
                          "ioc\tInternational Olympic Committee\tاللجنة الأولمبية الدولية\n"
                          "ioc2\tIOC\tاللجنة الأولمبية الدولية\n"
                          "isis\tIslamic State of Iraq and Syria\tالدولة الإسلامية في العراق والشام\n"
                          "daesh\tIslamic State of Iraq and Syria\tداعش\n"
                          "ww2\tWorld War II\tالحرب العالمية الثانية\n"
                          "ww2b\tSecond World War\tالحرب العالمية الثانية\n")
    code, out, err = check(capsys, path)
    assert code == 1, out  # the war names are two different wordings: still a conflict
    assert out[0].startswith(f"{path}:3: same ar name 'اللجنة الأولمبية الدولية' as line 2, written another way")
    assert out[0].endswith("read as alternatives of one name (note)")
    assert out[1].startswith(f"{path}:5: same en name 'Islamic State of Iraq and Syria' as line 4") and "(note)" in out[1]
    assert out[2].startswith(f"{path}:7: conflicting duplicate of line 6") and out[2].endswith("(warning)")
    assert len(out) == 3 and "1 warning" in err


def test_acronyms():
    from glossary.checks import is_acronym

    assert is_acronym("IOC", "International Olympic Committee")
    assert is_acronym("U.S.", "United States")
    assert is_acronym("HTS", "Hayat Tahrir al-Sham")
    assert is_acronym("ISIS", "Islamic State of Iraq and Syria")
    assert is_acronym("داعش", "الدولة الإسلامية في العراق والشام")
    assert not is_acronym("Second World War", "World War II")
    assert not is_acronym("Iraq", "International Red Cross")
    assert not is_acronym("UN", "Geneva")


def test_check_of_the_shared_user_glossary_has_one_note_and_one_conflict(capsys):
    path = SHARED / "data" / "names-dev.tsv"
    if not path.exists():
        pytest.skip(f"{path} is missing")
    code, out, _ = check(capsys, str(path))
    problems = [line for line in out if "treated as ambiguous" not in line]
    assert code == 1
    assert [p.rsplit(" ", 1)[-1] for p in problems] == ["(note)", "(warning)"]
    assert "'IOC'" in problems[0] and "'Second World War'" in problems[1]

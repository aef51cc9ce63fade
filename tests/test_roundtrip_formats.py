"""Formats that round-trip: what a writer writes, its reader reads back the same (hypothesis).

Glossaries: TSV, CSV, JSON and TBX, with quotes, tabs, line breaks, ``|``
between alternatives, RTL marks and markup characters in every field.
Documents: txt, tsv, csv and jsonl read and written back without a change
are the same bytes (byte order mark, LF/CRLF, final newline, quoting).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import SHARED
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from glossary.cells import one_line
from glossary.entry import Glossary, GlossaryEntry
from glossary.files import load_glossary, read_glossary, save_glossary
from translate.cli import main
from translate.errors import OutputError
from translate.formats import read_document

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى"
LATIN = "abcdefghijklmnopqrstuvwxyzAEIOUXZ"
MARKS = "\u200f\u200e\u061c\u202b\u202c\ufeff"  # RTL/LTR marks, Arabic letter mark, embedding, BOM
PUNCTUATION = "\"'«»,;:.()<>&#-/\\"
SPACE = " \t\n\r\u2028\x0c"  # white space a writer must not let split a row
TEXT = ARABIC + LATIN + MARKS + PUNCTUATION + SPACE + "0123456789"
FORMATS = ("tsv", "csv", "json", "tbx")
CONFIG = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.function_scoped_fixture])


def texts(alphabet: str = TEXT, min_size: int = 0, max_size: int = 14):
    return st.text(alphabet=alphabet, min_size=min_size, max_size=max_size)


def forms(table: bool, canonical: bool):
    alphabet = TEXT + ("" if table else "|")
    form = texts(alphabet, 1, 14).map(one_line if canonical else (lambda t: t)).filter(lambda t: one_line(t))
    return st.lists(form, min_size=1, max_size=3, unique_by=one_line)


@st.composite
def glossaries(draw, table: bool, canonical: bool) -> Glossary:
    """Glossaries as a reader gives them (canonical) or as code or a web form may build them (raw)."""
    count = draw(st.integers(1, 5))
    ids = draw(st.lists(texts(LATIN + ARABIC + "-_. \"'" + ("" if table else "#"), 1, 8).filter(one_line).map(
        one_line if canonical else (lambda t: t)), min_size=count, max_size=count, unique_by=one_line))
    extra_keys = draw(st.lists(st.sampled_from(["lines", "source", "wikidata", "Domain"]), unique=True, max_size=2))
    entries = []
    for number, entry_id in enumerate(ids):
        languages = ("en", "ar") if number == 0 else draw(st.sampled_from([("en", "ar"), ("en",), ("ar",)]))
        terms = {lang: tuple(draw(forms(table, canonical))) for lang in languages}
        every = [f for values in terms.values() for f in values if "|" not in f]
        kind = draw(st.sampled_from(["", "name", "ambiguous", "ambiguous-some"]))
        ambiguous_forms: tuple[str, ...] = ()
        if kind == "ambiguous-some":
            kind = "ambiguous"
            ambiguous_forms = tuple(draw(st.lists(st.sampled_from(every), unique=True, max_size=2))) if every else ()
        extra = {key: draw(texts()) for key in extra_keys if draw(st.booleans())}
        entries.append(GlossaryEntry(
            id=entry_id, terms=terms,
            type=draw(st.sampled_from(["", "PER", "LOC", "GRP", "ORG"] + ([] if canonical else ["per", " loc\t"]))),
            note=draw(texts()).strip() if canonical else draw(texts()),
            extra={k: one_line(v) for k, v in extra.items() if one_line(v)} if canonical else extra,
            ambiguity=kind, ambiguous_forms=ambiguous_forms,
        ))
    if canonical:
        entries = [GlossaryEntry(id=e.id, terms=e.terms, type=e.type, note=one_line(e.note), extra=e.extra,
                                 ambiguity=e.ambiguity, ambiguous_forms=e.ambiguous_forms) for e in entries]
    return Glossary(tuple(entries), ("en", "ar"), "<generated>")


def content(glossary: Glossary) -> list[tuple]:
    return [(e.id, dict(e.terms), e.type, e.note, e.ambiguity, e.ambiguous_forms, dict(e.extra))
            for e in glossary.entries]


def written_and_read(glossary: Glossary, folder: Path, format: str) -> Glossary:
    path = folder / f"g.{format}"
    save_glossary(glossary, str(path))
    back, problems = read_glossary(str(path))
    assert not [p for p in problems if p.fatal], problems
    return back


@CONFIG
@given(glossary=glossaries(table=True, canonical=True), format=st.sampled_from(FORMATS))
def test_a_glossary_written_then_read_is_the_same(tmp_path_factory, glossary, format):
    back = written_and_read(glossary, tmp_path_factory.mktemp("g"), format)
    assert content(back) == content(glossary)
    assert back.languages == glossary.languages


@CONFIG
@given(glossary=glossaries(table=False, canonical=True), format=st.sampled_from(["json", "tbx"]))
def test_json_and_tbx_also_hold_a_bar_inside_a_term(tmp_path_factory, glossary, format):
    assert content(written_and_read(glossary, tmp_path_factory.mktemp("g"), format)) == content(glossary)


@CONFIG
@given(glossary=glossaries(table=True, canonical=False))
def test_every_format_reads_a_raw_glossary_the_same_and_a_second_trip_changes_nothing(tmp_path_factory, glossary):
    """Tabs, line breaks and spaces inside a field (a glossary built in code) become one space in every format."""
    folder = tmp_path_factory.mktemp("g")
    read = {format: written_and_read(glossary, folder, format) for format in FORMATS}
    assert all(content(read[format]) == content(read["json"]) for format in FORMATS)
    again = written_and_read(read["tsv"], folder, "tbx")
    assert content(again) == content(read["tsv"])
    for entry in read["json"].entries:
        assert all(one_line(f) == f for values in entry.terms.values() for f in values)
        assert one_line(entry.note) == entry.note and entry.type == entry.type.upper()


def test_the_shared_user_glossary_converts_to_every_format_and_back(tmp_path, capsys):
    """names-dev has «شارع "داونينج"»: TSV once crashed on the quotes after truncating the output."""
    path = SHARED / "data" / "names-dev.tsv"
    if not path.exists():
        pytest.skip(f"{path} is missing")
    original = load_glossary(str(path))
    assert any('"' in f for e in original.entries for f in e.forms("ar"))
    source = str(path)
    for format in ("tsv", "csv", "json", "tbx", "tsv"):
        out = str(tmp_path / f"names.{format}")
        assert main(["glossary", "convert", source, out]) == 0, capsys.readouterr().err
        assert content(load_glossary(out)) == content(original)
        source = out
    assert "wrote 337 entries" in capsys.readouterr().err


@pytest.mark.parametrize("entry, format, fragment", [
    (GlossaryEntry("a", {"en": ("AC|DC",), "ar": ("ا",)}), "tsv", "contains '|'"),
    (GlossaryEntry("a", {"en": ("AC|DC",), "ar": ("ا",)}), "csv", "contains '|'"),
    (GlossaryEntry("#1", {"en": ("Mosul",), "ar": ("الموصل",)}), "tsv", "read as a comment"),
    (GlossaryEntry("a", {"en": ("Mo\x01sul",), "ar": ("الموصل",)}), "tbx", r"U\+0001"),
])
def test_what_a_format_cannot_hold_is_refused_and_the_old_file_kept(tmp_path, entry, format, fragment):
    path = tmp_path / f"old.{format}"
    path.write_bytes(b"precious")
    with pytest.raises(OutputError, match=fragment) as caught:
        save_glossary(Glossary((entry,), ("en", "ar")), str(path))
    assert "\n" not in caught.value.message
    assert path.read_bytes() == b"precious"


def test_a_u2028_inside_a_tsv_cell_does_not_split_the_line(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("id\ten\tar\nx\tMosul\u2028city\tالموصل\n", encoding="utf-8")
    [entry] = load_glossary(str(path)).entries
    assert (entry.forms("en"), entry.forms("ar")) == (("Mosul city",), ("الموصل",))  # white space, read as a space


# --- documents ------------------------------------------------------------------------

CELL = ARABIC + LATIN + MARKS + "\"'«», ;.0123456789\u2028\x0c"


def layout(lines: list[str], endings: list[str], bom: bool, final_newline: bool) -> bytes:
    text = "".join(line + (endings[n] if n < len(lines) - 1 or final_newline else "") for n, line in enumerate(lines))
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def unchanged(path: Path, **options) -> bytes:
    document = read_document(str(path), **options)
    return document.serialize([document.render(i, r.text) for i, r in enumerate(document.records)]).encode("utf-8")


ENDINGS = st.lists(st.sampled_from(["\n", "\r\n"]), min_size=8, max_size=8)


@CONFIG
@given(lines=st.lists(texts(CELL + "\t\r,", 0, 20), min_size=1, max_size=7), endings=ENDINGS, bom=st.booleans(),
       final_newline=st.booleans())
def test_txt_read_and_written_back_is_byte_identical(tmp_path_factory, lines, endings, bom, final_newline):
    assume(any(line.strip() for line in lines))
    path = tmp_path_factory.mktemp("doc") / "in.txt"
    path.write_bytes(layout(lines, endings, bom, final_newline))
    assert unchanged(path) == path.read_bytes()


@CONFIG
@given(rows=st.lists(st.tuples(texts(CELL, 0, 12), texts(CELL, 0, 12)), min_size=1, max_size=6), endings=ENDINGS,
       bom=st.booleans(), final_newline=st.booleans())
def test_tsv_read_and_written_back_is_byte_identical(tmp_path_factory, rows, endings, bom, final_newline):
    lines = ["id\ttext", *("\t".join(row) for row in rows)]
    path = tmp_path_factory.mktemp("doc") / "in.tsv"
    path.write_bytes(layout(lines, endings, bom, final_newline))
    assert unchanged(path, column="text") == path.read_bytes()


@CONFIG
@given(rows=st.lists(st.tuples(texts(CELL + "\n", 0, 12), texts(CELL + "\n", 0, 12)), min_size=1, max_size=6),
       quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]),
       terminator=st.sampled_from(["\n", "\r\n"]), bom=st.booleans(), final_newline=st.booleans())
def test_csv_read_and_written_back_is_byte_identical(tmp_path_factory, rows, quoting, terminator, bom, final_newline):
    out = io.StringIO()
    csv.writer(out, quoting=quoting, lineterminator=terminator).writerows([("id", "text"), *rows])
    text = out.getvalue() if final_newline else out.getvalue().removesuffix(terminator)
    path = tmp_path_factory.mktemp("doc") / "in.csv"
    path.write_bytes((("\ufeff" if bom else "") + text).encode("utf-8"))
    assert unchanged(path, column="text") == path.read_bytes()


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts(CELL),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts(LATIN, 1, 5), inner,
                                                                                         max_size=3), max_leaves=6)


@CONFIG
@given(records=st.lists(st.one_of(st.just(None), st.tuples(texts(CELL + "\n\t\r", 0, 12) | st.none(),
                                                          st.dictionaries(texts(LATIN, 1, 5), JSON_VALUES, max_size=3),
                                                          st.booleans(), st.booleans())),
                        min_size=1, max_size=6),
       endings=ENDINGS, bom=st.booleans(), final_newline=st.booleans())
def test_jsonl_read_and_written_back_is_byte_identical(tmp_path_factory, records, endings, bom, final_newline):
    """Escapes, key order, spacing and ``null`` come back as written; blank lines stay blank."""
    lines = []
    for record in records:
        if record is None:
            lines.append("")
            continue
        text, others, ascii_only, spaced = record
        row = {**{k: v for k, v in others.items() if k != "text"}, "text": text}
        lines.append(json.dumps(row, ensure_ascii=ascii_only, separators=(", ", ": ") if spaced else (",", ":")))
    assume(any(lines))
    path = tmp_path_factory.mktemp("doc") / "in.jsonl"
    path.write_bytes(layout(lines, endings, bom, final_newline))
    assert unchanged(path) == path.read_bytes()


def test_a_changed_csv_row_is_quoted_as_needed_and_the_others_stay_as_read(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(b'"id","text"\r\n"1","a"\r\n"2","b, c"\r\n')
    document = read_document(str(path), column="text")
    written = document.serialize([document.render(0, "a"), document.render(1, 'say "x"\nthen')])
    # The changed cell is quoted as it needs; "2" keeps the quotes it was written with.
    assert written == '"id","text"\r\n"1","a"\r\n"2","say ""x""\nthen"\r\n'

"""Fuzzing every reader (inputs: txt, JSONL, TSV, CSV, Parquet; glossaries: TSV, CSV, TBX, JSON).

Whatever the bytes, a reader gives a document, or a glossary with its
problems, or one of mtrepair's one-line errors (MtrepairError): never a
traceback (RecursionError, csv.Error, UnicodeDecodeError, KeyError ...),
and it never changes the file it reads.  Bounded: a few hundred examples.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.formats.files import load_glossary
from translate.common.formats import read_document
from translate.errors import MtrepairError

FRAGMENTS = ['{', '}', '[', ']', '"', ':', ',', '\t', '\n', '\r\n', '\\', '\\u', 'd800', 'text', 'en', 'ar',
             'id', 'entries', 'terms', 'null', '1e400', '-', '0', 'مرحبا', '\ufeff', '\x00', '#', '|', ' ',
             '<', '>', '/', '=', '?xml', 'martif', 'tbx', 'termEntry', 'langSet', 'xml:lang="ar"', 'tig',
             'term', '&amp;', '&x;', '<!DOCTYPE', '<!ENTITY', 'languages', 'ambiguity', 'English', "'"]
texts = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=40).map("".join)
contents = texts.map(lambda t: t.encode("utf-8", "surrogatepass")) | st.binary(max_size=200)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FOLDER = Path(tempfile.mkdtemp(prefix="mtrepair-fuzz-"))


def reads(name: str, data: bytes, read) -> None:
    path = FOLDER / name
    path.write_bytes(data)
    try:
        read(str(path))
    except MtrepairError as error:
        assert "\n" not in error.message.strip(), error.message
    assert path.read_bytes() == data


@pytest.mark.parametrize("suffix", ["txt", "jsonl", "tsv", "csv"])
@SETTINGS
@given(data=contents)
def test_input_readers_fail_only_in_one_line(suffix, data):
    reads(f"in.{suffix}", data, lambda path: read_document(path, column="text" if suffix in ("tsv", "csv") else None))


@SETTINGS
@given(data=st.binary(max_size=200).map(lambda b: b"PAR1" + b + b"PAR1"))
def test_the_parquet_reader_fails_only_in_one_line(data):
    pytest.importorskip("pyarrow")
    reads("in.parquet", data, read_document)


@pytest.mark.parametrize("suffix", ["tsv", "csv", "tbx", "json"])
@SETTINGS
@given(data=contents)
def test_glossary_readers_fail_only_in_one_line(suffix, data):
    reads(f"names.{suffix}", data, lambda path: load_glossary(path, "en", "ar"))


def _wikidata(path: str):
    from glossary.formats.wikidata import read_wikidata

    return read_wikidata(path)


def _input(path: str):
    return read_document(path, column="text")


@pytest.mark.parametrize("name, data, read", [
    ("deep.jsonl", b'{"text": "a", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n", _input),
    ("deep.json", b'{"entries": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", load_glossary),
    ("wide.csv", b"text," + b"x" * 200_000 + b"\nhello,a\n", _input),
    ("wide-glossary.csv", b"en,ar\n" + b"x" * 200_000 + b",y\n", load_glossary),
    ("deep-wikidata.json", b'{"results": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", _wikidata),
    ("deep-wikidata.jsonl", b'{"id": "Q1", "labels": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n", _wikidata),
    ("wide-wikidata.csv", b"item,enLabel,arLabel\nhttp://www.wikidata.org/entity/Q1," + b"x" * 200_000
     + ",حلب\n".encode(), _wikidata),
])
def test_deep_json_and_huge_csv_cells_are_one_line_or_read(name, data, read):
    """131,072 characters was the csv module's limit ("field larger than field limit"); deep JSON was a
    RecursionError.  A long cell is now read (one item, for the Wikidata reader); deep JSON is refused
    in one line.  The same for inputs, glossaries and Wikidata downloads."""
    path = FOLDER / name
    path.write_bytes(data)
    try:
        result = read(str(path))
    except MtrepairError as error:
        assert name.startswith("deep") and "nested too deeply" in error.message
        return
    assert name.startswith("wide"), result
    if read is _wikidata:
        assert len(result) == 1


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.sampled_from(["en", "ar", "x", "", "Mosul", "الموصل"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["entries", "terms", "languages", "en", "ar", "id", "type", "note", "extra", "ambiguity",
                         "text"]), inner, max_size=4),
    max_leaves=12)


@SETTINGS
@given(value=json_values)
def test_json_of_any_shape_is_a_glossary_or_one_line(value):
    import json

    data = json.dumps(value, ensure_ascii=False).encode()
    reads("shaped.json", data, lambda path: load_glossary(path, "en", "ar"))
    reads("shaped.jsonl", data + b"\n" + data, read_document)


def test_a_column_name_with_a_line_break_is_shown_escaped():
    """Found by the fuzzer above: a quoted header cell holding a line break made the message two lines."""
    path = FOLDER / "header.csv"
    path.write_bytes(b'"a\n{",b\nx,y\n')
    with pytest.raises(MtrepairError) as raised:
        read_document(str(path), column="text")
    assert "\n" not in raised.value.message and "'a\\n{', b" in raised.value.message

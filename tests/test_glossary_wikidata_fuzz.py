"""Fuzzing ``glossary from-wikidata``'s reader and cleaner: whatever the bytes, a glossary (perhaps empty)
or one of mtrepair's one-line errors, never a traceback (as tests/test_reader_fuzz.py does for the others)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.formats.wikidata import read_wikidata
from glossary.formats.wikidata_clean import entries_from_items
from translate.errors import MtrepairError

FRAGMENTS = ['{', '}', '[', ']', '"', ':', ',', '\t', '\n', '\r\n', '\\', '|', '_', ' (', ')', '@en', '@ar', '<', '>',
             'http://www.wikidata.org/entity/Q1', 'Q5', '?item', 'item', 'enLabel', 'arLabel', 'enAliases', 'type',
             '"head"', '"vars"', '"results"', '"bindings"', '"value"', '"xml:lang"', '"entities"', '"labels"',
             '"aliases"', '"claims"', '"P31"', '"id"', 'حلب', 'Aleppo', '\x00', '\ufeff', 'null', '1e400']
texts = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=40).map("".join)
contents = texts.map(lambda t: t.encode("utf-8", "surrogatepass")) | st.binary(max_size=200)
FOLDER = Path(tempfile.mkdtemp(prefix="mtrepair-wikidata-fuzz-"))


@pytest.mark.parametrize("suffix", ["json", "jsonl", "csv", "tsv"])
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=contents)
def test_any_bytes_are_a_glossary_or_one_line(suffix, data):
    path = FOLDER / f"result.{suffix}"
    path.write_bytes(data)
    try:
        entries_from_items(read_wikidata(str(path)), "out.tsv")
    except MtrepairError as error:
        assert "\n" not in error.message.strip() and str(path) in error.message, error.message


# Deep JSON and a long CSV cell: tests/test_reader_fuzz.py, beside the other readers.

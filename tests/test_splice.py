"""Records keep their bytes (translate.common.splice): a record whose text changes keeps every other
field or cell exactly as the input wrote it; only the text's own bytes change."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from translate.common.formats import read_document
from translate.common.splice import cell_spans, json_value_spans, splice_cell, splice_json_field

RAW_NUMBERS = ["1e400", "0.1000000000000000055511151231257827", "2.50", "-0", "1E+2", "12345678901234567890123"]


def test_jsonl_numbers_escapes_order_and_spacing_survive_a_changed_text(tmp_path):
    line = ('{ "id" :1e400,"p": 0.1000000000000000055511151231257827 , "price":2.50, '
            '"note":"caf\\u00e9 \\/ \\"q\\"", "text":"\\u0645\\u0631\\u062d\\u0628\\u0627", "z":[1.0, {"a" :null}] }')
    (tmp_path / "in.jsonl").write_text(line + "\r\n", encoding="utf-8")
    document = read_document(str(tmp_path / "in.jsonl"))
    rendered = document.render(0, 'Hello, "world"')
    assert rendered == line.replace('"\\u0645\\u0631\\u062d\\u0628\\u0627"', '"Hello, \\"world\\""')
    assert document.serialize([rendered]).endswith("\r\n")


def test_a_duplicated_key_changes_where_json_reads_it():
    line = '{"text": "first", "n": 2.50, "text": "second"}'
    assert splice_json_field(line, "text", "new") == '{"text": "first", "n": 2.50, "text": "new"}'
    assert json.loads(splice_json_field(line, "text", "new"))["text"] == "new"


def test_csv_and_tsv_keep_every_other_cell_as_written(tmp_path):
    (tmp_path / "in.csv").write_text('id,text,price\n"007",hello,"2.50"\n', encoding="utf-8")
    document = read_document(str(tmp_path / "in.csv"), column="text")
    assert document.render(0, "a, b") == '"007","a, b","2.50"'
    assert document.render(0, "plain") == '"007",plain,"2.50"'
    (tmp_path / "in.tsv").write_text('id\ttext\tnote\n"007"\thello\t  spaced "q"  \n', encoding="utf-8")
    document = read_document(str(tmp_path / "in.tsv"), column="text")
    assert document.render(0, "new\ttab") == '"007"\tnew tab\t  spaced "q"  '


# --- properties ---------------------------------------------------------------------

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8),
                    st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(RAW_NUMBERS))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                                              max_size=3), max_leaves=6)
spaces = st.sampled_from(["", " ", "  ", "\t"])


@st.composite
def json_lines(draw):
    """A JSON object line as some other writer made it: raw numbers, its own spacing and escaping."""
    names = draw(st.lists(st.text(max_size=5), min_size=1, max_size=5, unique=True))
    ascii_only = draw(st.booleans())
    parts = []
    for name in names:
        value = draw(values)
        raw = value if isinstance(value, str) and value in RAW_NUMBERS else json.dumps(value, ensure_ascii=ascii_only)
        parts.append(f"{draw(spaces)}{json.dumps(name, ensure_ascii=ascii_only)}{draw(spaces)}:{draw(spaces)}{raw}")
    return "{" + ",".join(parts) + draw(spaces) + "}", names


@settings(max_examples=300, deadline=None)
@given(json_lines(), st.data(), st.text(max_size=20))
def test_a_spliced_json_line_changes_only_the_fields_value(case, data, text):
    line, names = case
    name = data.draw(st.sampled_from(names))
    new = splice_json_field(line, name, text)
    assert json.loads(new)[name] == text
    before, after = json_value_spans(line), json_value_spans(new)
    (_, start, end), (_, new_start, new_end) = before[names.index(name)], after[names.index(name)]
    assert new[:new_start] == line[:start] and new[new_end:] == line[end:]
    assert {k: v for k, v in json.loads(new).items() if k != name} == {
        k: v for k, v in json.loads(line).items() if k != name}


cells = st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.lists(cells, min_size=1, max_size=5), st.data(), cells,
       st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]))
def test_a_spliced_csv_row_reads_back_with_only_that_cell_changed(row, data, text, quoting):
    out = io.StringIO()
    csv.writer(out, quoting=quoting, lineterminator="\n").writerow(row)
    line = out.getvalue()[:-1]
    read = next(csv.reader(io.StringIO(line, newline="")), [])
    if read != row:  # a row csv cannot write as one line (a single empty cell): not a table row
        return
    index = data.draw(st.integers(0, len(row) - 1))
    new = splice_cell(line, row, index, text, ",")
    if new is None:  # only where one line cannot hold the row: the full writer takes over
        assert len(row) == 1 and text == ""
        return
    assert next(csv.reader(io.StringIO(new, newline=""))) == row[:index] + [text] + row[index + 1 :]
    raw = [line[a:b] for a, b in cell_spans(line, ",")]
    spliced = [new[a:b] for a, b in cell_spans(new, ",")]
    assert spliced[:index] + spliced[index + 1 :] == raw[:index] + raw[index + 1 :]

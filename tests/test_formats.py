"""Reading inputs: records, pass-through fields, and one-line errors."""

import json

import pytest

from translate.errors import InputError
from translate.formats import read_document


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(path)


def test_txt_counts_lines_like_wc_and_keeps_blank_lines(tmp_path):
    # U+2028 and form feed occur inside news text; they must not split a line.
    path = write(tmp_path, "a.txt", "one\u2028still one\n\nthree\x0cstill three\r\nfour")
    document = read_document(path)
    assert [r.text for r in document.records] == ["one\u2028still one", "", "three\x0cstill three", "four"]
    assert [r.line for r in document.records] == [1, 2, 3, 4]


def test_byte_order_mark_is_not_part_of_the_first_line(tmp_path):
    document = read_document(write(tmp_path, "a.txt", b"\xef\xbb\xbfhello\n"))
    assert document.records[0].text == "hello"


def test_jsonl_translates_one_field_and_passes_the_others_through(tmp_path):
    rows = [{"id": 7, "body": "مرحبا", "tags": ["a"]}, {"id": 8, "body": "أهلا", "tags": []}]
    path = write(tmp_path, "a.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    document = read_document(path, field="body")
    assert [r.text for r in document.records] == ["مرحبا", "أهلا"]
    assert json.loads(document.render(1, "Hello")) == {"id": 8, "body": "Hello", "tags": []}


@pytest.mark.parametrize("name, sep", [("a.tsv", "\t"), ("a.csv", ",")])
def test_tables_translate_one_column_and_keep_the_rest(tmp_path, name, sep):
    path = write(tmp_path, name, f"id{sep}text{sep}source\n1{sep}مرحبا{sep}AFP\n2{sep}أهلا{sep}SANA\n")
    document = read_document(path, column="text")
    assert [r.text for r in document.records] == ["مرحبا", "أهلا"]
    assert document.prologue() == [f"id{sep}text{sep}source"]
    assert document.render(0, "Hello") == f"1{sep}Hello{sep}AFP"


def test_csv_quotes_a_translation_that_needs_it(tmp_path):
    document = read_document(write(tmp_path, "a.csv", "id,text\n1,x\n"), column="text")
    assert document.render(0, 'He said "yes", then left') == '1,"He said ""yes"", then left"'


def test_tsv_reads_quotation_marks_as_text(tmp_path):
    document = read_document(write(tmp_path, "a.tsv", 'text\n"Yes," he said.\n'))
    assert document.records[0].text == '"Yes," he said.'


@pytest.mark.parametrize(
    "name, data, options, message",
    [
        ("bad.txt", b"good line\nbad \xff byte\n", {}, r"bad.txt:2: invalid UTF-8 at byte offset 14 \(byte 0xff\)"),
        ("empty.txt", b"", {}, r"empty.txt: file is empty"),
        ("a.tsv", "id\ttext\n1\thi\n", {"column": "body"}, r"a.tsv:1: no column 'body'; columns are: id, text"),
        ("a.tsv", "id\ttext\n1\thi\n", {}, r"a.tsv:1: 2 columns \(id, text\); choose the one to translate with --column"),
        ("a.tsv", "id\ttext\n1\thi\n2\n", {"column": "text"}, r"a.tsv:3: 1 field where the header has 2"),
        ("h.csv", "id,text\n", {"column": "text"}, r"h.csv: no rows after the header"),
        ("a.jsonl", '{"text": "a"}\n{"text": \n', {}, r"a.jsonl:2: invalid JSON"),
        ("a.jsonl", '{"text": "a"}\n{"body": "b"}\n', {}, r"a.jsonl:2: no field 'text' \(fields: body\)"),
        ("a.jsonl", '{"text": 5}\n', {}, r"a.jsonl:1: field 'text' is a number, not text"),
        ("a.jsonl", '{"text": 2.5}\n', {}, r"a.jsonl:1: field 'text' is a number, not text"),
        ("a.jsonl", '{"text": "a"}\n{"text": ["a"]}\n', {}, r"a.jsonl:2: field 'text' is a list, not text"),
        ("a.jsonl", '{"text": {"ar": "a"}}\n', {}, r"a.jsonl:1: field 'text' is an object, not text"),
        ("a.jsonl", '{"text": true}\n', {}, r"a.jsonl:1: field 'text' is a boolean, not text"),
        ("a.jsonl", '[1, 2]\n', {}, r"a.jsonl:1: expected a JSON object, found a list$"),
        ("a.jsonl", '{"text": "open\n', {}, r"a.jsonl:1: invalid JSON \(Unterminated string starting at column 10\)$"),
    ],
)
def test_bad_input_is_one_line_naming_file_and_line(tmp_path, name, data, options, message):
    with pytest.raises(InputError, match=message) as caught:
        read_document(write(tmp_path, name, data), **options)
    assert "\n" not in caught.value.message


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="nope.txt: no such file"):
        read_document(str(tmp_path / "nope.txt"))


def test_csv_cells_with_line_breaks_stay_one_cell(tmp_path):
    import csv
    import io

    source = tmp_path / "news.csv"
    source.write_text('id,text,note\n1,"first paragraph\nsecond paragraph","a, b"\n2,short,c\n', encoding="utf-8")
    document = read_document(str(source), column="text")
    assert [r.text for r in document.records] == ["first paragraph\nsecond paragraph", "short"]
    written = "\n".join(document.prologue() + [document.render(i, r.text.upper()) for i, r in enumerate(document.records)])
    rows = list(csv.reader(io.StringIO(written + "\n")))
    assert rows == [["id", "text", "note"], ["1", "FIRST PARAGRAPH\nSECOND PARAGRAPH", "a, b"], ["2", "SHORT", "c"]]

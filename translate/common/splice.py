"""Put a record's new text back into the line it was read from, changing no other byte.

Re-serialising a JSON object would rewrite what nobody asked to change:
``1e400`` would come back as ``Infinity`` (which strict readers refuse),
``0.1000000000000000055511151231257827`` as ``0.1``, ``2.50`` as ``2.5``,
and escapes, key order and spacing as ``json.dumps`` writes them.  So the
text field's value is found in the raw line and only that span is replaced;
every other field, number and space stays as the input had it.  A CSV or
TSV row is treated the same way: only the changed cell is written (and
quoted if it has to be).

Each function returns ``None`` where the line cannot be taken apart this way
(it then goes through the full writer), and a spliced row is checked by
reading it back, so a splice can never give other data than a full rewrite.
"""

from __future__ import annotations

import csv
import io
import json
import re
from json.decoder import scanstring

from .csv_cells import reader

_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's whitespace
_DECODER = json.JSONDecoder()


def json_value_spans(line: str) -> list[tuple[str, int, int]] | None:
    """(name, start, end) of each top-level value of the JSON object on ``line``; None if it is not one."""
    try:
        return _object_spans(line)
    except (ValueError, IndexError, RecursionError):
        return None


def splice_json_field(line: str, name: str, text: str) -> str | None:
    """``line`` with the value of its field ``name`` (the last one, as json.loads reads duplicates) set to ``text``."""
    spans = json_value_spans(line)
    found = [span for span in spans or () if span[0] == name]
    if not found:
        return None
    _, start, end = found[-1]
    return line[:start] + json.dumps(text, ensure_ascii=False) + line[end:]


def _object_spans(line: str) -> list[tuple[str, int, int]] | None:
    position = _SPACE.match(line).end()
    if line[position] != "{":
        return None
    position = _SPACE.match(line, position + 1).end()
    spans: list[tuple[str, int, int]] = []
    if line[position] == "}":
        return spans
    while True:
        if line[position] != '"':
            return None
        name, position = scanstring(line, position + 1)
        position = _SPACE.match(line, position).end()
        if line[position] != ":":
            return None
        start = _SPACE.match(line, position + 1).end()
        _, end = _DECODER.raw_decode(line, start)
        spans.append((name, start, end))
        position = _SPACE.match(line, end).end()
        if line[position] == "}":
            return spans
        if line[position] != ",":
            return None
        position = _SPACE.match(line, position + 1).end()


def splice_cell(row: str, cells: list[str], index: int, text: str, delimiter: str) -> str | None:
    """``row`` (one table row as read, without its line ending) with cell ``index`` set to ``text``.

    ``cells`` are the row's cells as the reader gave them; TSV (``\\t``) is
    read without quoting, CSV (``,``) with the csv module's default dialect."""
    spans = cell_spans(row, delimiter)
    if spans is None or len(spans) != len(cells):
        return None
    start, end = spans[index]
    new = row[:start] + _cell(text, delimiter) + row[end:]
    wanted = cells[:index] + [text if delimiter == "," else _tsv_cell(text)] + cells[index + 1 :]
    return new if _read_row(new, delimiter) == wanted else None


def cell_spans(row: str, delimiter: str) -> list[tuple[int, int]] | None:
    """Where each cell of ``row`` starts and ends, as the reader splits it."""
    if delimiter == "\t":  # no quoting at all: every tab separates
        spans, start = [], 0
        for piece in row.split("\t"):
            spans.append((start, start + len(piece)))
            start += len(piece) + 1
        return spans
    spans, position = [], 0
    while True:
        start = position
        if row.startswith('"', position):
            position += 1
            while True:  # to the closing quote; "" is a quote inside the cell
                quote = row.find('"', position)
                if quote < 0:
                    return None
                if row.startswith('"', quote + 1):
                    position = quote + 2
                    continue
                position = quote + 1
                break
        following = row.find(delimiter, position)
        spans.append((start, len(row) if following < 0 else following))
        if following < 0:
            return spans
        position = following + 1


def _cell(text: str, delimiter: str) -> str:
    if delimiter == "\t":
        return _tsv_cell(text)
    if any(character in text for character in ',"\r\n'):  # what csv's minimal quoting quotes
        return '"' + text.replace('"', '""') + '"'
    return text


def _tsv_cell(text: str) -> str:
    # A TSV cell cannot hold a tab or a line break: they become spaces, as the full writer does.
    return " ".join(text.replace("\t", " ").split("\n"))


def _read_row(row: str, delimiter: str) -> list[str] | None:
    options = {"delimiter": "\t", "quoting": csv.QUOTE_NONE} if delimiter == "\t" else {"delimiter": ","}
    try:
        rows = list(reader(io.StringIO(row, newline=""), **options))
    except csv.Error:
        return None
    return rows[0] if len(rows) == 1 else None

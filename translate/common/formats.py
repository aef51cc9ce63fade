"""Read documents to translate and write them back in the same format.

Supported formats, chosen by ``--format`` or the file's extension:

``txt``    one record per line; blank lines are kept as blank lines.
``jsonl``  one JSON object per line; ``--field`` names the text to translate,
           every other field is passed through unchanged.
``tsv``    a header row, then rows; ``--column`` names the text column, the
``csv``    other columns are passed through unchanged.
``parquet`` a Parquet table (needs pyarrow: ``pip install 'mtrepair[ray]'``);
           ``--column`` names the text column, every other column and the
           schema are kept.

All input is read and checked before anything is translated, so that bad
input stops the run with one line naming the file, line and problem before a
single output byte is written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import csv_cells
from .errors import InputError, where
from .splice import splice_cell, splice_json_field

FORMATS = ("txt", "jsonl", "tsv", "csv", "parquet")
_EXTENSIONS = {".txt": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".tsv": "tsv", ".csv": "csv",
               ".parquet": "parquet", ".pq": "parquet"}


@dataclass(frozen=True)
class Record:
    """One unit of input: ``text`` is what gets translated."""

    line: int  # 1-based line in the input where the record starts
    text: str


@dataclass(frozen=True)
class Layout:
    """How the input's lines were written, so the output keeps it: a byte order mark, each line's
    ending (LF or CRLF, mixed as they came), and whether the last line has one."""

    bom: bool = False
    newline: str = "\n"  # the first line's ending: used when the output has other lines than the input
    final_newline: bool = True
    endings: tuple[str, ...] = ()  # each input line's ending ("" for a last line without one)

    @classmethod
    def of(cls, text: str, bom: bool) -> Layout:
        endings = tuple("\r\n" if line.endswith("\r") else "\n" for line in text.split("\n")[:-1])
        if text and not text.endswith("\n"):  # a last line without LF; a CR there is its ending, kept
            endings += ("\r" if text.endswith("\r") else "",)
        first = endings[0] if endings and endings[0] in ("\n", "\r\n") else "\n"
        return cls(bom, first, text.endswith("\n"), endings)

    @classmethod
    def of_rows(cls, bom: bool, endings: tuple[str, ...]) -> Layout:
        """The layout of a CSV file, one ending per row (a quoted cell may hold line breaks)."""
        first = endings[0] if endings and endings[0] in ("\n", "\r\n") else "\n"
        return cls(bom, first, bool(endings) and endings[-1] != "", endings)

    def text(self, lines: list[str]) -> str:
        return self.part(lines, 0, len(lines))

    def part(self, lines: list[str], start: int, total: int) -> str:
        """``lines`` as positions ``start``... of an output of ``total`` lines (streamed to standard
        output a chunk at a time): each with its input line's ending, the byte order mark before the first."""
        if total == len(self.endings):
            body = "".join(line + ending for line, ending in zip(lines, self.endings[start:]))
        else:
            last = start + len(lines) == total
            body = "".join(line + (self.newline if not (last and k == len(lines) - 1) or self.final_newline else "")
                           for k, line in enumerate(lines))
        return ("\ufeff" if self.bom and start == 0 else "") + body


@dataclass
class Document:
    """An input file split into records, able to render them back translated."""

    path: str
    format: str
    records: list[Record]
    digest: str = ""  # sha256 of the input bytes: ties a resume file to its input
    header: str | None = None  # tsv/csv header line, written back as is
    _rows: list = field(default_factory=list, repr=False)  # parsed rows for jsonl/tsv/csv
    _key: object = None  # the JSON field or column index being translated
    layout: Layout = field(default_factory=Layout)  # BOM, line endings and final newline of the input
    _lines: list = field(default_factory=list, repr=False)  # jsonl/tsv/csv: each record's line(s) as read
    _endings: tuple = ()  # csv: the line ending after the header and after each row
    _table: object = None  # parquet: the pyarrow Table as read

    def render(self, index: int, translation: str) -> str:
        """Output line(s) for record ``index`` with its text replaced by ``translation``.

        A JSONL or TSV record whose text is unchanged comes back as it was read, byte for byte
        (its escapes, key order and spacing are the writer's, not json.dumps's); one whose text
        changed keeps every other field or cell byte for byte."""
        if self.format == "txt":
            return " ".join(translation.split("\n"))
        if self.format == "parquet":  # a cell holds any text; the table is written by output()
            return translation
        if self._lines and translation == self.records[index].text:
            return self._lines[index]
        row = self._rows[index]
        # Only the text's own bytes change: the rest of the line comes back as read (translate.common.splice).
        if self.format == "jsonl":
            if row is None:  # a blank line, kept as one
                return ""
            spliced = splice_json_field(self._lines[index], self._key, translation)
            return spliced if spliced is not None else json.dumps({**row, self._key: translation}, ensure_ascii=False)
        spliced = splice_cell(self._lines[index], row, self._key, translation, "\t" if self.format == "tsv" else ",")
        if spliced is not None:
            return spliced
        cells = list(row)
        cells[self._key] = translation
        return _write_row(cells, self.format)

    def prologue(self) -> list[str]:
        """Lines written before the records (the header of a table)."""
        return [self.header] if self.header is not None else []

    def serialize(self, rendered: list[str]) -> str:
        """The output text: the prologue and the rendered records, laid out as the input was."""
        if self.format == "parquet":
            raise ValueError("a Parquet document is bytes: use write_document")
        return self.layout.text(self.prologue() + rendered)

    def parquet_bytes(self, rendered: list[str]) -> bytes:
        """The Parquet output: the input table with the text column replaced; an untranslated
        null cell stays null, every other column and the schema's metadata are kept."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = self._table
        index = table.schema.get_field_index(self._key)
        field = table.schema.field(index)
        original = table.column(index).to_pylist()
        cells = [old if new == record.text else new
                 for old, new, record in zip(original, rendered, self.records)]
        table = table.set_column(index, field, pa.array(cells, type=field.type))
        buffer = pa.BufferOutputStream()
        pq.write_table(table, buffer)
        return buffer.getvalue().to_pybytes()


def write_document(path: str, document: Document, rendered: list[str]) -> None:
    """Write ``document`` with its records ``rendered`` (see :meth:`Document.render`) to ``path``."""
    from .outputs import write_bytes, write_text

    if document.format == "parquet":
        write_bytes(path, document.parquet_bytes(rendered))
    else:
        write_text(path, document.serialize(rendered))


def detect_format(path: str, format: str | None) -> str:
    if format:
        return format
    if path == "-":
        return "txt"
    return _EXTENSIONS.get(Path(path).suffix.lower(), "txt")


def read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None


def decode(data: bytes, path: str) -> str:
    """UTF-8 text (a leading byte-order mark dropped); bad bytes are reported by line and offset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        bad = data[error.start : error.start + 1].hex()
        raise InputError(
            f"{where(path, line)}: invalid UTF-8 at byte offset {error.start} (byte 0x{bad}); "
            f"convert the file to UTF-8 first"
        ) from None


def split_lines(text: str) -> list[str]:
    """Lines as ``wc -l`` counts them: only ``\\n`` ends a line (``\\r\\n`` too).

    ``str.splitlines`` would also split at U+2028, form feeds and other
    separators that do occur inside news text, shifting every later line.
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def read_document(
    path: str, format: str | None = None, *, field: str | None = None, column: str | None = None,
    purpose: str = "translate",
) -> Document:
    """Read and check a whole input file (``purpose``, what the command does, words the refusal of an empty one)."""
    format = detect_format(path, format)
    if format not in FORMATS:
        raise InputError(f"{path}: unknown format {format!r}; use one of {', '.join(FORMATS)}")
    data = read_bytes(path)
    shown = "<stdin>" if path == "-" else path
    if not data.strip():
        what = "is empty" if not data else "holds only blank lines"
        raise InputError(f"{shown}: file {what}, nothing to {purpose}")
    if format == "parquet":
        document = _read_parquet(shown, data, column, purpose)
        document.digest = hashlib.sha256(data).hexdigest()
        return document
    text = decode(data, shown)
    if format == "txt":
        document = Document(shown, format, [Record(n, line) for n, line in enumerate(split_lines(text), 1)])
    elif format == "jsonl":
        document = _read_jsonl(shown, text, field or "text")
    else:
        document = _read_table(shown, text, format, column, purpose)
    document.digest = hashlib.sha256(data).hexdigest()
    bom = data.startswith(b"\xef\xbb\xbf")
    document.layout = Layout.of_rows(bom, document._endings) if format == "csv" else Layout.of(text, bom)
    return document


def _read_jsonl(path: str, text: str, field_name: str) -> Document:
    records, rows = [], []
    for n, line in enumerate(split_lines(text), 1):
        if not line.strip():
            records.append(Record(n, ""))
            rows.append(None)
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            # json's messages may end in "at" ("Unterminated string starting at"): the column follows.
            raise InputError(f"{where(path, n)}: invalid JSON ({error.msg.removesuffix(' at')} at column "
                             f"{error.colno})") from None
        except RecursionError:  # Python's parser recurses per level: a few thousand "[" exhaust it
            raise InputError(f"{where(path, n)}: JSON nested too deeply for mtrepair to read (lists or objects "
                             f"inside one another hundreds of levels deep)") from None
        if not isinstance(row, dict):
            raise InputError(f"{where(path, n)}: expected a JSON object, found {json_kind(row)}")
        if field_name not in row:
            fields = ", ".join(row) or "none"
            raise InputError(f"{where(path, n)}: no field {field_name!r} (fields: {fields}); choose one with --field")
        value = row[field_name]
        if value is None:  # nothing to translate; the line comes back as read, null and all
            value = ""
        if not isinstance(value, str):
            raise InputError(f"{where(path, n)}: field {field_name!r} is {json_kind(value)}, not text; "
                             f"mtrepair translates strings only")
        records.append(Record(n, value))
        rows.append(row)
    return Document(path, "jsonl", records, _rows=rows, _key=field_name, _lines=split_lines(text))


def json_kind(value: object) -> str:
    """A JSON value's type in plain words: "a number", "a list", "an object" (not Python's "int")."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return {dict: "an object", list: "a list", str: "a string", type(None): "null"}.get(type(value), "a value")


def _read_table(path: str, text: str, format: str, column: str | None, purpose: str) -> Document:
    # The physical lines the reader takes for each row, so that a row comes back as it was read
    # (its quoting, and line breaks inside quoted cells); csv reads one row's lines, never more.
    consumed: list[str] = []

    def physical_lines():
        for piece in io.StringIO(text, newline=""):
            consumed.append(piece)
            yield piece

    raw_rows: list[str] = []

    def taken() -> None:
        raw_rows.append("".join(consumed))
        consumed.clear()

    reader = csv_cells.reader(physical_lines(), **_dialect(format))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{path}: file is empty, nothing to {purpose}") from None
    except csv.Error as error:  # the header row is read like any other: one line, never a traceback
        raise InputError(f"{where(path, reader.line_num or 1)}: {error}") from None
    taken()
    if column is None:
        if len(header) != 1:
            raise InputError(
                f"{where(path, 1)}: {len(header)} columns ({_column_names(header)}); choose the one to translate with --column"
            )
        column = header[0]
    if column not in header:
        raise InputError(f"{where(path, 1)}: no column {column!r}; columns are: {_column_names(header)}")
    key = header.index(column)
    records, rows = [], []
    line = reader.line_num + 1
    try:
        for row in reader:
            if len(row) != len(header):
                raise InputError(
                    f"{where(path, line)}: {len(row)} field{'' if len(row) == 1 else 's'} where the header has "
                    f"{len(header)}"
                )
            records.append(Record(line, row[key]))
            rows.append(row)
            taken()
            line = reader.line_num + 1
    except csv.Error as error:
        raise InputError(f"{where(path, reader.line_num)}: {error}") from None
    if not records:
        raise InputError(f"{path}: no rows after the header, nothing to {purpose}")
    if format == "tsv":  # one line per record: each comes back as read when its text is unchanged
        lines = split_lines(text)
        return Document(path, format, records, header=lines[0], _rows=rows, _key=key, _lines=lines[1:])
    bodies, endings = zip(*(_split_ending(raw) for raw in raw_rows))
    return Document(path, format, records, header=bodies[0], _rows=rows, _key=key, _lines=list(bodies[1:]),
                    _endings=endings)


def _column_names(names) -> str:
    """Column names for a one-line message: a name with a line break or another control character
    (a header cell can hold one, quoted) is shown escaped."""
    return ", ".join(name if name.isprintable() else repr(name) for name in map(str, names))


def _read_parquet(path: str, data: bytes, column: str | None, purpose: str) -> Document:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"{path}: reading Parquet needs pyarrow: pip install 'mtrepair[ray]'") from None
    try:
        table = pq.read_table(pa.BufferReader(data))
    except (pa.ArrowException, OSError) as error:
        raise InputError(f"{path}: not a readable Parquet file ({str(error).splitlines()[0]})") from None
    names = table.schema.names
    if column is None:
        if len(names) != 1:
            raise InputError(f"{path}: {len(names)} columns ({_column_names(names)}); choose the one to translate "
                             f"with --column")
        column = names[0]
    if column not in names:
        raise InputError(f"{path}: no column {column!r}; columns are: {_column_names(names)}")
    if names.count(column) > 1:
        raise InputError(f"{path}: {names.count(column)} columns are named {column!r}; mtrepair cannot tell which "
                         f"to translate")
    kind = table.schema.field(column).type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        raise InputError(f"{path}: column {column!r} holds {kind}, not text; mtrepair translates strings only")
    if table.num_rows == 0:
        raise InputError(f"{path}: no rows, nothing to {purpose}")
    # Records are numbered by row (1-based), as messages about a table's rows are.
    records = [Record(n, value or "") for n, value in enumerate(table.column(column).to_pylist(), 1)]
    return Document(path, "parquet", records, _key=column, _table=table)


def _split_ending(raw: str) -> tuple[str, str]:
    for ending in ("\r\n", "\n", "\r"):
        if raw.endswith(ending):
            return raw[: -len(ending)], ending
    return raw, ""


def _dialect(format: str) -> dict:
    # TSV as most tools write it: no quoting at all, so a text that starts
    # with a quotation mark is read as the text it is.
    if format == "tsv":
        return {"delimiter": "\t", "quoting": csv.QUOTE_NONE, "escapechar": None}
    return {"delimiter": ","}


def _write_row(cells: list[str], format: str) -> str:
    if format == "tsv":
        return "\t".join(" ".join(cell.replace("\t", " ").split("\n")) for cell in cells)
    out = io.StringIO()
    # The terminator's characters are what the writer quotes: a cell with a
    # line break (two paragraphs) must be quoted to stay one cell.
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue().removesuffix("\r\n")

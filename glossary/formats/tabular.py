"""Glossaries as TSV/CSV tables.

Two layouts are read:

* a header naming language codes plus optional columns, as in
  ``id  en  ar  type  note`` (unknown columns are kept but not used);
* DeepL-style two-column files without a header (``source<TAB>target``),
  where the caller says the languages (``--from`` / ``--to``).

A cell may list alternatives separated by ``|``: the first is preferred, the
others are accepted as correct.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from translate.common import csv_cells
from translate.common.errors import OutputError
from translate.common.outputs import write_text

from ..entry import Glossary, GlossaryEntry, format_ambiguity, parse_ambiguity
from .cells import canonical, one_line, table_cell_problem, table_id_problem, unique_forms
from .problems import GlossaryError, Problem

ALTERNATIVE_SEPARATOR = "|"
# Columns with a meaning of their own; anything else that is not a language
# code is an unknown column, kept in ``extra`` and ignored.
KNOWN_COLUMNS = frozenset({"id", "type", "note", "notes", "lines", "pos", "domain", "comment", "source", "ambiguity"})
# ISO 639-1 codes: a header cell shaped like a language code but not in this
# list is reported as an unknown language rather than silently ignored.
ISO_639_1 = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz "
    "ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik "
    "io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml "
    "mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd "
    "se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi "
    "vo wa wo xh yi yo za zh zu".split()
)
_CODE_SHAPE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$")


def read_table(path: str, source_lang: str | None = None, target_lang: str | None = None) -> tuple[Glossary, list[Problem]]:
    """Read a TSV/CSV glossary; return it with every problem found (nothing raised for content)."""
    text = _read_text(path)
    delimiter = "," if path.lower().endswith(".csv") else "\t"
    rows = list(_rows(text, delimiter, path))
    if not rows:
        return Glossary((), (), path), [Problem(path, None, "glossary is empty")]
    header_line, header = rows[0]
    if _is_header(header):
        return _read_with_header(path, rows, source_lang, target_lang)
    if len(header) != 2:  # neither a header nor a (source, target) pair: say both
        return Glossary((), (), path), [Problem(path, header_line, _not_a_header(header))]
    if source_lang and target_lang:
        return _read_pairs(path, rows, source_lang, target_lang)
    return Glossary((), (), path), [
        Problem(path, header_line, "no header naming the languages (e.g. 'en<TAB>ar'); for a two-column file give --from and --to")
    ]


def _not_a_header(cells: list[str]) -> str:
    shown = ", ".join(repr(one_line(cell)) for cell in cells[:6]) + (", ..." if len(cells) > 6 else "")
    return (f"header not recognised: {shown} names no two languages (name the columns by code, such as en and ar, "
            f"or in words, English and Arabic); read as a headerless two-column file, the row has {len(cells)} "
            f"cell{'' if len(cells) == 1 else 's'}, not 2 (source, target)")


def _is_header(cells: list[str]) -> bool:
    languages = [_language(cell) for cell in cells]
    return sum(1 for lang in languages if lang) >= 2 or any(c.strip().lower() in KNOWN_COLUMNS for c in cells)


def two_columns_without_header(path: str) -> list[tuple[str, str]] | None:
    """The first rows of a TSV/CSV glossary whose first row names no languages (so whoever loads it
    must say which language each column holds), or None for a file with a header."""
    rows = list(_rows(_read_text(path), "," if path.lower().endswith(".csv") else "\t", path))
    if not rows or _is_header(rows[0][1]):
        return None
    return [tuple(cells[:2]) for _, cells in rows[:20] if len(cells) >= 2]


def write_table(glossary: Glossary, path: str) -> None:
    """Write a TSV (or CSV, by extension) that :func:`read_table` reads back as the same entries."""
    write_text(path, format_table(glossary, "," if path.lower().endswith(".csv") else "\t"))


def format_table(glossary: Glossary, delimiter: str) -> str:
    """The table: ``id``, the languages, ``type``, ``note``, ``ambiguity`` when any entry has one, then
    the entries' extra fields; cells on one line (glossary.formats.cells), refusing what a table cannot hold."""
    glossary = canonical(glossary)
    extra = list(dict.fromkeys(key for entry in glossary.entries for key in entry.extra))
    for key in extra:
        if key.strip().lower() in {"id", "type", "note", "ambiguity"} or _language(key) or not one_line(key):
            raise OutputError(f"extra field {key!r} cannot be a table column (it names a language or a column "
                              f"of its own); write the glossary as .json")
    marked = any(entry.ambiguity for entry in glossary.entries)
    rows = [["id", *glossary.languages, "type", "note", *(["ambiguity"] if marked else []), *extra]]
    for entry in glossary.entries:
        table_id_problem(one_line(entry.id))
        for lang in glossary.languages:
            for form in entry.forms(lang):
                table_cell_problem(entry.id, lang, form, ALTERNATIVE_SEPARATOR)
        cells = [f" {ALTERNATIVE_SEPARATOR} ".join(entry.forms(lang)) for lang in glossary.languages]
        rows.append([entry.id, *cells, entry.type, entry.note, *([format_ambiguity(entry)] if marked else []),
                     *(entry.extra.get(key, "") for key in extra)])
    rows = [[one_line(cell) for cell in row] for row in rows]
    if delimiter == "\t":
        # TSV is read by plain splitting (terms may hold quotes), so it is written by plain joining:
        # a one-line cell holds no tab or line break.
        return "".join("\t".join(row) + "\n" for row in rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _read_text(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise GlossaryError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise GlossaryError(f"{path}: is a folder, not a glossary file") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise GlossaryError(f"{path}:{line}: invalid UTF-8 at byte offset {error.start}") from None


def _rows(text: str, delimiter: str, path: str):
    """(line number, cells) for each non-blank, non-comment line."""
    if delimiter == "\t":
        # Plain split: glossary terms may contain quote characters.  Only LF (or CRLF) ends a line:
        # splitlines() would also split at U+2028 or a form feed inside a cell.
        for number, line in enumerate(text.split("\n"), start=1):
            line = line.removesuffix("\r")
            if line.strip() and not line.lstrip().startswith("#"):
                yield number, line.split("\t")
        return
    reader = csv_cells.reader(io.StringIO(text, newline=""))
    try:
        for cells in reader:
            number = reader.line_num
            if any(c.strip() for c in cells) and not cells[0].lstrip().startswith("#"):
                yield number, cells
    except csv.Error as error:  # a NUL byte, an unterminated quote at the end: one line naming the place
        raise GlossaryError(f"{path}:{reader.line_num or 1}: {error}") from None


# Header cells that name a language in words (a spreadsheet's "English | Arabic" header).
LANGUAGE_NAMES = {"english": "en", "arabic": "ar", "الإنجليزية": "en", "الانجليزية": "en", "الإنكليزية": "en",
                  "إنجليزي": "en", "انجليزي": "en", "العربية": "ar", "عربي": "ar"}


def _language(cell: str) -> str | None:
    code = cell.strip().lower()
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    if code in KNOWN_COLUMNS or not _CODE_SHAPE.match(code):
        return None
    from translate.common.languages import normalise_language

    return normalise_language(code)


def _alternatives(cell: str) -> list[str]:
    return [one_line(part) for part in cell.split(ALTERNATIVE_SEPARATOR)]


def _read_with_header(path, rows, source_lang, target_lang):
    problems: list[Problem] = []
    header_line, header = rows[0]
    names = [one_line(c) for c in header]  # extra fields keep the header's spelling
    columns = [name.lower() for name in names]
    languages: list[str] = []
    for cell in columns:
        lang = _language(cell)
        if lang is None:
            continue
        if lang not in ISO_639_1:
            problems.append(Problem(path, header_line, f"unknown language {cell!r} in header", fatal=False))
            continue
        if lang in languages:
            problems.append(Problem(path, header_line, f"language {lang!r} appears twice in the header"))
            continue
        languages.append(lang)
    for wanted in (source_lang, target_lang):
        if wanted and wanted not in languages:
            problems.append(Problem(path, header_line, f"no {wanted!r} column (the header names {', '.join(languages) or 'no languages'})"))
    entries = []
    for number, cells in rows[1:]:
        if len(cells) > len(columns):
            problems.append(Problem(path, number, f"{len(cells)} cells but the header has {len(columns)}"))
            continue
        values = [one_line(c) for c in cells]
        record = dict(zip(columns, values))
        terms = {}
        for lang in languages:
            column = next(c for c in columns if _language(c) == lang)
            cell = record.get(column, "")
            if not cell:
                continue
            forms = _alternatives(cell)
            if any(not form for form in forms):
                problems.append(Problem(path, number, f"empty alternative in the {lang!r} cell {cell!r}"))
                forms = [f for f in forms if f]
            if forms:
                terms[lang] = unique_forms(forms)
        if len(terms) < 2:
            missing = [lang for lang in languages if lang not in terms]
            what = f"empty term for {', '.join(missing)}" if missing else "needs terms in two languages"
            problems.append(Problem(path, number, what, fatal=len(terms) == 0))
        extra = {name: value for name, column, value in zip(names, columns, values)
                 if value and column not in {"id", "type", "note", "ambiguity"} and not _language(column)}
        ambiguity, ambiguous_forms = _ambiguity(record.get("ambiguity", ""), terms, path, number, problems)
        entries.append(GlossaryEntry(
            id=record.get("id") or f"line-{number}", terms=terms, type=record.get("type", "").upper(),
            note=record.get("note", record.get("notes", "")), line=number, extra=extra, ambiguity=ambiguity,
            ambiguous_forms=ambiguous_forms,
        ))
    return Glossary(tuple(entries), tuple(languages), path), problems


def _ambiguity(cell: str, terms: dict, path: str, line: int | None, problems: list[Problem]):
    """The entry's ambiguity mark, checked (shared by every glossary format)."""
    try:
        kind, forms = parse_ambiguity(cell)
    except ValueError as error:
        problems.append(Problem(path, line, f"{error} (ignored)", fatal=False))
        return "", ()
    known = {form for values in terms.values() for form in values}
    for form in forms:
        if form not in known:
            problems.append(Problem(path, line, f"ambiguity names {form!r}, which is not a form of this entry", fatal=False))
    return kind, forms


def _read_pairs(path, rows, source_lang, target_lang):
    problems: list[Problem] = []
    entries = []
    for number, cells in rows:
        if len(cells) != 2:
            problems.append(Problem(path, number, f"expected 2 cells (source, target), found {len(cells)}"))
            continue
        source, target = (_alternatives(c) for c in cells)
        if not all(source) or not all(target):
            problems.append(Problem(path, number, "empty term"))
            continue
        entries.append(GlossaryEntry(id=f"line-{number}", line=number,
                                     terms={source_lang: unique_forms(source), target_lang: unique_forms(target)}))
    return Glossary(tuple(entries), (source_lang, target_lang), path), problems

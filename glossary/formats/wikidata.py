"""Reading Wikidata as a user downloads it: query results (JSON, CSV, TSV) and dump excerpts.

Every input becomes a list of :class:`WikidataItem` (an item id, its labels
and aliases per language, its classes), in file order; one item met on several
rows (one row per alias or class, as SPARQL returns them) is merged.
glossary.formats.wikidata_clean turns the items into glossary entries.

Query results (https://query.wikidata.org, "Download"):

* JSON: ``{"head": {"vars": [...]}, "results": {"bindings": [{"item": {"type": "uri", "value":
  "http://www.wikidata.org/entity/Q41183"}, "enLabel": {"xml:lang": "en", "type": "literal",
  "value": "Aleppo"}}]}}``;
* TSV: a header ``?item	?enLabel``, cells ``<http://www.wikidata.org/entity/Q41183>``, ``"Aleppo"@en``;
* CSV: a header ``item,enLabel``, plain cells.

Columns: the item is the first column holding entity URIs (``item`` when
there is one); ``enLabel``/``arLabel`` (or ``en``, ``label_en`` ...) hold
labels, ``enAlias``/``arAliases`` aliases (several in one cell separated by
``|``, as ``GROUP_CONCAT(?alias; separator="|")`` gives them); a plain
``itemLabel`` or ``label`` column takes the language from the value's tag
(JSON, TSV); ``type``/``class``/``instanceOf`` (entity URIs, or a glossary type such as
``LOC``; several separated by ``|``) and their ``...Label`` columns give the
class, ``note``/``description`` the entry's note (in a dump: the English
description).

Dump excerpts: ``{"entities": {"Q41183": {"labels": ..., "aliases": ...,
"claims": {"P31": [...]}}}}`` as Special:EntityData/Q41183.json gives it,
or one entity per line as in the JSON dumps (a ``[``/``]`` line and a
trailing comma allowed).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from translate.common import csv_cells
from translate.common.errors import InputError
from translate.common.formats import decode, read_bytes

ENTITY = re.compile(r"^<?https?://www\.wikidata\.org/entity/(Q[1-9][0-9]*)>?$")
ALIAS_SEPARATOR = "|"
_LABEL_COLUMN = re.compile(r"^(?:(?P<pre>[a-z]{2,3})_?(?P<k1>label|alias|aliases)|(?P<k2>label|alias|aliases)_?(?P<post>[a-z]{2,3})"
                           r"|(?P<only>[a-z]{2}))$", re.IGNORECASE)
_TYPE_COLUMNS = ("type", "class", "instanceof", "instance_of", "p31")
_NOTE_COLUMNS = ("note", "description", "itemdescription")
_TSV_LITERAL = re.compile(r'^"(?P<text>.*)"(?:@(?P<lang>[A-Za-z\-]+)|\^\^.*)?$', re.DOTALL)
_TSV_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", '"': '"', "\\": "\\", "'": "'"}


class WikidataError(InputError):
    """An input that is not Wikidata as downloaded (its message names the file, line and problem)."""


@dataclass
class WikidataItem:
    """One Wikidata item as read: forms per language (labels first, then aliases), classes in order."""

    qid: str
    path: str
    line: int | None
    labels: dict[str, list[str]] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    classes: list[str] = field(default_factory=list)  # QIDs or class labels, as the input gave them
    notes: list[str] = field(default_factory=list)  # a description or note column, the English description

    def add(self, kind: str, lang: str, text: str) -> None:
        forms = (self.labels if kind == "label" else self.aliases).setdefault(lang.lower(), [])
        if text and text not in forms:
            forms.append(text)

    def merge(self, other: WikidataItem) -> None:
        for kind, forms in (("label", other.labels), ("alias", other.aliases)):
            for lang, texts in forms.items():
                for text in texts:
                    self.add(kind, lang, text)
        self.classes += [c for c in other.classes if c not in self.classes]
        self.notes += [n for n in other.notes if n not in self.notes]


@dataclass(frozen=True)
class Cell:
    """One value of a result row: its text and, when the format says it, its language tag."""

    text: str
    lang: str | None = None


def read_wikidata(path: str) -> list[WikidataItem]:
    """The items of one downloaded file, merged by id, in file order; raises WikidataError."""
    text = _read_text(path)
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(text, path)
    elif suffix == ".tsv":
        rows = _tsv_rows(text, path)
    elif suffix in (".json", ".jsonl", ".ndjson"):
        return _merged(_json_items(text, path))
    else:
        raise WikidataError(f"{path}: cannot tell the format; name it .json (query result or dump), .jsonl, "
                            f".csv or .tsv")
    return _merged(_row_items(rows, path))


def read_query_result(data: bytes, path: str) -> list[WikidataItem]:
    """The items of a query's JSON result as the endpoint sent it (``path`` names it in messages)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WikidataError(f"{path}: the answer is not UTF-8 text") from None
    return _merged(_json_items(text, path))


def _read_text(path: str) -> str:
    """The file's UTF-8 text; a missing, unreadable or non-UTF-8 file is one line (as for every input)."""
    return decode(read_bytes(path), path)


def _merged(items: list[WikidataItem]) -> list[WikidataItem]:
    by_id: dict[str, WikidataItem] = {}
    for item in items:
        if item.qid in by_id:
            by_id[item.qid].merge(item)
        else:
            by_id[item.qid] = item
    return list(by_id.values())


# --- query results: JSON, CSV, TSV -------------------------------------------------------------


def _json_items(text: str, path: str) -> list[WikidataItem]:
    try:
        data = json.loads(text)
    except RecursionError:  # Python's parser recurses per level of nesting
        raise WikidataError(f"{path}: JSON nested too deeply to read (lists or objects inside one another "
                            f"thousands of times): not a Wikidata download") from None
    except json.JSONDecodeError as error:
        if text.lstrip().startswith(("{", "[")) and "\n" in text.strip():
            return _json_lines(text, path)  # the dump's layout: one entity per line
        raise WikidataError(f"{path}:{error.lineno}: not JSON ({error.msg})") from None
    if isinstance(data, dict) and isinstance(data.get("results"), dict):
        return _row_items(_binding_rows(data, path), path)
    if isinstance(data, dict) and isinstance(data.get("entities"), dict):
        return [_entity_item(entity, path, None) for entity in data["entities"].values() if _is_entity(entity)]
    if isinstance(data, dict) and _is_entity(data):
        return [_entity_item(data, path, 1)]
    if isinstance(data, list):
        return [_entity_item(entity, path, None) for entity in data if _is_entity(entity)]
    raise WikidataError(f"{path}: JSON, but neither a query result ({{\"results\": {{\"bindings\": ...}}}}) nor "
                        f"entities ({{\"entities\": ...}})")


def _binding_rows(data: dict, path: str) -> tuple[list[str], list[tuple[int | None, dict[str, Cell]]]]:
    head = _object(data.get("head"))
    columns = [str(v) for v in head.get("vars", [])] if isinstance(head.get("vars"), list) else []
    bindings = data["results"].get("bindings")
    if not isinstance(bindings, list):
        raise WikidataError(f"{path}: \"results\" has no list of \"bindings\"")
    rows = []
    for binding in bindings:
        if not isinstance(binding, dict):
            raise WikidataError(f"{path}: a binding is not an object")
        rows.append((None, {name: Cell(str(value.get("value", "")), value.get("xml:lang"))
                            for name, value in binding.items() if isinstance(value, dict)}))
        columns += [name for name in binding if name not in columns]
    return columns, rows


def _csv_rows(text: str, path: str) -> tuple[list[str], list[tuple[int | None, dict[str, Cell]]]]:
    reader = csv_cells.reader(io.StringIO(text, newline=""))  # a long cell allowed, as in every reader
    try:
        table = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise WikidataError(f"{path}:{reader.line_num}: not CSV ({error})") from None
    return _table(table, path, lambda cell: Cell(cell))


def _tsv_rows(text: str, path: str) -> tuple[list[str], list[tuple[int | None, dict[str, Cell]]]]:
    table = [(number, line.split("\t")) for number, line in enumerate(text.split("\n"), start=1)
             if line.strip()]
    columns, rows = _table(table, path, _tsv_cell)
    return [c.lstrip("?") for c in columns], [(n, {k.lstrip("?"): v for k, v in row.items()}) for n, row in rows]


def _table(table, path: str, cell) -> tuple[list[str], list[tuple[int | None, dict[str, Cell]]]]:
    if not table:
        raise WikidataError(f"{path}: empty file")
    _, header = table[0]
    columns = [name.strip() for name in header]
    rows = []
    for number, values in table[1:]:
        if len(values) > len(columns):
            raise WikidataError(f"{path}:{number}: {len(values)} cells but the header names {len(columns)} columns")
        rows.append((number, {name: cell(value.rstrip("\r")) for name, value in zip(columns, values) if value.strip()}))
    return columns, rows


def _tsv_cell(value: str) -> Cell:
    """``"Mosul"@en`` -> Cell("Mosul", "en"); ``<http://...>`` -> the URI; anything else as it is."""
    found = _TSV_LITERAL.match(value)
    if found:
        text = re.sub(r"\\(.)", lambda m: _TSV_ESCAPES.get(m.group(1), m.group(0)), found.group("text"))
        return Cell(text, found.group("lang"))
    return Cell(value.strip().strip("<>") if value.startswith("<") else value)


def _row_items(table, path: str) -> list[WikidataItem]:
    columns, rows = table
    roles = column_roles(columns, path)
    item_column = _item_column(columns, rows, path)
    items = []
    for line, row in rows:
        qid = _qid(row.get(item_column, Cell("")).text)
        if qid is None:
            at = f":{line}" if line else ""
            raise WikidataError(f"{path}{at}: the {item_column!r} cell is no Wikidata item "
                                f"({row.get(item_column, Cell('')).text!r})")
        item = WikidataItem(qid, path, line)
        for name, (kind, lang) in roles.items():
            if name in row:
                _add_cell(item, kind, lang, row[name])
        items.append(item)
    return items


def _add_cell(item: WikidataItem, kind: str, lang: str | None, cell: Cell) -> None:
    if kind == "class":  # several in one cell when the query concatenates them
        item.classes += [_qid(part) or part.strip() for part in cell.text.split(ALIAS_SEPARATOR) if part.strip()]
        return
    if kind == "note":
        if cell.text.strip() and cell.text.strip() not in item.notes:
            item.notes.append(cell.text.strip())
        return
    lang = lang or cell.lang
    if lang is None:
        return
    texts = cell.text.split(ALIAS_SEPARATOR) if kind == "alias" else [cell.text]
    for text in texts:
        item.add(kind, lang.split("-")[0], text.strip())


def column_roles(columns: list[str], path: str) -> dict[str, tuple[str, str | None]]:
    """``column -> (label|alias|class, language or None)`` for the columns the converter reads."""
    roles: dict[str, tuple[str, str | None]] = {}
    for name in columns:
        lowered = name.lower()
        if lowered in _TYPE_COLUMNS:
            roles[name] = ("class", None)
        elif lowered in _NOTE_COLUMNS:
            roles[name] = ("note", None)
        elif lowered.endswith("label") and lowered[:-5] in _TYPE_COLUMNS:
            roles[name] = ("class", None)
        elif lowered in ("label", "itemlabel", "alias", "itemalias", "aliases", "itemaliases"):
            roles[name] = ("alias" if "alias" in lowered else "label", None)
        elif found := _LABEL_COLUMN.match(name):
            kind = (found.group("k1") or found.group("k2") or "label").lower()
            lang = found.group("pre") or found.group("post") or found.group("only")
            roles[name] = ("label" if kind == "label" else "alias", lang.lower())
    if not any(kind in ("label", "alias") for kind, _ in roles.values()):
        shown = ", ".join(repr(c) for c in columns[:8]) + (", ..." if len(columns) > 8 else "")  # escaped: one line
        raise WikidataError(f"{path}: no label columns (columns: {shown or 'none'}); name them "
                            f"enLabel and arLabel (aliases: enAliases, arAliases)")
    return roles


def _item_column(columns: list[str], rows, path: str) -> str:
    if "item" in columns:
        return "item"
    for name in columns:
        if name.lower() not in _TYPE_COLUMNS and any(_qid(row[name].text) for _, row in rows if name in row):
            return name
    raise WikidataError(f"{path}: no column of Wikidata items (such as ?item, holding "
                        f"http://www.wikidata.org/entity/Q... values)")


def _qid(text: str) -> str | None:
    found = ENTITY.match(text.strip())
    return found.group(1) if found else None


# --- dump excerpts -----------------------------------------------------------------------------


def _json_lines(text: str, path: str) -> list[WikidataItem]:
    items = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip().rstrip(",")
        if line in ("", "[", "]"):
            continue
        try:
            entity = json.loads(line)
        except RecursionError:
            raise WikidataError(f"{path}:{number}: JSON nested too deeply to read") from None
        except json.JSONDecodeError as error:
            raise WikidataError(f"{path}:{number}: not JSON ({error.msg})") from None
        if not _is_entity(entity):
            raise WikidataError(f"{path}:{number}: not a Wikidata entity (no \"id\" Q... with \"labels\")")
        items.append(_entity_item(entity, path, number))
    return items


def _is_entity(entity) -> bool:
    return isinstance(entity, dict) and isinstance(entity.get("id"), str) and entity["id"].startswith("Q") \
        and isinstance(entity.get("labels", {}), dict)


def _entity_item(entity: dict, path: str, line: int | None) -> WikidataItem:
    item = WikidataItem(entity["id"], path, line)
    for lang, label in _object(entity.get("labels")).items():
        if isinstance(label, dict):
            item.add("label", lang, str(label.get("value", "")).strip())
    for lang, aliases in _object(entity.get("aliases")).items():
        for alias in aliases if isinstance(aliases, list) else []:
            if isinstance(alias, dict):
                item.add("alias", lang, str(alias.get("value", "")).strip())
    description = _object(_object(entity.get("descriptions")).get("en"))
    if str(description.get("value", "")).strip():
        item.notes.append(str(description["value"]).strip())
    claims = _object(entity.get("claims")).get("P31")
    for claim in claims if isinstance(claims, list) else []:
        value = _object(_object(_object(claim).get("mainsnak")).get("datavalue")).get("value")
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            item.classes.append(value["id"])
    return item


def _object(value) -> dict:
    """``value`` when it is a JSON object, else an empty one: a damaged excerpt reads as far as it goes."""
    return value if isinstance(value, dict) else {}

"""Glossaries as JSON, for scripts and web forms that build or edit them.

The format (UTF-8)::

    {
     "languages": ["en", "ar"],
     "entries": [
      {
       "id": "lev-0101",
       "type": "GRP",
       "note": "Syrian armed group",
       "terms": {"en": ["Hayat Tahrir al-Sham", "HTS"], "ar": ["هيئة تحرير الشام"]}
      }
     ]
    }

``terms`` maps a language code to its forms, the preferred form first and
the accepted variants after it.  ``id`` (default: the entry's 1-based
position), ``type``, ``note`` and ``extra`` (an object of further string
fields, kept for export) may be left out; ``languages`` too (default: the
languages in order of first use).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from glossary.formats.cells import canonical, one_line, unique_forms
from glossary.entry import Glossary, GlossaryEntry, format_ambiguity
from glossary.formats.problems import GlossaryError, Problem
from translate.common.formats import json_kind
from translate.common.outputs import write_text

ENTRY_KEYS = frozenset({"id", "type", "note", "terms", "extra", "ambiguity"})


class _Shape(Exception):
    """An entry that does not have the documented shape."""


def write_json(glossary: Glossary, path: str) -> None:
    """Write ``glossary`` in the JSON format above; :func:`read_json` reads it back unchanged."""
    write_text(path, format_json(glossary))


def format_json(glossary: Glossary) -> str:
    glossary = canonical(glossary)
    document = {"languages": list(glossary.languages), "entries": [_entry_object(e) for e in glossary.entries]}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def read_json(path: str) -> tuple[Glossary, list[Problem]]:
    """Read a JSON glossary; returns it with the problems found (content problems never raise).

    Invalid JSON is one fatal problem at the line json reports; an entry of
    the wrong shape is a fatal problem naming ``entries[i]``.  Entries have
    ``line`` 0 because JSON keeps no line numbers.  A missing file raises
    :class:`GlossaryError`.
    """
    empty = Glossary((), (), path)
    try:
        document = json.loads(_read_text(path))
    except UnicodeDecodeError as error:
        return empty, [Problem(path, None, f"not UTF-8 (byte {error.start})")]
    except json.JSONDecodeError as error:
        return empty, [Problem(path, error.lineno, f"not valid JSON: {error.msg} (column {error.colno})")]
    except RecursionError:  # Python's parser recurses per level of nesting
        return empty, [Problem(path, None, "JSON nested too deeply to read (lists or objects inside one another "
                                           "hundreds of levels deep); a glossary needs three levels")]
    except MemoryError:
        return empty, [Problem(path, None, "JSON too large to read into memory")]
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        return empty, [Problem(path, None, 'expected an object with an "entries" list')]

    problems: list[Problem] = []
    entries = []
    for index, item in enumerate(document["entries"]):
        try:
            entry = _read_entry(item, index, path, problems)
        except _Shape as shape:
            problems.append(Problem(path, None, f"entries[{index}]: {shape}"))
            continue
        if entry is not None:
            entries.append(entry)
    return Glossary(tuple(entries), _languages(document.get("languages"), entries, path, problems), path), problems


def _entry_object(entry: GlossaryEntry) -> dict[str, Any]:
    obj: dict[str, Any] = {"id": entry.id, "type": entry.type, "note": entry.note}
    if entry.ambiguity:
        obj["ambiguity"] = format_ambiguity(entry)
    obj["terms"] = {lang: list(forms) for lang, forms in entry.terms.items() if forms}
    if entry.extra:
        obj["extra"] = dict(entry.extra)
    return obj


def _read_text(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise GlossaryError(f"{path}: no such file") from None
    except OSError as error:
        raise GlossaryError(f"{path}: cannot read: {error.strerror}") from None
    return data.decode("utf-8-sig")  # Windows editors add a byte order mark


def _read_entry(item: object, index: int, path: str, problems: list[Problem]) -> GlossaryEntry | None:
    """One entry, or None (with a non-fatal problem) when it has no terms; raises _Shape."""
    if not isinstance(item, dict):
        raise _Shape(f"expected an object, got {_kind(item)}")
    for key in sorted(set(item) - ENTRY_KEYS):
        problems.append(Problem(path, None, f"entries[{index}]: unknown key {key!r} (ignored)", fatal=False))
    entry_id = _string(item, "id", str(index + 1))
    terms = _terms(item.get("terms"), index, path, problems)
    if not terms:
        problems.append(Problem(path, None, f"entries[{index}] ({entry_id!r}) has no terms (skipped)", fatal=False))
        return None
    from .tabular import _ambiguity

    ambiguity, forms = _ambiguity(_string(item, "ambiguity", ""), terms, path, None, problems)
    return GlossaryEntry(
        id=entry_id, terms=terms, type=_string(item, "type", "").upper(), note=_string(item, "note", ""),
        line=0, extra=_extra(item.get("extra", {})), ambiguity=ambiguity, ambiguous_forms=forms,
    )


def _terms(value: object, index: int, path: str, problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise _Shape(f'"terms" must be an object mapping a language to a list of forms, got {_kind(value)}')
    terms: dict[str, tuple[str, ...]] = {}
    for lang, forms in value.items():
        if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
            raise _Shape(f'"terms"[{lang!r}] must be a list of strings')
        kept = [one_line(f) for f in forms if one_line(f)]
        if len(kept) < len(forms):
            problems.append(Problem(path, None, f"entries[{index}]: empty form in {lang} (skipped)", fatal=False))
        code = _language_code(lang)
        if kept:
            terms[code] = unique_forms(terms.get(code, ()) + tuple(kept))
    return terms


def _string(item: Mapping[str, object], key: str, default: str) -> str:
    value = item.get(key, default)
    if not isinstance(value, str):
        raise _Shape(f"{key!r} must be a string, got {_kind(value)}")
    return one_line(value) or default


def _extra(value: object) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise _Shape('"extra" must be an object of strings')
    return {key: one_line(text) for key, text in value.items() if one_line(text)}


def _languages(declared: object, entries: list[GlossaryEntry], path: str, problems: list[Problem]) -> tuple[str, ...]:
    """The declared languages, then any an entry uses that were not declared."""
    if declared is None:
        declared = []
    if not isinstance(declared, list) or not all(isinstance(lang, str) for lang in declared):
        problems.append(Problem(path, None, '"languages" must be a list of language codes'))
        declared = []
    used = [lang for entry in entries for lang in entry.terms]
    return tuple(dict.fromkeys([_language_code(lang) for lang in declared] + used))


def _language_code(code: str) -> str:
    # The same normalisation as everywhere, so ar-SA, ara and ar name one language.
    from translate.common.languages import normalise_language

    return normalise_language(code)


def _kind(value: object) -> str:
    return json_kind(value)

"""What every glossary format can hold, so that a glossary written in one format reads back the same.

Every reader gives each text (id, term, type, note, ambiguity, extra field)
on one line: runs of white space, tabs and line breaks included, become one
space, and the ends are trimmed (a term is a name, not a paragraph).  Types
are upper case (``PER``), each form of a language is listed once, and empty
extra fields are left out.  Every writer writes such a glossary exactly,
which leaves two things a table cannot hold: a ``|`` inside a term (it
separates alternatives) and an id that starts with ``#`` (a comment line).
Table writers refuse those in one line, pointing to ``.json`` or ``.tbx``;
the TBX writer refuses the control characters XML 1.0 cannot carry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from translate.common.errors import OutputError

from ..entry import Glossary, GlossaryEntry

# XML 1.0 (section 2.2) allows tab, LF, CR and U+0020 upwards, except surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def one_line(text: str) -> str:
    """``text`` with white space collapsed and trimmed, as every glossary reader gives it."""
    return " ".join(text.split())


def unique_forms(forms: Iterable[str]) -> tuple[str, ...]:
    """Each form once, on one line, in order; empty forms dropped."""
    return tuple(dict.fromkeys(form for form in (one_line(f) for f in forms) if form))


def canonical(glossary: Glossary) -> Glossary:
    """The glossary as a reader would give it back: what every writer writes."""
    return replace(glossary, entries=tuple(_canonical_entry(e) for e in glossary.entries))


def _canonical_entry(entry: GlossaryEntry) -> GlossaryEntry:
    terms = {lang: unique_forms(forms) for lang, forms in entry.terms.items()}
    return replace(entry, id=one_line(entry.id), terms={lang: forms for lang, forms in terms.items() if forms},
                   type=one_line(entry.type).upper(), note=one_line(entry.note),
                   extra={key: one_line(value) for key, value in entry.extra.items() if one_line(value)},
                   ambiguous_forms=unique_forms(entry.ambiguous_forms))


def table_cell_problem(entry_id: str, lang: str, form: str, separator: str) -> None:
    """Refuse a term a table cell cannot hold (the alternative separator inside it)."""
    if separator in form:
        raise OutputError(f"entry {entry_id!r}: the {lang} term {form!r} contains {separator!r}, which separates "
                          f"alternatives in a table; write the glossary as .json or .tbx")


def table_id_problem(entry_id: str) -> None:
    if entry_id.startswith("#"):
        raise OutputError(f"entry {entry_id!r}: an id that starts with '#' would be read as a comment line in a "
                          f"table; write the glossary as .json or .tbx, or change the id")


def xml_text_problem(entry_id: str, text: str) -> None:
    found = _NOT_XML.search(text)
    if found:
        raise OutputError(f"entry {entry_id!r}: {text!r} holds the character U+{ord(found.group()):04X}, which XML "
                          f"cannot carry; write the glossary as .json or .tsv")

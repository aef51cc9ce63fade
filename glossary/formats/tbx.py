"""Glossaries in TBX-Basic, the terminology exchange format of CAT tools.

:func:`read_tbx` imports a termbase exported from a CAT tool or written by
hand: TBX v3 (ISO 30042:2019, ``<tbx>``/``<conceptEntry>``/``<langSec>``/
``<termSec>``) and TBX v2 / TBX-Basic 2008 (``<martif>``/``<termEntry>``/
``<langSet>``/``<tig>`` or ``<ntig>``), with or without namespaces.
:func:`write_tbx` exports a glossary as TBX v3 TBX-Basic so that a CAT tool
(or another translator) can use the same names.

How a glossary maps onto TBX:

* one entry = one concept; its ``id`` is the concept's ``id`` attribute;
* per language, one term section per form; the preferred form is marked
  ``preferredTerm-admn`` and the accepted variants ``admittedTerm-admn``.
  When reading, a term marked preferred goes first; terms marked
  deprecated or superseded are forms *not* to use, so they are left out;
* ``type`` (PER, ORG, LOC ...) is the concept's
  ``<admin type="customerSubset">``, ``note`` its ``<note>``.

Uploaded files are untrusted, so they are parsed with ``defusedxml``:
entity declarations (the "billion laughs" bomb) and external references
are refused and reported as a problem, never expanded.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as StdET  # for building and writing only; parsing goes through defusedxml
from collections.abc import Iterator
from dataclasses import dataclass
from pyexpat import ErrorString
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from glossary.formats.cells import canonical, one_line, xml_text_problem
from glossary.entry import Glossary, GlossaryEntry, format_ambiguity
from glossary.formats.problems import GlossaryError, Problem
from translate.common.outputs import write_text

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

ROOT_TAGS = frozenset({"tbx", "martif"})
CONCEPT_TAGS = frozenset({"conceptEntry", "termEntry"})  # v3, v2
LANGUAGE_TAGS = frozenset({"langSec", "langSet"})
TERM_TAGS = frozenset({"termSec", "tig", "ntig"})
# TBX-Basic 2008 and TBX v3 call it administrativeStatus; the 2019+
# TBX-Basic dialect renames it usageStatus; TBX-Default uses normativeAuthorization.
STATUS_TYPES = frozenset({"administrativeStatus", "usageStatus", "normativeAuthorization"})
PREFERRED = "preferred"
REJECTED = frozenset({"deprecated", "superseded"})

# TBX-Basic has no data category for a named entity's class.  subjectField
# is the domain (politics, military), and note/definition are prose for
# people.  customerSubset is the concept-level, plain-text label TBX-Basic
# provides for grouping entries so tools can filter on them, which is how
# the type is used here (which entries inflect); it is also in TBX-Min, so
# it survives a conversion down to TBX-Min (projectSubset would not).
TYPE_ADMIN = "customerSubset"
# mtrepair's own data category (TBX allows private ones): whether the terms may be ordinary words.
AMBIGUITY_ADMIN = "x-mtrepair-ambiguity"
# An entry's other fields (a table's extra columns, JSON's "extra"): <admin type="x-mtrepair-extra-KEY">.
EXTRA_ADMIN = "x-mtrepair-extra-"


@dataclass
class _Term:
    text: str
    preferred: bool


def read_tbx(path: str) -> tuple[Glossary, list[Problem]]:
    """Read a TBX (v2 ``martif`` or v3 ``tbx``) termbase as a glossary.

    Returns the glossary and the problems found, concept by concept; content
    problems never raise.  Fatal ones (not XML, not TBX, a language section
    without ``xml:lang``, XML entities) mean the file cannot be used as it
    is.  A missing file raises :class:`GlossaryError`.
    """
    parsed = _parse(_read_bytes(path), path)
    if isinstance(parsed, Problem):
        return Glossary((), (), path), [parsed]
    root, lines = parsed
    if _local(root.tag) not in ROOT_TAGS:
        reason = f"not a TBX file: the root element is <{_local(root.tag)}>, not <tbx> or <martif>"
        return Glossary((), (), path), [Problem(path, lines.get(root, 1), reason)]

    entries: list[GlossaryEntry] = []
    problems: list[Problem] = []
    used_ids = {one_line(c.get("id", "")) for c in _concepts(root)}
    for ordinal, concept in enumerate(_concepts(root), start=1):
        entry = _read_concept(concept, ordinal, lines, used_ids, path, problems)
        if entry is not None:
            entries.append(entry)
    return Glossary(tuple(entries), _languages(entries), path), problems


def write_tbx(glossary: Glossary, path: str) -> None:
    """Write ``glossary`` as a TBX v3 TBX-Basic file that CAT tools can import.

    The file is UTF-8 and indented; reading it back with :func:`read_tbx`
    gives the same ids, terms (in the same order), types and notes.
    Ids are written as they are: TBX wants them to be XML names (``lev-0001``
    is, ``1`` is not), which validators check but :func:`read_tbx` does not.
    """
    write_text(path, format_tbx(glossary))


def format_tbx(glossary: Glossary) -> str:
    """The TBX document; refuses (one line) a text with a character XML cannot carry."""
    glossary = canonical(glossary)
    root = _tbx_root(glossary)
    body = StdET.SubElement(StdET.SubElement(root, "text"), "body")
    for entry in glossary.entries:
        for text in (entry.id, entry.type, entry.note, format_ambiguity(entry), *entry.extra, *entry.extra.values(),
                     *(form for forms in entry.terms.values() for form in forms)):
            xml_text_problem(entry.id, text)
        body.append(_concept_element(entry, glossary.languages))
    StdET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + StdET.tostring(root, encoding="unicode") + "\n"


# --- reading -----------------------------------------------------------------


class _LineRecorder(TreeBuilder):
    """A tree builder that remembers the line where each element starts."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[Element, int] = {}
        self.expat = None  # set once the parser exists

    def start(self, tag: str, attrs: dict[str, str]) -> Element:  # type: ignore[override]
        element = super().start(tag, attrs)
        if self.expat is not None:
            self.lines[element] = self.expat.CurrentLineNumber
        return element


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise GlossaryError(f"{path}: no such file") from None
    except OSError as error:
        raise GlossaryError(f"{path}: cannot read: {error.strerror}") from None


def _parse(data: bytes, path: str) -> tuple[Element, dict[Element, int]] | Problem:
    """The root element and element lines, or the one fatal problem that stops parsing."""
    recorder = _LineRecorder()
    parser = DefusedXMLParser(target=recorder)
    # defusedxml's parser is the pure-Python one, which exposes expat; if a
    # future version hides it, concepts fall back to their ordinal (see _line).
    recorder.expat = getattr(parser, "parser", None)
    try:
        parser.feed(data)
        root = parser.close()
    except ParseError as error:
        line, column = error.position
        message = ErrorString(error.code) if error.code else str(error)
        return Problem(path, line, f"not well-formed XML: {message} (column {column + 1})")
    except DefusedXmlException as error:
        line = recorder.expat.CurrentLineNumber if recorder.expat is not None else None
        return Problem(path, line, _refusal(error))
    return root, recorder.lines


def _refusal(error: DefusedXmlException) -> str:
    if isinstance(error, EntitiesForbidden):
        return "XML entities are not allowed"
    if isinstance(error, ExternalReferenceForbidden):
        return "external XML references are not allowed"
    return f"XML construct not allowed: {error}"


def _concepts(root: Element) -> Iterator[Element]:
    return (e for e in root.iter() if _local(e.tag) in CONCEPT_TAGS)


def _read_concept(
    concept: Element, ordinal: int, lines: dict[Element, int], used_ids: set[str], path: str, problems: list[Problem]
) -> GlossaryEntry | None:
    """One concept as an entry, or None (with a problem) when it has no usable term."""
    line = _line(concept, ordinal, lines)
    entry_id = one_line(concept.get("id", "")) or _generated_id(ordinal, used_ids)
    name = f"concept {entry_id!r}"
    terms: dict[str, list[_Term]] = {}
    for section in _children(concept, LANGUAGE_TAGS):
        lang = language_code(section.get(XML_LANG, ""))
        if not lang:
            problems.append(Problem(path, lines.get(section, line), f"{name}: <{_local(section.tag)}> has no xml:lang"))
            continue
        terms.setdefault(lang, []).extend(_read_terms(section, name, lang, lines, path, problems))
    forms = {lang: _ordered(found) for lang, found in terms.items() if found}
    if not forms:
        problems.append(Problem(path, line, f"{name} has no terms (skipped)", fatal=False))
        return None
    from .tabular import _ambiguity

    ambiguity, ambiguous_forms = _ambiguity(_admin(concept, AMBIGUITY_ADMIN), forms, path, line, problems)
    return GlossaryEntry(
        id=entry_id, terms=forms, type=_admin(concept, TYPE_ADMIN).upper(), note=_notes(concept), line=line,
        ambiguity=ambiguity, ambiguous_forms=ambiguous_forms, extra=_extra(concept),
    )


def _read_terms(
    section: Element, name: str, lang: str, lines: dict[Element, int], path: str, problems: list[Problem]
) -> Iterator[_Term]:
    """The accepted terms of one language section, in file order."""
    for holder in _children(section, TERM_TAGS):
        term = next((e for e in holder.iter() if _local(e.tag) == "term"), None)
        text = _text(term) if term is not None else ""
        if not text:
            where = lines.get(term if term is not None else holder)
            problems.append(Problem(path, where, f"{name}: empty <term> in {lang} (skipped)", fatal=False))
            continue
        status = _status(holder)
        if status not in REJECTED:
            yield _Term(text, status == PREFERRED)


def _status(holder: Element) -> str:
    """``preferred``, ``admitted``, ``deprecated``, ``superseded`` or '' when unmarked.

    Tools write ``preferredTerm-admn``, ``preferredTerm-admn-sts`` or just
    ``preferred``; all mean the same.
    """
    for note in holder.iter():
        if _local(note.tag) == "termNote" and note.get("type") in STATUS_TYPES:
            value = _text(note).split("-")[0].lower()
            return value.removesuffix("term")
    return ""


def _ordered(terms: list[_Term]) -> tuple[str, ...]:
    """Preferred terms first, otherwise file order; each form once."""
    ranked = sorted(terms, key=lambda t: not t.preferred)  # sorted() is stable
    return tuple(dict.fromkeys(t.text for t in ranked))


def _admin(concept: Element, kind: str) -> str:
    return next((_text(e) for e in _children(concept, {"admin"}) if e.get("type") == kind), "")


def _extra(concept: Element) -> dict[str, str]:
    found = ((e.get("type", "")[len(EXTRA_ADMIN):], _text(e)) for e in _children(concept, {"admin"})
             if e.get("type", "").startswith(EXTRA_ADMIN))
    return {key: value for key, value in found if key and value}


def _notes(concept: Element) -> str:
    return "; ".join(filter(None, (_text(e) for e in _children(concept, {"note"}))))


def _languages(entries: list[GlossaryEntry]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(lang for entry in entries for lang in entry.terms))


def _line(concept: Element, ordinal: int, lines: dict[Element, int]) -> int:
    # The ordinal only when the parser could not report lines (see _parse).
    return lines.get(concept, ordinal)


def _generated_id(ordinal: int, used_ids: set[str]) -> str:
    candidate = str(ordinal)
    while candidate in used_ids:
        candidate = f"{candidate}-"
    used_ids.add(candidate)
    return candidate


def language_code(code: str) -> str:
    """The primary subtag, lower-case: ``ar-SA`` -> ``ar``, ``en_US`` -> ``en``, ``eng`` -> ``en``."""
    from translate.common.languages import normalise_language

    return normalise_language(code)


def _children(element: Element, names: frozenset[str] | set[str]) -> Iterator[Element]:
    return (child for child in element if _local(child.tag) in names)


def _local(tag: object) -> str:
    # Comments and processing instructions have a function as their tag.
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(element: Element) -> str:
    # Pretty-printed files wrap long terms and notes across lines.
    return " ".join("".join(element.itertext()).split())


# --- writing -----------------------------------------------------------------


def _tbx_root(glossary: Glossary) -> Element:
    main_lang = glossary.languages[0] if glossary.languages else "en"
    root = StdET.Element(
        "tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: main_lang, "xmlns": TBX_NAMESPACE}
    )
    source = StdET.SubElement(StdET.SubElement(StdET.SubElement(root, "tbxHeader"), "fileDesc"), "sourceDesc")
    StdET.SubElement(source, "p").text = f"mtrepair glossary {os.path.basename(glossary.path)}"
    return root


def _concept_element(entry: GlossaryEntry, languages: tuple[str, ...]) -> Element:
    concept = StdET.Element("conceptEntry", {"id": entry.id})
    if entry.type:
        StdET.SubElement(concept, "admin", {"type": TYPE_ADMIN}).text = entry.type
    if entry.ambiguity:
        StdET.SubElement(concept, "admin", {"type": AMBIGUITY_ADMIN}).text = format_ambiguity(entry)
    for key, value in entry.extra.items():
        if value:
            StdET.SubElement(concept, "admin", {"type": EXTRA_ADMIN + key}).text = value
    if entry.note:
        StdET.SubElement(concept, "note").text = entry.note
    ordered = [lang for lang in languages if lang in entry.terms]
    ordered += [lang for lang in entry.terms if lang not in ordered]
    for lang in ordered:
        if entry.forms(lang):
            concept.append(_language_element(lang, entry.forms(lang)))
    return concept


def _language_element(lang: str, forms: tuple[str, ...]) -> Element:
    section = StdET.Element("langSec", {XML_LANG: lang})
    for position, form in enumerate(forms):
        term_section = StdET.SubElement(section, "termSec")
        StdET.SubElement(term_section, "term").text = form
        status = "preferredTerm-admn" if position == 0 else "admittedTerm-admn"
        StdET.SubElement(term_section, "termNote", {"type": "administrativeStatus"}).text = status
    return section

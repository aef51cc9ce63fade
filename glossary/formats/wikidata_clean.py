"""Wikidata items to glossary entries: the noise cleaned away and every change recorded.

For each item (glossary.formats.wikidata): the English and Arabic labels are
the preferred forms and the aliases alternatives; each form is cleaned of
the noise glossary.formats.noise describes (``_`` for spaces and a trailing
disambiguator are removed, a form in the wrong script or that is only an
item id is dropped); an item left without an English or an Arabic form is
dropped (repair needs both); an item whose preferred forms are those of an
earlier one is merged into it as alternatives.  The class (P31) becomes the
entry's type (:data:`TYPES`; an unknown class keeps its label or id), the
item id the entry's id, and the forms word frequencies call ordinary words
(glossary.stages.ambiguity, as repair decides it) are marked ambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..entry import Glossary, GlossaryEntry
from ..language.normalize import match_key
from . import noise
from .wikidata import WikidataItem

LANGUAGES = ("en", "ar")
# Well-known classes and the glossary type they mean; any other class keeps what the input said.
TYPES = {
    "Q5": "PER",  # human
    **dict.fromkeys(("Q515", "Q1549591", "Q3957", "Q532", "Q486972", "Q5119", "Q6256", "Q3624078",
                     "Q10864048", "Q13220204", "Q13221722", "Q517351", "Q841753", "Q2221906", "Q23442",
                     "Q4022", "Q8502", "Q1637706"), "LOC"),
    # city, big city, town, village, human settlement, capital, country, sovereign state,
    # first/second/third-level administrative division, governorate of Syria, governorate of Iraq,
    # geographic location, island, river, mountain, city with millions of inhabitants
    **dict.fromkeys(("Q7278", "Q17149090", "Q43229", "Q4830453", "Q327333", "Q2659904", "Q7210356",
                     "Q484652", "Q176799"), "ORG"),
    # political party, armed organization, organization, business, government agency,
    # government organization, political organization, international organization, military unit
    **dict.fromkeys(("Q41710", "Q2472587"), "GRP"),  # ethnic group, people
    **dict.fromkeys(("Q1656682", "Q1190554", "Q198", "Q180684", "Q645883", "Q178561", "Q831663"), "EVT"),
    # event, occurrence, war, conflict, military operation, battle, military campaign
    **dict.fromkeys(("Q2424752", "Q7397", "Q1002697", "Q11424", "Q571"), "PROD"),
    # product, software, periodical, film, book
}


@dataclass(frozen=True)
class Change:
    """One thing the converter dropped or changed, for the summary and ``--report``."""

    path: str
    line: int | None
    qid: str
    lang: str
    kind: str  # noise.UNDERSCORE ..., or "no en form", "duplicate"
    before: str
    after: str  # "" when dropped


def entries_from_items(items: list[WikidataItem], path: str) -> tuple[Glossary, list[Change]]:
    """The glossary the items make, and every change made on the way."""
    changes: list[Change] = []
    entries: list[GlossaryEntry] = []
    by_forms: dict[tuple[str, ...], int] = {}
    by_id: dict[str, int] = {}
    for item in items:
        entry = _entry(item, changes)
        if entry is None:
            continue
        # Folded as glossary check compares terms (hamza, taa marbuta, case): what it would call a duplicate.
        key = tuple(match_key(entry.terms[lang][0], lang) for lang in LANGUAGES)
        earlier = by_id.get(entry.id, by_forms.get(key))
        if earlier is not None:  # the same item in two files, or two items with the same names: one entry
            entries[earlier] = _merged(entries[earlier], entry)
            changes.append(Change(item.path, item.line, item.qid, "", "duplicate",
                                  " | ".join(entry.terms[lang][0] for lang in LANGUAGES),
                                  f"merged into {entries[earlier].id}"))
            continue
        by_forms[key] = by_id[entry.id] = len(entries)
        entries.append(entry)
    from ..stages.ambiguity import AmbiguityJudge

    judge = AmbiguityJudge("en", "ar")
    judged = tuple(_with_ambiguity(e, judge) for e in entries)
    return Glossary(judged, LANGUAGES, path), changes


def _entry(item: WikidataItem, changes: list[Change]) -> GlossaryEntry | None:
    terms = {}
    for lang in LANGUAGES:
        raw = [*item.labels.get(lang, []), *item.aliases.get(lang, [])]
        forms = list(dict.fromkeys(f for f in (clean_form(form, lang, item, changes) for form in raw) if f))
        if not forms:
            shown = " | ".join(f for other in LANGUAGES if other != lang for f in item.labels.get(other, [])[:1])
            changes.append(Change(item.path, item.line, item.qid, lang, f"no {lang} form", shown, ""))
            return None
        terms[lang] = tuple(forms)
    return GlossaryEntry(id=item.qid, terms=terms, type=entry_type(item.classes), note="; ".join(item.notes),
                         line=item.line or 0)


def clean_form(form: str, lang: str, item: WikidataItem, changes: list[Change]) -> str:
    """``form`` without its noise ("" when it must go), each change recorded."""
    def record(kind: str, after: str) -> None:
        changes.append(Change(item.path, item.line, item.qid, lang, kind, form, after))

    text = " ".join(form.split())
    if noise.is_item_id(text):
        record(noise.ITEM_ID, "")
        return ""
    if noise.has_underscore(text):
        text = noise.without_underscores(text)
        record(noise.UNDERSCORE, text)
    if noise.disambiguator(text) is not None:
        text = noise.without_disambiguator(text)
        record(noise.DISAMBIGUATOR, text)
    if noise.wrong_script(text, lang):
        record(noise.WRONG_SCRIPT, "")
        return ""
    return text


def entry_type(classes: list[str]) -> str:
    """The first class with a known glossary type, else the first class's label, else its id."""
    for found in classes:
        if found in TYPES:
            return TYPES[found]
    labels = [c for c in classes if not noise.is_item_id(c)]
    return (labels or classes or [""])[0].upper()


def _merged(first: GlossaryEntry, other: GlossaryEntry) -> GlossaryEntry:
    terms = {lang: tuple(dict.fromkeys([*first.forms(lang), *other.forms(lang)])) for lang in LANGUAGES}
    return replace(first, terms=terms, type=first.type or other.type)


def _with_ambiguity(entry: GlossaryEntry, judge) -> GlossaryEntry:
    """The entry with the forms repair would read as ordinary words marked, so the file shows them."""
    forms = tuple(dict.fromkeys(form for _, form in judge.ambiguous_forms(entry)))
    return replace(entry, ambiguity="ambiguous", ambiguous_forms=forms) if forms else entry


EXAMPLES = 3  # examples per kind of change in the summary; --report lists them all


def summary_lines(changes: list[Change]) -> list[str]:
    """One line per kind of change: its count and a few examples (for standard error)."""
    kinds: dict[str, list[Change]] = {}
    for change in changes:
        kinds.setdefault(change.kind, []).append(change)
    lines = []
    for kind, found in kinds.items():
        shown = "; ".join(f"{c.qid} {c.before!r}" + (f" -> {c.after!r}" if c.after else "") for c in found[:EXAMPLES])
        more = ", ..." if len(found) > EXAMPLES else ""
        verb = "merged" if kind == "duplicate" else "dropped" if not found[0].after else "cleaned"
        noun = "item" if kind == "duplicate" or kind.startswith("no ") else "form"
        lines.append(f"{verb} {len(found)} {noun}{'' if len(found) == 1 else 's'} ({kind}): {shown}{more}")
    return lines


REPORT_COLUMNS = ("file", "line", "id", "language", "change", "before", "after")


def report_rows(changes: list[Change]) -> list[str]:
    """``--report``: every change, one TSV row each (cells on one line)."""
    def cell(value) -> str:
        return " ".join(str(value if value is not None else "").split())

    return ["\t".join(REPORT_COLUMNS)] + ["\t".join(cell(v) for v in (c.path, c.line, c.qid, c.lang, c.kind,
                                                                    c.before, c.after)) for c in changes]

"""The glossary's data model: entries with a preferred form and accepted variants per language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

# Types whose Arabic forms are nisba adjectives or group names that inflect
# for gender, number and definiteness (علوي / العلوية / العلويين / العلويون).
# Proper names of people and places do not: الكاظمي (a surname) must not
# match الكاظمية (a district of Baghdad).
INFLECTING_TYPES = frozenset({"GRP", "OTHER", "NORP"})
# Whether an entry's terms may be ordinary words (glossary.stages.ambiguity): "ambiguous"
# (an occurrence means the name only when the translation shows it), "name"
# (always the name, whatever a word list says), or "" (decided from word frequencies).
# Written in files as "ambiguous", "ambiguous: FORM | FORM" (only those forms), "name" or nothing.
AMBIGUITY_VALUES = ("", "ambiguous", "name")


def parse_ambiguity(text: str) -> tuple[str, tuple[str, ...]]:
    """``"ambiguous: سنة | السنة"`` -> ``("ambiguous", ("سنة", "السنة"))``; raises ValueError when unknown."""
    kind, _, forms = text.strip().partition(":")
    kind = kind.strip().lower()
    listed = tuple(f.strip() for f in forms.split("|") if f.strip())
    if kind not in AMBIGUITY_VALUES or (listed and kind != "ambiguous"):
        raise ValueError(f"ambiguity {text.strip()!r} is not one of: ambiguous, ambiguous: FORM | FORM, name "
                         "(or empty: decided from word frequencies)")
    return kind, listed


def format_ambiguity(entry: "GlossaryEntry") -> str:
    if entry.ambiguity == "ambiguous" and entry.ambiguous_forms:
        return "ambiguous: " + " | ".join(entry.ambiguous_forms)
    return entry.ambiguity


@dataclass(frozen=True)
class GlossaryEntry:
    """One concept and how to write it in each language.

    ``terms[lang]`` holds the preferred form first; the others are accepted
    as correct and never "repaired".
    """

    id: str
    terms: Mapping[str, tuple[str, ...]]
    type: str = ""
    note: str = ""
    line: int = 0  # where the entry was read (1-based), 0 when built in code
    extra: Mapping[str, str] = field(default_factory=dict)  # other columns, kept for export
    ambiguity: str = ""  # one of AMBIGUITY_VALUES
    ambiguous_forms: tuple[str, ...] = ()  # with "ambiguous": only these forms are (empty: all of them)

    def is_marked_ambiguous(self, form: str) -> bool:
        """The glossary marks ``form`` (any language) as possibly an ordinary word."""
        return self.ambiguity == "ambiguous" and (not self.ambiguous_forms or form in self.ambiguous_forms)

    def preferred(self, lang: str) -> str | None:
        forms = self.terms.get(lang)
        return forms[0] if forms else None

    def forms(self, lang: str) -> tuple[str, ...]:
        return self.terms.get(lang, ())

    @property
    def inflects(self) -> bool:
        return self.type.upper() in INFLECTING_TYPES


@dataclass(frozen=True)
class Glossary:
    """An ordered collection of entries read from one file (or built in code)."""

    entries: tuple[GlossaryEntry, ...]
    languages: tuple[str, ...]
    path: str = "<glossary>"

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]], source_lang: str, target_lang: str) -> Glossary:
        """A glossary from ``(source, target)`` pairs, as in code or a two-column file."""
        entries = tuple(
            GlossaryEntry(id=str(n), terms={source_lang: (s,), target_lang: (t,)}, line=n)
            for n, (s, t) in enumerate(pairs, start=1)
        )
        return cls(entries, (source_lang, target_lang))

    def covering(self, *langs: str) -> tuple[GlossaryEntry, ...]:
        """The entries that have a form in every one of ``langs``."""
        return tuple(e for e in self.entries if all(e.forms(lang) for lang in langs))

    def __len__(self) -> int:
        return len(self.entries)

    @cached_property
    def fingerprint(self) -> str:
        """A digest of every entry's id, forms and type: equal content, equal fingerprint (for caches).

        Computed once per glossary object: a server asks for it on every request."""
        import hashlib

        content = [(e.id, sorted((lang, forms) for lang, forms in e.terms.items()), e.type, e.ambiguity,
                    e.ambiguous_forms) for e in self.entries]
        return hashlib.sha256(repr(content).encode("utf-8")).hexdigest()

    def with_entry(self, entry: GlossaryEntry) -> Glossary:
        """A copy with ``entry`` added, or replacing the entry with the same id (kept in its place)."""
        entries = list(self.entries)
        where = next((i for i, e in enumerate(entries) if e.id == entry.id), None)
        if where is None:
            entries.append(entry)
        else:
            entries[where] = entry
        languages = tuple(dict.fromkeys([*self.languages, *entry.terms]))
        return Glossary(tuple(entries), languages, self.path)

    def search(self, query: str) -> tuple[GlossaryEntry, ...]:
        """Entries whose id, type, note or any form holds ``query``, compared as the matcher
        compares names (hamza, taa marbuta, case and accents folded)."""
        from .language.normalize import fold

        wanted = fold(query).strip()
        if not wanted:
            return self.entries
        return tuple(e for e in self.entries
                     if any(wanted in fold(text) for text in (e.id, e.type, e.note, *(f for forms in e.terms.values() for f in forms))))

"""The glossary's data model: entries with a preferred form and accepted variants per language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# Types whose Arabic forms are nisba adjectives or group names that inflect
# for gender, number and definiteness (علوي / العلوية / العلويين / العلويون).
# Proper names of people and places do not: الكاظمي (a surname) must not
# match الكاظمية (a district of Baghdad).
INFLECTING_TYPES = frozenset({"GRP", "OTHER", "NORP"})


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

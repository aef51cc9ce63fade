"""The Glossary tab's search: an entry is found by any spelling repair would take for it.

First the entries that hold the query as written (id, type, note or a form; Glossary.search), then
those the repair matcher finds in it (a form with its clitics: «والموصل»), then those repair would
consider it a mangled rendering of (glossary.stages.candidates.CandidateFinder.lookup: «موسول» for
الموصل), most alike first.  The matcher and finder are repair's own, from the repairer the Repair tab
shares (glossary.sharing.shared_repairer), so search and repair agree on what a name is.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from glossary.entry import Glossary, GlossaryEntry
from glossary.language.normalize import fold
from glossary.sharing import shared_repairer
from translate.common.languages import arabic_letters

# Shorter queries are still being typed: the looser lookups would list half the glossary.
LOOSE_FROM = 3
# A near-miss is listed when its closest form is at least this alike (difflib's ratio): «موسول» and
# «الموصل» are 0.55, "Mosel" and "Mosul" 0.8; the finder also offers names that merely share
# consonants ("Islamic State" for «موسول», 0.35; "Massa" for "Mosul", 0.4).
ALIKE_FROM = 0.5


def search(glossary: Glossary, query: str) -> tuple[GlossaryEntry, ...]:
    """Entries for ``query``: as written first, then as repair would find them."""
    found = list(glossary.search(query))
    if len(fold(query).strip()) >= LOOSE_FROM:
        found += as_repair_finds(glossary, query.strip())
    seen: dict[str, GlossaryEntry] = {}
    for entry in found:
        seen.setdefault(entry.id, entry)
    return tuple(seen.values())


def as_repair_finds(glossary: Glossary, query: str) -> list[GlossaryEntry]:
    """Entries repair would take ``query`` for, in the query's language (English or Arabic): named in it,
    then near-misses, most alike first."""
    lang = "ar" if arabic_letters(query) else "en"
    other = "en" if lang == "ar" else "ar"
    if not {lang, other} <= set(glossary.languages):
        return []
    repairer = shared_repairer(glossary, other, lang)
    named = [entry for match in repairer.target_matcher.find(query) for entry in match.entries]
    near = [(_likeness(query, entry, lang), entry) for entry in repairer.finder.lookup(fold(query))]
    return named + [entry for alike, entry in sorted(near, key=lambda pair: -pair[0]) if alike >= ALIKE_FROM]


def _likeness(query: str, entry: GlossaryEntry, lang: str) -> float:
    """How alike ``query`` is to the entry's closest form (0-1), compared as the matcher compares."""
    wanted = fold(query)
    return max((SequenceMatcher(None, wanted, fold(form)).ratio() for form in entry.forms(lang)), default=0.0)

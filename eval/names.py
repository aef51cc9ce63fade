"""Name accuracy: did a system write the glossary's names the way the reference does?

The protocol is the WMT21 terminology task's: a name is *expected* in a
line when a glossary entry is found in the source line and the reference
line holds one of the entry's accepted target forms (so a system is never
blamed for a name the human translator rendered differently).  Each
expected name is then checked in the system's line twice:

* **exact** — the WMT21 exact-match test, with the light normalisation of
  ``../shared/README.md``: English case-insensitive and as whole words;
  Arabic without diacritics or tatweel, with the hamza forms of alef, alef
  maqsura / yaa and taa marbuta / haa folded, as a substring (so clitics
  attached in front are allowed) and with the article's ``لل``
  contraction after the preposition ل;
* **aware** — mtrepair's own matcher (:mod:`glossary.matcher`): full
  normalisation, every proclitic combination, inflected nisba forms and
  English plurals/possessives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from glossary.entry import Glossary, GlossaryEntry
from glossary.matcher import TermMatcher

from .results import NameAccuracy, NameOccurrence, NameResult, TypeAccuracy

_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, dagger alef, tatweel
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})


def light_normalise(text: str, lang: str) -> str:
    """The README's light normalisation: lower case (Latin), folded Arabic spellings."""
    if lang == "ar":
        return _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    return text.lower()


def exact_match(form: str, line: str, lang: str) -> bool:
    """``form`` appears in ``line`` by the WMT21 exact-match test (see the module docs)."""
    form, line = light_normalise(form, lang).strip(), light_normalise(line, lang)
    if not form:
        return False
    if lang == "ar":
        # ل + ال is written لل: «للموصل» holds «الموصل»; before a word that
        # itself starts with ل one lam goes: ل + «الليل» = «لليل».
        contracted = "ل" + form[2:] if form.startswith("الل") else "لل" + form[2:]
        return form in line or (form.startswith("ال") and contracted in line)
    return re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", line) is not None


class NameScorer:
    """Find the names a reference confirms, then check systems for them.

    >>> scorer = NameScorer(glossary, "en", "ar")                    # doctest: +SKIP
    >>> expected = scorer.expected(sources, references)              # doctest: +SKIP
    >>> scorer.accuracy(expected, hypotheses).exact_percent          # doctest: +SKIP
    70.9
    """

    def __init__(self, glossary: Glossary, source_lang: str, target_lang: str) -> None:
        self.source_lang, self.target_lang = source_lang, target_lang
        entries = glossary.covering(source_lang, target_lang)
        self.entries = {entry.id: entry for entry in entries}
        self.source_matcher = TermMatcher(entries, source_lang)
        self.target_matcher = TermMatcher(entries, target_lang)
        # A line is asked about once per name it should hold: search it once.
        self._names_in = lru_cache(maxsize=4096)(self._entry_ids)

    def _entry_ids(self, line: str) -> frozenset[str]:
        return frozenset(e.id for match in self.target_matcher.find(line) for e in match.entries)

    def found(self, entry: GlossaryEntry, line: str) -> tuple[bool, bool]:
        """(exact, aware): whether ``line`` holds an accepted target form of ``entry``."""
        exact = any(exact_match(form, line, self.target_lang) for form in entry.forms(self.target_lang))
        return exact, exact or entry.id in self._names_in(line)

    def expected(self, sources: Sequence[str], references: Sequence[str]) -> list[NameOccurrence]:
        """Each (line, entry) whose name is in the source and, in an accepted form, in the reference."""
        occurrences = []
        for number, (source, reference) in enumerate(zip(sources, references, strict=True), start=1):
            seen: set[str] = set()
            for match in self.source_matcher.find(source):
                # Entries sharing a spelling (two meanings of an acronym): the reference decides.
                entry = next((e for e in match.entries if e.id not in seen and self.found(e, reference)[1]), None)
                if entry is None:
                    continue
                seen.add(entry.id)
                occurrences.append(NameOccurrence(number, entry.id, entry.type, match.text,
                                                  entry.forms(self.target_lang)))
        return occurrences

    def check(self, occurrences: Sequence[NameOccurrence], hypotheses: Sequence[str]) -> list[NameResult]:
        results = []
        for occurrence in occurrences:
            exact, aware = self.found(self.entries[occurrence.entry_id], hypotheses[occurrence.line - 1])
            results.append(NameResult(occurrence, exact, aware))
        return results

    def accuracy(self, occurrences: Sequence[NameOccurrence], hypotheses: Sequence[str]) -> NameAccuracy:
        results = self.check(occurrences, hypotheses)
        by_type: dict[str, list[NameResult]] = {}
        for result in results:
            by_type.setdefault(result.occurrence.type or "-", []).append(result)
        return NameAccuracy(
            total=len(results),
            exact=sum(r.exact for r in results),
            aware=sum(r.aware for r in results),
            by_type=tuple(
                TypeAccuracy(kind, len(group), sum(r.exact for r in group), sum(r.aware for r in group))
                for kind, group in sorted(by_type.items())
            ),
            missed=tuple(r.occurrence for r in results if not r.aware),
        )

"""Checks of a whole glossary, whatever its format: entries, languages, ids, duplicates, synonyms, noise.

The readers (tabular, json_format, tbx) report what is wrong line by line;
these checks need every entry at once.  ``glossary.formats.files.read_glossary``
adds them, so that ``mtrepair glossary check`` and every command that
loads a glossary see the same problems.
"""

from __future__ import annotations

import re

from translate.common.errors import where

from ..entry import Glossary, GlossaryEntry
from .problems import Problem

# The languages mtrepair translates and repairs between.
LANGUAGES = ("en", "ar")
# Words an acronym skips: "ISIS" is the Islamic State of Iraq and Syria, «داعش» الدولة الإسلامية في العراق والشام.
_SKIPPED = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "al", "el", "de", "du", "des", "la", "le",
                      "&", "في", "من", "و", "عن", "على", "لل"})
_HAMZA = str.maketrans("أإآ", "ااا")


def glossary_problems(glossary: Glossary, problems: list[Problem], source_lang: str | None,
                      target_lang: str | None, *, checks_languages: bool) -> list[Problem]:
    """Problems of the whole glossary, after those found while reading it.

    ``checks_languages``: whether to say that ``--from``/``--to`` are missing
    (table readers say it themselves, naming the header line)."""
    found: list[Problem] = []
    path = glossary.path
    wanted = [lang for lang in (source_lang, target_lang) if lang]
    if checks_languages and glossary.entries:
        for lang in wanted:
            if lang.lower() not in glossary.languages:
                found.append(Problem(path, None, f"no {lang!r} terms (the glossary has {', '.join(glossary.languages)})"))
    if not wanted and glossary.entries:
        missing = [lang for lang in LANGUAGES if lang not in glossary.languages]
        if missing:
            found.append(Problem(path, None, f"no {' or '.join(repr(m) for m in missing)} terms (the glossary has "
                                             f"{', '.join(glossary.languages)}); mtrepair repairs between Arabic "
                                             f"and English", fatal=False))
    if not glossary.entries and not any(p.fatal for p in problems):
        found.append(Problem(path, None, "no entries: the glossary would repair nothing"))
    return found + duplicate_id_problems(glossary) + duplicate_problems(glossary) + noise_problems(glossary)


def noise_problems(glossary: Glossary) -> list[Problem]:
    """Wikidata-style noise in the forms (glossary.formats.noise): warnings, the file is still usable,
    but such a form is never written in a text, so repair would never find (or would wrongly write) it."""
    from .noise import noise

    problems = []
    for entry in glossary.entries:
        for lang, forms in entry.terms.items():
            for form in forms:
                problems += [Problem(glossary.path, entry.line or None, f"entry {entry.id!r}: {what}", fatal=False)
                             for _, what in noise(form, lang)]
    return problems


def duplicate_id_problems(glossary: Glossary) -> list[Problem]:
    """Entries sharing an id: reports and the web page's editor name entries by id."""
    first: dict[str, GlossaryEntry] = {}
    problems = []
    for entry in glossary.entries:
        earlier = first.setdefault(entry.id, entry)
        if earlier is not entry:
            at = f" (line {earlier.line})" if earlier.line else ""
            problems.append(Problem(glossary.path, entry.line or None,
                                    f"id {entry.id!r} is also the id of an earlier entry{at}", fatal=False))
    return problems


def duplicate_problems(glossary: Glossary) -> list[Problem]:
    """Entries that repeat the preferred term of an earlier entry.

    Same term with the same preferred forms in the other languages: a plain
    duplicate.  Same term with a different preferred form: a conflict, since
    repair could not know which one to enforce; unless the two forms are an
    acronym and its full form («اللجنة الأولمبية الدولية»: "IOC" and
    "International Olympic Committee"), which are two ways of writing one
    name, read as alternatives: a note, not a warning.  Duplicates and
    conflicts are non-fatal (the first entry wins).
    """
    from ..language.normalize import match_key

    problems = []
    for lang in glossary.languages:
        seen: dict[str, GlossaryEntry] = {}
        for entry in glossary.entries:
            for form in entry.forms(lang)[:1]:
                first = seen.setdefault(match_key(form, lang), entry)
                if first is not entry:
                    problems.append(_duplicate(glossary, lang, form, first, entry))
    return sorted(problems, key=lambda p: p.line or 0)  # in file order, whichever language found them


def _duplicate(glossary: Glossary, lang: str, form: str, first: GlossaryEntry, entry: GlossaryEntry) -> Problem:
    others = [o for o in glossary.languages if o != lang and first.preferred(o) and entry.preferred(o)]
    differ = [o for o in others if first.preferred(o) != entry.preferred(o)]
    earlier = f"line {first.line}" if first.line else f"entry {first.id!r}"
    if not differ:
        return Problem(glossary.path, entry.line or None, f"duplicate of {earlier} ({form!r})", fatal=False)
    if all(_same_name(first.forms(o), entry.forms(o)) for o in differ):
        pairs = "; ".join(f"{o}: {first.preferred(o)!r} and {entry.preferred(o)!r}" for o in differ)
        return Problem(glossary.path, entry.line or None,
                       f"same {lang} name {form!r} as {earlier}, written another way ({pairs}): read as alternatives "
                       f"of one name", fatal=False, note=True)
    theirs = "; ".join(f"{o}: {first.preferred(o)!r} vs {entry.preferred(o)!r}" for o in differ)
    return Problem(glossary.path, entry.line or None,
                   f"conflicting duplicate of {earlier}: {form!r} has different translations ({theirs})", fatal=False)


def _same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One entry lists the other's form as an alternative, or one is an acronym of the other."""
    return bool(set(a) & set(b)) or is_acronym(a[0], b[0]) or is_acronym(b[0], a[0])


def is_acronym(short: str, full: str) -> bool:
    """``short`` is made of the initials of ``full``'s words: "IOC", "U.S.", "ISIS", «داعش»."""
    letters = "".join(c for c in short if c.isalnum()).translate(_HAMZA).casefold()
    if len(letters) < 2 or len(short.split()) != 1:
        return False
    words = [_stem(w) for w in re.split(r"[\s\-]+", full) if w]
    words = [w for w in words if w]
    if len(words) < 2:
        return False
    every = "".join(w[0] for w in words)
    content = "".join(w[0] for w in words if w.casefold() not in _SKIPPED)
    return letters in (every.translate(_HAMZA).casefold(), content.translate(_HAMZA).casefold())


def _stem(word: str) -> str:
    """An Arabic word without the conjunction and article its initial would not count (والشام -> شام)."""
    word = word.strip("()\"'«»")
    if word in _SKIPPED:
        return word
    if word.startswith("وال") and len(word) > 4:
        return word[3:]
    if word.startswith("ال") and len(word) > 3:
        return word[2:]
    return word


def describe(problem: Problem) -> str:
    """How ``glossary check`` prints a problem: fatal as is, the others marked."""
    mark = "" if problem.fatal else " (note)" if problem.note else " (warning)"
    return f"{where(problem.path, problem.line)}: {problem.reason}{mark}"

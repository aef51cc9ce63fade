"""The rules every repair keeps (glossary.invariants), tested on random text and random glossaries.

The checks here look at what came out, independently of the code that
enforces the rules: whatever the evidence, a repair changes only its fixes'
spans, never a number, never writes a word the text already has beside the
span, never touches a gloss in parentheses, and a suggestion changes nothing.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.entry import Glossary, GlossaryEntry
from glossary.invariants import numbers
from glossary.normalize import fold
from glossary.readings import TOKEN
from glossary.repair import Repairer

ARABIC = "ابتثجحخدرزسشصطعغفقكلمنهوي"
LATIN = "abcdefgiklmnoprstuz"
SEPARATORS = [" ", " ", " ", "، ", ", ", " (", ") ", " - ", "  ", ". "]
NUMBERS = ["16", "١٦", "2023", "٢٠٢٣", "3.5", "11"]


def words(letters: str):
    return st.text(alphabet=letters, min_size=2, max_size=7)


@st.composite
def line_and_glossary(draw, script: str):
    """A line in one script, and a glossary whose names are near some of its words (so candidates arise)."""
    letters = ARABIC if script == "ar" else LATIN
    tokens = draw(st.lists(st.one_of(words(letters), st.sampled_from(NUMBERS),
                                     words(LATIN if script == "ar" else ARABIC)), min_size=1, max_size=12))
    separators = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(tokens), max_size=len(tokens)))
    line = "".join(t + s for t, s in zip(tokens, separators)).strip()
    entries = []
    for n in range(draw(st.integers(1, 4))):
        near = [t for t in tokens if t.isalpha()] or ["x"]
        base = draw(st.sampled_from(near))
        # A one-letter change of a word of the line, or of two neighbouring words, in each script.
        position = draw(st.integers(0, len(base)))
        mangled = base[:position] + draw(st.sampled_from(letters)) + base[position + 1:]
        if draw(st.booleans()) and len(near) > 1:
            mangled += " " + draw(st.sampled_from(near))
        other = draw(words(ARABIC if script == "en" else LATIN)).capitalize()
        digits = draw(st.sampled_from(["", " 11", " ١١"]))
        target, source = (mangled + digits, other) if script == "ar" else (mangled.capitalize() + digits, other)
        entries.append(GlossaryEntry(f"e{n}", {("ar" if script == "ar" else "en"): (target,),
                                               ("en" if script == "ar" else "ar"): (source,)},
                                     type=draw(st.sampled_from(["", "LOC", "GRP"]))))
    return line, Glossary(tuple(entries), ("en", "ar"))


def _word(word: str) -> str:
    """A word whatever its case and English plural: "Forces" and "force" are one word here."""
    folded = fold(word)
    return folded[:-1] if folded.endswith("s") and len(folded) > 3 else folded


def check(line: str, result, repairer: Repairer) -> None:
    fixes = sorted(result.fixes, key=lambda f: f.start)
    # Only the fixes' spans change; fixes do not overlap and say what they replaced.
    out, position = [], 0
    for fix in fixes:
        assert fix.start >= position and line[fix.start:fix.end] == fix.before and fix.kind == "fix"
        out += [line[position:fix.start], fix.after]
        position = fix.end
    assert "".join(out) + line[position:] == result.repaired
    # Suggestions change nothing.
    assert all(s.kind == "suggestion" for s in result.suggestions)
    # No number added, removed or changed (Western or Eastern Arabic digits).
    assert numbers(result.repaired) == numbers(line)
    for fix in fixes:
        # A word the fix adds is not already written just beside the span.
        inside = {_word(w) for w in TOKEN.findall(fix.before)}
        added = {_word(w) for w in TOKEN.findall(fix.after)} - inside - {_word(w) for w in repairer.readings.stopwords}
        beside = {_word(w) for w in TOKEN.findall(line[:fix.start])[-1:] + TOKEN.findall(line[fix.end:])[:1]}
        assert not added & beside, (fix, line)
        # A gloss in parentheses, in the other script, stays.
        if line[:fix.start].rstrip().endswith("(") and line[fix.end:].lstrip().startswith(")"):
            assert bool(re.search(r"[\u0600-\u06ff]", fix.before)) == (repairer.target_lang == "ar")


@pytest.mark.parametrize("source_lang, target_lang, joiner", [("en", "ar", " and "), ("ar", "en", " و ")])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), use_source=st.booleans(), threshold=st.sampled_from([None, 0.0, 0.5, 1.0]))
def test_repair_keeps_every_rule(source_lang, target_lang, joiner, data, use_source, threshold):
    line, glossary = data.draw(line_and_glossary(target_lang))
    repairer = Repairer(glossary, source_lang, target_lang, apply_threshold=threshold)
    source = joiner.join(e.preferred(source_lang) for e in glossary.entries) if use_source else None
    check(line, repairer.repair(line, source), repairer)

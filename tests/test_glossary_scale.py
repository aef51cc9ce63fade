"""Big glossaries: the shortcuts that keep a line's cost flat never change what repair finds.

The glossary here is a seeded sample of the Wikidata name words in the shared data folder
(../shared/data/wikidata-name-words, CC0): thousands of one-word person names, the kind of
glossary whose near-misses made target-only repair slow (issue 24).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.entry import Glossary
from glossary.language.normalize import fold
from glossary.repair import TARGET_ONLY_FLOOR, Repairer
from glossary.stages.shortlist import entries_to_score

from conftest import SHARED

NAME_WORDS = SHARED / "data" / "wikidata-name-words" / "names.tsv"
# Common words of each language and words built like names: what a line holds around the names.
COMMON = {"ar": ["الساعة", "حوالي", "قبل", "الفوز", "كلية", "بجامعة", "الولايات", "المطار", "كبيرا", "واحدة",
                 "بدأت", "فترة", "وثيقة", "بناء", "المحلي"],
          "en": ["About", "Local", "Time", "Fire", "Around", "Police", "Game", "Club", "One", "Where", "Winning"]}
ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@pytest.fixture(scope="module")
def name_words() -> list[tuple[str, str]]:
    pairs = [line.split("\t") for line in NAME_WORDS.read_text(encoding="utf-8").splitlines()]
    return random.Random(24).sample(pairs, 4000)


@pytest.fixture(scope="module")
def repairers(name_words) -> dict[str, Repairer]:
    glossary = Glossary.from_pairs(name_words, "en", "ar")
    return {"ar": Repairer(glossary, "en", "ar"), "en": Repairer(glossary, "ar", "en")}


def _mangled(word: str, letters: str, draw) -> str:
    """A word of a name as machine translation may spell it: a letter dropped, doubled, changed or
    added, a clitic before it."""
    position = draw(st.integers(0, max(len(word) - 1, 0)))
    letter = draw(st.sampled_from(letters))
    edit = draw(st.sampled_from(["drop", "double", "change", "add", "clitic", "none"]))
    if edit == "drop" and len(word) > 2:
        return word[:position] + word[position + 1:]
    if edit == "double":
        return word[:position + 1] + word[position:]
    if edit == "change":
        return word[:position] + letter + word[position + 1:]
    if edit == "add":
        return word[:position] + letter + word[position:]
    if edit == "clitic" and letters == ARABIC_LETTERS:
        return draw(st.sampled_from(["و", "ب", "ل", "وال", "بال"])) + word
    return word


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), lang=st.sampled_from(["ar", "en"]))
def test_the_shortlist_never_leaves_out_an_entry_that_would_score(repairers, name_words, data, lang):
    repairer = repairers[lang]
    if data.draw(st.booleans()):
        written = data.draw(st.sampled_from(COMMON[lang]))
    else:
        en, ar = data.draw(st.sampled_from(name_words))
        word = ar if lang == "ar" else en.capitalize()
        written = _mangled(word, ARABIC_LETTERS if lang == "ar" else LATIN_LETTERS, data.draw)
    kept = {id(entry) for entry in entries_to_score(repairer.finder, repairer.scorer, written, TARGET_ONLY_FLOOR)}
    for entry in repairer.finder.lookup(fold(written)):
        if id(entry) in kept:
            continue
        score = repairer.scorer.for_name(entry, None).value(written, 0.0, TARGET_ONLY_FLOOR)
        assert score is None or score < TARGET_ONLY_FLOOR, (written, entry.preferred(lang), score)


def test_a_name_written_with_a_double_letter_is_still_shortlisted_and_repaired(repairers):
    repairer = repairers["ar"]
    ar = next(e.preferred("ar") for e in repairer.entries if len(e.preferred("ar")) >= 6 and " " not in e.preferred("ar"))
    mangled = ar[:3] + ar[3] + ar[3:]  # a letter written twice, as transliteration does
    shortlisted = entries_to_score(repairer.finder, repairer.scorer, mangled, TARGET_ONLY_FLOOR)
    assert ar in {entry.preferred("ar") for entry in shortlisted}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_common_word_shortlists_only_names_that_have_it(repairers, lang):
    repairer = repairers[lang]
    for word in COMMON[lang]:
        found = repairer.finder.lookup(fold(word))
        shortlisted = entries_to_score(repairer.finder, repairer.scorer, word, TARGET_ONLY_FLOOR)
        assert all(repairer.scorer.anchors(frozenset({fold(word).removeprefix("ال")}) | {fold(word)}, entry)
                   for entry in shortlisted), word
        assert len(shortlisted) <= len(found)


def _matches_of_every_clitic_form(entries, lang: str, text: str):
    """What the matcher found when every clitic form and ending of every name was a key of its own
    (before issue 24): the oracle for the matcher that checks clitics beside a name instead."""
    from glossary.language import arabic
    from glossary.language.normalize import is_word_char
    from glossary.stages.matcher import ENGLISH_ENDINGS, Hit, _leftmost_longest

    table: dict[str, list] = {}
    for entry in entries:
        for index, form in enumerate(entry.forms(lang)):
            form = fold(form).strip()
            spellings = (arabic.surface_forms(form, entry.inflects) if lang == "ar"
                         else [(form + ending, arabic.Shape()) for ending in ENGLISH_ENDINGS])
            for spelling, shape in spellings:
                if spelling:
                    table.setdefault(spelling, []).append(Hit(entry, index, shape))
    folded = fold(text)
    found = []
    for spelling, hits in table.items():
        at = folded.find(spelling)
        while at >= 0:
            end = at + len(spelling)
            if (at == 0 or not is_word_char(folded[at - 1])) and (end == len(folded) or not is_word_char(folded[end])):
                found.append((at, end, tuple(hits)))
            at = folded.find(spelling, at + 1)
    from glossary.language.normalize import fold_with_positions, original_span

    _, positions = fold_with_positions(text)
    return [(*original_span(text, positions, start, end), hits) for start, end, hits in _leftmost_longest(found)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), lang=st.sampled_from(["ar", "en"]))
def test_the_matcher_finds_what_every_clitic_form_as_a_key_found(data, lang):
    from glossary.entry import GlossaryEntry
    from glossary.stages.matcher import TermMatcher

    # Names that share letters, so that one is inside another or a clitic's letter starts a name.
    names = {"ar": ["الموصل", "موصل", "لبنان", "العلويين", "بنان", "وادي", "ادي", "اللاذقية", "الليل", "ليل"],
             "en": ["Paris", "Pari", "Lebanon", "Lebanese", "Sham", "Shams", "HTS", "Mosul"]}[lang]
    chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=5, unique=True))
    entries = [GlossaryEntry(str(i), {lang: (name,), "xx": (f"x{i}",)}) for i, name in enumerate(chosen)]
    clitics = ["", "و", "ب", "ل", "ول", "فب", "وال"] if lang == "ar" else ["", "s", "'s", "es"]
    pieces = data.draw(st.lists(st.tuples(st.sampled_from(names + ["x", "كلمة", "word"]), st.sampled_from(clitics)),
                                max_size=6))
    words = [(clitic + name) if lang == "ar" else (name + clitic) for name, clitic in pieces]
    text = data.draw(st.sampled_from([" ", "  ", "-", "، "])).join(words)
    found = [(m.start, m.end, m.hits) for m in TermMatcher(entries, lang).find(text)]
    assert found == _matches_of_every_clitic_form(entries, lang, text)

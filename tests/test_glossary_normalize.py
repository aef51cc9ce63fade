"""Spelling normalisation (glossary.normalize): what folds together, what stays apart, and the offset map."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.normalize import fold, fold_with_positions, match_key, original_span


@pytest.mark.parametrize(
    "variants",
    [
        pytest.param(("أحمد", "احمد", "إحمد", "آحمد", "ٱحمد"), id="hamza-on-alef"),
        pytest.param(("مؤتمر", "موتمر"), id="hamza-on-waw"),
        pytest.param(("هيئة", "هيئه", "هييه"), id="hamza-on-yaa-and-taa-marbuta"),
        pytest.param(("مصطفى", "مصطفي", "مصطفی"), id="alef-maqsura-yaa-farsi-yeh"),
        pytest.param(("مُحَمَّد", "محمد", "محـــمد", "مُحـَمَّـد"), id="diacritics-and-tatweel"),
        pytest.param(("\u200fالموصل\u061c", "الموصل", "\u200eالمو\u200cصل\ufeff", "\u202bالموصل\u202c"), id="bidi-and-zero-width"),
        pytest.param(("Barça", "barca", "BARCA", "Barc\u0327a"), id="latin-accent-and-case"),
        pytest.param(("al-Sham", "al Sham", "al–Sham", "AL—SHAM", "al \t  Sham"), id="dash-is-space-and-runs-of-space"),
        pytest.param(("Hay’at", "Hay'at", "Hay‘at"), id="curly-apostrophes"),
        pytest.param(("کرکوک", "كركوك"), id="keheh-is-kaf"),
    ],
)
def test_spellings_readers_treat_as_one_fold_together(variants):
    folded = {fold(v) for v in variants}
    assert len(folded) == 1, folded


@pytest.mark.parametrize(
    "text, expected",
    [
        ("أحمد", "احمد"),
        ("مصطفى", "مصطفي"),
        ("هيئة", "هييه"),
        ("مُحَمَّد", "محمد"),
        ("محـــمد", "محمد"),
        ("٢٠٢٤", "2024"),
        ("۲۰۲۴", "2024"),  # Persian digits
        ("عام ٢٠٢٤م", "عام 2024م"),
        ("\u200fالموصل\u061c", "الموصل"),
        ("Barça", "barca"),
        ("Ḥayʼat", "hay'at"),  # dot below dropped, U+02BC modifier apostrophe -> '
        ("al-Sham", "al sham"),
        ("a  \t\n b", "a b"),
    ],
)
def test_fold_exact_output(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(
    "a, b",
    [
        ("الموصل", "الموصلي"),  # a nisba adjective is a different word
        ("علي", "عل"),
        ("ذ", "د"),  # dhal and dal are different letters
        ("ث", "ت"),
        ("ص", "س"),
        ("Mosul", "Mosel"),
        ("2024", "2025"),
        ("ح", "خ"),
    ],
)
def test_different_letters_stay_different(a, b):
    assert fold(a) != fold(b)


def test_match_key_strips_outer_space_and_bidi():
    assert match_key("  \u200fهيئة تحرير الشام\u200f  ") == "هييه تحرير الشام"


def test_positions_map_every_folded_character_back_to_its_source():
    text = "في المَوْصِلِ\u200f اليوم"
    folded, positions = fold_with_positions(text)
    assert folded == fold(text) == "في الموصل اليوم"
    # Each folded letter came from the same letter in the original.
    for char, index in zip(folded, positions):
        if char != " ":
            assert fold(text[index]) == char


def test_original_span_takes_a_trailing_vowel_mark_but_not_the_next_word():
    text = "في المَوْصِلِ اليوم"
    folded, positions = fold_with_positions(text)
    start = folded.index("الموصل")
    orig_start, orig_end = original_span(text, positions, start, start + len("الموصل"))
    assert text[orig_start:orig_end] == "المَوْصِلِ"  # final kasra included, space not


def test_original_span_keeps_tatweel_and_skips_leading_bidi_mark():
    text = "\u200fمحـــمد\u200f قال"
    folded, positions = fold_with_positions(text)
    assert folded == "محمد قال"
    orig_start, orig_end = original_span(text, positions, 0, 4)
    # The bidi mark after the name is dropped by folding, so it belongs to the span;
    # the one before it is not part of the name.
    assert text[orig_start:orig_end] == "محـــمد\u200f"


# Characters that exercise every rule: Arabic letters, hamza forms, marks,
# tatweel, bidi controls, dashes, apostrophes, digits, spaces, ligatures and
# compatibility characters that decompose into several characters.
_INTERESTING = list(
    "أإآٱؤئىةیکـًٌٍَُِّْٰ"
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴"
    "\u200f\u200e\u061c\u200c\u200d\ufeff\u202a\u202c"
    "-–—‐ \t\n\u00a0\u2003'’‘`´ʼ"
    "aAçÇéŒßﬁ½²ǅ"
    "ﻻﷲﷺ\u00a8\u02dd"
)
_TEXT = st.text(alphabet=st.one_of(st.sampled_from(_INTERESTING), st.characters()), max_size=40)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_fold_with_positions_agrees_with_fold(text):
    folded, positions = fold_with_positions(text)
    assert folded == fold(text)
    assert len(positions) == len(folded)
    assert all(0 <= p < len(text) for p in positions)
    assert positions == sorted(positions)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_fold_is_idempotent_and_never_has_double_spaces(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert "  " not in folded


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.data())
def test_original_span_covers_the_characters_folded_into_the_span(text, data):
    folded, positions = fold_with_positions(text)
    if not folded:
        return
    start = data.draw(st.integers(0, len(folded) - 1))
    end = data.draw(st.integers(start + 1, len(folded)))
    orig_start, orig_end = original_span(text, positions, start, end)
    assert 0 <= orig_start < orig_end <= len(text)
    # Folding the original slice gives back (at least) the folded span.
    assert folded[start:end] in fold(text[orig_start:orig_end])

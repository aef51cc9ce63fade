"""Sentence and paragraph segmentation for English and Arabic."""

from hypothesis import given, settings
from hypothesis import strategies as st

from translate.segment import assemble, segment_text, split_sentences


def sentences(text, lang):
    return [text[s:e] for s, e in split_sentences(text, lang)]


def test_english_abbreviations_and_decimals_do_not_end_sentences():
    text = "Dr. Smith paid $3.5 million to the U.S. Treasury. He left on Monday!"
    assert sentences(text, "en") == [
        "Dr. Smith paid $3.5 million to the U.S. Treasury.",
        "He left on Monday!",
    ]


def test_arabic_question_mark_ends_a_sentence_but_comma_and_semicolon_do_not():
    text = "قال المسؤول إن النسبة بلغت 3.5 في المئة. هل هذا صحيح؟ نعم، هذا صحيح؛ لكنه مكلف."
    assert sentences(text, "ar") == [
        "قال المسؤول إن النسبة بلغت 3.5 في المئة.",
        "هل هذا صحيح؟",
        "نعم، هذا صحيح؛ لكنه مكلف.",
    ]


def test_quoted_speech_stays_with_its_sentence():
    text = 'He said: "We will win." Then he left.'
    found = sentences(text, "en")
    assert found[0].startswith('He said: "We will win.')
    assert found[-1] == "Then he left."


def test_offsets_point_into_the_original_text_and_blank_lines_hold_no_segment():
    text = "  First one. Second one.\n\n\tالجملة الثالثة؟\n"
    segments = segment_text(text, "en")
    assert [s.text for s in segments] == ["First one.", "Second one.", "الجملة الثالثة؟"]
    assert all(text[s.start : s.end] == s.text for s in segments)
    assert [(s.paragraph, s.index) for s in segments] == [(0, 0), (0, 1), (2, 0)]


def test_assemble_keeps_layout_between_sentences():
    text = "  First one.   Second one.\n\n\tThird?\n"
    segments = segment_text(text, "en")
    assert assemble(text, segments, ["A.", "B.", "C?"]) == "  A.   B.\n\n\tC?\n"


def test_a_newline_in_a_translation_cannot_add_a_paragraph():
    text = "One.\nTwo."
    segments = segment_text(text, "en")
    assert assemble(text, segments, ["x\ny", "z"]) == "x y\nz"


def test_segments_without_letters_are_copied_not_translated():
    segments = segment_text("2024\n***\nA real sentence.", "en")
    assert [s.needs_translation for s in segments] == [False, False, True]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab .?!؟،\n\t3«»") + ["Dr.", "الشام", "\u2028"]), max_size=40).map("".join))
def test_assembling_the_segments_themselves_gives_back_the_text(text):
    segments = segment_text(text, "ar")
    assert all(text[s.start : s.end] == s.text for s in segments)
    assert assemble(text, segments, [s.text for s in segments]) == text

"""Split documents into paragraphs and sentences, keeping character offsets.

Sentence boundaries come from ``sentencex`` (Wikimedia's rule-based segmenter,
which knows abbreviations, decimal numbers, quotes and Arabic punctuation:
it ends sentences at ``. ! ? ؟`` but not at the Arabic comma ``،`` or
semicolon ``؛``).  This module only adds what a translation pipeline needs on
top: paragraphs (one per line), offsets into the original text, and
re-assembly that keeps every character outside the sentences - indentation,
spacing between sentences, blank lines - exactly as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sentencex


@dataclass(frozen=True)
class Segment:
    """One sentence of a text: ``text == source[start:end]``."""

    text: str
    start: int
    end: int
    paragraph: int
    index: int

    @property
    def needs_translation(self) -> bool:
        """False for segments with no letters (numbers, rules, bullets): they are copied."""
        return any(ch.isalpha() for ch in self.text)


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of one paragraph, without surrounding blanks."""
    spans = []
    for boundary in sentencex.get_sentence_boundaries(lang, text):
        start, end = boundary["start_index"], boundary["end_index"]
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def segment_text(text: str, lang: str) -> list[Segment]:
    """Sentences of ``text``; every line is a paragraph and blank lines hold none."""
    segments: list[Segment] = []
    offset = 0
    for paragraph, line in enumerate(text.split("\n")):
        for index, (start, end) in enumerate(split_sentences(line, lang)):
            segments.append(
                Segment(line[start:end], offset + start, offset + end, paragraph, index)
            )
        offset += len(line) + 1
    return segments


def assemble(text: str, segments: Sequence[Segment], replacements: Sequence[str]) -> str:
    """``text`` with each segment replaced by its counterpart in ``replacements``.

    Everything between segments is kept, so paragraphs, blank lines and
    indentation survive translation.  Line breaks inside a replacement are
    flattened to spaces so that the paragraph structure stays the source's.
    """
    if len(segments) != len(replacements):
        raise ValueError(f"{len(segments)} segments but {len(replacements)} replacements")
    pieces = []
    position = 0
    for segment, replacement in zip(segments, replacements):
        pieces.append(text[position : segment.start])
        pieces.append(" ".join(replacement.split("\n")))
        position = segment.end
    pieces.append(text[position:])
    return "".join(pieces)

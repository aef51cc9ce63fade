"""Stage 1b of target-only repair: the entries worth scoring for a span.

:meth:`CandidateFinder.lookup <glossary.stages.candidates.CandidateFinder.lookup>`
finds every entry whose spelling or sound is near a span's.  In a big
glossary that is thousands of names for a common word («الساعة», "about")
or a short sound, and scoring them one by one made a line's cost grow with
the glossary.  Two cheap tests, each a necessary condition of the full
measure (:mod:`glossary.stages.evidence`) reaching the floor, leave out the
rest; tests/test_glossary_scale.py checks that they never leave out an
entry the full measure would keep.
"""

from __future__ import annotations

from ..entry import GlossaryEntry
from ..language.normalize import fold
from .candidates import CandidateFinder
from .evidence import EvidenceScorer


def entries_to_score(finder: CandidateFinder, scorer: EvidenceScorer, written: str, floor: float) -> list[GlossaryEntry]:
    """The entries the span ``written`` may render that can score ``floor`` target-only, in the
    glossary's order."""
    folded = fold(written)
    entries = finder.lookup(folded)
    anchored_by = scorer.only_anchored(written)
    if anchored_by is not None:  # common words: only a name with one of them written right
        entries = finder.anchored(entries, anchored_by)
    by_sound = finder.by_sound_only(folded)
    near = scorer.spelled_near(written, floor) if by_sound else None
    if near is not None:  # found by sound alone: only a name spelled near enough
        entries = [entry for entry in entries if id(entry) not in by_sound or near(entry)]
    return entries

"""A candidate of its own kind: the full name where the translation kept a short accepted form of it.

Source "Hayat Tahrir al-Sham", translation «هايات تحرير الشام»: «تحرير الشام»
is an accepted form, and «هايات» is the mangled rest.  :func:`complete_shortened`
finds such a head before a short form that repair found (:mod:`glossary.repair`)
and measures it, as :mod:`glossary.stages.evidence` measures every other
candidate, into a :class:`~glossary.stages.evidence.Candidate` of method
"completion".
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Indel

from ..language import arabic
from ..language.lexicon import COMMON_WORD_ZIPF, word_zipfs
from ..language.normalize import fold
from ..language.phonetic import skeleton
from ..language.readings import Readings, joined, overlaps, strip_article, tokens_before
from .evidence import CONSONANTS_AGREE, Candidate, Evidence
from .matcher import TermMatch
from .verify import keep_digit_style

# How close the words before a short accepted form must be to the missing head of the name.
COMPLETE_FROM = 0.6


def complete_shortened(readings: Readings, text: str, found: TermMatch, match: TermMatch | None,
                       protected: Sequence[tuple[int, int]]) -> Candidate | None:
    """The full name where the translation kept a short accepted form of it and mangled the rest.

    Source "Hayat Tahrir al-Sham", translation «هايات تحرير الشام»: «تحرير الشام»
    is an accepted form, but the source names the whole organisation and
    «هايات» renders "Hayat".  When the source has the full name, the
    translation's form lacks words of the preferred one, and the words
    beside it sound like the missing ones, the span becomes the preferred
    form.  A short form the source itself uses ("Tahrir al-Sham") stays.
    Without a source (``match`` None) the head must sound exactly like the
    missing words of the name and be no word the language knows: «قادة
    تحرير الشام» ("leaders of") stays either way.
    """
    if match is None:
        entry = found.entries[0]
        source_words = fold(entry.preferred(readings.source_lang)).split()
    else:
        entry = next(e for e in found.entries if e in match.entries)
        source_words = fold(match.text).split()
    preferred = fold(entry.preferred(readings.target_lang)).split()
    kept = readings.bare_words(fold(found.text))
    missing = len(preferred) - len(kept)
    if (missing < 1 or len(kept) != len(fold(found.text).split())
            or len(source_words) < len(fold(entry.preferred(readings.source_lang)).split())
            or any(not (bare & {w, strip_article(w)}) for bare, w in zip(kept, preferred[missing:]))):
        return None  # only a missing head is completed: «هيئة» before «تحرير الشام»
    before = tokens_before(text, found.start, missing)
    if (len(before) < missing or not joined(text, [*before, (found.start, found.end)])
            or overlaps(before[0][0], before[-1][1], protected)):
        return None
    head = fold(text[before[0][0]:before[-1][1]])
    if any(word in readings.stopwords for word in head.split()):
        return None  # «من رجال الكرامة»: "of", not a mangled head
    wanted_text, wanted_sound = " ".join(preferred[:missing]), skeleton(" ".join(source_words[:missing]), True)
    best = None
    for proclitic, core, _ in readings.strip_options(head):
        score = max(Indel.normalized_similarity(core, wanted_text),
                    0.9 * Indel.normalized_similarity(skeleton(core, True), wanted_sound))
        if match is None and not (skeleton(core, True) == wanted_sound
                                  and min(word_zipfs(core, readings.target_lang), default=0.0) < COMMON_WORD_ZIPF[readings.target_lang]):
            continue  # without a source: the head as the name sounds, and no word of the language
        if best is None or score > best[0]:
            best = (score, proclitic)
    if best is None:
        return None
    score, proclitic = best
    if score < COMPLETE_FROM:
        return None  # «قادة تحرير الشام»: "leaders of", not a mangled "Hayat"
    after = arabic.rebuild(entry.preferred(readings.target_lang), arabic.Shape(proclitic, None, None), False) \
        if readings.target_lang == "ar" else entry.preferred(readings.target_lang)
    span_text = text[before[0][0]:found.end]
    after = keep_digit_style(after, span_text)
    # Without a source, the head had to sound as the name does, letter by letter (above).
    strong, kind = (CONSONANTS_AGREE, "letters") if match is None else (0.0, "")
    evidence = Evidence("completion", score, spelling=score, strong=strong, strong_kind=kind,
                        word_zipf=min(word_zipfs(span_text, readings.target_lang), default=0.0),
                        chars=len(fold(span_text).replace(" ", "")))
    return Candidate(before[0][0], found.end, entry, after, evidence, match.text if match else None)

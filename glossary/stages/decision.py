"""Stage 3 of repair: apply a candidate, suggest it, or drop it.

A candidate (:mod:`glossary.stages.evidence`) is dropped when it would break one
of the invariants (:mod:`glossary.stages.invariants`) or when its evidence is of a
kind that does not prove a name:

* the source term may be an ordinary word («سنة» year / Sunnis, see
  :mod:`glossary.stages.ambiguity`) and the span is not spelled like the name;
* the span is the ordinary word the name is also spelled as («الهدنة
  القصيرة», the short truce, for al-Qusayr);
* the span is made of ordinary words of the target language and is not
  spelled like the name: "third" is not Tyre, whatever its position;
* nothing in the span is like the name (position is no evidence), or it is
  an acronym of something else;
* without a source, the span is a word the language knows and is not spelled
  almost as the name: «محافظون» is not «محافظة نينوى».

Otherwise its confidence is the calibrated probability that it is right
(:mod:`glossary.stages.confidence`).  At or above the apply threshold it is a fix;
below it, down to the calibration's ``suggest_from``, a suggestion: listed
with its evidence, never applied.  A name left in the source's script that
writers often keep as it is (an acronym such as AOL, a part of a longer
untranslated title) is at most a suggestion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from ..language.readings import TOKEN, Readings
from ..language.spans import SHORT_NAME
from .confidence import Calibration
from .evidence import Candidate
from .invariants import violation
from .verify import unverified

FIX, SUGGESTION, DROP = "fix", "suggestion", "drop"
# An ambiguous source term counts only for a span spelled at least this close to one of the name's forms.
AMBIGUOUS_SPELLING = 0.8
# A span made of ordinary words is a rendering of the name only when spelled at least this close to
# it, or when it sounds exactly like it and is spelled nearly so ("Daniel" for Danielle, «هومر» for
# «هوميروس»): "third" is not Tyre.  Set from the dev candidates, the odd and even lines agreeing.
COMMON_SPELLING = 0.85
COMMON_SOUND, COMMON_SOUND_SPELLING = 0.95, 0.7
# A span spelled at least this close to a form of the name that is also an ordinary word is that word.
ORDINARY_FORM_SPELLING = 0.85
# A span whose spelling and sound are both less close than this shows nothing of the name: only its
# position says it might be one, and position alone is no evidence.
EVIDENCE_FROM = 0.7
# Without a source, a word the language knows (Zipf at least this) is another word or another name
# unless spelled almost as the name: "Galilei" is not Galilee, «غاليلي» not «الجليل», «انفعال»
# (emotion) not «الأنفال», "Sprain" not Spain.  On the dev candidates, known Arabic words spelled
# 0.90-0.93 like a name were 13 right and 7 wrong; English ones 30 right and 0 wrong, nearly all of
# several words, while single capitalised English words at 0.90-0.93 ("Tarts", "Vitaly") were the
# changes in a sweep of the 50,000 most frequent words (BENCHMARKS.md).
KNOWN_WORD_ZIPF = 1.5
KNOWN_WORD_SPELLING = {"ar": 0.93, "en": 0.93}
KNOWN_WORDS_SPELLING = 0.9  # a span of several words, each of them known, is less likely by chance


@dataclass(frozen=True)
class Decision:
    kind: str  # FIX, SUGGESTION or DROP
    confidence: float  # the calibrated probability that the candidate is right
    why: str = ""  # for a drop or a capped suggestion: the reason, in words
    broken: bool = False  # dropped for breaking an invariant (another span of the same name may not)
    unverified: bool = False  # only suggested: the line it would produce breaks a rule of glossary.stages.verify


class Decider:
    """Decides candidates for one glossary, language pair and apply threshold."""

    def __init__(self, readings: Readings, calibration: Calibration, apply_threshold: float,
                 house_style: bool = False) -> None:
        self.readings, self.calibration, self.apply_threshold = readings, calibration, apply_threshold
        self.house_style = house_style

    def decide(self, text: str, candidate: Candidate, mode: str, *, ambiguous: bool = False,
               ordinary_forms: frozenset[str] = frozenset(),
               names_before: Sequence[tuple[int, int, str]] = (), rival: str | None = None) -> Decision:
        """``ambiguous``: the source term may be an ordinary word; ``ordinary_forms``: the name's own
        target-language forms that are ordinary words too («طبقه» for «الطبقة», the layer / Tabqa);
        ``rival``: why another name of the glossary fits the span as well (then it is at most a suggestion)."""
        broken = violation(text, candidate.start, candidate.end, candidate.after, candidate.entry, self.readings,
                           names_before)
        if broken:
            return Decision(DROP, 0.0, broken, broken=True)
        dropped = self._dropped(text, candidate, mode, ambiguous, ordinary_forms)
        if dropped:
            return Decision(DROP, 0.0, dropped)
        evidence = candidate.evidence
        confidence = self.calibration.probability(evidence, mode, self.readings.target_lang)
        capped = (evidence.method == "untranslated" and (evidence.acronym or evidence.foreign_run)
                  or evidence.variant or evidence.house_style and not self.house_style
                  or evidence.shorter and (mode == "target-only" or evidence.shorter == SHORT_NAME)
                  or mode == "target-only" and _letters(candidate.after) > 2 * _letters(_span_text(text, candidate))
                  or rival is not None)
        if confidence < min(self.calibration.suggest_from, self.apply_threshold):
            return Decision(DROP, confidence, "too unsure")
        # Verification (glossary.stages.verify): the line the fix would produce keeps every rule, or the
        # fix is only suggested, whatever its confidence.
        failed = unverified(text, candidate.start, candidate.end, candidate.after, candidate.entry, self.readings,
                            names_before, source_aware=mode == "source-aware")
        if confidence >= self.apply_threshold and not capped and not failed:
            return Decision(FIX, confidence)
        why = failed or rival or self._held_back(evidence, capped)
        return Decision(SUGGESTION, confidence, why, unverified=bool(failed))

    def _dropped(self, text: str, candidate: Candidate, mode: str, ambiguous: bool,
                 ordinary_forms: frozenset[str]) -> str | None:
        """Why the candidate is no fix of the name whatever its confidence, in words (None: it may be)."""
        evidence = candidate.evidence
        if ambiguous and (evidence.common or evidence.spelling < AMBIGUOUS_SPELLING):
            return "the source term may be an ordinary word, and the translation does not show the name"
        core = candidate.reading[1]
        if core and any(Indel.normalized_similarity(core, form) >= ORDINARY_FORM_SPELLING for form in ordinary_forms):
            # «الهدنة القصيرة» (the short truce) is not a mangled «القصير», whatever the source says:
            # the translation wrote the ordinary word (or a form of it) the name is also spelled as.
            return "the name is also an ordinary word, and that word is what the text has"
        if evidence.method == "untranslated":
            return None
        if evidence.acronym:
            return "an acronym of something else"
        words = _words(_span_text(text, candidate))
        # Ordinary words that make up most words of a long name count, and so do words spelling
        # the name letter by letter from the other script («دير إز زور»); ordinary words whose
        # consonants happen to agree do not.
        words_agree = evidence.strong_kind in ("words", "generic") or (evidence.strong_kind == "letters" and words >= 2)
        # Words of the name spelled right anchor the span on it: «حياة التحرير الشام», «محافظة صلاح».
        anchored = evidence.name_words >= 2 and 2 * evidence.name_words >= words
        if evidence.common and not (words_agree or anchored) and evidence.spelling < COMMON_SPELLING and not (
                evidence.sound >= COMMON_SOUND and evidence.spelling >= COMMON_SOUND_SPELLING):
            return "ordinary words, not spelled like the name"
        if mode == "target-only" and "ك" in evidence.proclitic and evidence.spelling < 1:
            # «كارينيا» (Kyrenia) read as ك + a near-miss of «أرمينيا»: "like" before a name is
            # rare, a name that starts with k is not.
            return "a near-miss only once «ك» is read as a word of its own"
        if max(evidence.spelling, evidence.sound) < EVIDENCE_FROM and not (evidence.strong or anchored):
            return "nothing in the span is like the name"
        # A word of the name spelled right beside words whose consonants all agree: «سباح آل نعمان».
        anchored_consonants = evidence.strong_kind == "consonants" and evidence.name_words >= 1 and words >= 2
        if (mode == "target-only" and evidence.word_zipf >= KNOWN_WORD_ZIPF and not words_agree
                and not anchored_consonants
                and (evidence.spelling < (KNOWN_WORD_SPELLING.get(self.readings.target_lang, 0.93)
                                          if words == 1 else KNOWN_WORDS_SPELLING)
                     or evidence.strong_kind == "doubling")):
            # Without a source, a word the language knows is itself: agreeing consonants or a
            # double letter do not make «محافظون» a mangled «محافظة نينوى», "Samara" Samarra.
            return "a word the language knows that is only like the name"
        return None

    def _held_back(self, evidence, capped: bool) -> str:
        """Why a candidate that breaks no rule is only suggested, in words."""
        return (f"confidence below the apply threshold {self.apply_threshold:g}" if not capped
                else "writers often keep such a name in its own script" if evidence.method == "untranslated"
                else "another accepted spelling of the name" if evidence.variant
                else "another spelling of the name in use: the glossary's is a house style (--house-style applies it)"
                if evidence.house_style and not self.house_style
                else "a shorter name in use, every word of it right: the full name is only suggested"
                if evidence.shorter
                else "without a source, a short span is not enough for a long name")


def _span_text(text: str, candidate: Candidate) -> str:
    return text[candidate.start:candidate.end]


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def _words(text: str) -> int:
    return len(TOKEN.findall(text))

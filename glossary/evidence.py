"""Stage 2 of repair: how sure it is that a span of a translation renders a glossary name.

:meth:`EvidenceScorer.score` compares one span (from :mod:`glossary.candidates`)
with one entry and returns a :class:`Candidate`: the replacement, and the
:class:`Evidence` for it (spelling and sound similarity, what the lexicon
says of the span's words, where it sits).  Evidence is measured here and
nowhere else; turning it into a decision (apply, suggest, drop) is
:mod:`glossary.decision`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz.distance import Indel

from . import arabic
from .candidates import COMMON_WORD_ZIPF
from .entry import GlossaryEntry
from .lexicon import generic_kind, word_zipfs, zipf
from .matcher import TermMatch
from .morphology import RARE_WORD_ZIPF, another_form, derived, differ_in_endings, possessed
from .normalize import fold, spelling_key
from .phonetic import LATIN_ARTICLES, is_arabic, skeleton
from .verify import keep_digit_style, words_alike
from .readings import (
    CONSONANTS_AGREE_FROM, EDGE_STOPWORDS, TOKEN, WORDS_AGREE_FROM, NameProfile, Readings, expand_abbreviations, joined, last_visible,
    overlaps, silent_e_variants, strip_article, tokens_before, undoubled,
)

RARE_WORD_BONUS = 0.05
# Vowel-aware skeletons shorter than this ("masa") match other short names by chance.
SHORT_SKELETON = 5
SHORT_SOUND = 0.9
ONLY_DOUBLING_DIFFERS = 0.95
CONSONANTS_AGREE = 0.92
# An Arabic spelling this common (every word) is one in use («هوارد» 3.8), not a mangling.
KNOWN_SPELLING_ZIPF = 2.5
# A span that is a form of the name with words left out (Evidence.shorter): inside, or at an end.
SHORT_NAME, CUT_SHORT = "inside", "end"
_LONG_VOWELS = re.compile("[اوي]")
_ARABIC_SOUNDS = re.compile("[عحقصضطظذثخ]")
_LATIN_VOWELS = re.compile("[aeiou]+")
_ROMANIZED = re.compile(r"([b-df-hj-np-tv-z])\1+")  # a doubled consonant
# The name with another generic word of its kind («مقاطعة» for «محافظة»): above a nested name's score.
GENERIC_SWAP = 0.95
# How close the words before a short accepted form must be to the missing head of the name.
COMPLETE_FROM = 0.6
WORDS_AGREE_SHARE = 0.75
WORDS_AGREE_BASE, WORDS_AGREE_RANGE = 0.85, 0.1  # a perfect fit scores 0.95; the weakest allowed, 0.925


@dataclass(frozen=True)
class Evidence:
    """What says that a span renders a name: the measurements behind a fix or suggestion."""

    method: str  # "near-miss", "transliteration", "untranslated", "completion" or "spelling"
    score: float  # the rule-based score, 0-1, from the measurements below
    spelling: float = 0.0  # closest spelling of a target-language form (0-1)
    sound: float = 0.0  # closest consonant skeleton of a form of either language (0-1)
    strong: float = 0.0  # score from evidence that chance rarely produces (0: none)
    strong_kind: str = ""  # "letters" (consonants and long vowels, letter by letter), "consonants", "words" (of a long name), "doubling", "generic" (another generic word)
    word_zipf: float = 0.0  # lowest Zipf frequency of the span's words: 0 unknown, 3 once per million
    common: bool = False  # every word of the span is an ordinary word of the language
    offset: float = 0.0  # how far the span sits from where the source name sits (0-1; source-aware)
    chars: int = 0  # letters of the span without its clitics
    extra_words: int = 0  # words of the span beyond those of the name
    foreign_run: bool = False  # untranslated: the span is part of a longer run in the source script
    acronym: bool = False  # an acronym or brand spelling (AOL, eBay, «جي بي إس»): a different one is another name
    variant: bool = False  # a glossary form with other function words ("War of the Spanish Succession")
    proclitic: str = ""  # the Arabic clitics read off the span's start («و», «ب», «لل» ...)
    name_words: int = 0  # words of the span spelled as words of the name («تحرير», «الشام» of «حياة التحرير الشام»)
    house_style: bool = False  # another spelling of the name in use («شيلي» for «تشيلي»): a "spelling" change
    shorter: str = ""  # every word of the span a word of the name, spelled right, only fewer (_shorter_form)

    def describe(self) -> str:
        """The evidence in words, for reports and the web page."""
        if self.method == "untranslated":
            said = f"the name left in the source's script (spelled {self.spelling:.0%} like a source form)"
            if self.acronym:
                said += "; an acronym or brand that writers often keep as it is"
            if self.foreign_run:
                said += "; part of a longer text in that script"
            return said
        if self.method == "completion":
            return f"an accepted short form whose missing head sounds like the source's ({self.spelling:.0%})"
        if self.method == "spelling":
            return "another spelling of the name in use (the glossary's spelling is a house style)"
        parts = [f"spelled {self.spelling:.0%} like the glossary form", f"sounds {self.sound:.0%} like the name"]
        if self.strong:
            parts.append("every consonant (or most words) of the name agree")
        if self.common:
            parts.append("made of ordinary words")
        elif self.word_zipf < 1.0:
            parts.append("a word the language does not know")
        if self.offset >= 0.25:
            parts.append(f"{self.offset:.0%} of the line away from where the source has the name")
        return "; ".join(parts)


@dataclass(frozen=True)
class Candidate:
    """A span that may render a glossary name, its replacement and the evidence for it."""

    start: int
    end: int
    entry: GlossaryEntry
    after: str
    evidence: Evidence
    source: str | None = None  # the source-text name that called for it (source-aware mode)
    # The reading of the span that scored best: what :meth:`EvidenceScorer.detail` measures further.
    reading: tuple[str, str, bool] = field(default=("", "", False), compare=False)  # (proclitic, core, definite)
    detailed: bool = field(default=False, compare=False)

    @property
    def score(self) -> float:
        return self.evidence.score

    def widened(self, start: int, end: int) -> Candidate:
        return replace(self, start=start, end=end, detailed=False)


def span_offset(where: float | None, start: int, end: int, length: int) -> float:
    """How far a span sits from where the source has the name, as a share of the line (0 without a source)."""
    return abs(where - (start + end) / 2 / max(length, 1)) if where is not None else 0.0


def _source_key(entry: GlossaryEntry, match: TermMatch | None, source_lang: str) -> tuple | None:
    """What of a source name :meth:`EvidenceScorer.score` reads: the forms of ``entry`` it was written as."""
    if match is None:
        return None
    return tuple(fold(entry.forms(source_lang)[h.form_index]) for h in match.hits if h.entry is entry)


def _select(readings: list[tuple], offset: float) -> tuple[float, int]:
    """The confidence and index of the best reading of a span, once its offset's penalty is taken.
    Ties (a skeleton ignores a leading و) go to the closer spelling, then to the reading without a proclitic."""
    best = None
    for index, reading in enumerate(readings):
        confidence = reading[0] - 0.15 * offset
        key = (round(confidence, 3), reading[1], -len(reading[2]))
        if best is None or key > best[0]:
            best = (key, confidence, index)
    return best[1], best[2]


class _Prepared:
    """What :meth:`EvidenceScorer._measure` found of one spelling and entry (see there)."""

    __slots__ = ("acronym", "afters", "best", "folded", "readings", "word_zipf")

    def __init__(self, folded: str, best: float, readings: list[tuple] | None, word_zipf: float,
                 acronym: bool = False) -> None:
        # ``readings`` None: the span is in the source's script, and ``best`` is its score.
        self.folded, self.best, self.readings, self.word_zipf, self.acronym = folded, best, readings, word_zipf, acronym
        self.afters: dict[int, tuple[str, bool]] = {}


_MISSING = object()
# How many spellings' measures a scorer keeps (for all names together) before it starts afresh.
SPELLINGS_KEPT = 400_000


class NameScorer:
    """Scores spans against one entry and source name (see :meth:`EvidenceScorer.score`).

    What does not depend on where a span sits is measured once per spelling
    and kept: a long line repeats its words and names, and most of its spans
    are ranked by :meth:`bound` alone."""

    def __init__(self, scorer: EvidenceScorer, entry: GlossaryEntry, match: TermMatch | None,
                 known: dict[str, _Prepared | None], key: tuple) -> None:
        self.scorer, self.entry, self.match, self._known = scorer, entry, match, known
        self.key = key  # equal for scorers that score alike (the same entry and source forms)

    def prepared(self, written: str) -> _Prepared | None:
        prepared = self._known.get(written, _MISSING)
        if prepared is _MISSING:
            scorer = self.scorer
            if scorer._remembered > SPELLINGS_KEPT:  # a long line of ever new words: start afresh
                for spellings in list(scorer._memos.values()):  # (a list: a server repairs in threads)
                    spellings.clear()
                scorer._remembered = 0
            prepared = self._known[written] = scorer._measure(written, self.entry, self.match)
            scorer._remembered += 1
        return prepared

    def bound(self, written: str) -> float | None:
        """The highest score a span written so can have, wherever it sits (its offset only lowers it);
        None: it is no candidate anywhere."""
        prepared = self.prepared(written)
        return None if prepared is None else prepared.best

    def value(self, written: str, offset: float, floor: float = 0.0) -> float | None:
        """``candidate(...).score`` for a span written so that sits ``offset`` (:func:`span_offset`) from
        where the source has the name (None: no candidate, or one that cannot reach ``floor``), without
        building the candidate."""
        prepared = self.prepared(written)
        if prepared is None or prepared.best < floor:
            return None
        if prepared.readings is None:
            return prepared.best
        confidence, index = _select(prepared.readings, offset)
        return None if self.scorer._after(prepared, self.entry, index)[1] else confidence

    def candidate(self, text: str, start: int, end: int, where: float | None) -> Candidate | None:
        """:meth:`EvidenceScorer.score` of ``text[start:end]``."""
        prepared = self.prepared(text[start:end])
        if prepared is None:
            return None
        return self.scorer._candidate(prepared, text, start, end, self.entry, self.match,
                                      span_offset(where, start, end, len(text)))


class EvidenceScorer:
    """Scores spans against entries for one glossary and language pair."""

    def __init__(self, readings: Readings) -> None:
        self.readings = readings
        self.source_lang, self.target_lang = readings.source_lang, readings.target_lang
        self._facts: dict[tuple, tuple] = {}
        self._memos: dict[tuple, dict[str, _Prepared | None]] = {}  # (entry, source forms) -> spelling -> measures
        self._remembered = 0

    def score(self, text: str, start: int, end: int, entry: GlossaryEntry, match: TermMatch | None,
              where: float | None) -> Candidate | None:
        """How sure it is that ``text[start:end]`` renders ``entry`` (None: it cannot).

        Source-aware (``match`` given): the best of the spelling similarity to
        the glossary's target forms and the consonant-skeleton similarity to
        the source name, less a penalty for sitting far from where the source
        name sits.  Target-only: the same with vowel-aware skeletons, which
        three-letter Arabic roots cannot match by chance, after checks that
        the span is not an ordinary word (see :meth:`_lexical_signals`).
        Four kinds of evidence outweigh a middling target-only score, as
        chance rarely produces them: every consonant and long vowel of the
        name as the other script writes it («موسول» for "Mosul", "Mossachi"
        for «موساشي»), every consonant of a name of five or more («لكسمبرغ»
        for «لوكسمبورغ»), most words of a long name (see :meth:`_words_agree`),
        and a spelling that differs only in double letters (Masa / Massa) or
        abbreviations (St. / Saint).
        """
        return self.for_name(entry, match).candidate(text, start, end, where)

    def for_name(self, entry: GlossaryEntry, match: TermMatch | None) -> NameScorer:
        """:meth:`score` for one entry and source name, remembering what it measured of each spelling."""
        key = (id(entry), _source_key(entry, match, self.source_lang))
        known = self._memos.get(key)
        if known is None:
            known = self._memos[key] = {}
        return NameScorer(self, entry, match, known, key)

    def _measure(self, written: str, entry: GlossaryEntry, match: TermMatch | None) -> _Prepared | None:
        readings = self.readings
        folded = fold(written)
        strict = match is None
        targets = readings.target_forms(entry)
        source_forms = ([fold(entry.forms(self.source_lang)[h.form_index]) for h in match.hits if h.entry is entry]
                        if match else [fold(f) for f in entry.forms(self.source_lang)])
        if is_arabic(folded) != (self.target_lang == "ar"):
            # Written in the source's script: a name machine translation left untranslated.
            confidence = max(Indel.normalized_similarity(folded, f) for f in source_forms)
            if strict and derived(folded, source_forms, False):
                return None  # "Indian" left in an Arabic line is not "India"
            # Without a source, only the source-language form exactly as written: a name spelled
            # otherwise in the source's script may be another person's ("Namgyal" / "Namgyel").
            if confidence < (1.0 if strict else 0.75):
                return None
            if self.source_lang == "en" and not _capitalised(written, entry.forms("en")):
                return None  # "egypt", "hit" in lower case are words (or parts of an address), not the name
            return _Prepared(folded, confidence, None, min(word_zipfs(written, self.source_lang), default=0.0),
                             acronym_or_brand(written))
        options = readings.strip_options(folded)
        signals = None
        if self.target_lang == "en" and not _capitalised(written, entry.forms("en")):
            return None  # "banker", "been": English writes a name with a capital, with a source or without
        if strict:
            signals = self._lexical_signals(written, options, entry, targets)
            if signals is None:
                return None
        elif any(another_form(word, tuple(targets), entry.type.upper() == "PER")
                 for _, core, _ in options
                 for word in {core, *core.split(), *map(strip_article, core.split()), *map(possessed, core.split())}):
            # «النيوزيلندية» for "New Zealand", "Hindu" for «الهندوسية»: another
            # form of the name, chosen by the sentence's grammar; not a mistake.
            return None
        sounds, undoubled_targets, name_words = self._name_facts(entry.id, tuple(targets), tuple(source_forms), strict)
        measured = []
        first_word = written.split()[0] if written.split() else ""
        for proclitic, core, definite in options:
            if derived(core, targets, strict, entry.type.upper() == "PER"):
                continue
            if proclitic and _clitic_makes_a_word(first_word, proclitic, self.target_lang):
                continue
            if (not proclitic and len(options) > 1 and _starts_with_a_proclitic(core, targets)
                    and zipf(first_word, self.target_lang) < COMMON_WORD_ZIPF[self.target_lang]):
                # «لألاويت»: «ل» + the name, which starts with no «ل»: the fix keeps the «ل» (a word
                # such as «ولاية», state, is read whole).
                continue
            spelling = written_spelling = max(Indel.normalized_similarity(core, t) for t in targets)
            doubling = len(core) >= 4 and undoubled(core) in undoubled_targets and core not in targets
            if doubling:
                spelling = max(spelling, ONLY_DOUBLING_DIFFERS)  # Masa / Massa: the source script wrote no double letter
            core_sound = skeleton(core, strict)
            sound = max((Indel.normalized_similarity(core_sound, s) for s in sounds if s), default=0.0)
            if len(core_sound) < 3:
                sound *= 0.8  # two consonants agree by chance too often
            elif strict and len(core_sound) < SHORT_SKELETON:
                sound *= SHORT_SOUND  # so do short names with their vowels: Masai, Maswa ~ Massa
            method = "near-miss" if spelling >= sound * 0.9 else "transliteration"
            # Without a source name to look for, sound alone is not enough
            # («الرئيسي» sounds like «روسيا»): the spelling must agree too.
            confidence = (spelling + sound) / 2 if strict else max(spelling, sound * 0.9)
            if (signals is not None and signals["word_zipf"] < RARE_WORD_ZIPF and spelling < 1
                    and (self.target_lang == "ar" or len(core_sound) >= SHORT_SKELETON)):
                # A word the language does not know is a foreign name spelled
                # by ear: sound and spelling agreeing less closely suffice.
                confidence = min(confidence + RARE_WORD_BONUS, 0.99)
            # Prefer the shorter span when a neighbouring word adds little.
            confidence -= 0.05 * max(0, readings.content_words(core) - name_words)
            # Evidence that chance rarely produces raises the score without a source (a source
            # name is evidence enough; there it is measured for the decision only, in detail()).
            strong, kind = self._strong_evidence(core, definite, readings.profile(entry)) if strict else (0.0, "")
            if strict and not strong and _generic_swap(core, targets):
                strong, kind = GENERIC_SWAP, "generic"
            if doubling and ONLY_DOUBLING_DIFFERS > strong:
                strong, kind = ONLY_DOUBLING_DIFFERS, "doubling"
            if strict:
                confidence = max(confidence, strong)
            # (Less 0.15 times the span's offset: see _select.)
            extra = max(0, readings.content_words(core) - name_words)
            measured.append((confidence, spelling, proclitic, definite, core, method, written_spelling, sound, strong,
                             kind, extra))
        if not measured:
            return None
        return _Prepared(folded, max(m[0] for m in measured), measured, signals["word_zipf"] if signals else 0.0)

    def _after(self, prepared: _Prepared, entry: GlossaryEntry, index: int) -> tuple[str, bool]:
        """The replacement of reading ``index`` of a span, and whether it is what the span says already."""
        found = prepared.afters.get(index)
        if found is None:
            _, _, proclitic, definite, core, *_ = prepared.readings[index]
            after = self._replacement(entry, proclitic, definite, core, prepared.folded[len(proclitic):])
            found = prepared.afters[index] = (after, fold(after) == prepared.folded)
        return found

    def _candidate(self, prepared: _Prepared, text: str, start: int, end: int, entry: GlossaryEntry,
                   match: TermMatch | None, offset: float) -> Candidate | None:
        source_name = match.text if match else None
        if prepared.readings is None:
            evidence = Evidence("untranslated", prepared.best, spelling=prepared.best, chars=len(prepared.folded),
                                word_zipf=prepared.word_zipf,
                                foreign_run=_in_foreign_run(text, start, end, self.target_lang),
                                acronym=prepared.acronym)
            after = _keep_capitals(keep_digit_style(entry.preferred(self.target_lang), text[start:end]), text[start:end])
            return Candidate(start, end, entry, after, evidence, source_name)
        confidence, index = _select(prepared.readings, offset)
        after, unchanged = self._after(prepared, entry, index)
        if unchanged:
            return None
        after = _keep_capitals(keep_digit_style(after, text[start:end]), text[start:end])
        _, _, proclitic, definite, core, method, spelling, sound, strong, kind, extra = prepared.readings[index]
        evidence = Evidence(method, confidence, spelling, sound, strong, kind, prepared.word_zipf,
                            offset=offset, chars=len(core.replace(" ", "")), extra_words=extra, proclitic=proclitic)
        return Candidate(start, end, entry, after, evidence, source_name, (proclitic, core, definite))

    def _name_facts(self, entry_id: str, targets: tuple[str, ...], source_forms: tuple[str, ...], strict: bool):
        """What a span of any line is compared with, per name: its sounds, its spellings without double
        letters, and how many words it has (Tutankhamun is one word, «توت عنخ آمون» three); computed once."""
        key = (entry_id, targets, source_forms, strict)
        facts = self._facts.get(key)
        if facts is None:
            sounds = frozenset({skeleton(f, strict) for f in source_forms} | {skeleton(t, strict) for t in targets})
            facts = (sounds, frozenset(undoubled(t) for t in targets),
                     max(map(self.readings.content_words, targets + source_forms)))
            self._facts[key] = facts
        return facts

    def detail(self, text: str, candidate: Candidate) -> Candidate:
        """The rest of a candidate's evidence, measured only for those that reach a decision: what the
        lexicon says of its words, the words of the name it has, whether it is a grammatical variant
        or an acronym (and, source-aware, the evidence that chance rarely produces)."""
        if candidate.detailed or candidate.evidence.method in ("untranslated", "completion"):
            return candidate
        readings, entry, evidence = self.readings, candidate.entry, candidate.evidence
        start, end = candidate.start, candidate.end
        folded = fold(text[start:end])
        proclitic, core, definite = candidate.reading
        targets = readings.target_forms(entry)
        own_words = {strip_article(w) for t in targets for w in t.split()}
        own_kinds = {generic_kind(w) for w in own_words} - {None}
        name_words = sum(1 for bare in readings.bare_words(folded)
                         if {strip_article(b) for b in bare} & own_words
                         or {generic_kind(strip_article(b)) for b in bare} & own_kinds)
        strong, kind = evidence.strong, evidence.strong_kind
        if candidate.source is not None and core:
            found, found_kind = self._strong_evidence(core, definite, readings.profile(entry))
            if not found and _generic_swap(core, targets, cut_short=True):
                found, found_kind = GENERIC_SWAP, "generic"
            if found > strong:
                strong, kind = found, found_kind
        word_zipf = evidence.word_zipf if candidate.source is None else min(
            word_zipfs(text[start:end], self.target_lang), default=0.0)
        house_style = _house_style(core, targets, _without_proclitic(text[start:end], proclitic),
                                   entry.forms(self.source_lang) if self.target_lang == "en" else ())
        shorter = _shorter_form(core, targets, readings)
        return replace(candidate, detailed=True, evidence=replace(
            evidence, strong=strong, strong_kind=kind, word_zipf=word_zipf, common=_all_common(text, start, end, self.target_lang),
            acronym=acronym_or_brand(_without_proclitic(text[start:end], proclitic)), name_words=name_words,
            variant=_spelling_variant(core, targets, folded[len(proclitic):], entry.forms(self.target_lang),
                                      _without_proclitic(text[start:end], proclitic)), house_style=house_style,
            method="spelling" if house_style else evidence.method, shorter=shorter))

    def complete_shortened(self, text: str, found: TermMatch, match: TermMatch | None,
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
        readings = self.readings
        if match is None:
            entry = found.entries[0]
            source_words = fold(entry.preferred(self.source_lang)).split()
        else:
            entry = next(e for e in found.entries if e in match.entries)
            source_words = fold(match.text).split()
        preferred = fold(entry.preferred(self.target_lang)).split()
        kept = readings.bare_words(fold(found.text))
        missing = len(preferred) - len(kept)
        if (missing < 1 or len(kept) != len(fold(found.text).split())
                or len(source_words) < len(fold(entry.preferred(self.source_lang)).split())
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
                                      and min(word_zipfs(core, self.target_lang), default=0.0) < COMMON_WORD_ZIPF[self.target_lang]):
                continue  # without a source: the head as the name sounds, and no word of the language
            if best is None or score > best[0]:
                best = (score, proclitic)
        if best is None:
            return None
        score, proclitic = best
        if score < COMPLETE_FROM:
            return None  # «قادة تحرير الشام»: "leaders of", not a mangled "Hayat"
        after = arabic.rebuild(entry.preferred(self.target_lang), arabic.Shape(proclitic, None, None), False) \
            if self.target_lang == "ar" else entry.preferred(self.target_lang)
        span_text = text[before[0][0]:found.end]
        after = keep_digit_style(after, span_text)
        # Without a source, the head had to sound as the name does, letter by letter (above).
        strong, kind = (CONSONANTS_AGREE, "letters") if match is None else (0.0, "")
        evidence = Evidence("completion", score, spelling=score, strong=strong, strong_kind=kind,
                            word_zipf=min(word_zipfs(span_text, self.target_lang), default=0.0),
                            chars=len(fold(span_text).replace(" ", "")))
        return Candidate(before[0][0], found.end, entry, after, evidence, match.text if match else None)

    def _strong_evidence(self, core: str, definite: bool, name: NameProfile) -> tuple[float, str]:
        """A score from evidence that chance rarely produces, and its kind ((0, ""): none)."""
        consonants = skeleton(core, drop_article=definite)
        spoken = {skeleton(v, vowel_classes=True, drop_article=definite) for v in silent_e_variants(core)}
        if any(len(both) >= CONSONANTS_AGREE_FROM for both in spoken & name.spoken):
            # Every consonant and long vowel of the name as the source script writes it: spelled
            # letter by letter from it («موسول» for "Mosul", «دير إز زور» for "Deir ez-Zor").
            return CONSONANTS_AGREE, "letters"
        # Every consonant of a long name, in order; the name's own words must have enough of them, as
        # a generic word agrees with every name of its kind ("Yunnan province" has the consonants of
        # "Ninewa province", of which one "n" is its own).
        if (consonants in name.consonants
                and len(skeleton(_own_words(core), drop_article=definite)) >= CONSONANTS_AGREE_FROM):
            return CONSONANTS_AGREE, "consonants"
        agree = self._words_agree(core, name.long_forms)  # (this score counts stray words itself)
        return (agree, "words") if agree else (0.0, "")

    def _words_agree(self, core: str, long_forms: tuple[tuple[frozenset[str], ...], ...]) -> float:
        """How sure the words of the span say it is a long name (0: they do not).

        Most words of a long name are in the span, spelled right, in any order:
        «لمنطقة التجارة الحرة الأفريقية» for «منطقة التجارة الحرة للقارة الإفريقية».
        Two words agree by chance too often (North America / North Africa);
        three or more, making up most of both the name and the span, do not.
        The closer the span fits the name, the surer: so the span without
        stray neighbouring words wins.
        """
        span_words = self.readings.bare_words(core) if long_forms and len(core.split()) >= WORDS_AGREE_FROM else []
        best = 0.0
        for form_words in long_forms if span_words else ():
            matched = sum(1 for readings in form_words if any(readings & other for other in span_words))
            of_name, of_span = matched / len(form_words), matched / len(span_words)
            if matched >= WORDS_AGREE_FROM and min(of_name, of_span) >= WORDS_AGREE_SHARE:
                fit = 2 * of_name * of_span / (of_name + of_span)
                best = max(best, WORDS_AGREE_BASE + WORDS_AGREE_RANGE * fit)
        return best

    def _lexical_signals(self, span: str, options, entry: GlossaryEntry, targets) -> dict | None:
        """What the target language's lexicon says about a span (None: it is no mangled name).

        The span is an ordinary word when it (or what is left once a clitic
        is read off) is derived from the name, is a lower-case English word
        while the name is capitalised, or is made of common words.  Common
        variant spellings of a name («شيلي» for «تشيلي») are lost with them:
        word frequencies cannot tell them from «باردة» "cold" (Urdu, «الأردية»).
        """
        if any(derived(core, targets, True) for _, core, _ in options):
            return None
        if self.target_lang == "en" and not _capitalised(span, entry.forms("en")):
            return None
        lang = self.target_lang
        stopwords = self.readings.stopwords
        # The span as written, and without each clitic the readings found.
        written = {span} | {span[len(p):] for p, _, _ in options if p}
        # A word of the name written right («Giovanni» of "Giovanni Falcon")
        # anchors the span on the name: its other words are the mangled part,
        # however common they are.
        own = {strip_article(w) for f in entry.forms(lang) for w in TOKEN.findall(expand_abbreviations(fold(f)))}
        own -= stopwords | {"ال"}
        anchored = any(strip_article(w) in own for w in TOKEN.findall(expand_abbreviations(fold(span))))
        word_zipf = 0.0
        for form in written:
            lowest = min(word_zipfs(form, lang), default=0.0)
            if lowest >= COMMON_WORD_ZIPF[lang] and not anchored:
                return None
            word_zipf = max(word_zipf, lowest)
        return {"word_zipf": word_zipf}

    def _replacement(self, entry: GlossaryEntry, proclitic: str, definite: bool, core: str,
                     written: str = "") -> str:
        preferred = entry.preferred(self.target_lang)
        if self.target_lang != "ar":
            return preferred
        ending = None
        if entry.inflects:
            found = arabic.nisba_stem(core)
            ending = found[1] if found else None
            # The article the text wrote is the sentence's grammar («الأحياء الألاويتية»), whichever
            # reading of the span's letters won: a nisba keeps it.
            definite = definite or arabic.has_article(written)
        shape = arabic.Shape(proclitic, definite if entry.inflects else None, ending)
        return arabic.rebuild(preferred, shape, entry.inflects and ending is not None)


def _clitic_makes_a_word(word: str, proclitic: str, lang: str) -> bool:
    """«ولاية» (state) is a word, not «و» + «لاية» or «ول» + «اية»: a reading that cuts a clitic off
    a common word and leaves a less common one («بالموصل» leaves the more common «الموصل»)."""
    rest = word[len(proclitic):]
    return zipf(word, lang) >= COMMON_WORD_ZIPF[lang] and zipf(rest, lang) < zipf(word, lang)


def _all_common(text: str, start: int, end: int, lang: str) -> bool:
    """Every word of ``text[start:end]`` is an ordinary word of ``lang``.  A frequency list counts
    names too («هارفارد», "Harvard"), so in English a capitalised word inside a sentence is a name,
    never an ordinary word; Arabic has no capitals to tell."""
    span = text[start:end]
    if lang == "en":
        before = last_visible(text, start)  # (len(text[:start].rstrip()), without copying a long line)
        sentence_start = before == 0 or text[before - 1] in ".!?:;\"“"
        words = TOKEN.findall(span)
        if any(w[:1].isupper() for w in (words if not sentence_start else words[1:])):
            return False
    zipfs = word_zipfs(span, lang)
    return bool(zipfs) and min(zipfs) >= COMMON_WORD_ZIPF[lang]


_FUNCTION_WORDS = frozenset({"the", "of", "a", "an", "and"})


def _without_proclitic(written: str, proclitic: str) -> str:
    """The span as written less the ``proclitic`` (folded) it starts with (and ل of «لل» given back
    as the article's alef: «للألعاب» -> «الألعاب»)."""
    written = written.strip()
    if not proclitic:
        return written
    rest = written[len(proclitic):]
    return "ا" + rest if proclitic.endswith("ل") and rest.startswith("ل") and not rest.startswith("ال") else rest


def _shorter_form(core: str, targets: Sequence[str], readings: Readings) -> str:
    """Every word of the span is a word of a form of the name, spelled right, and the form has more:
    "Syrian Red Crescent" for "Syrian Arab Red Crescent", "Soviet" for "Soviet Union".  Nothing in it
    is mangled: it is a shorter name (or the word of one), not a misspelling.  ``SHORT_NAME`` when the
    span is an Arabic name without adjectives it may drop (:func:`_droppable`: «البحر المتوسط» for
    «البحر الأبيض المتوسط»), ``CUT_SHORT`` for any other («محافظة صلاح»), else ""."""
    words = [strip_article(w) for w in core.split() if w not in readings.stopwords]
    if not words:
        return ""
    found = ""
    for target in targets:
        written = [w for w in target.split() if w not in readings.stopwords]
        name = [strip_article(w) for w in written]
        if len(words) < len(name) and all(w in name for w in words):
            dropped = [i for i, w in enumerate(name) if w not in words]
            if len(words) >= 2 and is_arabic(target) and all(_droppable(written, i) for i in dropped):
                return SHORT_NAME
            found = CUT_SHORT
    return found


def _droppable(words: Sequence[str], i: int) -> bool:
    """The ``i``-th word of an Arabic name is an adjective a writer may leave out: it has the article
    after a word with the article, inside the name (a definite noun and its adjective, «البحر
    الأبيض»), not the second half of a construct («صلاح الدين»)."""
    return 0 < i < len(words) - 1 and all(w.startswith("ال") and len(w) > 3 for w in words[i - 1:i + 1])


def _starts_with_a_proclitic(core: str, targets: Sequence[str]) -> bool:
    """``core`` (a whole span, read with no proclitic) starts with a proclitic letter that no form of
    the name starts with (without its article): that letter is the sentence's preposition or
    conjunction, and a replacement that took it in would drop it."""
    if not core[:1] or core[0] not in "وفبلك" or not is_arabic(core):
        return False
    return not any(strip_article(t).startswith(core[0]) or t.startswith(core[0]) for t in targets)


def _generic_swap(core: str, targets: Sequence[str], cut_short: bool = False) -> bool:
    """The name with another generic word of its kind, the rest the same or spelled by sound: «مقاطعة
    صلاح الدين» or «مقاطعة سالاه الدين» for «محافظة صلاح الدين» (province for governorate); with
    ``cut_short`` (a source names the whole), also the rest's first words only («مقاطعة صلاح»)."""
    words = core.split()
    for target in targets:
        name = target.split()
        if cut_short and 2 <= len(words) < len(name) and words[1:] == name[1:len(words)]:
            name = name[:len(words)]
        if len(words) != len(name) or len(words) < 2 or words[0] == name[0]:
            continue
        kind = generic_kind(strip_article(words[0]))
        if kind is None or kind != generic_kind(strip_article(name[0])):
            continue
        rest, wanted = " ".join(words[1:]), " ".join(name[1:])
        if rest == wanted or len(skeleton(wanted)) >= 4 and _sounds(rest) & _sounds(wanted):
            return True
    return False


def _own_words(folded: str) -> str:
    """A folded span without its generic words ("province", «محافظة»: glossary.lexicon)."""
    return " ".join(w for w in folded.split() if generic_kind(strip_article(w)) is None)


def _sounds(folded: str) -> set[str]:
    """Consonant skeletons of a text, a word-final «ه» read as the vowel it usually is and as the "h"
    a transliteration writes with it («سالاه» for "Salah")."""
    return {skeleton(folded), skeleton(re.sub(r"ه\b", "ح", folded))}


def _keep_capitals(after: str, written: str) -> str:
    """A replacement a glossary stores in lower case (a list of Wikidata name words: "ferrani") takes
    the capitals of the name it replaces ("Ferrari" -> "Ferrani"): English writes names so."""
    if any(ch.isupper() for ch in after) or not written[:1].isupper() or is_arabic(after):
        return after
    return " ".join(w[:1].upper() + w[1:] for w in after.split(" "))


def _house_style(core: str, targets: Sequence[str], written: str, arabic_forms: Sequence[str] = ()) -> bool:
    """``core`` is the name in another spelling in use (see :func:`spelling_variant`)."""
    return any(core != target and spelling_variant(written, target, arabic_forms) for target in targets)


def spelling_variant(written: str, form: str, arabic_forms: Sequence[str] = ()) -> bool:
    """``written`` spells the name ``form`` another way in use, differing only by the choices of a
    house style (:func:`glossary.normalize.spelling_key`: «شيلي» / «تشيلي», «الغارديان» /
    «الجارديان», "Sea Lion" / "Sealion"), or, for a foreign name in Arabic that the language knows
    in this spelling (every word as written), also by its long vowels («هوارد» / «هاوارد»): Arabic
    spells foreign names several ways.  A spelling nobody writes is mangled («إدليب», «لكسمبرغ»),
    and a name written with letters for sounds foreign names lack (ع ح ق ص ...) is an Arabic name
    with one spelling («الشارع», the street, is no spelling of «الشرع»).  In English, given the
    name's ``arabic_forms``, also another romanization of an Arabic name (:func:`romanization_variant`)."""
    key, wanted = spelling_key(fold(written)), spelling_key(fold(form))
    if not key or key == wanted:
        return bool(key)
    if not is_arabic(form):
        return romanization_variant(written, form, arabic_forms)
    # Only the words spelled otherwise must be known spellings, and function words say nothing of
    # where a name comes from («رو ضد وايد» for «رو ضد ويد»: «ضد» is "versus").
    own, function_words = set(fold(form).split()), EDGE_STOPWORDS["ar"]
    if _ARABIC_SOUNDS.search(" ".join(w for w in fold(form).split() if w not in function_words)) or min(
            word_zipfs(" ".join(w for w in written.split() if fold(w) not in own), "ar"), default=0.0) < KNOWN_SPELLING_ZIPF:
        return False
    bare = _LONG_VOWELS.sub("", key)
    return len(bare) >= 3 and bare == _LONG_VOWELS.sub("", wanted)


def romanization_variant(written: str, form: str, arabic_forms: Sequence[str]) -> bool:
    """``written`` romanizes the Arabic name that the English ``form`` romanizes, another way in use:
    Arabic's short vowels are written several ways in English (u as u, o or ou; a as a or e; i as i,
    e or ee), a doubled consonant once or twice, the article or not ("Walid al-Moualem", "Walid
    Muallem"); another vowel is another name ("Mosel" is no "Mosul").

    Only for words of an Arabic name, whose Arabic form has a sound foreign names lack
    (``_ARABIC_SOUNDS``: «المعلم»): back-translation through Arabic mangles the vowels of foreign
    names ("Mosulini" for Mussolini, "Desney" for Disney), whose English spelling is the only one."""
    mine, theirs = _latin_name_words(written), _latin_name_words(form)
    if not arabic_forms or len(mine) != len(theirs) or mine == theirs:
        return False
    arabic_words = [w for f in arabic_forms for w in fold(f).split() if _ARABIC_SOUNDS.search(w)]
    return all(a == b or _same_romanized_sounds(a, b) and any(words_alike(b, w) for w in arabic_words)
               for a, b in zip(mine, theirs))


def _latin_name_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s'\u2019-]+", fold(text)) if w and w not in LATIN_ARTICLES]


def _same_romanized_sounds(a: str, b: str) -> bool:
    """Two Latin words with the same consonants (a doubled one once) and, between them, vowels that
    write the same Arabic vowels (see :func:`romanization_variant`)."""
    a, b = _ROMANIZED.sub(lambda m: m.group()[0], a), _ROMANIZED.sub(lambda m: m.group()[0], b)
    if _LATIN_VOWELS.sub("", a) != _LATIN_VOWELS.sub("", b):
        return False
    runs_a, runs_b = _LATIN_VOWELS.findall(a), _LATIN_VOWELS.findall(b)
    return len(runs_a) == len(runs_b) and all(
        len(x) == len(y) and all(p == q or "e" in (p, q) and {p, q} <= {"a", "e", "i"} for p, q in zip(x, y))
        for x, y in zip(map(_arabic_vowels, runs_a), map(_arabic_vowels, runs_b)))


def _arabic_vowels(run: str) -> str:
    """A run of Latin vowels as the Arabic vowels it writes: u for o, ou, oo; i for ee."""
    return re.sub(r"(.)\1+", r"\1", run.replace("ou", "u").replace("oo", "u").replace("o", "u").replace("ee", "i"))


def _without_article(word: str) -> tuple[str, bool]:
    """An Arabic word as written without its article, and whether it had one."""
    return (word[2:], True) if word.startswith("ال") and len(word) > 3 else (word, False)


def _spelling_variant(core: str, targets: Sequence[str], written: str = "", forms: Sequence[str] = (),
                      raw: str = "") -> bool:
    """``core`` is a target form but for the sentence's grammar: other function words ("War of the
    Spanish Succession" for "War of Spanish Succession"), the same English words in another order,
    or an Arabic article on a word where the glossary's form has none, or none where it has one
    («الأذربيجان» for «أذربيجان», «تصميم الأزياء» for «تصميم أزياء»).  (Other spellings of the name
    are "spelling" changes, :func:`_house_style`.)  ``forms``: the glossary's forms and ``raw``
    the span without its proclitics, as written."""
    if is_arabic(core):
        if core in targets and strip_article(written) != written:
            return True
        # The sentence's definiteness: the article on words where the glossary's citation form has
        # none («تصميم الأزياء» for «تصميم أزياء»), or on none of them where the form has it on every
        # word («أول ألعاب أولمبية» for «الألعاب الأولمبية»).  An article dropped inside a name is a
        # mangled name («دير زور» for «دير الزور»).
        # (Read as written: folded, «ألعاب» would look like the article and «عاب».)
        words = [_without_article(w) for w in raw.split()]
        for form in forms:
            full = [_without_article(w) for w in form.split()]
            if [fold(w) for w, _ in words] != [fold(w) for w, _ in full] or raw.split() == form.split():
                continue
            articles, wanted = [a for _, a in words], [a for _, a in full]
            if all(a or not b for a, b in zip(articles, wanted)) or (not any(articles) and all(wanted)):
                return True
        return any(differ_in_endings(core.split(), target.split()) for target in targets)
    def key(text: str) -> str:
        return " ".join(w for w in text.split() if w not in _FUNCTION_WORDS)

    mine = key(core)
    if mine != core and any(mine == key(target) for target in targets) or any(
            key(target) != target and mine == key(target) for target in targets):
        return True
    # The same words in another order: "Euphrates Shield operation" for "Operation Euphrates Shield".
    return len(core.split()) > 1 and any(sorted(key(core).split()) == sorted(key(t).split()) and key(core) != key(t)
                                         for t in targets)


def _in_foreign_run(text: str, start: int, end: int, target_lang: str) -> bool:
    """A neighbouring word (across spaces, hyphens and a title's punctuation) is in the source's
    script too: "A1GP New Zealand team" or "The Last Palace: Europe's Turbulent Century" left in Latin
    inside an Arabic sentence is a longer name or title, not "New Zealand" or "Europe"."""
    left = _left_word(text, start)
    right = _RIGHT_WORD.match(text, end)
    words = [m.group(1) for m in (left, right) if m]
    return any(any(ch.isalpha() for ch in w) and is_arabic(w) != (target_lang == "ar") for w in words)


# A neighbouring word across spaces, hyphens and the punctuation inside a title ("The Last Palace:
# Europe's Turbulent Century"), and after a possessive.
_LEFT_WORD = re.compile(r"(\w+)[ \-:,;]+$")
_RIGHT_WORD = re.compile(r"(?:'s|’s)?[ \-:,;]+(\w+)")
_WORD_CHARACTER = re.compile(r"\w")


def _left_word(text: str, start: int) -> re.Match | None:
    """``_LEFT_WORD.search(text, 0, start)``, reading only the end of ``text[:start]``.

    The match is the word before the run of spaces, hyphens and punctuation that ends the text.
    In a window of the text's end it is the same match when it starts after
    the window's first character; no match in a window that holds a word
    character means none in the whole text."""
    size = 64
    while True:
        low = max(0, start - size)
        found = _LEFT_WORD.search(text, low, start)
        if low == 0 or (found.start() > low if found else _WORD_CHARACTER.search(text, low, start)):
            return found
        size *= 4


# The names of the Latin letters as Arabic writes them in spelled-out acronyms («جي بي إس» GPS), folded.
_LETTER_NAMES = frozenset(fold(w) for w in "إيه اي بي سي دي إي إف جي إتش اتش آي جيه كيه كاي إل إم إن أو بي كيو آر "
                                            "إس اس تي يو في دبليو إكس اكس واي زد زي".split())


def acronym_or_brand(written: str) -> bool:
    """AOL, NBA, eBay, iPhone, «جي بي إس»: spellings that writers keep as they are."""
    words = TOKEN.findall(fold(written))
    if len(words) >= 2 and all(w in _LETTER_NAMES for w in words):
        return True
    letters = [ch for ch in written if ch.isalpha()]
    if len(letters) < 2:
        return False
    all_capitals = all(ch.isupper() for ch in letters)
    # eBay, iPhone: one word whose capital is not its first letter ("the Anion" is two words).
    inner_capital = len(TOKEN.findall(written)) == 1 and letters[0].islower() and any(ch.isupper() for ch in letters[1:])
    return all_capitals or inner_capital


def _capitalised(span: str, forms: Sequence[str]) -> bool:
    """The span starts with a capital, as English names do (or, as eBay and iPhone, has one inside,
    where the glossary writes the name so); a glossary that stores names in lower case (a list of
    Wikidata name words) does not make "the" or "will" a name."""
    return span[:1].isupper() or any(ch.isupper() for ch in span) and any(f[:1].islower() for f in forms)

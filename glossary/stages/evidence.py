"""Stage 2 of repair: how sure it is that a span of a translation renders a glossary name.

:meth:`EvidenceScorer.score` compares one span (from :mod:`glossary.stages.candidates`)
with one entry and returns a :class:`Candidate`: the replacement, and the
:class:`Evidence` for it (spelling and sound similarity, what the lexicon
says of the span's words, where it sits).  Evidence is measured here and
nowhere else (a short accepted form completed to the full name is
measured by :mod:`glossary.stages.completion`); turning it into a decision
(apply, suggest, drop) is :mod:`glossary.stages.decision`.  What the
language says of a span's words as written (capitals, acronyms, clitics,
shorter forms) and of other spellings in use is asked of
:mod:`glossary.language.spans` and :mod:`glossary.language.spelling`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rapidfuzz.distance import Indel

from ..entry import GlossaryEntry
from ..language import arabic
from ..language import spans as _spans
from ..language import spelling as _spelling
from ..language.lexicon import COMMON_WORD_ZIPF, generic_kind, word_zipfs, zipf
from ..language.morphology import RARE_WORD_ZIPF, another_form, derived, possessed
from ..language.normalize import fold
from ..language.phonetic import is_arabic, skeleton
from ..language.readings import (
    CONSONANTS_AGREE_FROM, TOKEN, WORDS_AGREE_FROM, NameProfile, Readings, expand_abbreviations, silent_e_variants,
    strip_article, undoubled,
)
from ..language.spans import (
    _all_common, _capitalised, _clitic_makes_a_word, _generic_swap, _in_foreign_run, _keep_capitals, _own_words,
    keep_one_closing_mark, _shorter_form, _starts_with_a_proclitic, _without_proclitic, acronym_or_brand,
)
from ..language.spelling import _house_style, _spelling_variant
from .matcher import TermMatch
from .verify import keep_digit_style

RARE_WORD_BONUS = 0.05
# Vowel-aware skeletons shorter than this ("masa") match other short names by chance.
SHORT_SKELETON = 5
SHORT_SOUND = 0.9
ONLY_DOUBLING_DIFFERS = 0.95
CONSONANTS_AGREE = 0.92
# The name with another generic word of its kind («مقاطعة» for «محافظة»): above a nested name's score.
GENERIC_SWAP = 0.95
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
            return self._measure_untranslated(written, folded, entry, source_forms, strict)
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
        facts = self._name_facts(entry.id, tuple(targets), tuple(source_forms), strict)
        measured = []
        first_word = written.split()[0] if written.split() else ""
        for option in options:
            found = self._measure_reading(option, first_word, len(options), entry, targets, facts, signals, strict)
            if found is not None:
                measured.append(found)
        if not measured:
            return None
        return _Prepared(folded, max(m[0] for m in measured), measured, signals["word_zipf"] if signals else 0.0)

    def _measure_untranslated(self, written: str, folded: str, entry: GlossaryEntry, source_forms: list[str],
                              strict: bool) -> _Prepared | None:
        """A span written in the source's script: a name machine translation left untranslated."""
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

    def _measure_reading(self, option: tuple[str, str, bool], first_word: str, options: int, entry: GlossaryEntry,
                         targets: list[str], facts: tuple, signals: dict | None, strict: bool) -> tuple | None:
        """The measures of one reading of a span (a proclitic, the rest, whether it has the article)."""
        readings = self.readings
        proclitic, core, definite = option
        sounds, undoubled_targets, name_words = facts
        if derived(core, targets, strict, entry.type.upper() == "PER"):
            return None
        if proclitic and _clitic_makes_a_word(first_word, proclitic, self.target_lang):
            return None
        if (not proclitic and options > 1 and _starts_with_a_proclitic(core, targets)
                and zipf(first_word, self.target_lang) < COMMON_WORD_ZIPF[self.target_lang]):
            # «لألاويت»: «ل» + the name, which starts with no «ل»: the fix keeps the «ل» (a word
            # such as «ولاية», state, is read whole).
            return None
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
        return (confidence, spelling, proclitic, definite, core, method, written_spelling, sound, strong, kind,
                extra)

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
            after = _as_the_text_writes(entry.preferred(self.target_lang), text, start, end)
            return Candidate(start, end, entry, after, evidence, source_name) if after is not None else None
        confidence, index = _select(prepared.readings, offset)
        after, unchanged = self._after(prepared, entry, index)
        after = None if unchanged else _as_the_text_writes(after, text, start, end)
        if after is None:
            return None
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
        shorter = _shorter_form(core, targets, readings, entry.forms(self.target_lang))
        return replace(candidate, detailed=True, evidence=replace(
            evidence, strong=strong, strong_kind=kind, word_zipf=word_zipf, common=_all_common(text, start, end, self.target_lang),
            acronym=acronym_or_brand(_without_proclitic(text[start:end], proclitic)), name_words=name_words,
            variant=_spelling_variant(core, targets, folded[len(proclitic):], entry.forms(self.target_lang),
                                      _without_proclitic(text[start:end], proclitic)), house_style=house_style,
            method="spelling" if house_style else evidence.method, shorter=shorter))

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
        common, word_zipf = self._common_reading(span, options)
        # A word of the name written right («Giovanni» of "Giovanni Falcon")
        # anchors the span on the name: its other words are the mangled part,
        # however common they are.
        if common and not self.anchors(_span_words(span), entry):
            return None
        return {"word_zipf": word_zipf}

    def _common_reading(self, span: str, options) -> tuple[bool, float]:
        """Whether the span as written, or without a clitic its readings found, is made of common words
        (then only a word of a name written right makes it a candidate of that name), and the highest
        of its readings' lowest word frequencies."""
        lang = self.target_lang
        word_zipf, common = 0.0, False
        for form in {span} | {span[len(p):] for p, _, _ in options if p}:
            lowest = min(word_zipfs(form, lang), default=0.0)
            common = common or lowest >= COMMON_WORD_ZIPF[lang]
            word_zipf = max(word_zipf, lowest)
        return common, word_zipf

    def only_anchored(self, written: str) -> frozenset[str] | None:
        """Target-only: the span's words when it is made of common words, in the target's script, so
        that only an entry with one of them written right (:meth:`anchors`) can make it a candidate
        (None: any entry may).  What :meth:`_lexical_signals` would find entry by entry, found once
        per span: a big glossary has thousands of entries near «الساعة», "about"."""
        folded = fold(written)
        if is_arabic(folded) != (self.target_lang == "ar"):
            return None  # a name left in the source's script is measured otherwise
        common, _ = self._common_reading(written, self.readings.strip_options(folded))
        return _span_words(written) if common else None

    def spelled_near(self, written: str, floor: float) -> Callable[[GlossaryEntry], bool] | None:
        """Target-only, a span of one word: a test that an entry found for the span by its sound alone
        (CandidateFinder.by_sound_only) can score ``floor``; None when any may.

        Without evidence that chance rarely produces (which needs a key of its
        own, or several words), a span scores the mean of its spelling and
        sound similarities, and a rare word gains ``RARE_WORD_BONUS``: below
        ``2 * (floor - RARE_WORD_BONUS) - 1`` spelling (0.6 for the floor of
        0.85) it cannot reach the floor whatever its sound.  Measured in C (rapidfuzz), before the full measure; a big
        glossary has thousands of names whose sound is one edit from a span's.
        """
        folded = fold(written)
        if is_arabic(folded) != (self.target_lang == "ar"):
            return None
        cores = [core for _, core, _ in self.readings.strip_options(folded)]
        if any(len(core.split()) > 1 for core in cores):
            return None  # the words of a long name may agree
        spelled_near = 2 * (floor - RARE_WORD_BONUS) - 1 - 1e-9  # (scores are sums of floats: 0.8500000000000001)
        undoubled_cores = {undoubled(core) for core in cores}
        target_forms = self.readings.target_forms

        def near(entry: GlossaryEntry) -> bool:
            targets = target_forms(entry)
            # (No score_cutoff: rapidfuzz rounds it to a whole distance, 0.6 then missing 0.6.)
            return any(Indel.normalized_similarity(core, target) >= spelled_near for core in cores for target in targets) \
                or any(undoubled(target) in undoubled_cores for target in targets)

        return near

    def anchors(self, span_words: frozenset[str], entry: GlossaryEntry) -> bool:
        """A word of the span (:func:`_span_words`) is a word of one of the entry's forms."""
        return not self.readings.own_words(entry).isdisjoint(span_words)

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


def _span_words(span: str) -> frozenset[str]:
    """The words of a span as :meth:`EvidenceScorer.anchors` compares them with a name's."""
    return frozenset(strip_article(w) for w in TOKEN.findall(expand_abbreviations(fold(span))))


def _as_the_text_writes(after: str, text: str, start: int, end: int) -> str | None:
    """A replacement in the span's digits and capitals, ending without the mark the text writes next
    ("Piquet Jr" before its full stop); None when that is the span as it stands."""
    written = text[start:end]
    after = keep_one_closing_mark(_keep_capitals(keep_digit_style(after, written), written), text, end)
    return None if after == written else after


# The predicates that moved to glossary.language.spans and glossary.language.spelling, still read from
# here for one release (``from glossary.evidence import spelling_variant, _left_word``).
_MOVED = {
    _spans: ("SHORT_NAME", "CUT_SHORT", "_droppable", "_sounds", "_LEFT_WORD", "_RIGHT_WORD", "_WORD_CHARACTER",
             "_left_word", "_LETTER_NAMES"),
    _spelling: ("KNOWN_SPELLING_ZIPF", "_LONG_VOWELS", "_ARABIC_SOUNDS", "_LATIN_VOWELS", "_ROMANIZED",
                "_FUNCTION_WORDS", "spelling_variant", "romanization_variant", "_latin_name_words",
                "_same_romanized_sounds", "_arabic_vowels", "_without_article"),
}


def __getattr__(name: str):
    for module, names in _MOVED.items():
        if name in names:
            return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Repair glossary names in machine translation output.

Two modes:

* **source-aware** (a source line is given): every glossary name found in
  the source must appear in the translation in an accepted form; when it
  does not, the span of the translation that renders it is found (a
  near-miss of the preferred form, or a transliteration of the source
  name, weighted by its position in the line) and replaced by the preferred
  form, keeping the Arabic clitics and agreeing with the ending found;
* **target-only** (no source): spans that are near-misses of a glossary
  form, or transliterate a source-language form, are replaced when the
  match is at least ``min_confidence`` sure and the span is no ordinary
  word of the language.

Every change is a :class:`Fix` (span, before, after, entry, method,
confidence); nothing outside a fixed span changes, and accepted forms are
never touched, so repairing twice changes nothing more.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Indel

from . import arabic
from .entry import Glossary, GlossaryEntry
from .lexicon import word_zipfs, zipf
from .matcher import TermMatch, TermMatcher
from .normalize import fold
from .phonetic import is_arabic, skeleton

DEFAULT_SOURCE_AWARE_CONFIDENCE = 0.5
DEFAULT_TARGET_ONLY_CONFIDENCE = 0.9
# Words that never start or end a name in a translation.  A short fixed list
# (not a library's) because it only guards the edges of candidate spans.
EDGE_STOPWORDS = {
    "en": frozenset("the a an of in on at to for and or by with from as is was were be been that this which who "
                    "his her its their he she it they said".split()),
    "ar": frozenset(fold(w) for w in "في من على إلى عن مع أن إن التي الذي الذين هو هي ثم قد لقد كان كانت و أو "
                    "بين عند حيث لم لن ما لا هذا هذه ذلك تلك قال وقال".split()),
}
# Endings that make an adjective or demonym of a name: Syria -> Syrian.
ENGLISH_DERIVATIONS = frozenset({"n", "an", "ian", "ians", "ans", "ns", "ese", "ish", "i", "is"})
# What may stand between the words of one name: spaces, hyphens, dots, apostrophes.
_JOINER = re.compile(r"^[\s\-'\u2019.]{1,3}$")
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Fix:
    """One change made to a line, with the evidence for it."""

    line: int  # 1-based line number in the input
    start: int  # character span in the line before repair
    end: int
    before: str
    after: str
    entry_id: str
    method: str  # "near-miss" (spelling close to a glossary form) or "transliteration" (sounds like the source name)
    confidence: float
    source: str | None = None  # the source-text name that called for it (source-aware mode)


@dataclass(frozen=True)
class NameCheck:
    """A glossary name found in the source line and what became of it in the translation."""

    entry_id: str
    source: str
    status: str  # "correct", "repaired" or "missing"
    target: str | None


@dataclass(frozen=True)
class RepairResult:
    line: int
    text: str
    repaired: str
    fixes: tuple[Fix, ...]
    names: tuple[NameCheck, ...]


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    entry: GlossaryEntry
    after: str
    method: str
    confidence: float
    signals: dict | None = field(default=None, compare=False)  # target-only evidence, for tuning


@dataclass(frozen=True)
class _NameSounds:
    """What target-only repair compares spans with, computed once per entry."""

    consonants: frozenset[str]  # consonant skeletons of every form
    spoken: frozenset[str]  # consonants and long-vowel classes of the source-language forms
    long_forms: tuple[tuple[frozenset[str], ...], ...]  # the bare words of forms of several words


class Repairer:
    """Repairs translations into ``target_lang`` with one glossary.

    >>> repairer = Repairer(glossary, "en", "ar")
    >>> repairer.repair("نفذت القوات عمليات في موسول", source="Forces operated in Mosul").repaired
    'نفذت القوات عمليات في الموصل'
    """

    def __init__(self, glossary: Glossary, source_lang: str, target_lang: str, *, min_confidence: float | None = None,
                 source_aware_confidence: float = DEFAULT_SOURCE_AWARE_CONFIDENCE) -> None:
        self.source_lang, self.target_lang = source_lang, target_lang
        self.entries = glossary.covering(source_lang, target_lang)
        self.source_matcher = TermMatcher(self.entries, source_lang)
        self.target_matcher = TermMatcher(self.entries, target_lang)
        self.source_aware_confidence = source_aware_confidence if min_confidence is None else min_confidence
        self.target_only_confidence = DEFAULT_TARGET_ONLY_CONFIDENCE if min_confidence is None else min_confidence
        self._stopwords = EDGE_STOPWORDS.get(target_lang, frozenset())
        self._index: dict[str, list[GlossaryEntry]] | None = None
        self._sounds: dict[int, _NameSounds] = {}
        self._longest = max((len(f.split()) for e in self.entries for lang in (source_lang, target_lang)
                             for f in e.forms(lang)), default=1)

    # -- public API -------------------------------------------------------

    def repair(self, text: str, source: str | None = None, line: int = 1) -> RepairResult:
        """Repair one translated line (source-aware when ``source`` is given)."""
        present = self.target_matcher.find(text)
        if source is None:
            candidates, names = self._target_only(text, present), []
        else:
            candidates, names = self._source_aware(text, source, present)
        spans = [(c.start, c.end) for c, _ in candidates]
        candidates = [(_absorb_repeated_words(text, c, spans[:i] + spans[i + 1:]), src)
                      for i, (c, src) in enumerate(candidates)]
        fixes = tuple(
            Fix(line, c.start, c.end, text[c.start:c.end], c.after, c.entry.id, c.method, round(c.confidence, 3),
                src)
            for c, src in candidates
        )
        return RepairResult(line, text, _apply(text, fixes), fixes, tuple(names))

    def repair_lines(self, texts: Iterable[str], sources: Iterable[str] | None = None) -> Iterator[RepairResult]:
        """Repair line after line; ``sources`` line-aligned with ``texts`` when given."""
        if sources is None:
            for number, text in enumerate(texts, start=1):
                yield self.repair(text, line=number)
        else:
            for number, (text, source) in enumerate(zip(texts, sources, strict=True), start=1):
                yield self.repair(text, source, line=number)

    # -- source-aware -----------------------------------------------------

    def _source_aware(self, text: str, source: str, present: list[TermMatch]):
        available = list(present)
        protected = [(m.start, m.end) for m in present]
        names: list[NameCheck] = []
        chosen: list[tuple[_Candidate, str]] = []
        for match in self.source_matcher.find(source):
            wanted = match.entries
            found = next((m for m in available if any(e in wanted for e in m.entries)), None)
            if found is not None:
                available.remove(found)
                completed = self._complete_shortened(text, found, match, protected)
                if completed is not None:
                    protected.append((completed.start, completed.end))
                    chosen.append((completed, match.text))
                    names.append(NameCheck(completed.entry.id, match.text, "repaired", completed.after))
                else:
                    names.append(NameCheck(wanted[0].id, match.text, "correct", found.text))
                continue
            where = (match.start + match.end) / 2 / max(len(source), 1)
            best = self._best_span(text, protected, [(e, match) for e in wanted], where)
            if best is not None and best.confidence >= self.source_aware_confidence:
                protected.append((best.start, best.end))
                chosen.append((best, match.text))
                names.append(NameCheck(best.entry.id, match.text, "repaired", best.after))
            else:
                names.append(NameCheck(wanted[0].id, match.text, "missing", None))
        chosen.sort(key=lambda item: item[0].start)
        return chosen, names

    def _complete_shortened(self, text: str, found: TermMatch, match: TermMatch,
                            protected: Sequence[tuple[int, int]]) -> _Candidate | None:
        """The full name where the translation kept a short accepted form of it and mangled the rest.

        Source "Hayat Tahrir al-Sham", translation «هايات تحرير الشام»: «تحرير الشام»
        is an accepted form, but the source names the whole organisation and
        «هايات» renders "Hayat".  When the source has the full name, the
        translation's form lacks words of the preferred one, and the words
        beside it sound like the missing ones, the span becomes the preferred
        form.  A short form the source itself uses ("Tahrir al-Sham") stays.
        """
        entry = next(e for e in found.entries if e in match.entries)
        preferred = fold(entry.preferred(self.target_lang)).split()
        kept = self._bare_words(fold(found.text))
        missing = len(preferred) - len(kept)
        source_words = fold(match.text).split()
        if (missing < 1 or len(kept) != len(fold(found.text).split())
                or len(source_words) < len(fold(entry.preferred(self.source_lang)).split())
                or any(not (bare & {w, _strip_article(w)}) for bare, w in zip(kept, preferred[missing:]))):
            return None  # only a missing head is completed: «هيئة» before «تحرير الشام»
        before = [(m.start(), m.end()) for m in _TOKEN.finditer(text, 0, found.start)][-missing:]
        if (len(before) < missing or not _joined(text, [*before, (found.start, found.end)])
                or _overlaps(before[0][0], before[-1][1], protected)):
            return None
        head = fold(text[before[0][0]:before[-1][1]])
        wanted_text, wanted_sound = " ".join(preferred[:missing]), skeleton(" ".join(source_words[:missing]), True)
        best = None
        for proclitic, core, _ in self._strip_options(head):
            score = max(Indel.normalized_similarity(core, wanted_text),
                        0.9 * Indel.normalized_similarity(skeleton(core, True), wanted_sound))
            if best is None or score > best[0]:
                best = (score, proclitic)
        score, proclitic = best
        if score < COMPLETE_FROM:
            return None  # «قادة تحرير الشام»: "leaders of", not a mangled "Hayat"
        after = arabic.rebuild(entry.preferred(self.target_lang), arabic.Shape(proclitic, None, None), False) \
            if self.target_lang == "ar" else entry.preferred(self.target_lang)
        return _Candidate(before[0][0], found.end, entry, after, "transliteration", score)

    # -- target-only ------------------------------------------------------

    def _target_only(self, text: str, present: list[TermMatch]):
        index = self._skeleton_index()
        protected = [(m.start, m.end) for m in present]
        proposals = []
        for start, end in self._spans(text, protected):
            folded = fold(text[start:end])
            entries = self._lookup(index, folded)
            for entry in entries:
                candidate = self._score(text, start, end, entry, None, None)
                if candidate and candidate.confidence >= self.target_only_confidence:
                    proposals.append(candidate)
        chosen = []
        for candidate in sorted(proposals, key=lambda c: (-c.confidence, c.start)):
            if not any(candidate.start < e and s < candidate.end for s, e in protected):
                protected.append((candidate.start, candidate.end))
                chosen.append((candidate, None))
        chosen.sort(key=lambda item: item[0].start)
        return chosen

    def _skeleton_index(self) -> dict[str, list[GlossaryEntry]]:
        """Keys -> entries, for finding the entries a span may render in constant time.

        ``w``: the vowel-aware skeleton of every form and its one-deletion
        neighbours (looking up a span's skeleton and its deletions finds every
        entry within one edit: the symmetric-deletion idea of SymSpell);
        ``pN:``: the same for each word of an N-word form; ``~``: consonant
        skeletons; ``c``: consonants and long-vowel classes of source-language
        forms; ``=``: source-language forms as written.  Target-only repair
        thus stays flat as the glossary grows.
        """
        if self._index is None:
            index: dict[str, list[GlossaryEntry]] = {}

            def add(key: str, entry: GlossaryEntry) -> None:
                entries = index.setdefault(key, [])
                if entry not in entries:
                    entries.append(entry)

            for entry in self.entries:
                forms = [fold(f) for lang in (self.source_lang, self.target_lang) for f in entry.forms(lang)]
                for form in forms:
                    whole = skeleton(form, True)
                    if len(whole) >= 3:
                        for key in _neighbours(whole):
                            add("w" + key, entry)
                    words = form.split()
                    if len(words) > 1:  # a long name of which only some words are close
                        for word in words:
                            for key in _word_keys(word):
                                add(f"p{len(words)}:" + key, entry)
                for form in entry.forms(self.source_lang):
                    add("=" + fold(form), entry)  # left untranslated: "AOL" in an Arabic line
                sounds = self._name_sounds(entry)
                for key in sounds.consonants:
                    if len(key) >= CONSONANTS_AGREE_FROM:
                        add("~" + key, entry)
                for key in sounds.spoken:
                    if len(key) >= CONSONANTS_AGREE_FROM:
                        add("c" + key, entry)  # spelled letter by letter: «موسول», «ألاويت»
            self._index = index
        return self._index

    def _lookup(self, index: dict[str, list[GlossaryEntry]], folded: str) -> list[GlossaryEntry]:
        """The entries a span may render: its sound within one edit of a name's, all its consonants
        (or consonants and long vowels) those of a name, its text a source-language name, or (spans
        of several words) one of its words within one edit of a word of a name with about as many
        words."""
        found: dict[int, GlossaryEntry] = {}
        words_hit: dict[int, set[str]] = {}  # entry -> the span's words that are close to one of its words
        keys = {"=" + folded}
        for _, core, definite in self._strip_options(folded):
            keys.add("~" + skeleton(core, drop_article=definite))
            keys.update("c" + skeleton(v, vowel_classes=True, drop_article=definite) for v in _silent_e_variants(core))
            keys.update("w" + k for k in _sound_neighbours(core))
            words = core.split()
            for word in words if len(words) > 1 else ():
                for k in _word_keys(word):
                    for n in range(max(2, len(words) - 1), len(words) + 2):
                        for entry in index.get(f"p{n}:" + k, ()):
                            found.setdefault(id(entry), entry)
                            words_hit.setdefault(id(entry), set()).add(word)
        # One common word shared with a long name («الدولية», "University") is not enough.
        common = COMMON_WORD_ZIPF[self.target_lang]
        found = {key: entry for key, entry in found.items()
                 if len(words_hit[key]) >= 2 or zipf(next(iter(words_hit[key])), self.target_lang) < common}
        for key in keys:
            for entry in index.get(key, ()):
                found[id(entry)] = entry
        return list(found.values())

    # -- scoring ----------------------------------------------------------

    def _best_span(self, text, protected, wanted, where) -> _Candidate | None:
        best = None
        for start, end in self._spans(text, protected):
            for entry, match in wanted:
                candidate = self._score(text, start, end, entry, match, where)
                if candidate and (best is None or candidate.confidence > best.confidence):
                    best = candidate
        return best

    def _spans(self, text: str, protected: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        """Runs of up to ``longest + 1`` words that may be a name: joined by spaces or
        hyphens, not starting or ending with a function word, not touching a name
        that is already right."""
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)
                  if not any(m.start() < e and s < m.end() for s, e in protected)]
        for i, (start, end) in enumerate(tokens):
            if fold(text[start:end]) in self._stopwords:
                continue
            for j in range(i, min(i + self._longest + 1, len(tokens))):
                if j > i and not _JOINER.match(text[tokens[j - 1][1]:tokens[j][0]]):
                    break
                last = text[tokens[j][0]:tokens[j][1]]
                if fold(last) in self._stopwords or last.isdigit():
                    continue
                yield start, tokens[j][1]

    def _strip_options(self, folded: str) -> list[tuple[str, str, bool]]:
        """``(proclitic, core, definite)`` readings of a folded span's start."""
        if self.target_lang != "ar":
            expanded = _expand_abbreviations(folded)
            return [("", folded, False)] + ([("", expanded, False)] if expanded != folded else [])
        options = []
        for proclitic in arabic.PROCLITICS:
            if not folded.startswith(proclitic):
                continue
            rest = folded[len(proclitic):]
            if proclitic.endswith("ل") and rest.startswith("ل") and len(rest) > 3:  # لل: ل + article
                options.append((proclitic, rest[1:], True))
            if len(rest) >= 2:
                if arabic.has_article(rest.split(" ")[0]):
                    options.append((proclitic, rest[2:], True))
                # Also the whole word: a transliteration may itself start with «ال» (ألاويت for Alawite).
                options.append((proclitic, rest, False))
        return options

    def _score(self, text, start, end, entry, match: TermMatch | None, where) -> _Candidate | None:
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
        folded = fold(text[start:end])
        strict = match is None
        targets = self._target_forms(entry)
        source_forms = ([fold(entry.forms(self.source_lang)[h.form_index]) for h in match.hits if h.entry is entry]
                        if match else [fold(f) for f in entry.forms(self.source_lang)])
        if is_arabic(folded) != (self.target_lang == "ar"):
            # Written in the source's script: a name machine translation left untranslated.
            confidence = max(Indel.normalized_similarity(folded, f) for f in source_forms)
            if strict and _derived(folded, source_forms, False):
                return None  # "Indian" left in an Arabic line is not "India"
            if confidence < (0.9 if strict else 0.75):
                return None
            return _Candidate(start, end, entry, entry.preferred(self.target_lang), "untranslated", confidence)
        readings = self._strip_options(folded)
        signals = None
        if strict:
            signals = self._lexical_signals(text[start:end], readings, entry, targets)
            if signals is None:
                return None
        elif any(_derived(word, targets, False) or _base_of(word, targets)
                 for _, core, _ in readings for word in {core, *core.split(), *map(_strip_article, core.split())}):
            # «النيوزيلندية» for "New Zealand", "Hindu" for «الهندوسية»: another
            # form of the name, chosen by the sentence's grammar; not a mistake.
            return None
        sounds = {skeleton(f, strict) for f in source_forms} | {skeleton(t, strict) for t in targets}
        undoubled = {_undoubled(t) for t in targets}
        # A name may be one word in one language and three in the other: Tutankhamun, «توت عنخ آمون».
        name_words = max(map(self._content_words, targets + source_forms))
        best = None
        for proclitic, core, definite in readings:
            if _derived(core, targets, strict):
                continue
            spelling = max(Indel.normalized_similarity(core, t) for t in targets)
            if len(core) >= 4 and _undoubled(core) in undoubled:
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
            confidence -= 0.05 * max(0, self._content_words(core) - name_words)
            if strict:
                confidence = max(confidence, self._strong_evidence(core, definite, self._name_sounds(entry)))
            if where is not None:
                confidence -= 0.15 * abs(where - (start + end) / 2 / max(len(text), 1))
            # Ties (a skeleton ignores a leading و) go to the closer spelling,
            # then to the reading without a proclitic.
            key = (round(confidence, 3), spelling, -len(proclitic))
            if best is None or key > best[0]:
                best = (key, confidence, method, proclitic, definite, core, spelling, sound)
        if best is None:
            return None
        _, confidence, method, proclitic, definite, core, spelling, sound = best
        if (not strict and confidence < SOURCE_AWARE_COMMON_BELOW.get(self.target_lang, 0.0)
                and _all_common(text[start:end], self.target_lang)):
            # A weak match made of ordinary words ("company had" for "United
            # Kingdom", «أول مدينة» for «الأولمبياد»): the name was left out of
            # the translation, not mangled; better reported missing than forced in.
            return None
        after = self._replacement(entry, proclitic, definite, core)
        if fold(after) == folded:
            return None
        if signals is not None:
            signals = dict(signals, spelling=spelling, sound=sound)
        return _Candidate(start, end, entry, after, method, confidence, signals)

    def _target_forms(self, entry: GlossaryEntry) -> list[str]:
        targets = [_strip_article(fold(f)) for f in entry.forms(self.target_lang)]
        if self.target_lang == "en":
            targets = [_expand_abbreviations(t) for t in targets]  # "Piquet Jr." ~ "Piquet Junior"
        return targets

    def _name_sounds(self, entry: GlossaryEntry) -> _NameSounds:
        sounds = self._sounds.get(id(entry))
        if sounds is None:
            source_forms = [fold(f) for f in entry.forms(self.source_lang)]
            forms = self._target_forms(entry) + source_forms
            long_forms = (tuple(map(frozenset, self._bare_words(f))) for f in forms)
            sounds = _NameSounds(
                frozenset(skeleton(f) for f in forms),
                frozenset(skeleton(v, vowel_classes=True) for f in source_forms for v in _silent_e_variants(f)),
                tuple(words for words in long_forms if len(words) >= WORDS_AGREE_FROM))
            self._sounds[id(entry)] = sounds
        return sounds

    def _strong_evidence(self, core: str, definite: bool, name: _NameSounds) -> float:
        """A target-only score from evidence that chance rarely produces (0: none)."""
        consonants = skeleton(core, drop_article=definite)
        spoken = {skeleton(v, vowel_classes=True, drop_article=definite) for v in _silent_e_variants(core)}
        if (len(consonants) >= CONSONANTS_AGREE_FROM and consonants in name.consonants
                or any(len(both) >= CONSONANTS_AGREE_FROM for both in spoken & name.spoken)):
            # Every consonant of a long name, in order, or every consonant and
            # long vowel of the name as the source script writes it.
            return CONSONANTS_AGREE
        return self._words_agree(core, name.long_forms)  # (this score counts stray words itself)

    def _content_words(self, folded: str) -> int:
        return sum(1 for word in folded.split() if word not in self._stopwords)

    def _bare_words(self, folded: str) -> list[set[str]]:
        """Each word of a folded text that is no function word, as the set of its readings without clitics."""
        return [{word, _strip_article(word)} | {core for _, core, _ in self._strip_options(word)}
                for word in folded.split() if word not in self._stopwords]

    def _words_agree(self, core: str, long_forms: tuple[tuple[frozenset[str], ...], ...]) -> float:
        """How sure the words of the span say it is a long name (0: they do not).

        Most words of a long name are in the span, spelled right, in any order:
        «لمنطقة التجارة الحرة الأفريقية» for «منطقة التجارة الحرة للقارة الإفريقية».
        Two words agree by chance too often (North America / North Africa);
        three or more, making up most of both the name and the span, do not.
        The closer the span fits the name, the surer: so the span without
        stray neighbouring words wins.
        """
        span_words = self._bare_words(core) if long_forms and len(core.split()) >= WORDS_AGREE_FROM else []
        best = 0.0
        for form_words in long_forms if span_words else ():
            matched = sum(1 for readings in form_words if any(readings & other for other in span_words))
            of_name, of_span = matched / len(form_words), matched / len(span_words)
            if matched >= WORDS_AGREE_FROM and min(of_name, of_span) >= WORDS_AGREE_SHARE:
                fit = 2 * of_name * of_span / (of_name + of_span)
                best = max(best, WORDS_AGREE_BASE + WORDS_AGREE_RANGE * fit)
        return best

    def _lexical_signals(self, span: str, readings, entry: GlossaryEntry, targets) -> dict | None:
        """What the target language's lexicon says about a span (None: it is no mangled name).

        The span is an ordinary word when it (or what is left once a clitic
        is read off) is derived from the name, is a lower-case English word
        while the name is capitalised, or is made of common words.  Common
        variant spellings of a name («شيلي» for «تشيلي») are lost with them:
        word frequencies cannot tell them from «باردة» "cold" (Urdu, «الأردية»).
        """
        if any(_derived(core, targets, True) for _, core, _ in readings):
            return None
        if self.target_lang == "en" and not _capitalised(span, entry.forms("en")):
            return None
        lang = self.target_lang
        # The span as written, and without each clitic the readings found.
        written = {span} | {span[len(p):] for p, _, _ in readings if p}
        # A word of the name written right («Giovanni» of "Giovanni Falcon")
        # anchors the span on the name: its other words are the mangled part,
        # however common they are.
        own = {w for f in entry.forms(lang) for w in _TOKEN.findall(_expand_abbreviations(fold(f)))} - self._stopwords
        anchored = any(w in own for w in _TOKEN.findall(_expand_abbreviations(fold(span))))
        word_zipf = 0.0
        for form in written:
            lowest = min(word_zipfs(form, lang), default=0.0)
            if lowest >= COMMON_WORD_ZIPF[lang] and not anchored:
                return None
            word_zipf = max(word_zipf, lowest)
        return {"word_zipf": word_zipf}

    def _replacement(self, entry: GlossaryEntry, proclitic: str, definite: bool, core: str) -> str:
        preferred = entry.preferred(self.target_lang)
        if self.target_lang != "ar":
            return preferred
        ending = None
        if entry.inflects:
            found = arabic.nisba_stem(core)
            ending = found[1] if found else None
        shape = arabic.Shape(proclitic, definite if entry.inflects else None, ending)
        return arabic.rebuild(preferred, shape, entry.inflects and ending is not None)


def _absorb_repeated_words(text: str, candidate: _Candidate, others: Sequence[tuple[int, int]]) -> _Candidate:
    """Widen a fix over the neighbouring words that its replacement already ends (or starts) with.

    «هيئة طهرير الشام»: «الشام» is a name of its own (the Levant), so the span
    found for Hayat Tahrir al-Sham stops before it; replacing only «هيئة طهرير»
    with the whole name would write «الشام» twice.
    """
    words = fold(candidate.after).split()
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    inside = fold(text[candidate.start:candidate.end]).split()
    start, end = candidate.start, candidate.end
    following = [t for t in tokens if t[0] >= end]
    preceding = [t for t in tokens if t[1] <= start]
    for n in range(min(len(words) - 1, len(following)), 0, -1):
        run = following[:n]
        if (inside[-n:] != words[-n:] and [fold(text[a:b]) for a, b in run] == words[-n:]
                and _joined(text, [(start, end), *run]) and not _overlaps(end, run[-1][1], others)):
            end = run[-1][1]
            break
    for n in range(min(len(words) - 1, len(preceding)), 0, -1):
        run = preceding[-n:]
        if (inside[:n] != words[:n] and [fold(text[a:b]) for a, b in run] == words[:n]
                and _joined(text, [*run, (start, end)]) and not _overlaps(run[0][0], start, others)):
            start = run[0][0]
            break
    if (start, end) == (candidate.start, candidate.end):
        return candidate
    return _Candidate(start, end, candidate.entry, candidate.after, candidate.method, candidate.confidence,
                      candidate.signals)


def _joined(text: str, runs: Sequence[tuple[int, int]]) -> bool:
    """Consecutive spans separated only by what may stand between the words of one name."""
    return all(_JOINER.match(text[a[1]:b[0]]) for a, b in zip(runs, runs[1:]))


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _strip_article(folded: str) -> str:
    return folded[2:] if arabic.has_article(folded.split(" ")[0]) else folded


# English endings that make another word of a name: Iran -> Iranian, Hindu -> Hinduism.
ENGLISH_FORMS = ENGLISH_DERIVATIONS | frozenset({"ism", "s", "ers", "er"})


def _base_of(core: str, targets: Sequence[str]) -> bool:
    """The span is the word a glossary form is derived from ("Hindu" of "Hinduism")."""
    return any(t.startswith(core) and t[len(core):] in ENGLISH_FORMS for t in targets if t != core)


def _derived(core: str, targets: Sequence[str], fragments: bool) -> bool:
    """A word derived from a glossary form rather than a misspelling of it:
    "Australian" / «الأسترالي» from "Australia" / «أستراليا».  Replacing it
    with the name would break the sentence's grammar.  With ``fragments``,
    a piece of a longer form ("phone" of "iPhone") counts too."""
    for target in targets:
        if core.startswith(target) and core[len(target):] in ENGLISH_DERIVATIONS:
            return True
        if fragments and len(core) <= len(target) - 2 and (target.startswith(core) or target.endswith(core)):
            return True
        found = arabic.nisba_stem(core)
        if found and not arabic.nisba_stem(target) and target.startswith(found[0]) and len(target) - len(found[0]) <= 2:
            return True
    return False


# Zipf frequency (wordfreq) from which every word of a span makes it an
# ordinary word ("areas", «الرؤساء», «أغسطس»), not a mangled name.  One
# threshold for both languages: Arabic's clitics spread a word's frequency
# over many written forms, but its web corpora also hold many spellings of
# foreign names.  Checked on odd and even dev lines separately.
COMMON_WORD_ZIPF = {"en": 3.0, "ar": 3.0}
# Source-aware matches less sure than this are dropped when made only of common words
# (checked on all six systems: en→ar fix precision up 0.3-4.4 points, accuracy down at most 0.9).
SOURCE_AWARE_COMMON_BELOW = {"ar": 0.6}  # English MT often renders a name as ordinary words ("Bank Dutch"): no guard there


def _all_common(span: str, lang: str) -> bool:
    zipfs = word_zipfs(span, lang)
    return bool(zipfs) and min(zipfs) >= COMMON_WORD_ZIPF[lang]


# Below this, a word is unknown to the language: a foreign name spelled by ear.
RARE_WORD_ZIPF = 1.0
RARE_WORD_BONUS = 0.05
# Vowel-aware skeletons shorter than this ("masa") match other short names by chance.
SHORT_SKELETON = 5
SHORT_SOUND = 0.9
ONLY_DOUBLING_DIFFERS = 0.95
CONSONANTS_AGREE_FROM = 5
CONSONANTS_AGREE = 0.92
WORDS_AGREE_FROM = 3
# How close the words before a short accepted form must be to the missing head of the name.
COMPLETE_FROM = 0.6
WORD_NEIGHBOURS_FROM = 5
WORDS_AGREE_SHARE = 0.75
WORDS_AGREE_BASE, WORDS_AGREE_RANGE = 0.85, 0.1  # a perfect fit scores 0.95; the weakest allowed, 0.925


def _capitalised(span: str, forms: Sequence[str]) -> bool:
    """The span starts with a capital, as the name does (eBay, iPhone: any case)."""
    return span[:1].isupper() or any(f[:1].islower() for f in forms)


# English abbreviations that names are written both with and without.
_ABBREVIATIONS = ((re.compile(r"\bst\.?(?= )"), "saint"), (re.compile(r"\bmt\.?(?= )"), "mount"),
                  (re.compile(r"\bft\.?(?= )"), "fort"), (re.compile(r"(?<= )jr\.?$"), "junior"))


@lru_cache(maxsize=65536)
def _expand_abbreviations(folded: str) -> str:
    for pattern, word in _ABBREVIATIONS:
        folded = pattern.sub(word, folded)
    return folded


_SILENT_E = re.compile(r"(?<=[bcdfgklmnprstvz])e\b")


@lru_cache(maxsize=65536)
def _silent_e_variants(folded: str) -> tuple[str, ...]:
    """A Latin-script text as written and with its word-final e silent (Alawite, «ألاويت»)."""
    quiet = _SILENT_E.sub("", folded)
    return (folded, quiet) if quiet != folded else (folded,)


@lru_cache(maxsize=65536)
def _undoubled(text: str) -> str:
    return re.sub(r"(.)\1+", r"\1", text)


@lru_cache(maxsize=65536)
def _word_keys(word: str) -> frozenset[str]:
    """Index keys of one word of a long name.  A short word's one-letter deletions
    match too many others («حرب», "war"): it counts only as written."""
    if len(word) < 4:
        return frozenset()
    sound = skeleton(_strip_article(word), True)
    return frozenset(_neighbours(sound)) if len(sound) >= WORD_NEIGHBOURS_FROM else frozenset({sound})


@lru_cache(maxsize=65536)
def _sound_neighbours(folded: str) -> frozenset[str]:
    return frozenset(_neighbours(skeleton(folded, True)))


def _neighbours(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1:] for i in range(len(key))}


def _apply(text: str, fixes: Sequence[Fix]) -> str:
    out, position = [], 0
    for fix in sorted(fixes, key=lambda f: f.start):
        out.append(text[position:fix.start])
        out.append(fix.after)
        position = fix.end
    out.append(text[position:])
    return "".join(out)


_SHARED: dict[tuple, Repairer] = {}
_SHARED_LOCK = threading.Lock()
SHARED_REPAIRERS = 16


def shared_repairer(glossary: Glossary, source_lang: str, target_lang: str,
                    min_confidence: float | None = None) -> Repairer:
    """A :class:`Repairer` built once per glossary content, languages and threshold.

    Building one compiles the glossary into automata (about 0.2 s for a
    thousand entries); repairing a line takes milliseconds.  A server that
    repairs for many visitors keeps the last few built.
    """
    key = (glossary.fingerprint, source_lang, target_lang, min_confidence)
    with _SHARED_LOCK:
        repairer = _SHARED.get(key)
    if repairer is None:
        repairer = Repairer(glossary, source_lang, target_lang, min_confidence=min_confidence)
        with _SHARED_LOCK:
            while len(_SHARED) >= SHARED_REPAIRERS:
                _SHARED.pop(next(iter(_SHARED)))
            _SHARED[key] = repairer
    return repairer

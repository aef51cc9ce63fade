"""Stage 1 of repair: where a mangled name may be, and which entries it may render.

A translation is cut into candidate spans, runs of up to ``longest + 1``
words that may be a name (:meth:`CandidateFinder.spans`).  Source-aware
repair scores every span against the entries its source names; target-only
repair, with no source to narrow the search, looks each span up in an index
of the glossary's spellings and sounds (:meth:`CandidateFinder.lookup`) and
scores only the entries it finds.  Scoring is :mod:`glossary.evidence`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from functools import lru_cache

from .entry import GlossaryEntry
from .lexicon import zipf
from .normalize import fold
from .phonetic import skeleton
from .readings import CONSONANTS_AGREE_FROM, JOINER, TOKEN, Readings, silent_e_variants, strip_article

# Zipf frequency (wordfreq) from which a word is an ordinary word of the
# language ("areas", «الرؤساء», «أغسطس»), not a mangled name; shared with
# glossary.evidence.  Checked on odd and even dev lines separately.
COMMON_WORD_ZIPF = {"en": 3.0, "ar": 3.0}
# Words of long names shorter than this (as skeletons) are looked up as written, not within one edit.
WORD_NEIGHBOURS_FROM = 5
# On a line of more than twice this many words, a source name's rendering is looked for within this
# many words of where the source has it: translations keep the order of a long text roughly.
WINDOW_WORDS = 80


class CandidateFinder:
    """Candidate spans of a translation and, for target-only repair, the entries each may render."""

    def __init__(self, entries: Sequence[GlossaryEntry], readings: Readings) -> None:
        self.entries, self.readings = entries, readings
        self._index: dict[str, list[GlossaryEntry]] | None = None

    def spans(self, text: str, protected: Sequence[tuple[int, int]],
              around: float | None = None) -> Iterator[tuple[int, int]]:
        """Runs of up to ``longest + 1`` words that may be a name: joined by spaces or
        hyphens, not starting or ending with a function word, not touching a name
        that is already right.  ``around`` (0-1, where in the line a source name
        sits): on a long line, only the words within ``WINDOW_WORDS`` of there."""
        stopwords = self.readings.stopwords
        tokens = _free_tokens(text, protected)
        if around is not None and len(tokens) > 2 * WINDOW_WORDS:
            centre = bisect.bisect_left(tokens, (int(around * len(text)), 0))
            tokens = tokens[max(0, centre - WINDOW_WORDS):centre + WINDOW_WORDS]
        for i, (start, end) in enumerate(tokens):
            if fold(text[start:end]) in stopwords:
                continue
            for j in range(i, min(i + self.readings.longest + 1, len(tokens))):
                if j > i and not JOINER.match(text[tokens[j - 1][1]:tokens[j][0]]):
                    break
                last = text[tokens[j][0]:tokens[j][1]]
                if fold(last) in stopwords or last.isdigit():
                    continue
                yield start, tokens[j][1]

    def lookup(self, folded: str) -> list[GlossaryEntry]:
        """The entries a span may render: its sound within one edit of a name's, all its consonants
        (or consonants and long vowels) those of a name, its text a source-language name, or (spans
        of several words) one of its words within one edit of a word of a name with about as many
        words."""
        index = self._skeleton_index()
        readings = self.readings
        found: dict[int, GlossaryEntry] = {}
        words_hit: dict[int, set[str]] = {}  # entry -> the span's words that are close to one of its words
        keys = {"=" + folded}
        for _, core, definite in readings.strip_options(folded):
            keys.add("~" + skeleton(core, drop_article=definite))
            keys.update("c" + skeleton(v, vowel_classes=True, drop_article=definite) for v in silent_e_variants(core))
            keys.update("w" + k for k in _sound_neighbours(core))
            words = core.split()
            for word in words if len(words) > 1 else ():
                for k in _word_keys(word):
                    for n in range(max(2, len(words) - 1), len(words) + 2):
                        for entry in index.get(f"p{n}:" + k, ()):
                            found.setdefault(id(entry), entry)
                            words_hit.setdefault(id(entry), set()).add(word)
        # One common word shared with a long name («الدولية», "University") is not enough.
        common = COMMON_WORD_ZIPF[readings.target_lang]
        found = {key: entry for key, entry in found.items()
                 if len(words_hit[key]) >= 2 or zipf(next(iter(words_hit[key])), readings.target_lang) < common}
        for key in keys:
            for entry in index.get(key, ()):
                found[id(entry)] = entry
        return list(found.values())

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
            source_lang, target_lang = self.readings.source_lang, self.readings.target_lang

            def add(key: str, entry: GlossaryEntry) -> None:
                entries = index.setdefault(key, [])
                if entry not in entries:
                    entries.append(entry)

            for entry in self.entries:
                forms = [fold(f) for lang in (source_lang, target_lang) for f in entry.forms(lang)]
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
                for form in entry.forms(source_lang):
                    add("=" + fold(form), entry)  # left untranslated: "AOL" in an Arabic line
                profile = self.readings.profile(entry)
                for key in profile.consonants:
                    if len(key) >= CONSONANTS_AGREE_FROM:
                        add("~" + key, entry)
                for key in profile.spoken:
                    if len(key) >= CONSONANTS_AGREE_FROM:
                        add("c" + key, entry)  # spelled letter by letter: «موسول», «ألاويت»
            self._index = index
        return self._index


def _free_tokens(text: str, protected: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The words of ``text`` that touch no protected span (spans sorted once: linear in the line)."""
    merged: list[list[int]] = []
    for s, e in sorted(protected):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    ends = [e for _, e in merged]
    free = []
    for match in TOKEN.finditer(text):
        start, end = match.span()
        i = bisect.bisect_right(ends, start)  # the first protected span that ends after the word starts
        if i == len(merged) or merged[i][0] >= end:
            free.append((start, end))
    return free


@lru_cache(maxsize=65536)
def _word_keys(word: str) -> frozenset[str]:
    """Index keys of one word of a long name.  A short word's one-letter deletions
    match too many others («حرب», "war"): it counts only as written."""
    if len(word) < 4:
        return frozenset()
    sound = skeleton(strip_article(word), True)
    return frozenset(_neighbours(sound)) if len(sound) >= WORD_NEIGHBOURS_FROM else frozenset({sound})


@lru_cache(maxsize=65536)
def _sound_neighbours(folded: str) -> frozenset[str]:
    return frozenset(_neighbours(skeleton(folded, True)))


def _neighbours(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1:] for i in range(len(key))}

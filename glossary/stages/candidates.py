"""Stage 1 of repair: where a mangled name may be, and which entries it may render.

A translation is cut into candidate spans, runs of up to ``longest + 1``
words that may be a name (:meth:`CandidateFinder.spans`).  Source-aware
repair scores every span against the entries its source names; target-only
repair, with no source to narrow the search, looks each span up in an index
of the glossary's spellings and sounds (:meth:`CandidateFinder.lookup`) and
scores only the entries it finds.  Scoring is :mod:`glossary.stages.evidence`.
"""

from __future__ import annotations

import bisect
from collections.abc import Container, Iterator, Sequence
from functools import lru_cache

from ..entry import GlossaryEntry
from ..language import arabic
from ..language.lexicon import COMMON_WORD_ZIPF, zipf
from ..language.normalize import fold
from ..language.phonetic import skeleton
from ..language.readings import CONSONANTS_AGREE_FROM, JOINER, TOKEN, Readings, SpanSet, silent_e_variants, strip_article

# Words of long names shorter than this (as skeletons) are looked up as written, not within one edit.
WORD_NEIGHBOURS_FROM = 5
# On a line of more than twice this many words, a source name's rendering is looked for within this
# many words of where the source has it: translations keep the order of a long text roughly.
WINDOW_WORDS = 80
# Source-aware repair ranks a line's spans in blocks of this many words (see LineWords.block_spans).
BLOCK_WORDS = 16
# How many spans' lookups a finder remembers (a long line repeats its words).
LOOKUPS_KEPT = 100_000


class CandidateFinder:
    """Candidate spans of a translation and, for target-only repair, the entries each may render."""

    def __init__(self, entries: Sequence[GlossaryEntry], readings: Readings) -> None:
        self.entries, self.readings = entries, readings
        self._order = {id(entry): number for number, entry in enumerate(entries)}
        self._one_word_names: dict[str, GlossaryEntry] | None = None  # folded, no article -> entry
        self._index: dict[str, list[GlossaryEntry]] | None = None
        self._by_own_word: dict[str, set[int]] | None = None  # word of a form -> entries
        self._looked_up: dict[str, tuple] = {}  # folded span -> _lookup(): lines repeat words

    def spans(self, text: str, protected: Sequence[tuple[int, int]],
              around: float | None = None) -> Iterator[tuple[int, int]]:
        """Runs of up to ``longest + 1`` words that may be a name: joined by spaces or
        hyphens, not starting or ending with a function word, not touching a name
        that is already right.  ``around`` (0-1, where in the line a source name
        sits): on a long line, only the words within ``WINDOW_WORDS`` of there."""
        line = LineWords(text, self.readings)
        for span in protected:
            line.protect(span)
        return self.line_spans(line, around=around)

    def line_spans(self, line: LineWords, excluded: Container[tuple[int, int]] | None = None,
                   around: float | None = None) -> Iterator[tuple[int, int]]:
        """:meth:`spans` of a line whose words and names were read once (:class:`LineWords`), the
        protected spans in ``excluded`` not counting (a name nested in the one looked for)."""
        tokens = line.tokens
        no_start, no_end, joined_next = line.no_start, line.no_end, line.joined_next
        words = line.window(excluded, around)
        longest = self.readings.longest
        for i, first in enumerate(words):
            if no_start[first]:
                continue
            start = tokens[first][0]
            for j in range(i, min(i + longest + 1, len(words))):
                word = words[j]
                # Words of one name are neighbours joined by spaces or hyphens (a word between
                # them that a name covers is not: it is no joiner).
                if j > i and not (word == words[j - 1] + 1 and joined_next[word - 1]):
                    break
                if no_end[word]:
                    continue
                yield start, tokens[word][1]

    def lookup(self, folded: str) -> list[GlossaryEntry]:
        """The entries a span may render: its sound within one edit of a name's, all its consonants
        (or consonants and long vowels) those of a name, its text a source-language name, or (spans
        of several words) one of its words within one edit of a word of a name with about as many
        words."""
        return list(self._found(folded)[0])

    def by_sound_only(self, folded: str) -> frozenset[int]:
        """Ids of the entries :meth:`lookup` finds for a span only because its sound is within one edit of
        theirs (no exact key: letters, consonants, a word of a long name, the source form)."""
        return self._found(folded)[1]

    def _found(self, folded: str) -> tuple[tuple[GlossaryEntry, ...], frozenset[int]]:
        known = self._looked_up.get(folded)
        if known is None:
            if len(self._looked_up) >= LOOKUPS_KEPT:
                self._looked_up.clear()
            known = self._looked_up[folded] = self._lookup(folded)
        return known

    def anchored(self, entries: Sequence[GlossaryEntry], words: frozenset[str]) -> list[GlossaryEntry]:
        """Those of ``entries`` with one of ``words`` written right in a form (Readings.own_words), found
        through an index of the glossary's words rather than entry by entry."""
        if self._by_own_word is None:
            self._by_own_word = {}
            for entry in self.entries:
                for word in self.readings.own_words(entry):
                    self._by_own_word.setdefault(word, set()).add(id(entry))
        having = set().union(*(self._by_own_word.get(word, ()) for word in words))
        return [entry for entry in entries if id(entry) in having] if having else []

    def adjective_of_another_name(self, span: str, entry: GlossaryEntry) -> str | None:
        """The form of another one-word glossary name that a word of the Arabic ``span`` is the nisba
        adjective of («الصوري», of Tyre, «صور», in «الجيش الصوري», near «الجيش العربي السوري»): the word
        may be that adjective, rightly, as well as a mangled word of ``entry``.  Returns why, in words
        (None: there is none)."""
        if self.readings.target_lang != "ar":
            return None
        if self._one_word_names is None:
            self._one_word_names = {}
            for other in self.entries:
                for form in other.forms("ar"):
                    if " " not in form.strip():
                        self._one_word_names.setdefault(strip_article(fold(form)), other)
        own = {strip_article(w) for form in entry.forms("ar") for w in fold(form).split()}
        # (The name's own adjectives in another form are its own: «اللبنانيه» for «اللبناني».)
        own_stems = {found[0] for w in own if (found := arabic.nisba_stem(w))}
        for word in TOKEN.findall(fold(span)):
            for proclitic, core, definite in self.readings.strip_options(word):
                if proclitic and not definite:
                    continue  # «كاتاليان» is no ك + «اتاليان»: a proclitic is read off a word with the article only
                stem = arabic.nisba_stem(strip_article(core))
                other = (self._one_word_names.get(stem[0])
                         if stem and strip_article(core) not in own and stem[0] not in own_stems else None)
                if other is not None and other.id != entry.id:
                    return f"«{word}» may be the adjective of «{other.forms('ar')[0]}», another name of the glossary"
        return None

    def _lookup(self, folded: str) -> tuple[tuple[GlossaryEntry, ...], frozenset[int]]:
        index = self._skeleton_index()
        readings = self.readings
        found: dict[int, GlossaryEntry] = {}
        words_hit: dict[int, set[str]] = {}  # entry -> the span's words that are close to one of its words
        keys = {"=" + folded}
        sound_keys = set()
        for _, core, definite in readings.strip_options(folded):
            keys.add("~" + skeleton(core, drop_article=definite))
            keys.update("c" + skeleton(v, vowel_classes=True, drop_article=definite) for v in silent_e_variants(core))
            sound_keys.update("w" + k for k in _sound_neighbours(core))
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
        exact = set(found)
        for key in sound_keys:
            for entry in index.get(key, ()):
                found[id(entry)] = entry
        # In the glossary's order, not the order sets of keys happen to hold (which changes from one
        # process to the next): equally good candidates are then taken alike on every run.
        return (tuple(sorted(found.values(), key=lambda entry: self._order[id(entry)])),
                frozenset(found.keys() - exact))

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
            index: dict[str, dict[int, GlossaryEntry]] = {}
            source_lang, target_lang = self.readings.source_lang, self.readings.target_lang

            def add(key: str, entry: GlossaryEntry) -> None:
                # (Keyed by identity: comparing entries field by field made building quadratic in
                # the entries that share a key, thousands for a short key in a big glossary.)
                index.setdefault(key, {}).setdefault(id(entry), entry)

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
            self._index = {key: list(entries.values()) for key, entries in index.items()}
        return self._index


class LineWords:
    """The words of one line, read once: where each is, which may start or end a name, which are
    joined to the next one, and which touch a protected span (a name already right, a fix made).

    Source-aware repair looks for each of a line's missing names among the
    words near it; reading the words and protecting the names found once per
    line keeps a long line's repair linear in its length.
    """

    def __init__(self, text: str, readings: Readings) -> None:
        self.text = text
        self.longest = readings.longest
        self.tokens = [m.span() for m in TOKEN.finditer(text)]
        self._starts = [start for start, _ in self.tokens]
        self._ends = [end for _, end in self.tokens]
        stopwords = readings.stopwords
        written = [text[start:end] for start, end in self.tokens]
        folded = [fold(word) for word in written]
        self.no_start = [word in stopwords for word in folded]
        self.no_end = [word in stopwords or raw.isdigit() for word, raw in zip(folded, written)]
        tokens = self.tokens
        self.joined_next = [bool(JOINER.match(text[tokens[k][1]:tokens[k + 1][0]])) for k in range(len(tokens) - 1)]
        self.protected = SpanSet()
        self.memo: dict = {}  # what repair found of the line's words, to ask once per line
        self._covered = [0] * len(tokens)  # how many protected spans touch each word
        self._blocked = 0  # words that one touches

    def protect(self, span: tuple[int, int]) -> None:
        start, end = span
        self.protected.add(span)
        covered = self._covered
        for k in range(bisect.bisect_right(self._ends, start), bisect.bisect_left(self._starts, end)):
            if not covered[k]:
                self._blocked += 1
            covered[k] += 1

    def _free(self, k: int, excluded: Container[tuple[int, int]] | None) -> bool:
        if not self._covered[k]:
            return True
        if excluded is None:
            return False
        start, end = self.tokens[k]
        return not self.protected.overlaps(start, end, excluded)

    def free(self, first: int, last: int, excluded: Container[tuple[int, int]] | None) -> bool:
        """Words ``first`` to ``last`` touch no protected span (less ``excluded``)."""
        if excluded is None:
            return not any(self._covered[first:last + 1])
        return all(self._free(k, excluded) for k in range(first, last + 1))

    def block_spans(self, block: int) -> Iterator[tuple[int, int]]:
        """``(first, last)`` words of the runs that :meth:`CandidateFinder.line_spans` may give whose
        first word is in ``block`` (words ``block * BLOCK_WORDS`` on), whatever is protected."""
        count, longest = len(self.tokens), self.longest
        no_start, no_end, joined_next = self.no_start, self.no_end, self.joined_next
        for first in range(block * BLOCK_WORDS, min(count, (block + 1) * BLOCK_WORDS)):
            if no_start[first]:
                continue
            for last in range(first, min(first + longest + 1, count)):
                if last > first and not joined_next[last - 1]:
                    break
                if not no_end[last]:
                    yield first, last

    def window(self, excluded: Container[tuple[int, int]] | None, around: float | None) -> list[int]:
        """Indexes of the words that touch no protected span (less ``excluded``), ascending; with
        ``around``, on a line of more than ``2 * WINDOW_WORDS`` of them, only the ``WINDOW_WORDS``
        before where the source name sits and as many from there."""
        count = len(self.tokens)
        if around is not None:
            free = count - self._blocked
            if free <= 2 * WINDOW_WORDS and excluded is not None:
                free = sum(1 for k in range(count) if self._free(k, excluded))
            if free > 2 * WINDOW_WORDS:
                centre = bisect.bisect_left(self._starts, int(around * len(self.text)))
                before, k = [], centre - 1
                while k >= 0 and len(before) < WINDOW_WORDS:
                    if self._free(k, excluded):
                        before.append(k)
                    k -= 1
                after, k = [], centre
                while k < count and len(after) < WINDOW_WORDS:
                    if self._free(k, excluded):
                        after.append(k)
                    k += 1
                before.reverse()
                return before + after
        return [k for k in range(count) if self._free(k, excluded)]


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

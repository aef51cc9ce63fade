"""Is an applied fix right *and clean*?  The benchmarks' judge, independent of repair's own rules.

A fix on a line of machine output is **right** when the human reference names
the fix's entry (in a glossary form of either language: the references keep
some names in Latin script; or, for a name of several words, spelled at least
90 % like a form of it: the reference's "Namgyal" for the glossary's
"Namgyel") and the fix is **clean**:

* **no word lost**: no word the reference keeps is taken out by the fix,
  including a word glued to the name without a space («رئيسالولايات المتحدة»
  -> «الولايات المتحدة» loses «رئيس»);
* **no leftover**: the words just beside the fix in the repaired line are not
  a fragment of the old rendering or of the name, written again ("John Jon
  Stewart", «ديلوكريت باتافي باتافيه»), unless the reference has them too;
* **no digit changed**: the numbers of the span keep their values, and their
  digits keep their style («٨» -> «8» counts) unless the reference writes
  the new one;
* **no part of speech changed**: the span is not a word derived from the
  replacement, or the replacement from it ("German" -> "Germany", "Hindus"
  -> "Hinduism", «العراقي» -> «العراق»): both words the language knows, one
  the other with a derivational ending.

On a human translation no change is right.  The rules are deliberately
written apart from glossary/ (sharing repair's code would let a mistake in it
judge itself right); they read the reference, which repair never sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from devdata import ReferenceNames, _variants

from glossary.entry import Glossary, GlossaryEntry
from glossary.lexicon import zipf
from glossary.normalize import fold
from glossary.phonetic import skeleton
from glossary.readings import EDGE_STOPWORDS, JOINER, TOKEN

_DIGIT = re.compile(r"\d")
# Two-letter Arabic prepositions that typing glues onto the next or previous word («لندنفي»).
_GLUED_PREPOSITIONS = frozenset({"في", "من", "عن"})
# A neighbour this close in spelling (or with the same consonants) to a word of the name or of the
# replaced text is a fragment of the old rendering.
LEFTOVER_SPELLING = 0.7
KNOWN_WORD = 2.0


@dataclass(frozen=True)
class Verdict:
    named: bool  # the reference names the fix's entry
    problems: tuple[str, ...] = ()  # why the fix is not clean, in words

    @property
    def right(self) -> bool:
        return self.named and not self.problems


class Judge:
    """Judges the fixes of one glossary and direction against human references."""

    def __init__(self, glossary: Glossary, src: str, tgt: str) -> None:
        self.names = ReferenceNames(glossary, src, tgt)
        self.src, self.tgt = src, tgt
        self.stopwords = EDGE_STOPWORDS.get(tgt, frozenset())

    def verdict(self, output: str, repaired: str, fix, reference: str, entry: GlossaryEntry) -> Verdict:
        """``fix`` (a glossary.repair.Fix applied to ``output``, giving ``repaired``)."""
        problems = []
        kept = {v for w in TOKEN.findall(fold(reference)) for v in _variants(w)}
        lost = self._lost(fix.before, fix.after, kept, fold(reference))
        if lost:
            problems.append(f"lost «{lost}»")
        leftover = self._leftover(repaired, fix, kept, entry, reference)
        if leftover:
            problems.append(f"leftover «{leftover}»")
        digits = _digits(fix.before, fix.after, reference)
        if digits:
            problems.append(digits)
        doubled = _doubled_mark(output, repaired, fix)
        if doubled:
            problems.append(f"«{doubled}» written twice")
        other = self._another_form(fix.before, fix.after, entry)
        if other:
            problems.append(f"another form of «{other}»")
        return Verdict(self.names.names(reference, entry) or _spelled_nearly(reference, entry, self.tgt),
                       tuple(problems))

    def _lost(self, before: str, after: str, kept: set[str], reference: str) -> str | None:
        after_words = TOKEN.findall(fold(after))
        added = {v for w in after_words for v in _variants(w)}
        before_words = TOKEN.findall(fold(before))
        for word in before_words:
            if len(word) < 3 or word in self.stopwords:
                continue
            variants = _variants(word)
            if variants & kept and not variants & added and not _has_counterpart(variants, after_words):
                return word  # a word the reference keeps, replaced by nothing like it
        # A word the reference keeps, glued onto the name in one token and gone from the replacement:
        # «رئيسالولايات» -> «الولايات», «لندنفي» -> «لندن», "Transalaska" -> "Alaska".
        for word in set(TOKEN.findall(reference)):
            if not (len(word) >= 3 and word not in self.stopwords or word in _GLUED_PREPOSITIONS):
                continue
            if _has_counterpart({word}, after_words):
                continue
            for token in before_words:
                rest = token[len(word):] if token.startswith(word) else token[:-len(word)] if token.endswith(word) else ""
                # The rest is the name, more like it than the whole token («فيليكس» is no «في» + name).
                if len(rest) >= 3 and _has_counterpart(_variants(rest), after_words) and max(
                        Indel.normalized_similarity(rest, a) for a in after_words) > max(
                        Indel.normalized_similarity(token, a) for a in after_words):
                    return word
        return None

    def _leftover(self, repaired: str, fix, kept: set[str], entry: GlossaryEntry, reference: str) -> str | None:
        start = fix.start + _shift_before(fix)
        end = start + len(fix.after)
        added = set(TOKEN.findall(fold(fix.after))) - self.stopwords
        name_words = {w for lang in (self.src, self.tgt) for form in entry.forms(lang) for w in TOKEN.findall(fold(form))}
        name_words = (name_words | set(TOKEN.findall(fold(fix.before)))) - self.stopwords
        others = getattr(fix, "others", ())
        for place, neighbour in (_word_before(repaired, start), _word_after(repaired, end)):
            if neighbour is None or any(a <= place < b for a, b in others):
                continue  # none, or the replacement of another fix of the line
            folded = fold(neighbour)
            if len(folded) < 2 or folded in self.stopwords:
                continue
            variants = _variants(folded)
            if any(_alike(v, w) for v in variants for w in added):
                # A word of the replacement written again beside it: more often than the reference has it.
                if _count(repaired, variants) > _count(reference, variants):
                    return neighbour
                continue
            if variants & kept:
                continue
            if any(_alike(v, w) for v in variants for w in name_words):
                return neighbour  # a fragment of the old rendering or of the name, which the reference lacks
        return None

    def _another_form(self, before: str, after: str, entry: GlossaryEntry) -> str | None:
        """A word of the span derived from a word of the replacement: "Syrian" -> "Syria" (the other
        way round, "North Rock" -> "Northern Rock", completes a name)."""
        if self.tgt == "ar" and entry.type.upper() == "PER":
            return None  # «برهاني»: a surname that ends like an adjective is a name, not an adjective
        for b in TOKEN.findall(fold(before)):
            for a in TOKEN.findall(fold(after)):
                for x in _variants(b):
                    for y in _variants(a):
                        if x != y and _derives(x, y, self.tgt):
                            return a
        return None


def _doubled_mark(output: str, repaired: str, fix) -> str | None:
    """A mark the replacement ends with, written again by the text right after it ("Piquet Jr.. was")."""
    end = fix.start + _shift_before(fix) + len(fix.after)
    mark = repaired[end - 1:end]
    if mark and not mark.isalnum() and not mark.isspace() and repaired[end:end + 1] == mark \
            and output[fix.end - 1:fix.end + 1] != mark * 2:
        return mark
    return None


def _shift_before(fix) -> int:
    """Offsets of ``repaired`` before the fix are those of the output (fixes are judged one line at a
    time; the caller passes each fix with ``start`` already in repaired-line offsets when there are several)."""
    return getattr(fix, "shift", 0)


def _word_before(text: str, start: int) -> tuple[int, str | None]:
    words = list(TOKEN.finditer(text, max(0, start - 80), start))
    if not words or words[-1].end() == start or not JOINER.match(text[words[-1].end():start]):
        return start, None
    return words[-1].start(), words[-1].group()


def _word_after(text: str, end: int) -> tuple[int, str | None]:
    found = TOKEN.search(text, end, min(len(text), end + 80))
    if found is None or found.start() == end or not JOINER.match(text[end:found.start()]):
        return end, None
    return found.start(), found.group()


def _has_counterpart(variants: set[str], words: list[str]) -> bool:
    """One of ``words`` is the same word in another spelling (another accepted spelling, «غورو» / «جورو»)."""
    return any(_alike(v, w) for v in variants for w in words)


def _digits(before: str, after: str, reference: str) -> str | None:
    """The numbers of the span keep their values, and their digits the style the reference writes."""
    if fold(" ".join(_DIGIT.findall(before))) != fold(" ".join(_DIGIT.findall(after))):
        return "a number changed"
    if _DIGIT.findall(before) != _DIGIT.findall(after) and not set(_DIGIT.findall(after)) <= set(_DIGIT.findall(reference)):
        return "a digit's style changed"
    return None


# A name of several words that the reference spells this close to a form of the entry is that name:
# "Zhabdrung Ngawang Namgyal" (reference) for names-dev's "Zhabdrung Ngawang Namgyel".
NEARLY_SPELLED = 0.9


def _spelled_nearly(reference: str, entry: GlossaryEntry, lang: str) -> bool:
    words = TOKEN.findall(fold(reference))
    for form in entry.forms(lang):
        name = TOKEN.findall(fold(form))
        if len(name) < 2:
            continue  # one word spelled nearly alike is too often another ("Masa", "Massa")
        target = " ".join(name)
        if any(Indel.normalized_similarity(" ".join(words[i:i + len(name)]), target) >= NEARLY_SPELLED
               for i in range(len(words) - len(name) + 1)):
            return True
    return False


def _count(text: str, variants: set[str]) -> int:
    return sum(1 for w in TOKEN.findall(fold(text)) if _variants(w) & variants)


def _alike(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) >= 3 and Indel.normalized_similarity(a, b) >= LEFTOVER_SPELLING:
        return True
    sa, sb = skeleton(a), skeleton(b)
    return len(sa) >= 2 and sa == sb


# Endings that make a demonym, an adjective, a person noun or an abstract noun of an English word:
# Syria -> Syrian, Iraq -> Iraqi, South -> Southern, Hindu -> Hinduism, Germany -> German.
_ENGLISH_DERIVING = ("ians", "ian", "ans", "an", "ese", "ish", "is", "i", "ics", "ic", "ites", "ite", "ists", "ist",
                     "ism", "ity", "ern", "ers", "er", "al", "s", "es")
# Arabic nisba endings (folded): العراق -> العراقي, الخليج -> الخليجية.
_ARABIC_DERIVING = ("يتين", "يتان", "يين", "يون", "يات", "يان", "يه", "ي")


def _derives(derived: str, base: str, lang: str) -> bool:
    """``derived`` is a word built on ``base`` with a derivational ending, both words the language knows
    (a plural "s" alone is number, not another part of speech)."""
    if zipf(derived, lang) < KNOWN_WORD or zipf(base, lang) < KNOWN_WORD:
        return False
    endings = _ARABIC_DERIVING if lang == "ar" else _ENGLISH_DERIVING
    bases = {base, base[2:] if base.startswith("ال") else base} if lang == "ar" else {base}
    if lang != "ar":  # Syria -> Syri-an, Germany -> German, Maldives -> Maldiv-ian, Hindus -> Hindu-ism
        bases |= {base[:-1] for end in "aeoys" if base.endswith(end)} | {base[:-2] for end in ("es", "us", "um", "ia")
                                                                          if base.endswith(end)}
    else:  # أستراليا -> أسترالي
        bases |= {b[:-1] for b in list(bases) if b.endswith("ا")} | {b[:-2] for b in list(bases) if b.endswith("يا")}
    stems = {derived} | ({derived[2:]} if lang == "ar" and derived.startswith("ال") else set())
    for stem in stems:
        for ending in endings:
            if stem.endswith(ending) and stem[: -len(ending)] in bases and len(stem) - len(ending) >= 3:
                if ending in ("s", "es"):
                    continue  # a plural is the same word ("Gores" for Gore)
                return True
        if lang != "ar" and base.endswith("y") and stem == base[:-1]:
            return True  # Germany -> German
    return False


def shifted(fixes) -> list:
    """Each fix of one line with ``shift`` (how far the earlier fixes moved its start in the repaired
    line) and ``others`` (where the other fixes' replacements are in the repaired line)."""
    placed, shift = [], 0
    for fix in sorted(fixes, key=lambda f: f.start):
        placed.append((fix, shift))
        shift += len(fix.after) - (fix.end - fix.start)
    spans = [(fix.start + s, fix.start + s + len(fix.after)) for fix, s in placed]
    return [_Shifted(fix, s, tuple(span for j, span in enumerate(spans) if j != i))
            for i, (fix, s) in enumerate(placed)]


class _Shifted:
    def __init__(self, fix, shift: int, others: tuple[tuple[int, int], ...]) -> None:
        self._fix, self.shift, self.others = fix, shift, others

    def __getattr__(self, name):
        return getattr(self._fix, name)

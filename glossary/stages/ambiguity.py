"""Is this occurrence of a glossary term in a source sentence the name, or an ordinary word?

«سنة» is Sunnis and "year", «صور» Tyre and "pictures", "Hit" an Iraqi town
and "hit".  A source term asks for a name in the translation only when this
occurrence is the name:

* English terms count only when written with a capital ("hit" is not Hit,
  whatever case the glossary stores the name in); at the start of a sentence, where every word has one, a
  one-word term far more frequent in English than the name in Arabic is
  only *ambiguous*;
* a term whose entry is marked ``ambiguous`` in the glossary is ambiguous,
  one marked ``name`` never is;
* otherwise a one-word Arabic term is ambiguous when it is a frequent word
  and far more frequent in Arabic than the name is in English: a name is about as common in
  Arabic as in English news («سوريا» 5.5 / "Syria" 4.4 on wordfreq's Zipf
  scale), a word that is also a name is not («سنة» 5.7 / "Sunnis" 2.7,
  «عالية» 5.0 / "Aley" 1.6).

An ambiguous occurrence counts only when the translation shows the name: a
span spelled like one of its forms that is not an ordinary word
(:mod:`glossary.stages.decision`); it is never reported missing.

Why word frequencies and not a morphological lexicon: the Arabic lexicons
that work offline (qalsadi with arramooz) are GPL, which mtrepair's
Apache-2.0 licence cannot take in, and they read many names as words too
(«لبنان» as لِ+بنان, «مصر» as مُصِرّ); wordfreq is already a dependency,
and comparing the two languages' frequencies asks the question that
matters here - is the word used far more than the name could explain.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..entry import GlossaryEntry
from ..language import arabic
from ..language.lexicon import zipf
from ..language.normalize import fold
from .matcher import TermMatch

# An unmarked one-word Arabic term is ambiguous when it is at least this frequent (an ordinary word
# is: «سنة» 5.7, «صور» 5.5, «الطبقة» 4.5) and this much more frequent than the name's English forms
# (a Levant place that English news seldom names is rare in Arabic too: «ميسان» 3.4).  On the
# built-in glossary these flag 17 forms, 16 of which its reviewers marked ambiguous themselves.
FREQUENCY_GAP = 2.0
COMMON_FROM_ZIPF = 4.0
# At the start of an English sentence a capital says nothing: a one-word name is ambiguous there when
# it is this much more frequent in English than the name is in Arabic ("hit" 5.4 / «هيت» 3.6; a name
# such as "Nadal" or "Beijing" is about as frequent in both).
SENTENCE_START_GAP = 1.5
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]['\"“”‘’«»()\[\]\s]*|^['\"“”‘’«»(\[\s]+)$")

NAME, AMBIGUOUS, WORD = "name", "ambiguous", "word"
# What may stand between a sentence's end and its first word (the class of _SENTENCE_START).
_OPENERS = frozenset("'\"“”‘’«»()[]")


def _at_sentence_start(source: str, position: int) -> bool:
    """``_SENTENCE_START.search(source[:position])``, reading only the end of the prefix.

    Only the run of quotes, brackets and spaces that ends the prefix and the
    character before it can make a match there, so the search is made on
    them (on the whole prefix when the run is all of it)."""
    low = position
    while low > 0 and (source[low - 1] in _OPENERS or source[low - 1].isspace()):
        low -= 1
    return bool(_SENTENCE_START.search(source[max(0, low - 1):position]))


class AmbiguityJudge:
    """Judges source occurrences of glossary terms for one language pair."""

    def __init__(self, source_lang: str, target_lang: str) -> None:
        self.source_lang, self.target_lang = source_lang, target_lang
        self._target: dict[tuple, frozenset[str]] = {}

    def occurrence(self, match: TermMatch, entry: GlossaryEntry, source: str) -> str:
        """``name``, ``ambiguous`` or ``word`` (not the name at all) for ``entry`` at ``match``."""
        hit = match.hit_for(entry)
        form = entry.forms(self.source_lang)[hit.form_index] if hit else entry.preferred(self.source_lang)
        if self.source_lang == "en" and _has_letters(match.text) and not _has_capitals(match.text):
            # "hit", "salt", "tyres": English writes a name with a capital, whatever case a glossary
            # stores it in (a list of Wikidata name words is all lower case: "the", "will", "may").
            return WORD
        if entry.ambiguity == "name":
            return NAME
        if hit is not None and hit.shape.proclitic and _clitic_makes_a_word(match.text, hit.shape.proclitic,
                                                                             self.source_lang):
            # «فبراير» (February) read as «ف» + «براير» (Breyer): the word itself is far more common
            # than the name its letters would leave once a clitic is read off.
            return WORD
        if self.is_ambiguous_form(entry, form) or _written_as_listed(entry, match.text, self.source_lang):
            return AMBIGUOUS
        if (self.source_lang == "en" and _at_sentence_start(source, match.start) and _lower_word(form)
                and _gap(form, "en", entry.forms(self.target_lang), self.target_lang) >= SENTENCE_START_GAP):
            return AMBIGUOUS  # "Hit by ..." at the start of a sentence, where every word has a capital
        return NAME

    def is_ambiguous_form(self, entry: GlossaryEntry, form: str) -> bool:
        """An Arabic ``form`` of one word far more frequent than the name's English forms.

        Only Arabic: English writes names with capitals, which say more than
        frequencies (an English name is nearly always more frequent in English
        than any one Arabic spelling of it); and only single words, since the
        ordinary words that are also names are single words («سنة», «صور»).
        """
        if entry.ambiguity == "name":
            return False
        if entry.ambiguity == "ambiguous":
            return entry.is_marked_ambiguous(form)
        return _frequency_says_ambiguous(form, self.source_lang, entry, self.target_lang)

    def ambiguous_targets(self, entry: GlossaryEntry) -> frozenset[str]:
        """The entry's target-language forms that are also ordinary words («الطبقة» the layer / Tabqa),
        folded and without the article: in a translation, such a word may be the word."""
        key = (entry.id, entry.ambiguity, entry.ambiguous_forms, entry.forms(self.target_lang))
        if key not in self._target:
            self._target[key] = frozenset() if entry.ambiguity == "name" else frozenset(
                _bare(form) for form in entry.forms(self.target_lang)
                if (entry.is_marked_ambiguous(form) if entry.ambiguity else
                    _frequency_says_ambiguous(form, self.target_lang, entry, self.source_lang)))
        return self._target[key]

    def ambiguous_forms(self, entry: GlossaryEntry) -> list[tuple[str, str]]:
        """``(lang, form)`` of the entry's forms treated as ambiguous in either direction (for glossary check)."""
        if entry.ambiguity == "name":
            return []
        out = []
        for lang, other in ((self.source_lang, self.target_lang), (self.target_lang, self.source_lang)):
            for form in entry.forms(lang):
                marked = entry.is_marked_ambiguous(form) if entry.ambiguity else None
                if marked or marked is None and _frequency_says_ambiguous(form, lang, entry, other):
                    out.append((lang, form))
        return out


def _clitic_makes_a_word(written: str, proclitic: str, lang: str) -> bool:
    """The occurrence as written is a common word, more common than what is left of it once the
    proclitic is read off (glossary.stages.evidence reads a translation's spans the same way)."""
    word = written.strip()
    whole = zipf(word, lang)
    return whole >= COMMON_FROM_ZIPF - 1 and whole > zipf(word[len(proclitic):], lang) + 1


def _written_as_listed(entry: GlossaryEntry, written: str, lang: str) -> bool:
    """The occurrence is spelled as one of the forms the glossary lists as ambiguous, in any of its
    inflections and with any clitics («الطابق العلوي» for Alawites' listed «علوي»)."""
    return entry.ambiguity == "ambiguous" and bool(entry.ambiguous_forms) and \
        fold(written).strip() in _listed_spellings(entry, lang)


_LISTED: dict[tuple, frozenset[str]] = {}


def _listed_spellings(entry: GlossaryEntry, lang: str) -> frozenset[str]:
    key = (entry.ambiguous_forms, entry.forms(lang), entry.inflects, lang)
    if key not in _LISTED:
        forms = [f for f in entry.ambiguous_forms if f in entry.forms(lang)]
        if lang == "ar":
            # As written (with clitics and with or without the article), not inflected: «علوي»
            # listed is «العلوي» (upper), not «العلويين».
            folded = [fold(f).strip() for f in forms]
            bodies = set(folded) | {arabic.ARTICLE + f for f in folded if not arabic.has_article(f)} | {
                f[len(arabic.ARTICLE):] for f in folded if arabic.has_article(f)}
            spellings = {s for body in bodies for s, _ in arabic.surface_forms(body, False)}
        else:
            spellings = {fold(f).strip() + ending for f in forms for ending in ("", "s", "es", "'s", "'")}
        _LISTED[key] = frozenset(spellings)
    return _LISTED[key]


def _frequency_says_ambiguous(form: str, lang: str, entry: GlossaryEntry, other_lang: str) -> bool:
    if lang != "ar" or " " in form.strip() or zipf(form, lang) < COMMON_FROM_ZIPF:
        return False
    return _gap(form, lang, entry.forms(other_lang), other_lang) >= FREQUENCY_GAP


@lru_cache(maxsize=65536)
def _gap_cached(form: str, lang: str, others: tuple[str, ...], other_lang: str) -> float:
    own = zipf(form.lower() if lang == "en" else form, lang)
    theirs = max((zipf(o.lower() if other_lang == "en" else o, other_lang) for o in others), default=0.0)
    return own - theirs


def _gap(form: str, lang: str, others, other_lang: str) -> float:
    return _gap_cached(form, lang, tuple(others), other_lang)


def _bare(form: str) -> str:
    folded = fold(form).strip()
    return folded[len(arabic.ARTICLE):] if arabic.has_article(folded) else folded


def _has_capitals(text: str) -> bool:
    return any(ch.isupper() for ch in text)


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _lower_word(form: str) -> bool:
    """One word written like an ordinary word once lower-cased (not an acronym such as "HTS")."""
    return " " not in form.strip() and not form[1:].isupper()

"""How common a word is in the target language, to tell ordinary words from mangled names.

Without a source sentence, a span that merely sounds like a glossary name
may be an ordinary word («باردة» "cold" sounds like «الأردية» Urdu once
its first letter is read as the preposition ب).  A word frequency list
tells them apart: a name that machine translation mangled is a rare or
unknown word, while an ordinary word is frequent - and more frequent than
the name it resembles.  wordfreq's lists cover both Arabic and English.
"""

from __future__ import annotations

from functools import lru_cache

from wordfreq import zipf_frequency

from .readings import TOKEN as _WORD  # words as repair cuts them: Arabic marks stay inside a word


@lru_cache(maxsize=131072)
def zipf(text: str, lang: str) -> float:
    """Zipf frequency of a word or phrase (0 when unknown; 3 = once per million words)."""
    return zipf_frequency(text, lang)


# Arabic object and possessive pronouns written onto a word («تحالفاتها» "its
# alliances"): the word without them is what a frequency list knows.
_ENCLITICS = ("هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا")


def word_zipfs(text: str, lang: str) -> list[float]:
    """Zipf frequency of each word of ``text`` (an Arabic word also as its stem without a pronoun suffix)."""
    return [_word_zipf(w, lang) for w in _WORD.findall(text)]


def _word_zipf(word: str, lang: str) -> float:
    frequency = zipf(word, lang)
    if lang == "ar":
        stems = [word]
        while stems[-1][:1] in "وفبلك" and len(stems[-1]) >= 4:  # conjunctions and prepositions written on
            stem = stems[-1][1:]
            stems.append("ال" + stem[1:] if stem.startswith("ل") and stems[-1].startswith("لل") else stem)
        for stem in list(stems):
            for suffix in _ENCLITICS:
                if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                    stems.append(stem[: -len(suffix)])
                    break
        frequency = max(zipf(stem, lang) for stem in stems)
    return frequency

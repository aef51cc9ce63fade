"""How common a word is in the target language, to tell ordinary words from mangled names.

Without a source sentence, a span that merely sounds like a glossary name
may be an ordinary word («باردة» "cold" sounds like «الأردية» Urdu once
its first letter is read as the preposition ب).  A word frequency list
tells them apart: a name that machine translation mangled is a rare or
unknown word, while an ordinary word is frequent - and more frequent than
the name it resembles.  wordfreq's lists cover both Arabic and English.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=131072)
def zipf(text: str, lang: str) -> float:
    """Zipf frequency of a word or phrase (0 when unknown; 3 = once per million words)."""
    return zipf_frequency(text, lang)


def word_zipfs(text: str, lang: str) -> list[float]:
    """Zipf frequency of each word of ``text``."""
    return [zipf(w, lang) for w in _WORD.findall(text)]

"""Other spellings of a name: those in use, those a sentence's grammar makes, and one word of a name however spelled.

Arabic spells foreign names several ways («هوارد» / «هاوارد»), a house style
chooses one of them («شيلي» / «تشيلي»), English romanizes the short vowels of
an Arabic name several ways ("Walid al-Moualem", "Walid Muallem"), and a
sentence's grammar adds or drops function words and the article («تصميم
الأزياء» for «تصميم أزياء»).  None of these is a mangled name: repair's
evidence (:mod:`glossary.stages.evidence`) tells them apart here, as a
"spelling" change or a grammatical variant.  :func:`words_alike` (two words
are one word of a name, whatever clitics and spelling) serves verification
too (:mod:`glossary.stages.verify`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import Indel

from . import arabic
from .lexicon import word_zipfs
from .morphology import differ_in_endings
from .normalize import fold, spelling_key
from .phonetic import LATIN_ARTICLES, is_arabic, skeleton
from .readings import EDGE_STOPWORDS, strip_article

# An Arabic spelling this common (every word) is one in use («هوارد» 3.8), not a mangling.
KNOWN_SPELLING_ZIPF = 2.5
_LONG_VOWELS = re.compile("[اوي]")
_ARABIC_SOUNDS = re.compile("[عحقصضطظذثخ]")
_LATIN_VOWELS = re.compile("[aeiou]+")
_ROMANIZED = re.compile(r"([b-df-hj-np-tv-z])\1+")  # a doubled consonant
_FUNCTION_WORDS = frozenset({"the", "of", "a", "an", "and"})
# A word beside a fix this close in spelling to a word of the name (or with the same consonants,
# across scripts) that the span does not render is a fragment of the old rendering.
LEFTOVER_SPELLING = 0.7
SHORT_WORD_SPELLING = 0.85  # "John" / "Jon": short words must be nearly equal


def _house_style(core: str, targets: Sequence[str], written: str, arabic_forms: Sequence[str] = ()) -> bool:
    """``core`` is the name in another spelling in use (see :func:`spelling_variant`)."""
    return any(core != target and spelling_variant(written, target, arabic_forms) for target in targets)


def spelling_variant(written: str, form: str, arabic_forms: Sequence[str] = ()) -> bool:
    """``written`` spells the name ``form`` another way in use, differing only by the choices of a
    house style (:func:`glossary.language.normalize.spelling_key`: «شيلي» / «تشيلي», «الغارديان» /
    «الجارديان», "Sea Lion" / "Sealion"), or, for a foreign name in Arabic that the language knows
    in this spelling (every word as written), also by its long vowels («هوارد» / «هاوارد»): Arabic
    spells foreign names several ways; so by its long vowels, whatever the text has, a foreign name
    the language has not settled on a spelling of («كوريلينكو» / «كوريلنكو»).  A spelling nobody
    writes of a name in use is mangled («إدليب», «لكسمبرغ»),
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
    own, theirs, function_words = set(fold(form).split()), set(fold(written).split()), EDGE_STOPWORDS["ar"]
    if _ARABIC_SOUNDS.search(" ".join(w for w in fold(form).split() if w not in function_words)):
        return False
    known = min(word_zipfs(" ".join(w for w in written.split() if fold(w) not in own), "ar"), default=0.0)
    # A foreign name the language has not settled on a spelling of (no word of the form that differs
    # is a spelling in use: «ماكبارتلن», «فرايزر») is written with or without its long vowels alike.
    settled = max(word_zipfs(" ".join(w for w in form.split() if fold(w) not in theirs), "ar"), default=0.0)
    if known < KNOWN_SPELLING_ZIPF and (settled >= KNOWN_SPELLING_ZIPF or _doubled_letter(key, wanted)
                                        or not _long_vowels_added(key, wanted)):
        return False
    bare = _LONG_VOWELS.sub("", key)
    return len(bare) >= 3 and bare == _LONG_VOWELS.sub("", wanted)


def _long_vowels_added(a: str, b: str) -> bool:
    """One of two spellings is the other with long vowels added, none changed («كوريلينكو» /
    «كوريلنكو»; not «كاستيلو» / «كوستيلو», Castillo / Costello)."""
    short, long_ = sorted((a, b), key=len)
    i = 0
    for ch in long_:
        if i < len(short) and ch == short[i]:
            i += 1
        elif not _LONG_VOWELS.fullmatch(ch):
            return False
    return i == len(short)


def _doubled_letter(written: str, form: str) -> bool:
    """``written`` has a letter twice in a row where ``form`` has it once: Arabic writes no letter
    twice (a shadda doubles it), so a spelling nobody uses («ألبوكيركيي»)."""
    return any(a == b and a + b not in form for a, b in zip(written, written[1:]))


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


def words_alike(a: str, b: str) -> bool:
    """Two folded words are one word of a name, whatever Arabic clitics and article each carries."""
    return any(_alike(x, y) for x in _variants(a) for y in _variants(b))


@lru_cache(maxsize=65536)
def _variants(word: str) -> frozenset[str]:
    """A folded word as written and without the Arabic clitics and article it may carry (and a final
    «ة» read as the "t" it sounds in a construct: «حياة تحرير» is "Hayat Tahrir")."""
    out = {word, strip_article(word)}
    if is_arabic(word):
        for proclitic in arabic.PROCLITICS:
            if proclitic and word.startswith(proclitic) and len(word) - len(proclitic) >= 3:
                rest = word[len(proclitic):]
                out |= {rest, strip_article(rest)}
        out |= {w[:-1] + "ت" for w in out if w.endswith("ه")}
    return frozenset(out)


@lru_cache(maxsize=262144)
def _alike(a: str, b: str) -> bool:
    """The same word in another spelling, or spelled in the other script with the same consonants."""
    if not a or not b:
        return False
    if a == b:
        return True
    if is_arabic(a) == is_arabic(b):
        close = LEFTOVER_SPELLING if min(len(a), len(b)) > 3 else SHORT_WORD_SPELLING
        if Indel.normalized_similarity(a, b) >= close:
            return True
    sa, sb = skeleton(a), skeleton(b)
    return len(sa) >= 2 and sa == sb

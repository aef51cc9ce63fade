"""Words built on names, by the rules of each language: demonyms, adjectives, person nouns, plurals.

"Syrian" is built on Syria, «العراقية» on «العراق», "Parliamentarian" on
Parliament, "Christian" on the stem of Christianity.  Such a word is another
word of the sentence's grammar, not a misspelling of the name: replacing it
with the name would change a part of speech ("Iraqi forces" -> "Iraq
forces").  Repair asks this module two questions: is a span another form of a
glossary name (:func:`derived`, :func:`another_form`), and is a word of a span
built on a word of a replacement (:func:`derives_from`, for the verification
stage, with :func:`adjective_for_a_noun`).  It also splits words glued together without a space
(:func:`glued_pieces`: «رئيسالولايات», «لندنفي»).

Where the rules come from:

* English: the derivational endings of the language (-n, -an, -ian, -ese,
  -ish, -i, -ic, -ite, -ist, -ism, -ern, -arian, -ity) on a stem whose final
  vowel or -y, -es, -us, -ia, -istan the ending replaces, checked against a
  word list (wordfreq: both words must be words of the language); the
  irregular demonyms of countries (France/French, Netherlands/Dutch,
  Cyprus/Cypriot) from countryinfo (MIT, offline data of 250 countries).
  WordNet would add other derivations, but no package ships its data
  offline in a usable form, and the rules cover the cases names produce.
* Arabic: the nisba endings (ي، ية، يون، يين، يات، يان) on a stem that is
  the name without its article or final «ا»/«يا»/«ة».  The Arabic
  morphological analysers that work offline (pyarabic, qalsadi, tashaphyne)
  are GPL, which mtrepair's Apache-2.0 licence cannot take in; camel-tools
  downloads its data at run time.  The endings are few and fixed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from . import arabic
from .lexicon import generic_kind, zipf
from .normalize import fold
from .phonetic import is_arabic, skeleton
from .readings import strip_article

# Endings that make an adjective or demonym of a name: Syria -> Syrian.
ENGLISH_DERIVATIONS = frozenset({"n", "an", "ian", "ians", "ans", "ns", "ese", "ish", "i", "is"})
# English endings that make another word of a name: Iran -> Iranian, Hindu -> Hinduism.
ENGLISH_FORMS = ENGLISH_DERIVATIONS | frozenset({"ism", "s", "ers", "er"})
# Below this Zipf frequency a word is unknown to the language (a foreign name spelled by ear).
RARE_WORD_ZIPF = 1.0
# Both words of a derivation must be words the language knows at least this well: "Galile" (a
# misspelling of Galilei) is not the base of "Galilei".
KNOWN_WORD_ZIPF = 1.5


@lru_cache(maxsize=262144)
def another_form(word: str, targets: tuple[str, ...], person: bool = False) -> bool:
    """``word`` is another grammatical form of a target form, not a misspelling (source-aware check)."""
    return derived(word, targets, False, person) or base_of(word, targets)


def base_of(core: str, targets: Sequence[str]) -> bool:
    """The span is the word a glossary form is derived from ("Hindu" of "Hinduism", "Yarsan" of
    "Yarsanism").  In a name of several words the base is a word the language knows: "Galileo
    Galile" is a misspelling of "Galileo Galilei", not its base."""
    if not any(t.startswith(core) and t[len(core):] in ENGLISH_FORMS for t in targets if t != core):
        return False
    if " " not in core:
        return True
    return zipf(core.split()[-1], "en") >= RARE_WORD_ZIPF


def derived(core: str, targets: Sequence[str], fragments: bool, person: bool = False) -> bool:
    """A word derived from a glossary form rather than a misspelling of it:
    "Australian" / «الأسترالي» from "Australia" / «أستراليا», "Antarctic"
    from "Antarctica", "Ephesians" from "Ephesus", «الأرمينية» from «الأرمن»,
    «الكاريبيون» beside «الكاريبي».  Replacing it with the name would break the
    sentence's grammar.  With ``fragments``, a piece of a longer form ("phone"
    of "iPhone") counts too.  ``person``: the name is a person's, whose final
    «ي» is part of the name, not a nisba («باتافيه» is «باتافي» misspelt)."""
    for target in targets:
        if core.startswith(target) and core[len(target):] in ENGLISH_DERIVATIONS:
            return True
        if (fragments and " " not in core and len(core) <= len(target) - 2
                and (target.startswith(core) or target.endswith(core))):
            return True  # "phone" of "iPhone" (a name cut short in a word, "Ahmad al-Shar", is no word)
        found = arabic.nisba_stem(core)
        if found and not arabic.nisba_stem(target) and target.startswith(found[0]) and len(target) - len(found[0]) <= 2:
            return True
        if " " not in core and (english_derived(core, target)
                                or found and not person and arabic_derived(found[0], core, target)
                                or country_of(core, target)):
            return True
    return False


# Endings that English adds to a name's stem to make another word of it.
_ENGLISH_SUFFIXES = frozenset({"ic", "ics", "ian", "ians", "an", "ans", "n", "ns", "ese", "ish", "i", "is", "er",
                               "ers", "ite", "ites", "ist", "ists", "ism"})
_ENGLISH_STEM_END = re.compile(r"(?:us|um|a|e|o|y|s)$")


def english_derived(core: str, target: str) -> bool:
    if is_arabic(core) or " " in target or core == target:
        return False
    stem = _ENGLISH_STEM_END.sub("", target)
    if len(stem) < 4:
        return False
    if core.startswith(stem) and core[len(stem):] in _ENGLISH_SUFFIXES and not (
            target.endswith("e") and core[len(stem):] in ("i", "is")):
        return True  # Canada -> Canadian, Ephesus -> Ephesians, Kurds -> Kurdish (not Mapuche -> Mapuchi)
    if target.endswith("a") and core == target[:-1] and len(core) >= 6:
        return True  # Antarctica -> Antarctic
    if target.endswith("s") and core == target[:-1] and len(core) >= 5:
        return True  # Emirates -> Emirate, Christians -> Christian: the word, not the plural name
    if core in demonyms(target):
        return True  # France -> French
    # A longer word built on the name: Transantarctic.
    return len(stem) >= 6 and stem in core[1:] and len(core) > len(target)


def country_of(core: str, target: str) -> bool:
    """«أرمينيا» (Armenia) for the people «الأرمن»: the country of a group, not a mangled name of it."""
    if not is_arabic(core) or not core.endswith("يا") or " " in target or arabic.nisba_stem(target):
        return False
    consonants = skeleton(core[:-2])
    return len(consonants) >= 3 and consonants == skeleton(strip_article(target)) and core[:-2] != target


def arabic_derived(stem: str, core: str, target: str) -> bool:
    """``core`` (a nisba form with ``stem``) is an adjective of ``target`` or another inflection of one of its words."""
    for word in target.split():
        bare = strip_article(word)
        found = arabic.nisba_stem(bare)
        if found and found[0] == strip_article(stem) and bare != core and (
                bare != word or len(target.split()) == 1):
            # «الأطلسية» beside «المحيط الأطلسي», «الكاريبيون» beside «الكاريبي»: an adjective, which
            # takes the article of its noun inside a name («سوليه» of «سيرك دو سوليه» is none).
            return True
        consonants = skeleton(strip_article(stem))
        if len(consonants) >= 3 and not found and consonants == skeleton(bare.removesuffix("يا")):
            return True  # «أرميني» from «أرمن» (or «أرمينيا»)
    return False


# -- a word of a span built on a word of the replacement (verification) -------------------------

# Endings that make an adjective, a demonym or a person noun of an English word (Syrian, Iraqi,
# Lebanese, Kurdish, Southern, Parliamentarian, Christian), and those a base may end in that the
# derivation replaces (Syri-a, Maldiv-es, Kurd-istan, Leban-on, Christian-ity).
_DERIVING = ("arians", "arian", "ians", "ian", "ans", "an", "ns", "n", "ese", "ish", "is", "i", "ics", "ic",
             "ites", "ite", "ists", "ist", "ism", "ern", "ers", "er", "al")
_BASE_ENDINGS = ("", "a", "e", "o", "y", "s", "es", "us", "um", "ia", "on", "istan", "land", "ity", "ism")
# Endings that make the name of a faith, a doctrine or a state of a word: Christian-ity, Hindu-ism.
_ABSTRACT_NOUNS = ("ity", "ism", "dom", "hood")
# Arabic: العراق -> العراقي، الخليج -> الخليجية، سوريا -> السوري، أستراليا -> الأسترالي.
_ARABIC_BASE_ENDINGS = ("", "ا", "يا", "ة")


def derives_from(word: str, base: str, lang: str) -> bool:
    """``word`` is built on ``base`` (each one word, as written) by a derivational ending: a demonym,
    an adjective or a person noun of it ("Syrian" of "Syria", "Christians" beside "Christianity",
    «الخليجية» of «الخليج»), both words the language knows.  A plural is not a derivation, nor is
    the other direction ("North" is not built on "Northern")."""
    if zipf(word, lang) < KNOWN_WORD_ZIPF or zipf(base, lang) < KNOWN_WORD_ZIPF:
        return False
    if lang == "ar":
        return _arabic_derivation(word, base)
    word, base = fold(word), fold(base)
    if word == base:
        return False
    if lang == "ar":
        return _arabic_derivation(word, base)
    singular = {word} | {word[: -len(s)] for s in ("s", "es") if word.endswith(s) and len(word) - len(s) >= 4}
    return any(_english_derivation(w, base) for w in singular)


def _english_derivation(word: str, base: str) -> bool:
    if word == base:
        return False
    if word in demonyms(base) or any(base == word + noun for noun in _ABSTRACT_NOUNS):
        return True  # France -> French; Christian beside Christianity, Hindu beside Hinduism
    for ending in _DERIVING:
        if not word.endswith(ending):
            continue
        stem = word[: -len(ending)]
        if len(stem) >= 3 and base.startswith(stem) and base[len(stem):] in _BASE_ENDINGS:
            return True
    return len(word) >= 4 and (base == word + "y" or base == word + "ey")  # Germany -> German, Turkey -> Turk


def _arabic_derivation(word: str, base: str) -> bool:
    """«العراقي» of «العراق», «السوري» of «سوريا», and «السليماني» beside «السليمانية» (two words
    of one nisba: an adjective and a city)."""
    word, base = _written_without_article(word), _written_without_article(base)
    found = arabic.nisba_stem(word, arabic.NISBA_ENDINGS_WRITTEN)
    based = arabic.nisba_stem(base, arabic.NISBA_ENDINGS_WRITTEN)
    if not found or word == base:
        return False
    if based:
        return fold(found[0]) == fold(based[0]) and found[1] != based[1]
    return any(fold(base) == fold(found[0] + ending) for ending in _ARABIC_BASE_ENDINGS)


# Endings of an Arabic nisba adjective that no noun of a name has (folded, ة as ه): the feminine
# and the plurals («الأولومبية», Olympic; «السوريون», Syrians).
_ADJECTIVE_ENDINGS = ("يه", "يين", "يون", "يات")
# Endings of a word of a name that may be an adjective or a spelling of one: the nisba endings,
# «يا» («سوريا» / «سورية») and a final «ة».
_ADJECTIVE_LIKE_ENDINGS = arabic.NISBA_ENDINGS + ("يا", "ه")


def adjective_for_a_noun(word: str, base: str) -> bool:
    """``word`` (Arabic, as written) ends as a feminine or plural nisba adjective, and ``base`` (a word of
    the name) ends as no adjective: the fix would make an adjective a noun («الأولومبية», Olympic ->
    «الأولمبياد», the Olympics), however the two are spelled in between."""
    word, base = fold(word), fold(base)
    return (len(word) >= 5 and word.endswith(_ADJECTIVE_ENDINGS) and not base.endswith(_ADJECTIVE_LIKE_ENDINGS)
            and is_arabic(word))


def _written_without_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


@lru_cache(maxsize=1)
def _demonym_table() -> dict[str, frozenset[str]]:
    """Country names (and their longer alternative names) -> demonyms, lower case, from countryinfo."""
    from countryinfo import CountryInfo

    table: dict[str, set[str]] = {}
    for info in CountryInfo("France").all().values():
        demonym = (info.get("demonym") or "").strip().lower()
        if not demonym:
            continue
        for name in [info.get("name") or "", *info.get("altSpellings", [])]:
            if len(name) > 3:  # not the ISO codes among the alternative spellings
                table.setdefault(fold(name), set()).add(fold(demonym))
    return {name: frozenset(forms) for name, forms in table.items()}


def demonyms(name: str) -> frozenset[str]:
    """The demonyms of a country (folded name): "france" -> {"french"}, "netherlands" -> {"dutch"}."""
    return _demonym_table().get(name, frozenset())


# -- words glued onto a name ------------------------------------------------------------------------

# A piece of a glued token counts as a word when the language uses it at least this often (Zipf):
# «رئيس» 5.7, «أجل» 5.8, "trans" 4.4; a mangled name's letters rarely split into such words alone
# («باتا» of «باتافيه» is 3.1).
GLUED_WORD_ZIPF = 3.5
# Prepositions and «أو» (or), two letters, that typing glues onto the word before or after («لندنفي»).
GLUED_PREPOSITIONS = frozenset({"في", "من", "عن", "او", "أو"})
# A token that is itself at least this common is a word, whatever its pieces.
WHOLE_WORD_ZIPF = 2.0


def glued_pieces(token: str, lang: str) -> list[str] | None:
    """The words of ``token`` (as written: word lists know «الأمن», not its folded «الامن») when it
    is several words of the language written without a space, the fewest pieces («رئيسالولايات» ->
    [«رئيس», «الولايات»], «عززمجلسالأمنبالإجماع» -> four words).  None when the token is a word
    itself or does not split so.

    Hand-written because it asks only whether one token splits at words of the language
    (wordfreq's list); a segmenter such as symspellpy would load the whole list (seconds) first."""
    if len(token) < 5 or zipf(token, lang) >= WHOLE_WORD_ZIPF:
        return None
    best: dict[int, list[str]] = {0: []}  # the fewest pieces covering token[:i]
    for i in range(len(token)):
        if i not in best:
            continue
        for j in range(i + 2, len(token) + 1):
            piece = token[i:j]
            if _a_word(piece, lang) and not (i == 0 and _clitics_with_a_letter_or_two(piece, lang)):
                if j not in best or len(best[i]) + 1 < len(best[j]):
                    best[j] = best[i] + [piece]
    found = best.get(len(token))
    return found if found and len(found) >= 2 else None


def glued_splits(token: str, lang: str) -> list[tuple[str, str]]:
    """``(word, rest)`` for each way ``token`` (as written) is a word of the language glued at its
    start or end onto a rest of three letters or more («لندنفي» -> («في», «لندن»), «غايغرفي» ->
    («في», «غايغر»)); none when the token is a word itself."""
    if len(token) < 5 or zipf(token, lang) >= WHOLE_WORD_ZIPF:
        return []
    out = []
    for cut in range(2, len(token) - 1):
        head, tail = token[:cut], token[cut:]
        if len(tail) >= 3 and _a_word(head, lang) and (head in GLUED_PREPOSITIONS
                                                       or not _clitics_with_a_letter_or_two(head, lang)):
            out.append((head, tail))
        if len(head) >= 3 and _a_word(tail, lang):
            out.append((tail, head))
    return out


def _a_word(piece: str, lang: str) -> bool:
    if lang == "ar" and piece in GLUED_PREPOSITIONS:
        return True
    return len(piece) >= 3 and zipf(piece, lang) >= GLUED_WORD_ZIPF


# Proclitics and the article («و», «بال», «ولل»), which Arabic writes onto the word they belong to.
_CLITIC_STARTS = tuple(sorted({p + a for p in arabic.PROCLITICS for a in ("", "ال", "ل" if p else "")} - {""},
                              key=len, reverse=True))


def _clitics_with_a_letter_or_two(piece: str, lang: str) -> bool:
    """«وكي», «الم», «بال»: clitics, the article and at most two letters, the start of a word rather
    than a word of its own."""
    return lang == "ar" and any(piece.startswith(c) and len(piece) - len(c) <= 2 for c in _CLITIC_STARTS)


# -- grammatical variants -----------------------------------------------------------------------

# Arabic endings of number and case on a word (folded: ة is ه): the dual «محافظتي», «محافظتان» ...
# (Never the bare word: «محافظ», governor, is another word than «محافظة», governorate.)
_GRAMMAR_ENDINGS = ("ه", "تي", "تا", "تان", "تين", "ات", "ان", "ين", "ون", "ي")


def differ_in_endings(words: list[str], target: list[str]) -> bool:
    """Same words but for the grammatical ending of a generic one: «محافظتي اللاذقية» (the two
    governorates of) beside «محافظة اللاذقية»; «إدليب» beside «إدلب» is a misspelling, not an ending."""
    if len(words) != len(target) or words == target:
        return False
    differing = [(a, b) for a, b in zip(words, target) if a != b]
    if len(differing) != 1:
        return False
    a, b = differing[0]
    if generic_kind(strip_article(b)) is None:
        return False  # «يوتاه» beside «يوتا» is a misspelt name; only a generic word takes the sentence's number
    return any(a.endswith(x) and b.endswith(y) and a[: len(a) - len(x)] == b[: len(b) - len(y)]
               and len(a) - len(x) >= 3 for x in _GRAMMAR_ENDINGS for y in _GRAMMAR_ENDINGS if x != y)


def possessed(word: str) -> str:
    """"Iran's" -> "iran": the possessive is the sentence's grammar."""
    return word[:-2] if word.endswith("'s") else word[:-1] if word.endswith("'") else word

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

from .normalize import fold
from .readings import TOKEN as _WORD  # words as repair cuts them: Arabic marks stay inside a word
from .readings import strip_article

# Zipf frequency (wordfreq) from which a word is an ordinary word of the
# language ("areas", «الرؤساء», «أغسطس»), not a mangled name; shared by
# repair's stages.  Checked on odd and even dev lines separately.
COMMON_WORD_ZIPF = {"en": 3.0, "ar": 3.0}


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


# Generic words that names are built on, grouped by kind in both languages: a
# translation may render one with another of its kind ("province" as «مقاطعة»
# instead of «محافظة»), and such a word is part of the name's rendering.
# A fixed list because no library groups these words across the two languages.
GENERIC_KINDS = (
    "province governorate district region state county subdistrict muhafaza qada nahiya wilayah "
    "محافظة مقاطعة ولاية إقليم اقليم منطقة قضاء ناحية",
    "city town village camp neighbourhood neighborhood quarter مدينة بلدة قرية مخيم حي",
    "river lake sea gulf dam نهر بحيرة بحر خليج سد",
    "mountain mountains mount valley plain plains جبل جبال وادي سهل",
    # Bodies of one kind a translation renders with one another's word («اللجنة الأوروبية» for the
    # European Commission); an army is no union, a front no force («الجيش الإفريقي» is no
    # «الاتحاد الأفريقي», «القوات الشامية» no «الجبهة الشامية»).
    "army forces force brigade brigades corps guard guards جيش قوات لواء ألوية كتائب فيلق حرس",
    "party movement front حزب حركة جبهة",
    "council ministry organisation organization union agency committee authority commission "
    "مجلس وزارة منظمة اتحاد وكالة لجنة هيئة مفوضية",
    "company شركة",
    "bank بنك مصرف",
    "university جامعة",
    "mosque church shrine مسجد جامع كنيسة مرقد ضريح",
    "dynasty family house سلالة أسرة عائلة آل",
    "championship open cup tournament games بطولة كأس دورة ألعاب",
    # A foreign street as Arabic writes it («وول ستريت»; not «الشارع», which also renders the surname
    # al-Sharaa, «الشرع»).
    "street avenue boulevard ستريت استريت إستريت أفنيو افنيو",
)
_KIND_OF = {fold(word): kind for kind, words in enumerate(GENERIC_KINDS) for word in words.split()}


def generic_kind(folded_word: str, whole: bool = False) -> int | None:
    """Which kind of generic word (GENERIC_KINDS) a folded word is, if any (``whole``: as written,
    else also without its article)."""
    kind = _KIND_OF.get(folded_word)
    return kind if kind is not None or whole else _KIND_OF.get(strip_article(folded_word))

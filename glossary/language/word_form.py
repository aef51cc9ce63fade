"""Rules of glossary.stages.verify read off the written form of the span's words alone (rules 8-12).

Each says the span is another word than a mangled rendering of the name, by
a rule of the language rather than by how alike the two are:

8. **definiteness**: an Arabic word written with tanween (ً ٌ ٍ) is
   indefinite, and a name is not («دورة ألعابٍ أولمبية», a session of Olympic
   games, is no «الألعاب الأولمبية»); an Arabic word with the article never
   becomes a name that has none («الأريكا», the areca, is no «أمريكا»,
   «الإيرلات», earls, no «إيلات»): a name is definite by its article or by
   itself, and keeps either;
9. **word order**: an Arabic span has the name's words in another order
   («المحيط الهادي جنوب برزخ بنما», the Pacific south of the isthmus, is no
   «جنوب المحيط الهادئ»): reordering Arabic words is syntax, not spelling
   (English moves a place's name: "the Orchestra in Istanbul" is the
   "Istanbul Orchestra");
10. **sounds foreign names lack**: a word of the span written with a letter
    for a sound that foreign names lack (ع ح ض ظ; not ط ص ق, which machine
    translation writes for foreign t, s and k: «أطلانطا», «أصفاو») that no form of the
    name has is an Arabic word, not a letter-by-letter rendering of the name
    («العراوانية», Arawakan, is no «الإيرانية»);
11. **one sound written twice**: a word of the span with two letters for one
    sound side by side, the plain and the emphatic (ت ط, س ص, د ض, ز ظ, ك ق),
    that no form of the name has: a transliteration writes a consonant once,
    so the word is an Arabic one («استطرد», he went on, of the root ط ر د,
    glued to «ويست», is no «ستاردست»);
12. **a w from no waw**: in English, a word of the span that the language
    does not know (a transliteration, not a translated word such as "West")
    written with a w, where no form of the name has a w and no Arabic form
    of it has «و» or «ؤ»: a transliteration from Arabic writes w for و
    alone, so it renders another word ("Arawanian", Arawakan, is no
    "Iranian", «إيرانية»; "Balwan" no "Balkan", «البلقان»).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import arabic
from .lexicon import COMMON_WORD_ZIPF, generic_kind, zipf
from .normalize import fold, spelling_key
from .readings import TOKEN, strip_article

_TANWEEN = re.compile("[\u064b-\u064d]")
# Letters for sounds foreign names lack: a transliteration writes none of them unless the name's
# accepted Arabic form does.  (ط ص ق write foreign t, s and k too: «إيطاليا», «صربيا», «قبرص»; ذ ث خ
# write th and kh.)
_ARABIC_ONLY = re.compile("[عحضظ]")
# Plain and emphatic letters for one sound in a transliteration (rule 11).
_ONE_SOUND = frozenset(frozenset(pair) for pair in ("تط", "سص", "دض", "زظ", "ذظ", "كق"))


def indefinite_word(span: str) -> str | None:
    """The first word of ``span`` with tanween, if any (rule 8)."""
    return next((word for word in span.split() if _TANWEEN.search(word)), None)


def gains_no_article(span: str, after: str) -> bool:
    """Rule 8: ``span``, one Arabic word with the article (after any proclitic), would become ``after``,
    one word without it."""
    words, written = TOKEN.findall(span), TOKEN.findall(after)
    return len(words) == 1 and len(written) == 1 and _has_article(words[0]) and not _has_article(written[0])


def _has_article(word: str) -> bool:
    # As written, not folded: folding writes «ألمانيا» (hamza on alif, no article) as «المانيا».
    # («لل», ل + ال, is left out: «لليبيا» is ل + «ليبيا».)
    return any(word.startswith(proclitic + arabic.ARTICLE) and len(word) >= len(proclitic) + 5
               for proclitic in arabic.PROCLITICS)


def reordered(span: str, after: str, stopwords: frozenset[str] = frozenset()) -> bool:
    """Rule 9: ``span`` has the words of ``after`` (spelled alike, articles aside) in another order."""
    words = [_key(w) for w in TOKEN.findall(fold(span)) if w not in stopwords]
    written = [_key(w) for w in TOKEN.findall(fold(after)) if w not in stopwords]
    return len(words) >= 2 and words != written and sorted(words) == sorted(written)


def _key(word: str) -> str:
    return spelling_key(strip_article(word))


def foreign_sound_letter(span: str, forms: Sequence[str]) -> str | None:
    """Rule 10: a letter of a word of ``span`` (not a generic word: «مقاطعة» for «محافظة») for a sound
    foreign names lack that no form of the name has."""
    letters = {ch for form in forms for ch in form}
    for word in TOKEN.findall(span):
        folded = fold(word)
        if any(generic_kind(strip_article(folded[len(p):])) is not None
               for p in arabic.PROCLITICS if folded.startswith(p)):
            continue
        for letter in _ARABIC_ONLY.findall(word):
            if letter not in letters:
                return letter
    return None


def one_sound_twice(span: str, forms: Sequence[str]) -> str | None:
    """Rule 11: a word of ``span`` with two letters for one sound side by side (ت ط, س ص ...) that no
    form of the name has side by side."""
    kept = {pair for form in forms for pair in _one_sound_pairs(form)}
    return next((word for word in TOKEN.findall(span) if _one_sound_pairs(word) - kept), None)


def _one_sound_pairs(word: str) -> set[frozenset[str]]:
    # (Not across a proclitic's end: «كقاسم», like Qasem, is ك + «قاسم».)
    return {frozenset((a, b)) for i, (a, b) in enumerate(zip(word, word[1:]))
            if frozenset((a, b)) in _ONE_SOUND and word[:i + 1] not in arabic.PROCLITICS}


def w_without_waw(span: str, forms: Sequence[str], arabic_forms: Sequence[str]) -> str | None:
    """Rule 12: an English word of ``span`` the language does not know, written with a w, where no
    form of the name (``forms``, English) has one and no Arabic form (``arabic_forms``) has «و» or «ؤ»."""
    if not arabic_forms or any("w" in form.lower() for form in forms) or any(
            letter in form for form in arabic_forms for letter in "وؤ"):
        return None
    return next((word for word in TOKEN.findall(span)
                 if "w" in word.lower() and zipf(word.lower(), "en") < COMMON_WORD_ZIPF["en"]), None)

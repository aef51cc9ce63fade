"""Stage 4 of repair: verify each decided fix on the text it would produce, independently of scores.

Repair generates candidates (:mod:`glossary.stages.candidates`), measures them
(:mod:`glossary.stages.evidence`) and decides (:mod:`glossary.stages.decision`); a fix is
then applied only if the line it produces keeps every rule below, whatever
its confidence.  A fix that breaks one is not applied: it becomes a
suggestion that says why.  Each rule lives here once:

1. **digits**: the digits of the span and of its replacement are the same
   characters in the same order («رقم ٨» never becomes «رقم 8»);
2. **no leftover**: no word just beside the fix is a fragment of the name's
   old rendering (a word like a word of the name that the span does not
   render, or one with such a word glued on, or the span's own word written
   again): "John Jon Stewart", «حيات هيئة تحرير الشام», «عيترونومحمد محمد
   باقر الحكيم», "Harappa Haraba";
3. **no word lost**: no word of the span has another word glued onto the
   name without a space («رئيسالولايات المتحدة», «لندنفي»): replacing the
   token would delete it; nor is a function word inside the span dropped;
4. **no part of speech changed**: no word of the span is a word built on a
   word of the replacement (:func:`glossary.language.morphology.derives_from`):
   "Syrian" -> "Syria", «الخليجية» -> «الخليج», "Parliamentarian" ->
   "Parliament";
5. **not inside a longer name**: in English, the span is not joined to a
   capitalised word that the name lacks ("Gulf Cooperation Council",
   "Daniel Sturridge"): that word makes it another name (with a source that
   names it, a span of words the language does not know is mangled wherever
   it stands: "Alex Oveschkin");
6. **not a part of the name used as a word**: in English, a span that is the
   name less its generic words is an adjective before a noun ("Republican
   turnout" is not "Republican Party turnout") and a person noun in the
   plural ("Republicans");
7. **not another known word**: in a span of several words, a word the
   language knows that renders no word of the name, where the name has a
   known word instead, makes another name: «الحرب الكورية» (the Korean War)
   is no misspelt «الحرب السورية», "West Jerusalem" no "East Jerusalem".
8.-12. **not written as another word is** (:mod:`glossary.language.word_form`): an
   Arabic word with tanween or with the article where the name has none
   («الأريكا» is no «أمريكا»), the name's words in another order, a letter
   for a sound foreign names lack that the name does not have, two letters
   for one sound side by side («استطردويست»); in English, a transliterated
   word with a w where the name's Arabic has no «و» ("Arawanian").

Rules that hold before any fix is decided (numbers, neighbouring words,
glosses) are :mod:`glossary.stages.invariants`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rapidfuzz.distance import Indel

from ..entry import GlossaryEntry
from ..language import arabic, word_form
from ..language.lexicon import generic_kind, word_zipfs, zipf
from ..language.morphology import adjective_for_a_noun, derives_from, glued_pieces, glued_splits
from ..language.normalize import fold
from ..language.phonetic import LATIN_ARTICLES, is_arabic, skeleton
from ..language.readings import ABBREVIATED, TOKEN, Readings
from ..language.spelling import SHORT_WORD_SPELLING, _variants, words_alike
from .invariants import NamesPlaced

_DIGIT = re.compile(r"\d")
# With a source, a span next to a capitalised word is part of a longer name only when its own words
# are words the language knows ("Daniel Sturridge", "Cardi B"): a mangled one is mangled wherever.
KNOWN_NAME_ZIPF = 2.0
MANGLED_IN_A_NAME_SPELLING = 0.75
# English words written with a capital before or after a name without making another name: titles,
# days and months.  (Generic words of names, "Governorate", "River", are glossary.language.lexicon's.)
_CAPITALISED_WORDS = frozenset(
    "mr mrs ms dr sir president minister prime foreign defence defense interior finance secretary general "
    "gen colonel col lieutenant lt captain capt sergeant sgt major commander chief leader king queen prince "
    "princess emir sheikh shaikh sultan imam ayatollah pope bishop patriarch governor mayor senator judge "
    "spokesman spokeswoman spokesperson ambassador envoy deputy vice acting former late mp "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split())


def unverified(text: str, start: int, end: int, after: str, entry: GlossaryEntry, readings: Readings,
               names: Iterable[tuple[int, int, str]] = (), source_aware: bool = False) -> str | None:
    """Which rule replacing ``text[start:end]`` by ``after`` would break, in words (None: none).

    ``names`` lists ``(start, end, entry_id)`` of the names already placed in the line (accepted
    forms found, other fixes): a word inside one is no leftover."""
    before = text[start:end]
    if _DIGIT.findall(before) != _DIGIT.findall(after):
        return "its digits would change"
    lang = readings.target_lang
    leftover = leftover_word(text, start, end, entry, readings, names)
    if leftover:
        return f"«{text[leftover[0]:leftover[1]]}» beside it looks like part of the name, and would stay"
    glued = _glued(before, after, entry, readings)
    if glued:
        return glued
    lost = _function_word_lost(before, after, entry, readings) or _repeated_word_lost(before, after, readings)
    if lost:
        return f"«{lost}» would be lost"
    built = _built_on(before, after, entry, lang)
    if built:
        return built
    longer = _inside_longer_name(text, start, end, after, lang, source_aware)
    if longer:
        return f"«{longer}» beside it makes it part of a longer name"
    used = _part_used_as_a_word(text, start, end, after, readings)
    if used:
        return used
    other = _another_known_word(before, after, entry, readings)
    if other:
        return f"«{other[0]}» is a word of its own, not a misspelling of «{other[1]}»: another name"
    return _another_form(before, after, entry, readings)


def _another_form(before: str, after: str, entry: GlossaryEntry, readings: Readings) -> str | None:
    """Rules 8-10 (:mod:`glossary.language.word_form`): the span's words are written as another word is."""
    indefinite = word_form.indefinite_word(before)
    if indefinite:
        return f"«{indefinite}» is written with tanween: an indefinite word, not a name"
    if readings.target_lang != "ar":
        # (Word order and the article are Arabic's: "State Symphony Orchestra in Istanbul" is the
        # Istanbul State Symphony Orchestra.)
        w = word_form.w_without_waw(before, [after, *entry.forms("en")], entry.forms("ar"))
        return f"«{w}» has a w where the name's Arabic has no «و»: another word, not the name" if w else None
    if word_form.reordered(before, after, readings.stopwords):
        return "the span has the name's words in another order: another phrase"
    if word_form.gains_no_article(before, after):
        return f"«{before}» has the article and «{after}» never takes it: another word"
    letter = word_form.foreign_sound_letter(before, entry.forms("ar"))
    if letter:
        return f"«{before}» is written with «{letter}», which the name does not have: an Arabic word, not the name"
    twice = word_form.one_sound_twice(before, entry.forms("ar"))
    if twice:
        return f"«{twice}» writes one sound with two letters side by side: an Arabic word, not the name"
    return None


def keep_digit_style(after: str, before: str) -> str:
    """``after`` with its digits written as ``before`` writes digits (Western 0-9 or Eastern Arabic):
    a glossary's «فورمولا ١» replaces «فورمولا 1» as «الفورمولا 1»."""
    written = _DIGIT.findall(before)
    if not written or not _DIGIT.search(after):
        return after
    eastern = all("\u0660" <= d <= "\u0669" for d in written)
    western = all("0" <= d <= "9" for d in written)
    if not (eastern or western):
        return after
    return _DIGIT.sub(lambda m: chr(0x660 + int(fold(m.group()))) if eastern else fold(m.group()), after)


# -- 2. leftovers ---------------------------------------------------------------------------------

def leftover_word(text: str, start: int, end: int, entry: GlossaryEntry, readings: Readings,
                  names: Iterable[tuple[int, int, str]] = ()) -> tuple[int, int] | None:
    """The span of a word just before or after ``text[start:end]`` (joined to it by a space, a hyphen
    or an apostrophe) that looks like a word of the name the span does not render: a fragment of the
    old rendering.  A word inside one of ``names`` (another name already placed) is none."""
    span_words = TOKEN.findall(fold(text[start:end]))
    missing = missing_name_words(fold(text[start:end]), entry, readings)
    for word_start, word in (_word_before(text, start), _word_after(text, end)):
        if word is None:
            continue
        if _written_twice(fold(word), span_words, entry, readings) and not _inside_a_name(names, word_start):
            return word_start, word_start + len(word)  # "Haraba Haraba" -> "Harappa Haraba"
        if not missing:
            continue
        # (A word of the name glued onto a neighbour is written twice even if the neighbour is a name.)
        if _ends_in_a_name_word(fold(word), missing, word_start < start) or (
                not _inside_a_name(names, word_start) and _looks_like_one_of(fold(word), missing, readings)):
            return word_start, word_start + len(word)
    return None


def _written_twice(word: str, span_words: Sequence[str], entry: GlossaryEntry, readings: Readings) -> bool:
    """The word beside the fix repeats a word of the old rendering that the name has only once."""
    if word not in span_words or word in readings.stopwords or len(word) < 3:
        return False
    return not any(TOKEN.findall(fold(form)).count(word) > 1 for lang in (readings.source_lang, readings.target_lang)
                   for form in entry.forms(lang))


def _ends_in_a_name_word(word: str, missing: set[str], before: bool) -> bool:
    """The word before the fix ends (the word after it starts) with a word of the name glued on
    without a space: completing «باقر الحكيم» in «عيترونومحمد باقر الحكيم» would write «محمد» twice."""
    return any(len(w) >= 3 and len(word) >= len(w) + 2 and (word.endswith(w) if before else word.startswith(w))
               for w in missing)


def _inside_a_name(names, position: int) -> bool:
    if isinstance(names, NamesPlaced):
        return names.spans.overlaps(position, position + 1)  # (a long line has thousands of names)
    return any(s <= position < e for s, e, _ in names)


def missing_name_words(span_folded: str, entry: GlossaryEntry, readings: Readings) -> set[str]:
    """The words of the entry's forms (either language, no function words or articles) that no
    word of the span looks like."""
    span_words = TOKEN.findall(span_folded)
    return {w for w in name_words(entry, readings) if not any(words_alike(s, w) for s in span_words)}


_NAME_WORDS: dict[tuple, frozenset[str]] = {}


def name_words(entry: GlossaryEntry, readings: Readings) -> frozenset[str]:
    """The words of an entry's forms in both languages, folded, without function words and articles."""
    key = (entry.id, readings.source_lang, readings.target_lang, *entry.forms(readings.source_lang),
           "|", *entry.forms(readings.target_lang))
    found = _NAME_WORDS.get(key)
    if found is None:
        if len(_NAME_WORDS) > 200_000:
            _NAME_WORDS.clear()
        words = {w for lang in (readings.source_lang, readings.target_lang) for form in entry.forms(lang)
                 for w in TOKEN.findall(fold(form))}
        found = _NAME_WORDS[key] = frozenset(
            w for w in words if w not in readings.stopwords and w not in LATIN_ARTICLES and len(w) >= 2)
    return found


def _looks_like_one_of(word: str, name_words: set[str], readings: Readings) -> bool:
    if len(word) < 2 or word in readings.stopwords or word in LATIN_ARTICLES or generic_kind(word) is not None:
        return False
    return any(words_alike(word, w) for w in name_words)


# What joins a word to the next inside one name: spaces, a hyphen, an apostrophe (not a full stop,
# which more often ends the sentence than an abbreviation).
_NAME_JOINER = re.compile(r"[ \t\u00a0\-'\u2019]{1,3}")


def _word_before(text: str, start: int) -> tuple[int, str | None]:
    words = list(TOKEN.finditer(text, max(0, start - 64), start))
    if not words or words[-1].end() == start or not _NAME_JOINER.fullmatch(text, words[-1].end(), start):
        return start, None
    if words[-1].start() == max(0, start - 64) and words[-1].start() > 0 and text[words[-1].start() - 1].isalnum():
        return start, None  # a word cut by the window
    return words[-1].start(), words[-1].group()


def _word_after(text: str, end: int) -> tuple[int, str | None]:
    found = TOKEN.search(text, end, min(len(text), end + 64))
    if found is None or found.start() == end or not _NAME_JOINER.fullmatch(text, end, found.start()):
        return end, None
    return found.start(), found.group()


# -- 3. glued words -------------------------------------------------------------------------------

def _glued(before: str, after: str, entry: GlossaryEntry, readings: Readings) -> str | None:
    """A token of the span made of words written without a space: a word of the language glued onto
    the name (the fix would delete it: «رئيسالولايات», «لندنفي»), or the name's own words run
    together («مجلسالأمن», the writer's text rather than a mangled name)."""
    lang = readings.target_lang
    forms = [fold(f) for f in entry.forms(lang)]  # (not the replacement: it carries the span's clitics)
    name_words = set(TOKEN.findall(fold(after))) | {w for f in forms for w in TOKEN.findall(f)}
    # English writes its words apart, so a word glued on by a slip or in a compound leaves the name
    # beside it intact ("Transalaska", "Apttown"), or is a word of four letters or more, or starts
    # with a capital ("Moliwood", "SkyTeam"); a mangled name's letters that merely spell a short word
    # ("Trouway" for Troy, "Kitchagioglu", "Inseladus") are its own.  Arabic glues clitics and, in
    # human text, whole words onto a name it may spell otherwise: there a word of the name alike is
    # enough.
    intact = not is_arabic(before)

    def names_it(piece: str) -> bool:
        return fold(piece) in name_words if intact else any(words_alike(fold(piece), w) for w in name_words)

    def a_word_of_its_own(word: str, rest: str, token: str) -> bool:
        if not intact:
            return True
        cut = len(word) if token.lower() == word + rest else len(rest)  # where the two meet
        return names_it(rest) or len(word) >= 4 or token[cut].isupper()

    for token in TOKEN.findall(before):
        written, token = token, token.lower()
        pieces = glued_pieces(token, lang)
        if pieces:
            own = [p for p in pieces if names_it(p)]
            if own and len(own) == len(pieces):
                return f"«{token}» is words of the name written without a space"
            if own and _closer(fold("".join(own)), fold(token), forms):
                return f"«{next(p for p in pieces if p not in own)}» is glued to the name and would be lost"
        for word, rest in glued_splits(token, lang):
            # A word that is no word of the name, and without it the rest renders the name better.
            if (not any(words_alike(fold(word), w) for w in name_words) and a_word_of_its_own(word, rest, written)
                    and _closer(fold(rest), fold(token), forms)):
                return f"«{word}» is glued to the name and would be lost"
    letters = _letters_glued_to_a_form(fold(before), fold(after), forms)
    if letters:
        return f"«{letters}» is glued to the name and would be lost"
    return None


def _letters_glued_to_a_form(span: str, after: str, forms: Sequence[str]) -> str | None:
    """Letters written without a space before a form of the name, or «و» and a word after it, that
    the fix would delete: «كاسبوتيسوزيجمونت» (Kaspu and Zygmunt) -> «زيجمونت», «سيعجلون» (they will
    hasten) -> «عجلون», «بغدادودمشق» -> «بغداد».  The glued word need not be one the language knows (a
    name seldom is); the form must be there letter for letter, so that a mangled name's extra letters
    («باتافيه», "Homeros") are still its own.  Before a form, Arabic clitics and the article are the
    fix's to keep or drop."""
    for form in forms:
        at = span.find(form)
        while at >= 0:
            head = span[:at].rsplit(" ", 1)[-1]
            tail = span[at + len(form):].split(" ", 1)[0]
            if len(head) >= 2 and not after.startswith(span[:at]) and not _clitics_and_article(head):
                return head
            if len(tail) >= 3 and tail.startswith("و") and not after.endswith(span[at + len(form):]):
                return tail
            at = span.find(form, at + 1)
    return None


def _clitics_and_article(letters: str) -> bool:
    """Arabic proclitics, the article, or both («و», «بال», «لل»)."""
    return any(letters in (p, p + "ال") for p in arabic.PROCLITICS) or letters in ("لل", "ولل", "فلل")


def _closer(part: str, whole: str, forms: Sequence[str]) -> bool:
    """``part`` is spelled more like a form of the name or one of its words (spaces aside) than
    ``whole`` is."""
    targets = [form.replace(" ", "") for form in forms] + [w for form in forms for w in form.split()]

    def best(text: str) -> float:
        return max(Indel.normalized_similarity(text, target) for target in targets)

    return best(part) > best(whole)


def _function_word_lost(before: str, after: str, entry: GlossaryEntry, readings: Readings) -> str | None:
    """A function word inside the span that neither the replacement nor any form of the name has:
    «الحضارة في وادي» -> «الحضارة وادي السند» would drop «في» ("in")."""
    words, written = TOKEN.findall(fold(before)), TOKEN.findall(fold(after))
    stop = readings.stopwords
    if {w for w in words if w not in stop} == {w for w in written if w not in stop}:
        return None  # the same words in the name's order: "State Symphony Orchestra in Istanbul"
    kept = set(written) | {w for lang in (readings.source_lang, readings.target_lang)
                           for f in entry.forms(lang) for w in TOKEN.findall(fold(f))}
    for word in words[1:-1]:
        if word in readings.stopwords and word not in kept:
            return word
    return None


def _repeated_word_lost(before: str, after: str, readings: Readings) -> str | None:
    """A word the span has more often than the replacement (clitics and article aside): the span
    runs on into the next phrase, and the fix would lose it («والبحر المتوسط والبحر الأدرياتيكي»:
    the Mediterranean and the Adriatic Sea -> «والبحر الأبيض المتوسط الأدرياتيكي»)."""
    words = [w for w in TOKEN.findall(fold(before)) if w not in readings.stopwords]
    written = [w for w in TOKEN.findall(fold(after)) if w not in readings.stopwords]
    for word in words:
        same = _variants(word)
        if sum(1 for w in words if _variants(w) & same) > max(1, sum(1 for w in written if _variants(w) & same)):
            return word
    return None


# -- 4. part of speech ----------------------------------------------------------------------------

def _built_on(before: str, after: str, entry: GlossaryEntry, lang: str) -> str | None:
    if lang == "ar" and entry.type.upper() == "PER":
        return None  # «المالكي»: a surname that ends like a nisba adjective is a name
    after_words = TOKEN.findall(after.lower())
    words = TOKEN.findall(before.lower())
    for word in words:
        for base in after_words:
            for core in word_readings(word, lang):
                if derives_from(core, base, lang):
                    return f"«{word}» is a word built on «{base}», not a misspelling of it"
    if lang == "ar" and len(words) == len(after_words):  # (word for word: «الألعاب الأولومبية»)
        for word, base in zip(words, after_words):
            if adjective_for_a_noun(word, base):
                return f"«{word}» is an adjective and «{base}» a noun: another word, not a misspelling"
    return None


def word_readings(word: str, lang: str) -> set[str]:
    """A word (lower case) as written and without the proclitics it may carry (not folded: word lists know
    «الخليجية», not its folded «الخليجيه»)."""
    if lang != "ar":
        return {word, word.removesuffix("'s")}
    out = {word}
    for proclitic in arabic.PROCLITICS:
        if proclitic and word.startswith(proclitic) and len(word) - len(proclitic) >= 3:
            rest = word[len(proclitic):]
            out.add("ا" + rest if proclitic.endswith("ل") and rest.startswith("ل") else rest)  # لل: ل + ال
    return out


# -- 5. a longer name -----------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?:;\"“”(\[]\s*$")


def _inside_longer_name(text: str, start: int, end: int, after: str, lang: str, source_aware: bool) -> str | None:
    if lang != "en":
        return None  # Arabic has no capitals to tell
    if source_aware and min(word_zipfs(text[start:end], lang), default=0.0) < KNOWN_NAME_ZIPF and (
            Indel.normalized_similarity(fold(text[start:end]), fold(after)) >= MANGLED_IN_A_NAME_SPELLING):
        # The source names it, and the span is no word the language knows but spelled much like the
        # name: a mangled part of a longer name ("Alex Oveschkin", "Riding Rinbo Station") is still
        # mangled.  One spelled otherwise is a name of its own ("Sara Errani", "Long Lartin").
        return None
    own = {w.lower() for w in TOKEN.findall(fold(after))} | {w.lower() for w in TOKEN.findall(fold(text[start:end]))}
    word_start, word = _word_before(text, start)
    if word is not None and not _sentence_initial(text, word_start) and _name_word(word, own):
        return word
    _, word = _word_after(text, end)
    if word is not None and _name_word(word, own):
        return word
    return None


def _sentence_initial(text: str, position: int) -> bool:
    return position == 0 or bool(_SENTENCE_END.search(text, max(0, position - 4), position))


def _name_word(word: str, own: set[str]) -> bool:
    """A capitalised word that is no title, day, month, generic word or article, nor a word of the name."""
    if not word[:1].isupper() or word.isupper() and len(word) <= 1:
        return False
    folded = fold(word)
    return (folded not in own and folded not in _CAPITALISED_WORDS and folded not in LATIN_ARTICLES
            and generic_kind(folded) is None and folded not in ("the", "of", "and"))


# -- 6. a part of a name used as a word -------------------------------------------------------------

def _part_used_as_a_word(text: str, start: int, end: int, after: str, readings: Readings) -> str | None:
    """In English, a span that is the name less its generic words ("Republican" of "Republican
    Party", "Olympic" of "Olympic Games") is an adjective when a noun follows it ("Republican
    turnout", "four Olympic golds"), and a person noun when plural ("Republicans"): not the name."""
    if readings.target_lang != "en":
        return None
    span = [w.lower() for w in TOKEN.findall(text[start:end])]
    name = [w.lower() for w in TOKEN.findall(after)]
    if not span or len(span) >= len(name):
        return None
    for part, rest in ((name[:len(span)], name[len(span):]), (name[-len(span):], name[:-len(span)])):
        if span[:-1] != part[:-1] or not all(generic_kind(fold(w)) is not None for w in rest):
            continue
        if span[-1] in (part[-1] + "s", part[-1] + "es"):
            return f"«{text[start:end]}» names people, not «{after}»"
        if span[-1] == part[-1]:
            _, following = _word_after(text, end)
            if following and following.islower() and fold(following) not in readings.stopwords:
                return f"«{text[start:end]}» is a word of «{following}» here, not «{after}»"
    return None


# -- 7. a known word for another ------------------------------------------------------------------

# Both words at least this common: a word the language uses, not a mangled spelling («الكورية» 4.4).
ANOTHER_WORD_ZIPF = 3.0


def _another_known_word(before: str, after: str, entry: GlossaryEntry, readings: Readings) -> tuple[str, str] | None:
    """In a span of several words, a word that renders none of the name's words and is itself a word
    the language knows, where the name has a known word the span lacks: «الحرب الكورية» (the Korean
    War) is not a misspelt «الحرب السورية», "West Jerusalem" is not "East Jerusalem"."""
    lang = readings.target_lang
    span = TOKEN.findall(before)
    if len(span) < 2:
        return None  # one word: its evidence is the scorer's (a mangled name is often a known word by chance)
    name = [w for w in TOKEN.findall(after) if fold(w) not in LATIN_ARTICLES]
    # The words of every form of the name, in both languages: «حياة» renders "Hayat" by its sound.
    all_name = {w for lang_ in (readings.source_lang, lang) for form in entry.forms(lang_)
                for w in TOKEN.findall(form)} | set(name)
    # (The kinds of every form of the name: "Badr Forces" for "Badr Organization", also "Badr Corps".)
    kinds = {generic_kind(v) for w in name + [w for f in entry.forms(lang) for w in TOKEN.findall(f)]
             for v in _variants(fold(w))} - {None}
    unmatched = list(name)  # the replacement's words no word of the span renders, each once
    for word in span:
        for other in unmatched:
            if _same_word(word, other, lang):
                unmatched.remove(other)
                break
    for word in span:
        folded = fold(word)
        if folded in readings.stopwords or folded in LATIN_ARTICLES or folded in ABBREVIATED:
            continue  # an article, or "St." for "Saint"
        if any(_same_word(word, w, lang) for w in all_name):
            continue
        if {generic_kind(v) for v in _variants(folded)} & kinds:
            continue  # «بمقاطعة» for «بمحافظة»: a generic word of the kind the name has (glossary.stages.invariants)
        if _known(word, lang):
            known = [w for w in unmatched if _known(w, lang)]
            if known:
                return word, known[0]
    return None


def _same_word(written: str, other: str, lang: str) -> bool:
    """:func:`words_alike` (of two words as written), but two words the language knows must be
    spelled almost alike or sound the same: «العثمانية» is not «الرومانية», "South" not "Southern"."""
    a, b = fold(written), fold(other)
    if not words_alike(a, b):
        return False
    if is_arabic(a) != is_arabic(b) or not (_known(written, lang) and _known(other, lang)):
        return True
    # (or sound the same: «سباح» / «صباح»)
    return any(Indel.normalized_similarity(x, y) >= SHORT_WORD_SPELLING or len(skeleton(x)) >= 2
               and skeleton(x) == skeleton(y) for x in _variants(a) for y in _variants(b))


def _known(word: str, lang: str) -> bool:
    return max(zipf(w, lang) for w in word_readings(word.lower(), lang)) >= ANOTHER_WORD_ZIPF


def broken_rules(text: str, fixes: Sequence, entries: dict[str, GlossaryEntry], readings: Readings) -> list[str | None]:
    """:func:`unverified` for each fix of one line (for tests and reports)."""
    names = [(f.start, f.end, f.entry_id) for f in fixes]
    return [unverified(text, f.start, f.end, f.after, entries[f.entry_id], readings,
                       [n for n in names if n[:2] != (f.start, f.end)]) for f in fixes]

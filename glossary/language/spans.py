"""What a span of a translation says as written: capitals, acronyms, clitics, its neighbours, a shorter form of a name.

Repair's evidence (:mod:`glossary.stages.evidence`) reads a span's words
beside its scores: English writes a name with a capital, an acronym or brand
is kept as it is (AOL, eBay, «جي بي إس»), a proclitic letter may be the
sentence's preposition, a name left in the source's script may be part of a
longer run in that script, and a span may be a name with words left out or
with another generic word of its kind («مقاطعة» for «محافظة»).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lexicon import COMMON_WORD_ZIPF, generic_kind, word_zipfs, zipf
from .normalize import fold
from .phonetic import is_arabic, skeleton
from .readings import TOKEN, Readings, last_visible, strip_article

# A span that is a form of the name with words left out (Evidence.shorter): inside, or at an end.
SHORT_NAME, CUT_SHORT = "inside", "end"


def _clitic_makes_a_word(word: str, proclitic: str, lang: str) -> bool:
    """«ولاية» (state) is a word, not «و» + «لاية» or «ول» + «اية»: a reading that cuts a clitic off
    a common word and leaves a less common one («بالموصل» leaves the more common «الموصل»)."""
    rest = word[len(proclitic):]
    return zipf(word, lang) >= COMMON_WORD_ZIPF[lang] and zipf(rest, lang) < zipf(word, lang)


def _all_common(text: str, start: int, end: int, lang: str) -> bool:
    """Every word of ``text[start:end]`` is an ordinary word of ``lang``.  A frequency list counts
    names too («هارفارد», "Harvard"), so in English a capitalised word inside a sentence is a name,
    never an ordinary word; Arabic has no capitals to tell."""
    span = text[start:end]
    if lang == "en":
        before = last_visible(text, start)  # (len(text[:start].rstrip()), without copying a long line)
        sentence_start = before == 0 or text[before - 1] in ".!?:;\"“"
        words = TOKEN.findall(span)
        if any(w[:1].isupper() for w in (words if not sentence_start else words[1:])):
            return False
    zipfs = word_zipfs(span, lang)
    return bool(zipfs) and min(zipfs) >= COMMON_WORD_ZIPF[lang]


def _without_proclitic(written: str, proclitic: str) -> str:
    """The span as written less the ``proclitic`` (folded) it starts with (and ل of «لل» given back
    as the article's alef: «للألعاب» -> «الألعاب»)."""
    written = written.strip()
    if not proclitic:
        return written
    rest = written[len(proclitic):]
    return "ا" + rest if proclitic.endswith("ل") and rest.startswith("ل") and not rest.startswith("ال") else rest


def _shorter_form(core: str, targets: Sequence[str], readings: Readings, forms: Sequence[str] = ()) -> str:
    """Every word of the span is a word of a form of the name, spelled right, and the form has more:
    "Syrian Red Crescent" for "Syrian Arab Red Crescent", "Soviet" for "Soviet Union".  Nothing in it
    is mangled: it is a shorter name (or the word of one), not a misspelling.  ``SHORT_NAME`` when the
    span is an Arabic name without adjectives it may drop (:func:`_droppable`: «البحر المتوسط» for
    «البحر الأبيض المتوسط»), ``CUT_SHORT`` for any other («محافظة صلاح»), else "".  ``forms``: the
    name's forms as written (``targets`` lack their first article), in the same order."""
    words = [strip_article(w) for w in core.split() if w not in readings.stopwords]
    if not words:
        return ""
    found = ""
    for target, form in zip(targets, forms or targets):
        name = [strip_article(w) for w in target.split() if w not in readings.stopwords]
        if len(words) < len(name) and all(w in name for w in words):
            # Which words may be dropped is read off the form as written, its first article too.
            written = [w for w in fold(form).split() if w not in readings.stopwords]
            dropped = [i for i, w in enumerate(name) if w not in words]
            if (len(words) >= 2 and is_arabic(target) and len(written) == len(name)
                    and all(_droppable(written, i) for i in dropped)):
                return SHORT_NAME
            found = CUT_SHORT
    return found


def _droppable(words: Sequence[str], i: int) -> bool:
    """The ``i``-th word of an Arabic name is an adjective a writer may leave out: it has the article
    after a word with the article, inside the name (a definite noun and its adjective, «البحر
    الأبيض»), not the second half of a construct («صلاح الدين»)."""
    return 0 < i < len(words) - 1 and all(w.startswith("ال") and len(w) > 3 for w in words[i - 1:i + 1])


def _starts_with_a_proclitic(core: str, targets: Sequence[str]) -> bool:
    """``core`` (a whole span, read with no proclitic) starts with a proclitic letter that no form of
    the name starts with (without its article): that letter is the sentence's preposition or
    conjunction, and a replacement that took it in would drop it."""
    if not core[:1] or core[0] not in "وفبلك" or not is_arabic(core):
        return False
    return not any(strip_article(t).startswith(core[0]) or t.startswith(core[0]) for t in targets)


def _generic_swap(core: str, targets: Sequence[str], cut_short: bool = False) -> bool:
    """The name with another generic word of its kind, the rest the same or spelled by sound: «مقاطعة
    صلاح الدين» or «مقاطعة سالاه الدين» for «محافظة صلاح الدين» (province for governorate); with
    ``cut_short`` (a source names the whole), also the rest's first words only («مقاطعة صلاح»)."""
    words = core.split()
    for target in targets:
        name = target.split()
        if cut_short and 2 <= len(words) < len(name) and words[1:] == name[1:len(words)]:
            name = name[:len(words)]
        if len(words) != len(name) or len(words) < 2 or words[0] == name[0]:
            continue
        kind = generic_kind(strip_article(words[0]))
        if kind is None or kind != generic_kind(strip_article(name[0])):
            continue
        rest, wanted = " ".join(words[1:]), " ".join(name[1:])
        if rest == wanted or len(skeleton(wanted)) >= 4 and _sounds(rest) & _sounds(wanted):
            return True
    return False


def _own_words(folded: str) -> str:
    """A folded span without its generic words ("province", «محافظة»: glossary.language.lexicon)."""
    return " ".join(w for w in folded.split() if generic_kind(strip_article(w)) is None)


def _sounds(folded: str) -> set[str]:
    """Consonant skeletons of a text, a word-final «ه» read as the vowel it usually is and as the "h"
    a transliteration writes with it («سالاه» for "Salah")."""
    return {skeleton(folded), skeleton(re.sub(r"ه\b", "ح", folded))}


def _keep_capitals(after: str, written: str) -> str:
    """A replacement a glossary stores in lower case (a list of Wikidata name words: "ferrani") takes
    the capitals of the name it replaces ("Ferrari" -> "Ferrani"): English writes names so."""
    if any(ch.isupper() for ch in after) or not written[:1].isupper() or is_arabic(after):
        return after
    return " ".join(w[:1].upper() + w[1:] for w in after.split(" "))


def keep_one_closing_mark(after: str, text: str, end: int) -> str:
    """A name that ends in a mark ("Piquet Jr.") put before the same mark of the text is written
    with one: "Piquet Jr.. was ruled out" would double the full stop."""
    if after and not after[-1].isalnum() and not after[-1].isspace() and text[end:end + 1] == after[-1]:
        return after[:-1]
    return after


def _in_foreign_run(text: str, start: int, end: int, target_lang: str) -> bool:
    """A neighbouring word (across spaces, hyphens and a title's punctuation) is in the source's
    script too: "A1GP New Zealand team" or "The Last Palace: Europe's Turbulent Century" left in Latin
    inside an Arabic sentence is a longer name or title, not "New Zealand" or "Europe"."""
    left = _left_word(text, start)
    right = _RIGHT_WORD.match(text, end)
    words = [m.group(1) for m in (left, right) if m]
    return any(any(ch.isalpha() for ch in w) and is_arabic(w) != (target_lang == "ar") for w in words)


# A neighbouring word across spaces, hyphens and the punctuation inside a title ("The Last Palace:
# Europe's Turbulent Century"), and after a possessive.
_LEFT_WORD = re.compile(r"(\w+)[ \-:,;]+$")
_RIGHT_WORD = re.compile(r"(?:'s|’s)?[ \-:,;]+(\w+)")
_WORD_CHARACTER = re.compile(r"\w")


def _left_word(text: str, start: int) -> re.Match | None:
    """``_LEFT_WORD.search(text, 0, start)``, reading only the end of ``text[:start]``.

    The match is the word before the run of spaces, hyphens and punctuation that ends the text.
    In a window of the text's end it is the same match when it starts after
    the window's first character; no match in a window that holds a word
    character means none in the whole text."""
    size = 64
    while True:
        low = max(0, start - size)
        found = _LEFT_WORD.search(text, low, start)
        if low == 0 or (found.start() > low if found else _WORD_CHARACTER.search(text, low, start)):
            return found
        size *= 4


# The names of the Latin letters as Arabic writes them in spelled-out acronyms («جي بي إس» GPS), folded.
_LETTER_NAMES = frozenset(fold(w) for w in "إيه اي بي سي دي إي إف جي إتش اتش آي جيه كيه كاي إل إم إن أو بي كيو آر "
                                            "إس اس تي يو في دبليو إكس اكس واي زد زي".split())


def acronym_or_brand(written: str) -> bool:
    """AOL, NBA, eBay, iPhone, «جي بي إس»: spellings that writers keep as they are."""
    words = TOKEN.findall(fold(written))
    if len(words) >= 2 and all(w in _LETTER_NAMES for w in words):
        return True
    letters = [ch for ch in written if ch.isalpha()]
    if len(letters) < 2:
        return False
    all_capitals = all(ch.isupper() for ch in letters)
    # eBay, iPhone: one word whose capital is not its first letter ("the Anion" is two words).
    inner_capital = len(TOKEN.findall(written)) == 1 and letters[0].islower() and any(ch.isupper() for ch in letters[1:])
    return all_capitals or inner_capital


def _capitalised(span: str, forms: Sequence[str]) -> bool:
    """The span starts with a capital, as English names do (or, as eBay and iPhone, has one inside,
    where the glossary writes the name so); a glossary that stores names in lower case (a list of
    Wikidata name words) does not make "the" or "will" a name."""
    return span[:1].isupper() or any(ch.isupper() for ch in span) and any(f[:1].islower() for f in forms)

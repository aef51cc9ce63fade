"""Hunt for damage: generated text that is correct and needs no repair, repaired by mtrepair.

Every sentence this script builds is a correct sentence (or a correct
translation of its source), so every change that repair *applies* (a fix; not
a suggestion) is a false fix.  The sentences come from templates, several per
class, in Arabic and English, filled with words built from the glossary under
test:

1. ``derived``: words derived from an entry: English demonyms, adjectives, person
   nouns and plurals made by rules (Syria -> Syrian, Lebanon -> Lebanese,
   Christianity -> Christian, France -> French ...), kept only when wordfreq
   knows them (zipf >= 1.5) and they are not far more frequent than their
   base; Arabic nisba forms of place and group names (العراق -> العراقي /
   العراقية / العراقيين / العراقيون), with and without the article, and plurals
   with the clitics و / ب.  Not for people's names (so not for the untyped
   wikidata glossary).  Source-aware cases use the sentence in the other
   language with the BASE name ("forces from Syria" for «القوات السورية»).
   Some rule-made words are real words that are no derivation (Hama ->
   Haman, الطبقة -> الطبقية): read the JSONL before blaming repair.
2. ``glued``: a word written without a space next to a name («رئيسالعراق»,
   «بغدادفي», "inBaghdad"), a glued preposition beside a name («منأجل»), two names
   glued («بغدادودمشق»).  Table column "glue lost": changed cases where the
   glued word is gone from the repaired text (the fix swallowed it).
3. ``longer``: an entry's name inside a longer, different name ("New {X}",
   "{X} University", "{X-adj} Democratic Forces", «مجلس التعاون {X-nisba}»), and
   glossary names that contain a shorter entry's name.
4. ``near-words``: for each one-word form, the most frequent real words
   (wordfreq top 100,000) within Levenshtein distance 1-2 (1 for forms of up to
   4 letters), not the name with a clitic: in quoting templates (target-only),
   and in the real human-translated sentences of ../shared (FLORES-101 dev,
   TICO-19 dev, NTREX, PUD) that contain them, with their aligned source.
5. ``person-names``: Wikidata name words (../shared/data/wikidata-name-words) as
   a person's first and last name ("Minister {First} {Last} said ..."), half
   of them chosen because they are close to a word of a glossary form; names
   equal to a glossary form in either language are left out (there the
   glossary may rightly enforce its form).
6. ``variants``: every accepted non-preferred form of an entry, alone and (Arabic)
   with the clitics و / ب.  Accepted forms are never to be touched.

Each case is repaired target-only and, where a natural source exists,
source-aware.  Glossaries: ``levant-news`` (built in), ``names-dev``
(../shared/data/names-dev.tsv) and ``wikidata``: a seeded random sample of
--wiki-size entries (default 3,000) of the 64,796 Wikidata name words, because
target-only repair with all of them is too slow for a hunt; for person-names
with this glossary, the text uses name words outside the sample.  --limit
caps the cases per class and glossary (a seeded sample).

Output: a table per class, glossary, direction and mode (cases, changed cases,
changed per 1,000, fixes, suggestions, "off-slot": fixes outside the generated
span, "glue lost", errors: exceptions raised by repair), then five example
changes per class (most confident first, one per entry); every false fix is
written to --out as one JSON line (the case, its source, the repaired text and
the fix with its evidence).  Sampling is seeded: the same code gives the same
figures.  The whole hunt takes about 5 minutes on 2 cores (under 1 GB).

    .venv/bin/python benchmarks/damage_hunt.py [--glossary all|levant-news|names-dev|wikidata]
        [--classes derived,glued,longer,near-words,person-names,variants] [--limit 30000]
        [--wiki-size 3000] [--seed 1] [--workers 2] [--out bench-out/damage-hunt.jsonl]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache
from multiprocessing import Pool
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from wordfreq import top_n_list, zipf_frequency

from devdata import FLORES, NAMES, ROOT, SHARED, TICO, lines

from glossary.entry import Glossary, GlossaryEntry
from glossary.files import load_glossary
from glossary.repair import Repairer

WIKI = SHARED / "data" / "wikidata-name-words" / "names.tsv"
CORPORA = ((FLORES / "dev.en", FLORES / "dev.ar"), (TICO / "dev.en", TICO / "dev.ar"),
           (SHARED / "data/ntrex/ntrex.en", SHARED / "data/ntrex/ntrex.ar"),
           (SHARED / "data/pud/pud.en", SHARED / "data/pud/pud.ar"))
GLOSSARIES = ("levant-news", "names-dev", "wikidata")
CLASSES = ("derived", "glued", "longer", "near-words", "person-names", "variants")
OTHER = {"en": "ar", "ar": "en"}
REAL_WORD_ZIPF = 1.5  # wordfreq knows the word: a derived form below this is likely no real word
MORE_FREQUENT_THAN_BASE = 1.0  # zipf; a rule-made word this much more frequent than its base is another word
NEAR_WORDS_PER_FORM = 3
CHUNK = 100  # cases per worker task: small enough to keep both workers busy to the end


# -- cases ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    """One line to repair; any change to it is a false fix."""

    cls: str
    glossary: str
    lang: str  # the language of the text repaired (the target language)
    text: str
    source: str | None  # None: target-only repair
    slot: tuple[int, int]  # the generated span of ``text``
    entry_id: str  # the entry the case was built from ("" when none)
    note: str  # what was generated, in words
    glued: str = ""  # class glued: the glued word (two names: it and the second name), checked for in the result

    @property
    def direction(self) -> str:
        return f"{OTHER[self.lang]}→{self.lang}"

    @property
    def mode(self) -> str:
        return "target-only" if self.source is None else "source-aware"


@dataclass(frozen=True)
class Pair:
    """A template pair: the sentence in English and in Arabic, each with one ``{X}``."""

    en: str
    ar: str

    def side(self, lang: str) -> str:
        return self.en if lang == "en" else self.ar


def fill(template: str, value: str) -> tuple[str, tuple[int, int]]:
    start = template.index("{X}")
    return template.replace("{X}", value, 1), (start, start + len(value))


def both_modes(cls: str, gloss: str, lang: str, template: Pair | str, value: str, source_value: str | None,
               entry_id: str, note: str, glued: str = "") -> list[Case]:
    """The target-only case and, when the template has a source side, the source-aware one."""
    text_template = template.side(lang) if isinstance(template, Pair) else template
    text, slot = fill(text_template, value)
    out = [Case(cls, gloss, lang, text, None, slot, entry_id, note, glued)]
    if isinstance(template, Pair) and source_value is not None:
        source, _ = fill(template.side(OTHER[lang]), source_value)
        out.append(Case(cls, gloss, lang, text, source, slot, entry_id, note, glued))
    return out


# -- words ------------------------------------------------------------------------------------------

ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
DIACRITICS = re.compile("[\u064b-\u0652\u0640]")
WORD = re.compile(r"\w+(?:['’-]\w+)*")
# Prefixes that make «وحمص» the name Homs with a clitic, not another word.
ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "ولل", "لل", "ال", "وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك")


def key(text: str) -> str:
    """Spelling-insensitive key: case, accents, hamza, taa marbuta and alif maqsura folded."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return DIACRITICS.sub("", text).translate(ARABIC_FOLD)


def display(form: str, lang: str) -> str:
    """How a form is written in running text: Wikidata's lower-cased English names get capitals."""
    return " ".join(w[:1].upper() + w[1:] for w in form.split()) if lang == "en" and form.islower() else form


def accepted(entry: GlossaryEntry, lang: str) -> set[str]:
    return {key(f) for f in entry.forms(lang)}


def without_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


# -- class 1: derived forms -------------------------------------------------------------------------

IRREGULAR_EN = {
    "france": ("French",), "netherlands": ("Dutch",), "britain": ("British", "Britons"),
    "united kingdom": ("British",), "turkey": ("Turkish", "Turks"), "türkiye": ("Turkish",),
    "spain": ("Spanish",), "switzerland": ("Swiss",), "greece": ("Greek", "Greeks"), "denmark": ("Danish", "Danes"),
    "sweden": ("Swedish", "Swedes"), "poland": ("Polish", "Poles"), "finland": ("Finnish", "Finns"),
    "ireland": ("Irish",), "wales": ("Welsh",), "scotland": ("Scottish", "Scots"), "england": ("English",),
    "china": ("Chinese",), "cyprus": ("Cypriot", "Cypriots"), "afghanistan": ("Afghan", "Afghans"),
    "philippines": ("Filipino", "Filipinos"), "saudi arabia": ("Saudi", "Saudis"),
    "united states": ("American", "Americans"), "kurdistan": ("Kurdish", "Kurds"), "shia": ("Shiite", "Shiites"),
    "iceland": ("Icelandic",), "new zealand": ("New Zealander",), "thailand": ("Thai",),
    "portugal": ("Portuguese",), "norway": ("Norwegian",), "peru": ("Peruvian",), "sadr": ("Sadrist", "Sadrists"),
    "baath": ("Baathist", "Baathists"), "arab": ("Arabic", "Arabian"),
}
IRREGULAR_AR = {
    "الولايات المتحدة": "أمريكي", "الإمارات": "إماراتي", "السعودية": "سعودي", "المملكة العربية السعودية": "سعودي",
    "أفغانستان": "أفغاني", "بريطانيا": "بريطاني", "فرنسا": "فرنسي", "هولندا": "هولندي", "إسرائيل": "إسرائيلي",
}


def english_rules(word: str) -> Iterator[str]:
    """Candidate derived words of one English word (most are no words; wordfreq decides)."""
    lower = word.lower()
    if lower.endswith("a"):
        yield word + "n"  # Syria -> Syrian, Gaza -> Gazan
    if lower[-1:] not in "aeiouy":
        yield from (word + suffix for suffix in ("i", "ese", "ian", "arian", "ary", "ish", "ist", "ite", "er"))
    if lower.endswith("y"):
        yield from (word[:-1] + "ian", word[:-1] + "ish")  # Hungary -> Hungarian, Turkey -> Turkish
    if lower.endswith("ny"):
        yield word[:-1]  # Germany -> German (not Italy -> Ital)
    if lower.endswith("e"):
        yield from (word[:-1] + "ian", word + "an")  # Palestine -> Palestinian, Europe -> European
    if lower.endswith("o"):
        yield word[:-1] + "an"  # Mexico -> Mexican
    if lower.endswith("on"):
        yield word[:-2] + "ese"  # Lebanon -> Lebanese
    if lower.endswith("istan") and len(word) >= 9:
        yield from (word[:-5] + "ish", word[:-5])  # Kurdistan -> Kurdish, Afghanistan -> Afghan (not Pak)
    if lower.endswith("ity"):
        yield word[:-3]  # Christianity -> Christian


def plausible(derived: str, base: str, lang: str) -> bool:
    """wordfreq knows the derived word, and it is not far more frequent than its base: «الحماية»
    ('protection') made from حماة, or "ale" from Aley, is another word, not a nisba or demonym."""
    frequency = zipf_frequency(derived.lower(), lang)
    return REAL_WORD_ZIPF <= frequency <= zipf_frequency(base.lower(), lang) + MORE_FREQUENT_THAN_BASE


# Entry types whose names have derived forms.  Not people's names, typed or not (Wikidata's): a rule
# made there gives another name or spelling (Fleury -> Fleur, Damian -> Damiani), which the glossary
# may rightly correct.
DERIVING_TYPES = ("LOC", "GRP", "ORG", "OTHER", "NORP", "EVT")


def english_derived(entry: GlossaryEntry) -> list[str]:
    """Real words derived from the entry's English forms (demonyms, adjectives, plurals), not its own forms."""
    if entry.type.upper() not in DERIVING_TYPES:
        return []
    out: dict[str, None] = {}
    for form in entry.forms("en"):
        made = [w for w in IRREGULAR_EN.get(form.lower(), ()) if zipf_frequency(w.lower(), "en") >= REAL_WORD_ZIPF]
        if " " not in form and "-" not in form and not any(c.isupper() for c in form[1:]):  # no acronyms
            made += [w for w in english_rules(form) if plausible(w, form, "en")]
        made += [w + "s" for w in made if w[-1:] in ("n", "i", "t", "r") and plausible(w + "s", w, "en")]
        out.update((w, None) for w in made if key(w) not in accepted(entry, "en"))
    return list(out)


def english_kind(word: str) -> str:
    """Which templates a derived English word fits: a plural, a person ("Londoner") or an adjective."""
    if word.endswith("s") and not word.endswith("ss"):
        return "plural"
    return "person" if word.endswith("er") else "adj"


def nisba_stem(form: str) -> str | None:
    """The stem of a place or group name's nisba: العراق -> عراقي, سوريا -> سوري, كربلاء -> كربلائي."""
    if form in IRREGULAR_AR:
        return IRREGULAR_AR[form]
    if " " in form:
        return None
    stem = without_article(form)
    if stem.endswith(("ي", "ون", "ين", "اة")):
        return None  # already a nisba or a plural (الرمادي, المسيحيين); حماة -> حموي is irregular
    if stem.endswith("اء"):
        return stem[:-1] + "ئي"
    if stem.endswith(("يا", "ية")):
        return stem[:-1]
    if stem.endswith(("ا", "ة", "ى")):
        return stem[:-1] + "ي"
    return stem + "ي"


# Nisba forms and the template they fit (grammatical agreement with the noun before them).
NISBA_FORMS: dict[str, Callable[[str], str]] = {
    "fem-def": lambda n: "ال" + n + "ة", "masc-def": lambda n: "ال" + n, "pl-gen": lambda n: "ال" + n + "ين",
    "pl-nom": lambda n: "ال" + n + "ون", "masc": lambda n: n, "fem": lambda n: n + "ة",
    "wa-pl": lambda n: "وال" + n + "ين", "bi-pl": lambda n: "بال" + n + "ين",
}
NISBA_TEMPLATES = {
    "fem-def": (Pair("Forces from {X} reached the outskirts of the city on Tuesday.",
                     "وصلت القوات {X} إلى مشارف المدينة يوم الثلاثاء."),
                Pair("The government of {X} rejected the proposal.", "رفضت الحكومة {X} الاقتراح.")),
    "masc-def": (Pair("The army of {X} announced the end of the operation.", "أعلن الجيش {X} انتهاء العملية."),
                 Pair("A spokesman for {X} said the border would reopen.", "قال المتحدث {X} إن الحدود ستفتح من جديد.")),
    "pl-gen": (Pair("The minister met refugees from {X} in Amman.", "التقى الوزير اللاجئين {X} في عمّان."),),
    "pl-nom": (Pair("Officials from {X} said the talks had failed.", "قال المسؤولون {X} إن المحادثات فشلت."),),
    "masc": (Pair("A delegation from {X} arrived on Tuesday.", "وصل وفد {X} يوم الثلاثاء."),),
    "fem": (Pair("A company from {X} won the contract.", "فازت شركة {X} بالعقد."),),
    "wa-pl": (Pair("Clashes broke out between the police and people from {X}.", "اندلعت اشتباكات بين الشرطة {X}."),),
    "bi-pl": (Pair("The government welcomed the people from {X} who returned.", "رحبت الحكومة {X} العائدين."),),
}
ENGLISH_DERIVED_TEMPLATES = {
    "adj": (Pair("Officials said the {X} delegation arrived on Tuesday.", "قال مسؤولون إن وفد {X} وصل يوم الثلاثاء."),
            Pair("{X} forces moved into the area overnight, witnesses said.",
                 "قال شهود إن قوات {X} دخلت المنطقة ليلاً."),
            Pair("The talks focused on {X} concerns about the border.", "ركزت المحادثات على مخاوف {X} بشأن الحدود.")),
    "person": (Pair("A {X} was among the injured, officials said.",
                    "قال مسؤولون إن مواطناً من {X} كان بين الجرحى."),
               Pair("The prize went to a young {X}.", "ذهبت الجائزة إلى شاب من {X}.")),
    "plural": (Pair("Thousands of {X} have returned home since the ceasefire.",
                    "عاد الآلاف من أبناء {X} إلى ديارهم منذ وقف إطلاق النار."),
               Pair("Many {X} voted in the election, officials said.",
                    "قال مسؤولون إن كثيرين من أبناء {X} أدلوا بأصواتهم في الانتخابات.")),
}


def base_name(entry: GlossaryEntry, lang: str) -> str:
    """The entry's preferred form as the source's base name ("the Druze" for a group)."""
    name = display(entry.preferred(lang), lang)
    return "the " + name if lang == "en" and entry.type.upper() == "GRP" else name


def arabic_derived(entry: GlossaryEntry) -> list[tuple[str, str]]:
    """(template kind, nisba form) pairs of a place or group name that wordfreq knows."""
    if entry.type.upper() not in ("LOC", "GRP"):
        return []
    out: dict[tuple[str, str], None] = {}
    for form in entry.forms("ar"):
        stem = nisba_stem(form)
        for kind, make in NISBA_FORMS.items() if stem else ():
            word = make(stem)
            plain = word[1:] if kind in ("wa-pl", "bi-pl") else word  # wordfreq rarely knows the clitic forms
            if key(word) not in accepted(entry, "ar") and (form in IRREGULAR_AR or plausible(plain, form, "ar")):
                out[(kind, word)] = None
    return list(out)


def derived_cases(gloss: str, glossary: Glossary) -> Iterator[list[Case]]:
    for entry in glossary.covering("en", "ar"):
        for word in english_derived(entry):
            for template in ENGLISH_DERIVED_TEMPLATES[english_kind(word)]:
                yield both_modes("derived", gloss, "en", template, word, base_name(entry, "ar"), entry.id,
                                 f"{entry.preferred('en')} -> {word}")
        for kind, word in arabic_derived(entry):
            for template in NISBA_TEMPLATES[kind]:
                yield both_modes("derived", gloss, "ar", template, word, base_name(entry, "en"), entry.id,
                                 f"{entry.preferred('ar')} -> {word}")


# -- class 2: glued words ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Glue:
    """A sentence whose ``{X}`` gets a name with ``word`` glued before or after it ("pair": a second name
    after ``word``; "near": ``word`` is glued in the template itself, next to the name)."""

    template: Pair  # the text side holds the glued form; the source side the correct sentence
    word: str
    side: str  # "before", "after", "pair", "near"
    types: tuple[str, ...] = ()  # entry types it fits (empty: any)


GLUES = {
    "ar": (
        Glue(Pair("The head of {X} said the talks would resume next week.",
                  "قال {X} إن المحادثات ستستأنف الأسبوع المقبل."), "رئيس", "before", ("LOC", "ORG")),
        Glue(Pair("The delegation arrived in {X} on Tuesday.", "وصل الوفد {X} يوم الثلاثاء."), "إلى", "before", ("LOC",)),
        Glue(Pair("Sources in {X} said calm had returned to the streets.",
                  "قالت مصادر {X} إن الهدوء عاد إلى الشوارع."), "في", "before", ("LOC", "ORG")),
        Glue(Pair("The minister met representatives of {X} in Amman yesterday.",
                  "التقى الوزير ممثلين عن {X} عمّان أمس."), "في", "after"),
        Glue(Pair("A statement was issued by {X} on Sunday.", "صدر بيان عن {X} الأحد."), "يوم", "after"),
        Glue(Pair("The minister called for action for the sake of {X}.", "دعا الوزير إلى التحرك منأجل {X}."),
             "منأجل", "near"),
        Glue(Pair("Talks were held between {X} yesterday.", "جرت محادثات بين {X} أمس."), "و", "pair"),
    ),
    "en": (
        Glue(Pair("The delegation arrived {X} on Tuesday.", "وصل الوفد إلى {X} يوم الثلاثاء."), "in", "before", ("LOC",)),
        Glue(Pair("Sources in {X} calm had returned to the streets.",
                  "قالت مصادر في {X} إن الهدوء عاد إلى الشوارع."), "said", "after", ("LOC", "ORG")),
        Glue(Pair("Talks were held between {X} yesterday.", "جرت محادثات بين {X} أمس."), "and", "pair"),
    ),
}


def glued_value(glue: Glue, name: str, second: str, lang: str) -> str:
    if glue.side == "before":
        return glue.word + name
    if glue.side == "after":
        return name + glue.word
    if glue.side == "pair":
        return name + glue.word + (" " if lang == "en" else "") + second
    return name


def glue_source(glue: Glue, name: str, second: str, lang: str) -> str:
    """The correct source-side value: both names joined as the other language joins them."""
    if glue.side != "pair":
        return name
    return f"{name} و{second}" if lang == "ar" else f"{name} and {second}"


def glued_cases(gloss: str, glossary: Glossary, rng: random.Random) -> Iterator[list[Case]]:
    entries = glossary.covering("en", "ar")
    for lang, glues in GLUES.items():
        for entry in entries:
            for glue in glues:
                if glue.types and entry.type.upper() not in glue.types:
                    continue
                other = rng.choice(entries)
                name, second = display(entry.preferred(lang), lang), display(other.preferred(lang), lang)
                value = glued_value(glue, name, second, lang)
                src = OTHER[lang]
                source_value = glue_source(glue, display(entry.preferred(src), src),
                                           display(other.preferred(src), src), src)
                marker = value[len(name):] if glue.side == "pair" else glue.word
                yield both_modes("glued", gloss, lang, glue.template, value, source_value, entry.id,
                                 f"{glue.side} {glue.word!r}: {value}", marker)


def glue_survived(case: Case, repaired: str) -> bool:
    return repaired.count(case.glued) >= case.text.count(case.glued)


# -- class 3: names inside longer names -------------------------------------------------------------

@dataclass(frozen=True)
class Longer:
    """A longer name made of an entry's name and real modifier words, in both languages.

    Placeholders: {en} / {ar} the entry's preferred forms, {en_adj} an English adjective derived from
    it, {ar_masc} / {ar_fem} its Arabic nisba with the article."""

    en: str
    ar: str
    places_only: bool  # only one-word place names ("New Mosul"); else places and people up to two words


LONGER = (
    Longer("North {en}", "شمال {ar}", True), Longer("West {en}", "غرب {ar}", True),
    Longer("New {en}", "{ar} الجديدة", True), Longer("Greater {en}", "{ar} الكبرى", True),
    Longer("{en} International Airport", "مطار {ar} الدولي", True),
    Longer("{en} Chamber of Commerce", "غرفة تجارة {ar}", True),
    Longer("{en} Cooperation Council", "مجلس التعاون {ar_masc}", True),
    Longer("{en_adj} Democratic Forces", "قوات {ar} الديمقراطية", True),
    Longer("{en_adj} National Army", "الجيش الوطني {ar_masc}", True),
    Longer("{en_adj} Red Crescent", "الهلال الأحمر {ar_masc}", True),
    Longer("{en_adj} Airways", "الخطوط الجوية {ar_fem}", True),
    Longer("North {en_adj} states", "دول شمال {ar}", True),
    Longer("{en} University", "جامعة {ar}", False), Longer("{en} Street", "شارع {ar}", False),
    Longer("{en} Stadium", "ملعب {ar}", False), Longer("{en} Foundation", "مؤسسة {ar}", False),
)
FRAMES = (
    Pair("Officials from {X} said on Tuesday that the talks would resume.",
         "قال مسؤولون من {X} يوم الثلاثاء إن المحادثات ستستأنف."),
    Pair("A statement issued by {X} welcomed the agreement.", "رحب بيان صادر عن {X} بالاتفاق."),
    Pair("The meeting was held near {X} last week.", "عُقد الاجتماع قرب {X} الأسبوع الماضي."),
)


def longer_fillers(entry: GlossaryEntry) -> dict[str, str]:
    """The values a Longer pattern may use for this entry (an adjective only when one was derived)."""
    out = {"en": display(entry.preferred("en"), "en"), "ar": entry.preferred("ar")}
    adjectives = [w for w in english_derived(entry) if english_kind(w) == "adj"]
    if adjectives:
        out["en_adj"] = adjectives[0]
    nisba: dict[str, str] = {}
    for kind, word in arabic_derived(entry):
        nisba.setdefault(kind, word)
    for name, kind in (("ar_masc", "masc-def"), ("ar_fem", "fem-def")):
        if kind in nisba:
            out[name] = nisba[kind]
    return out


def contains(longer: str, shorter: str) -> bool:
    return longer != shorter and f" {shorter} " in f" {longer} "


def nested_pairs(glossary: Glossary, lang: str) -> Iterator[tuple[GlossaryEntry, str, GlossaryEntry]]:
    """(longer entry, its form, shorter entry) where the form holds a form of the shorter entry word for word."""
    entries = glossary.covering("en", "ar")
    by_first_word: dict[str, list[tuple[str, GlossaryEntry]]] = defaultdict(list)
    for entry in entries:
        for form in entry.forms(lang):
            by_first_word[key(form).split()[0]].append((key(form), entry))
    for entry in entries:
        for form in entry.forms(lang):
            folded = key(form)
            found = {id(e): e for word in dict.fromkeys(folded.split()) for short, e in by_first_word[word]
                     if e is not entry and contains(folded, short)}
            for shorter in found.values():
                yield entry, form, shorter


def fits(pattern: Longer, entry: GlossaryEntry) -> bool:
    words = len(entry.preferred("en").split())
    if pattern.places_only:
        return entry.type.upper() == "LOC" and words == 1
    return entry.type.upper() in ("LOC", "PER", "") and words <= 2


def longer_cases(gloss: str, glossary: Glossary) -> Iterator[list[Case]]:
    for entry in glossary.covering("en", "ar"):
        fillers = longer_fillers(entry)
        for pattern in LONGER:
            if not fits(pattern, entry):
                continue
            try:
                names = {"en": pattern.en.format(**fillers), "ar": pattern.ar.format(**fillers)}
            except KeyError:
                continue  # no derived adjective or nisba for this entry
            for lang in ("en", "ar"):
                for frame in FRAMES:
                    yield both_modes("longer", gloss, lang, frame, names[lang], names[OTHER[lang]], entry.id,
                                     f"{entry.preferred(lang)} in {names[lang]}")
    for lang in ("en", "ar"):
        for longer, form, shorter in nested_pairs(glossary, lang):
            frame = FRAMES[len(form) % len(FRAMES)]
            yield both_modes("longer", gloss, lang, frame, display(form, lang),
                             display(longer.preferred(OTHER[lang]), OTHER[lang]), longer.id,
                             f"{shorter.id} {shorter.preferred(lang)} in {longer.id} {form}")


# -- class 4: real words close to names -------------------------------------------------------------

QUOTING = {
    "en": ('The sign on the door read "{X}".', 'He repeated the word "{X}" several times during the interview.',
           '"{X}" was written in large letters on every banner.'),
    "ar": ("كُتبت على اللافتة كلمة «{X}».", "كرر كلمة «{X}» عدة مرات خلال المقابلة.", "كُتبت «{X}» بخط كبير على كل لافتة."),
}


def clitic_of(word: str, names: set[str]) -> bool:
    """«وحمص», «بالموصل»: the name with a clitic or the article, not another word."""
    return any(word.startswith(p) and (word[len(p):] in names or "ال" + word[len(p):] in names)
               for p in ARABIC_PREFIXES)


@dataclass(frozen=True)
class Vocabulary:
    """wordfreq's 100,000 most frequent words of a language (letters only), grouped by folded length."""

    lang: str
    by_length: dict[int, tuple[list[str], list[str]]]  # length -> (folded words, words), most frequent first
    rank: dict[str, int]


@lru_cache(maxsize=None)
def vocabulary(lang: str) -> Vocabulary:
    words = [w for w in top_n_list(lang, 100_000) if w.isalpha() and len(w) >= 3]
    by_length: dict[int, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for word in words:
        folded, plain = by_length[len(key(word))]
        folded.append(key(word))
        plain.append(word)
    return Vocabulary(lang, dict(by_length), {w: n for n, w in enumerate(words)})


def near_words(form: str, vocab: Vocabulary, names: set[str]) -> list[str]:
    """The most frequent real words within distance 1-2 of ``form`` that are no form of any entry."""
    folded = key(form)
    limit = 1 if len(folded) <= 4 else 2
    found = []
    for length in range(len(folded) - limit, len(folded) + limit + 1):
        keys, words = vocab.by_length.get(length, ([], []))
        for _, distance, n in process.extract(folded, keys, scorer=Levenshtein.distance, score_cutoff=limit,
                                              limit=None):
            if distance > 0 and keys[n] not in names and not (vocab.lang == "ar" and clitic_of(keys[n], names)):
                found.append(words[n])
    return sorted(found, key=vocab.rank.__getitem__)[:NEAR_WORDS_PER_FORM]


@lru_cache(maxsize=None)
def corpus_lines(lang: str) -> list[tuple[str, str]]:
    """(text in ``lang``, its human translation) from every corpus in ../shared."""
    out = []
    for en_path, ar_path in CORPORA:
        en, ar = lines(en_path), lines(ar_path)
        out += list(zip(en, ar) if lang == "en" else zip(ar, en))
    return out


@lru_cache(maxsize=None)
def corpus_index(lang: str) -> dict[str, list[int]]:
    """Lower-cased word -> the corpus lines of ``lang`` that hold it."""
    index: dict[str, list[int]] = defaultdict(list)
    for n, (text, _) in enumerate(corpus_lines(lang)):
        for word in dict.fromkeys(WORD.findall(text.lower())):
            index[word].append(n)
    return index


def glossary_words(glossary: Glossary, lang: str) -> set[str]:
    return {key(f) for e in glossary.entries for f in e.forms(lang)}


def near_word_cases(gloss: str, glossary: Glossary) -> Iterator[list[Case]]:
    for lang in ("en", "ar"):
        vocab, names = vocabulary(lang), glossary_words(glossary, lang)
        pairs, index = corpus_lines(lang), corpus_index(lang)
        used: set[int] = set()  # each corpus line once: its fixes are counted once
        for entry in glossary.covering("en", "ar"):
            for form in entry.forms(lang):
                if " " in form or len(key(form)) < 3:
                    continue
                for word in near_words(form, vocab, names):
                    note = f"{form} ~ {word}"
                    template = QUOTING[lang][len(word) % len(QUOTING[lang])]
                    shown = word.capitalize() if template.startswith('"') else word
                    yield both_modes("near-words", gloss, lang, template, shown, None, entry.id, note)
                    free = [n for n in index.get(word.lower(), ()) if n not in used][:1]
                    for n in free:
                        used.add(n)
                        yield corpus_cases(gloss, lang, pairs[n], word, entry.id, note)


def corpus_cases(gloss: str, lang: str, pair: tuple[str, str], word: str, entry_id: str, note: str) -> list[Case]:
    text, source = pair
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
    slot = (found.start(), found.end()) if found else (0, len(text))
    return [Case("near-words", gloss, lang, text, None, slot, entry_id, note + " (corpus)"),
            Case("near-words", gloss, lang, text, source, slot, entry_id, note + " (corpus)")]


# -- class 5: Wikidata names in person slots --------------------------------------------------------

PERSON_TEMPLATES = (
    Pair("Minister {X} said the talks would resume next week.", "قال الوزير {X} إن المحادثات ستستأنف الأسبوع المقبل."),
    Pair("{X}, a spokesman for the ministry, declined to comment.", "ورفض {X}، المتحدث باسم الوزارة، التعليق."),
    Pair("The award went to {X} of the national team.", "ذهبت الجائزة إلى {X} من المنتخب الوطني."),
    Pair("Police said {X} was released on Monday.", "قالت الشرطة إن {X} أُفرج عنه يوم الاثنين."),
)


def wiki_pairs() -> list[tuple[str, str]]:
    return [tuple(line.split("\t")[:2]) for line in lines(WIKI) if line.count("\t") >= 1]


def wiki_split(size: int, seed: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The seeded sample that is the ``wikidata`` glossary, and the name words outside it."""
    pairs = wiki_pairs()
    chosen = set(random.Random(f"wiki-{seed}").sample(range(len(pairs)), size))
    return [p for n, p in enumerate(pairs) if n in chosen], [p for n, p in enumerate(pairs) if n not in chosen]


def glossary_name_words(glossary: Glossary, lang: str) -> list[str]:
    """Every word of four letters or more in the glossary's forms (a person's name may be near one)."""
    words = {w for e in glossary.entries for f in e.forms(lang) for w in key(f).split() if len(w) >= 4}
    return sorted(words)


def near_names(words: list[str], names: list[str]) -> list[int]:
    """Indexes of ``names`` within one edit of one of ``words`` (up to NEAR_WORDS_PER_FORM per word)."""
    by_length: dict[int, list[int]] = defaultdict(list)
    for n, name in enumerate(names):
        by_length[len(name)].append(n)
    near: dict[int, None] = {}
    for word in words:
        pool = [n for length in (len(word) - 1, len(word), len(word) + 1) for n in by_length.get(length, ())]
        found = process.extract(word, [names[n] for n in pool], scorer=Levenshtein.distance, score_cutoff=1,
                                limit=NEAR_WORDS_PER_FORM)
        near.update((pool[i], None) for _, _, i in found)
    return list(near)


def person_name_cases(gloss: str, glossary: Glossary, outside: list[tuple[str, str]], rng: random.Random,
                      count: int) -> Iterator[list[Case]]:
    """Name words near a glossary word (the hunt) and random ones, half and half; both languages."""
    taken = {lang: glossary_words(glossary, lang) for lang in ("en", "ar")}
    names = [(en, ar) for en, ar in outside if key(en) not in taken["en"] and key(ar) not in taken["ar"]]
    for lang, index in (("en", 0), ("ar", 1)):
        near = near_names(glossary_name_words(glossary, lang), [key(p[index]) for p in names])
        each = count // 8  # names per kind and language; two modes each: count cases in all
        picked = rng.sample(near, min(len(near), each)) + rng.sample(range(len(names)), min(len(names), each))
        is_near = set(near)
        for n in picked:
            first, last = (names[n], rng.choice(names)) if rng.random() < 0.5 else (rng.choice(names), names[n])
            value = {lg: f"{display(first[i], lg)} {display(last[i], lg)}" for lg, i in (("en", 0), ("ar", 1))}
            template = PERSON_TEMPLATES[n % len(PERSON_TEMPLATES)]
            yield both_modes("person-names", gloss, lang, template, value[lang], value[OTHER[lang]], "",
                             f"{names[n][index]} ({'near' if n in is_near else 'random'})")


# -- class 6: accepted variant forms ----------------------------------------------------------------

CLITIC_FRAMES = ((Pair("The minister visited Amman and {X} last week.", "زار الوزير عمّان {X} الأسبوع الماضي."), "و"),
                 (Pair("The meeting was held in {X} yesterday.", "عُقد الاجتماع {X} أمس."), "ب"))


def variant_cases(gloss: str, glossary: Glossary) -> Iterator[list[Case]]:
    for entry in glossary.covering("en", "ar"):
        for lang in ("en", "ar"):
            source = display(entry.preferred(OTHER[lang]), OTHER[lang])
            for form in entry.forms(lang)[1:]:
                shown = display(form, lang)
                yield both_modes("variants", gloss, lang, FRAMES[len(form) % len(FRAMES)], shown, source, entry.id,
                                 f"{entry.preferred(lang)} / {form}")
                for frame, clitic in CLITIC_FRAMES if lang == "ar" else ():
                    yield both_modes("variants", gloss, lang, frame, clitic + shown, source, entry.id,
                                     f"{entry.preferred(lang)} / {clitic}+{form}")


# -- glossaries and repair (in the workers) ---------------------------------------------------------

_LOADED: dict[str, Glossary] = {}
_REPAIRERS: dict[tuple[str, str], Repairer] = {}
_WIKI_SETTINGS: dict[str, int] = {}


def init_worker(wiki_size: int, seed: int) -> None:
    _WIKI_SETTINGS.update(size=wiki_size, seed=seed)


def glossary_named(name: str) -> Glossary:
    if name not in _LOADED:
        if name == "wikidata":
            sample, _ = wiki_split(_WIKI_SETTINGS["size"], _WIKI_SETTINGS["seed"])
            _LOADED[name] = Glossary.from_pairs(sample, "en", "ar")
        else:
            _LOADED[name] = load_glossary(str(NAMES) if name == "names-dev" else name)
    return _LOADED[name]


def repairer(gloss: str, lang: str) -> Repairer:
    if (gloss, lang) not in _REPAIRERS:
        _REPAIRERS[(gloss, lang)] = Repairer(glossary_named(gloss), OTHER[lang], lang)
    return _REPAIRERS[(gloss, lang)]


def repair_chunk(cases: list[Case]) -> list[dict]:
    """Each case's fixes (as dicts), suggestion count and repaired text; an exception is an error."""
    out = []
    for case in cases:
        try:
            result = repairer(case.glossary, case.lang).repair(case.text, source=case.source)
        except Exception as error:  # noqa: BLE001 -- the code under test changes; a crash is a finding
            out.append({"error": repr(error), "fixes": [], "suggestions": 0, "repaired": case.text})
            continue
        fixes = [{"start": f.start, "end": f.end, "before": f.before, "after": f.after, "entry_id": f.entry_id,
                  "method": f.method, "confidence": f.confidence, "source_name": f.source, "evidence": f.evidence}
                 for f in result.fixes]
        out.append({"fixes": fixes, "suggestions": len(result.suggestions), "repaired": result.repaired})
    return out


# -- the hunt ---------------------------------------------------------------------------------------

def generate(cls: str, gloss: str, glossary: Glossary, args: argparse.Namespace,
             outside: list[tuple[str, str]]) -> list[Case]:
    """The class's cases for one glossary: all generated, deduplicated, then a seeded sample of --limit."""
    rng = random.Random(f"{args.seed}-{cls}-{gloss}")
    groups: Iterable[list[Case]] = {
        "derived": lambda: derived_cases(gloss, glossary),
        "glued": lambda: glued_cases(gloss, glossary, rng),
        "longer": lambda: longer_cases(gloss, glossary),
        "near-words": lambda: near_word_cases(gloss, glossary),
        "person-names": lambda: person_name_cases(gloss, glossary, outside, rng, args.limit),
        "variants": lambda: variant_cases(gloss, glossary),
    }[cls]()
    seen: set[tuple] = set()
    unique = []
    for group in groups:
        group = [c for c in group if (c.lang, c.text, c.source) not in seen]
        seen.update((c.lang, c.text, c.source) for c in group)
        if group:
            unique.append(group)
    rng.shuffle(unique)  # sample whole groups, so a sentence keeps both its modes
    cases = [c for group in unique for c in group]
    return cases[:args.limit]


def chunks(cases: list[Case]) -> list[list[Case]]:
    """Cases of one glossary and language per chunk (a worker keeps one repairer per pair)."""
    by_repairer: dict[tuple[str, str], list[Case]] = defaultdict(list)
    for case in cases:
        by_repairer[(case.glossary, case.lang)].append(case)
    return [group[i:i + CHUNK] for group in by_repairer.values() for i in range(0, len(group), CHUNK)]


@dataclass
class Tally:
    cases: int = 0
    changed: int = 0
    fixes: int = 0
    suggestions: int = 0
    off_slot: int = 0
    glue_lost: int = 0
    errors: int = 0

    def add(self, other: Tally) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)


def off_slot(case: Case, fix: dict) -> bool:
    return fix["end"] <= case.slot[0] or fix["start"] >= case.slot[1]


def tally(case: Case, result: dict) -> Tally:
    fixes = result["fixes"]
    changed = bool(fixes)
    return Tally(cases=1, changed=int(changed), fixes=len(fixes), suggestions=result["suggestions"],
                 off_slot=sum(off_slot(case, f) for f in fixes),
                 glue_lost=int(changed and bool(case.glued) and not glue_survived(case, result["repaired"])),
                 errors=int("error" in result))


def records(case: Case, result: dict) -> Iterator[dict]:
    """One JSON record per false fix (or error) of a case."""
    base = {"class": case.cls, "glossary": case.glossary, "direction": case.direction, "mode": case.mode,
            "built_from": case.entry_id, "note": case.note, "text": case.text, "source": case.source,
            "repaired": result["repaired"], "slot": list(case.slot)}
    if case.glued:
        base["glued"], base["glued_survived"] = case.glued, glue_survived(case, result["repaired"])
    if "error" in result:
        yield {**base, "error": result["error"]}
    for fix in result["fixes"]:
        yield {**base, "fix": fix, "off_slot": off_slot(case, fix)}


def print_table(tallies: dict[tuple, Tally], classes: list[str]) -> None:
    header = (f"{'class':<13} {'glossary':<12} {'dir':<6} {'mode':<13} {'cases':>7} {'changed':>8} "
              f"{'/1000':>7} {'fixes':>6} {'sugg':>6} {'off-slot':>8} {'glue lost':>9} {'errors':>6}")
    print(header)
    print("-" * len(header))
    for cls in classes:
        total = Tally()
        rows = sorted(k for k in tallies if k[0] == cls)
        for row in rows:
            print_row(row, tallies[row])
            total.add(tallies[row])
        print_row((cls, "ALL", "", ""), total)
        print()


def print_row(row: tuple, t: Tally) -> None:
    cls, gloss, direction, mode = row
    rate = 1000 * t.changed / t.cases if t.cases else 0.0
    print(f"{cls:<13} {gloss:<12} {direction:<6} {mode:<13} {t.cases:>7} {t.changed:>8} {rate:>7.1f} "
          f"{t.fixes:>6} {t.suggestions:>6} {t.off_slot:>8} {t.glue_lost:>9} {t.errors:>6}")


def print_examples(examples: dict[str, list[dict]]) -> None:
    """Five changes per class, one per entry: the most confident of each glossary, direction and mode
    in turn, so that one template's many fixes do not hide the others."""
    for cls, found in examples.items():
        print(f"{cls}: examples")
        for record in pick_examples(found, 5):
            fix = record["fix"]
            print(f"  {fix['before']!r} -> {fix['after']!r}  [{fix['entry_id']}, {fix['method']}, "
                  f"{fix['confidence']:.3f}; {record['glossary']} {record['direction']} {record['mode']}]  "
                  f"in: {record['text']}")
        print()


def pick_examples(found: list[dict], count: int) -> list[dict]:
    by_run: dict[tuple, list[dict]] = defaultdict(list)
    for record in sorted(found, key=lambda r: -r["fix"]["confidence"]):
        by_run[(record["glossary"], record["direction"], record["mode"])].append(record)
    queues = [by_run[run] for run in sorted(by_run)]
    picked: list[dict] = []
    entries: set[str] = set()
    while len(picked) < count and any(queues):
        for queue in queues:
            while queue and queue[0]["fix"]["entry_id"] in entries:
                queue.pop(0)
            if queue and len(picked) < count:
                picked.append(queue.pop(0))
                entries.add(picked[-1]["fix"]["entry_id"])
    return picked


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--glossary", default="all", choices=("all", *GLOSSARIES))
    parser.add_argument("--classes", default=",".join(CLASSES), help="comma-separated, of: " + ", ".join(CLASSES))
    parser.add_argument("--limit", type=int, default=30000, help="cases per class and glossary (seeded sample)")
    parser.add_argument("--wiki-size", type=int, default=3000, help="entries of the wikidata glossary sample")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "bench-out" / "damage-hunt.jsonl"))
    args = parser.parse_args()
    args.classes = [c.strip() for c in args.classes.split(",") if c.strip()]
    unknown = set(args.classes) - set(CLASSES)
    if unknown:
        parser.error(f"unknown classes: {', '.join(sorted(unknown))}")
    return args


def main() -> None:
    args = parse_args()
    started = time.perf_counter()
    init_worker(args.wiki_size, args.seed)
    glossaries = list(GLOSSARIES) if args.glossary == "all" else [args.glossary]
    _, outside = wiki_split(args.wiki_size, args.seed)
    cases = [c for cls in args.classes for gloss in glossaries
             for c in generate(cls, gloss, glossary_named(gloss), args, outside)]
    generated = time.perf_counter()
    print(f"{len(cases)} cases generated in {generated - started:.0f} s; repairing with {args.workers} workers "
          f"(wikidata: a {args.wiki_size}-entry sample, seed {args.seed})\n")
    work = chunks(cases)
    tallies: dict[tuple, Tally] = defaultdict(Tally)
    examples: dict[str, list[dict]] = {cls: [] for cls in args.classes}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with Pool(args.workers, initializer=init_worker, initargs=(args.wiki_size, args.seed)) as pool, \
            out.open("w", encoding="utf-8") as sink:
        for group, results in zip(work, pool.imap(repair_chunk, work)):
            for case, result in zip(group, results):
                tallies[(case.cls, case.glossary, case.direction, case.mode)].add(tally(case, result))
                for record in records(case, result):
                    sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                    if "fix" in record:
                        examples[case.cls].append(record)
    print_table(tallies, args.classes)
    print_examples(examples)
    print(f"false fixes written to {out}; {time.perf_counter() - started:.0f} s in all "
          f"({time.perf_counter() - generated:.0f} s repairing)")


if __name__ == "__main__":
    main()

"""The generated cases of the damage hunt (benchmarks/damage_hunt.py), classes 1-3: words derived
from a glossary name (demonyms, adjectives, nisba forms), words glued onto it without a space, and
the name inside a longer, different name.  Every case is a correct sentence: any change is a false
fix.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from wordfreq import zipf_frequency

from glossary.entry import Glossary, GlossaryEntry

OTHER = {"en": "ar", "ar": "en"}
REAL_WORD_ZIPF = 1.5  # wordfreq knows the word: a derived form below this is likely no real word
MORE_FREQUENT_THAN_BASE = 1.0  # zipf; a rule-made word this much more frequent than its base is another word


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

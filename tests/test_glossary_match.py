"""Finding glossary names in text (glossary.matcher, glossary.arabic): clitics, inflection, boundaries, spans."""

from __future__ import annotations

import pytest

from glossary.arabic import Shape, rebuild, surface_forms, with_proclitic
from glossary.entry import Glossary, GlossaryEntry
from glossary.matcher import TermMatcher
from glossary.normalize import fold

MOSUL = GlossaryEntry("mosul", {"en": ("Mosul",), "ar": ("الموصل",)}, type="LOC")
ALAWITE = GlossaryEntry("alawite", {"en": ("Alawites", "Alawite"), "ar": ("العلويين",)}, type="GRP")
KADHIMI = GlossaryEntry("kadhimi", {"en": ("al-Kadhimi",), "ar": ("الكاظمي",)}, type="PER")
HTS = GlossaryEntry("hts", {"en": ("Hayat Tahrir al-Sham", "HTS"), "ar": ("هيئة تحرير الشام", "تحرير الشام")}, type="ORG")
SALAH = GlossaryEntry("salah", {"en": ("Salah al-Din",), "ar": ("صلاح الدين",)}, type="LOC")
SALAH_PROVINCE = GlossaryEntry("salah-province", {"en": ("Salah al-Din province",), "ar": ("محافظة صلاح الدين",)}, type="LOC")
SHAM = GlossaryEntry("sham", {"en": ("Sham",), "ar": ("الشام",)}, type="LOC")
ENTRIES = (MOSUL, ALAWITE, KADHIMI, HTS, SALAH, SALAH_PROVINCE, SHAM)


@pytest.fixture(scope="module")
def ar():
    return TermMatcher(Glossary(ENTRIES, ("en", "ar")), "ar")


@pytest.fixture(scope="module")
def en():
    return TermMatcher(ENTRIES, "en")


def found(matcher, text):
    return [(m.text, tuple(e.id for e in m.entries)) for m in matcher.find(text)]


# --- Arabic clitics -------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    ["الموصل", "بالموصل", "وبالموصل", "والموصل", "فالموصل", "كالموصل", "للموصل", "وللموصل", "فللموصل"],
)
def test_proclitics_are_part_of_the_matched_span(ar, word):
    text = f"قصفت الطائرات مواقع {word} أمس"
    assert found(ar, text) == [(word, ("mosul",))]


def test_lam_plus_article_contracts_and_the_uncontracted_spelling_is_not_a_form(ar):
    assert found(ar, "ذهب للموصل") == [("للموصل", ("mosul",))]
    assert found(ar, "ذهب لالموصل") == []  # ل + ال is always written لل


def test_with_proclitic_contracts_lam_and_article():
    assert with_proclitic("ل", "الموصل") == "للموصل"
    assert with_proclitic("ول", "الموصل") == "وللموصل"
    assert with_proclitic("ل", "الليل") == "لليل"  # the article's lam merges with an initial lam
    assert with_proclitic("ب", "الموصل") == "بالموصل"
    assert with_proclitic("ل", "بغداد") == "لبغداد"


def test_rebuild_keeps_clitic_article_and_nisba_ending():
    assert rebuild("الموصل", Shape("ل"), False) == "للموصل"
    assert rebuild("الموصل", Shape("وب"), False) == "وبالموصل"
    assert rebuild("العلويين", Shape("و", True, "يون"), True) == "والعلويون"
    assert rebuild("العلويين", Shape("ب", False, "ي"), True) == "بعلوي"
    assert rebuild("العلويين", Shape("", True, "يه"), True) == "العلوية"


def test_clitics_on_a_group_name(ar):
    assert found(ar, "هاجموا فالعلويين") == [("فالعلويين", ("alawite",))]
    assert found(ar, "دعما وللعلويين") == [("وللعلويين", ("alawite",))]


# --- nisba inflection: only for group-like types ---------------------------------


@pytest.mark.parametrize("word", ["علوي", "العلوي", "العلويين", "العلويون", "والعلويون", "علويون", "العلويات"])
def test_grp_entry_matches_its_nisba_forms(ar, word):
    assert found(ar, f"قال مسؤول {word} أمس") == [(word, ("alawite",))]


@pytest.mark.parametrize("word", ["العلوية", "علوية", "والعلوية", "العلويه"])
def test_grp_entry_matches_its_feminine_nisba_forms(ar, word):
    assert found(ar, f"القرى {word} في الساحل") == [(word, ("alawite",))]


def test_surface_forms_of_a_folded_form_are_folded():
    forms = [form for form, _ in surface_forms(fold("العلويين"), True)]
    assert forms and all(fold(form) == form for form in forms)


def test_person_name_does_not_inflect(ar):
    # «الكاظمية» is a Baghdad district, not a form of the surname «الكاظمي».
    assert found(ar, "انفجار في الكاظمية") == []
    assert found(ar, "قال الكاظميون") == []
    assert found(ar, "قال والكاظمي إن") == [("والكاظمي", ("kadhimi",))]


def test_the_same_word_inflects_when_the_entry_is_a_group():
    group = GlossaryEntry("kadhimi-grp", KADHIMI.terms, type="GRP")
    matcher = TermMatcher([group], "ar")
    assert found(matcher, "قال الكاظميون") == [("الكاظميون", ("kadhimi-grp",))]
    assert found(TermMatcher([KADHIMI], "ar"), "قال الكاظميون") == []


def test_location_name_does_not_take_nisba_endings(ar):
    assert found(ar, "قال الموصلي إن الموصليين") == []


# --- word boundaries ---------------------------------------------------------------


def test_a_name_inside_a_longer_word_is_not_matched(ar, en):
    # «الموصلات» (the conductors) contains «الموصل».
    assert found(ar, "تصنيع الموصلات الكهربائية") == []
    assert found(ar, "تصنيع والموصلات") == []
    # "Sham" inside "Hisham" / "shampoo".
    assert found(en, "Hisham bought shampoo") == []
    assert found(en, "Hisham went to al-Sham") == [("Sham", ("sham",))]


def test_punctuation_and_digits_next_to_a_name(ar, en):
    assert found(en, "(Mosul), Mosul. Mosul!") == [("Mosul", ("mosul",))] * 3
    assert found(ar, "«الموصل»، الموصل.") == [("الموصل", ("mosul",))] * 2
    assert found(en, "Mosul2") == []


# --- English ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gunmen attacked Alawites", "Alawites"),
        ("an Alawite village", "Alawite"),
        ("the Alawite's house", "Alawite's"),
        ("HTS's leader", "HTS's"),
        ("HTS’s leader", "HTS’s"),
        ("the hts leader", "hts"),
        ("HAYAT TAHRIR AL-SHAM fighters", "HAYAT TAHRIR AL-SHAM"),
        ("Hayat Tahrir al Sham fighters", "Hayat Tahrir al Sham"),
        ("the Mosuls of this world", "Mosuls"),
    ],
)
def test_english_case_plural_possessive_and_hyphen(en, text, expected):
    matches = en.find(text)
    assert [m.text for m in matches] == [expected]


# --- overlaps ------------------------------------------------------------------


def test_longest_match_wins(ar, en):
    assert found(en, "fighting in Salah al-Din province today") == [("Salah al-Din province", ("salah-province",))]
    assert found(en, "fighting in Salah al-Din today") == [("Salah al-Din", ("salah",))]
    assert found(ar, "اشتباكات في محافظة صلاح الدين اليوم") == [("محافظة صلاح الدين", ("salah-province",))]
    assert found(ar, "اشتباكات في صلاح الدين") == [("صلاح الدين", ("salah",))]
    # The full name wins over its accepted short form and over «الشام» inside it.
    assert found(ar, "قال قائد وهيئة تحرير الشام") == [("وهيئة تحرير الشام", ("hts",))]


def test_preferred_and_variant_forms_are_told_apart(ar):
    (full,) = ar.find("قادة هيئة تحرير الشام")
    (short,) = ar.find("قادة تحرير الشام")
    assert full.hit_for(HTS).is_preferred
    assert not short.hit_for(HTS).is_preferred


def test_several_names_left_to_right(ar):
    text = "من الموصل إلى الشام مرورا بمحافظة صلاح الدين"
    assert found(ar, text) == [("الموصل", ("mosul",)), ("الشام", ("sham",)), ("بمحافظة صلاح الدين", ("salah-province",))]


# --- spans map back to the original text ----------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("قصفت الطائرات وبالمَوْصِلِ أمس", "وبالمَوْصِلِ"),
        ("قصفت الطائرات الموصـــل أمس", "الموصـــل"),
        ("\u200fفي \u200fالموصل\u200f اليوم", "الموصل\u200f"),
        ("مقاتلو هَيْئَةِ تَحْرِيرِ الشَّامِ دخلوا", "هَيْئَةِ تَحْرِيرِ الشَّامِ"),
        ("مقاتلو هيئه تحرير   الشام دخلوا", "هيئه تحرير   الشام"),
        ("قال المسؤولون العَلَوِيُّونَ", "العَلَوِيُّونَ"),
    ],
)
def test_match_span_is_the_original_slice_with_marks(ar, text, expected):
    (match,) = ar.find(text)
    assert match.text == expected
    assert text[match.start:match.end] == match.text


def test_english_span_in_text_with_accents_and_double_spaces(en):
    text = "Fighters of  Hayat  Tahrir al–Sham and  HTS’s allies"
    matches = en.find(text)
    assert [m.text for m in matches] == ["Hayat  Tahrir al–Sham", "HTS’s"]
    for m in matches:
        assert text[m.start:m.end] == m.text


def test_empty_glossary_and_empty_text():
    assert TermMatcher([], "ar").find("الموصل") == []
    assert TermMatcher(ENTRIES, "ar").find("") == []
    # An entry without forms in the language is ignored, not an error.
    assert TermMatcher([GlossaryEntry("x", {"en": ("Mosul",)})], "ar").find("الموصل") == []


def test_acronyms_that_are_words_match_only_in_capitals():
    glossary = Glossary.from_pairs([("IS", "تنظيم الدولة الإسلامية"), ("US", "الولايات المتحدة"), ("Mosul", "الموصل")], "en", "ar")
    matcher = TermMatcher(glossary, "en")
    found = [m.text for m in matcher.find("This is what IS said; the US told us about mosul.")]
    assert found == ["IS", "US", "mosul"]  # "is" and "us" are words; names match in any case
    hts = TermMatcher(Glossary.from_pairs([("HTS", "هيئة تحرير الشام")], "en", "ar"), "en")
    assert [m.text for m in hts.find("the hts leader")] == ["hts"]  # not a word: any case

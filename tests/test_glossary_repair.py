"""Repairing names in translations (glossary.repair) with the source sentence at hand: en -> ar, ar -> en,
and on real data (FLORES dev).  Without a source: tests/test_glossary_repair_target_only.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.entry import Glossary, GlossaryEntry
from glossary.files import load_glossary
from glossary.matcher import TermMatcher
from glossary.repair import Repairer

from conftest import SHARED
from repair_cases import GLOSSARY, check_invariants, small_glossary


@pytest.fixture(scope="module")
def en_ar():
    return Repairer(GLOSSARY, "en", "ar")


@pytest.fixture(scope="module")
def ar_en():
    return Repairer(GLOSSARY, "ar", "en")


# --- source-aware en -> ar --------------------------------------------------------


@pytest.mark.parametrize(
    "source, translation, before, expected",
    [
        ("Planes bombed Mosul yesterday", "قصفت الطائرات موسول أمس", "موسول", "قصفت الطائرات الموصل أمس"),
        ("The delegation arrived in Latakia", "وصل الوفد إلى لاتاكيا", "لاتاكيا", "وصل الوفد إلى اللاذقية"),
        # The preposition ب stays and the article comes back: بموسول -> بالموصل.
        ("Five were killed in Mosul", "قتل خمسة بموسول", "بموسول", "قتل خمسة بالموصل"),
        # ل + article contracts: لموسول -> للموصل.
        ("A delegation went to Mosul", "ذهب وفد لموسول", "لموسول", "ذهب وفد للموصل"),
        ("Clashes in Salah al-Din province", "اشتباكات في محافظة صلاح دين", "محافظة صلاح دين",
         "اشتباكات في محافظة صلاح الدين"),
        ("Gunmen attacked the Alawites", "هاجم مسلحون العلاويين", "العلاويين", "هاجم مسلحون العلويين"),
        ("The HTS leader said", "قال قائد هيئة تحرير شام", "هيئة تحرير شام", "قال قائد هيئة تحرير الشام"),
    ],
)
def test_misspelled_name_is_replaced_by_the_preferred_form(en_ar, source, translation, before, expected):
    result = en_ar.repair(translation, source, line=7)
    assert result.repaired == expected
    (fix,) = result.fixes
    assert fix.before == before
    assert fix.line == 7
    assert fix.source is not None and fix.method in ("near-miss", "transliteration")
    assert fix.confidence >= 0.5
    assert [n.status for n in result.names] == ["repaired"]
    assert result.names[0].target == fix.after
    check_invariants(result, en_ar, source)


def test_name_left_in_latin_script_is_translated(en_ar):
    source = "Hayat Tahrir al-Sham took the city"
    result = en_ar.repair("سيطرت Hayat Tahrir al-Sham على المدينة", source)
    assert result.repaired == "سيطرت هيئة تحرير الشام على المدينة"
    (fix,) = result.fixes
    assert (fix.before, fix.after, fix.method, fix.entry_id) == ("Hayat Tahrir al-Sham", "هيئة تحرير الشام", "untranslated", "hts")
    check_invariants(result, en_ar, source)


@pytest.mark.parametrize(
    "source, translation",
    [
        ("and Hayat Tahrir al-Sham took the city", "سيطرت وهيئة تحرير الشام على المدينة"),
        ("HTS took the city", "سيطرت هيئة تحرير الشام على المدينة"),  # source uses the English variant
        ("HTS fighters entered the city", "دخل مقاتلو تحرير الشام المدينة"),  # accepted Arabic variant
        ("Clashes in Saladin province", "اشتباكات في محافظة صلاح الدين"),
        ("Five were killed in Mosul", "قتل خمسة بالمَوْصِلِ"),  # diacritics do not make it wrong
        ("Alawites said", "قال العلويون"),
        ("An Alawite official said", "قال مسؤول علوي"),
    ],
)
def test_name_already_right_is_left_alone_and_reported_correct(en_ar, source, translation):
    result = en_ar.repair(translation, source)
    assert result.fixes == ()
    assert result.repaired == translation
    assert [n.status for n in result.names] == ["correct"]


def test_feminine_nisba_counts_as_correct(en_ar):
    result = en_ar.repair("هاجم مسلحون القرى العلوية", "Gunmen attacked Alawite villages")
    assert result.fixes == ()
    assert [n.status for n in result.names] == ["correct"]


def test_name_absent_from_translation_is_reported_missing(en_ar):
    translation = "قال المتحدث إن الوضع هادئ"
    result = en_ar.repair(translation, "The spokesman in Latakia said it was calm")
    assert result.fixes == ()
    assert result.repaired == translation
    assert [(n.entry_id, n.source, n.status, n.target) for n in result.names] == [("latakia", "Latakia", "missing", None)]


def test_several_names_in_one_line(en_ar):
    source = "Planes bombed Mosul while HTS fighters moved towards Latakia"
    translation = "قصفت الطائرات موسول بينما تحرك مقاتلو هيئة تحرير الشام نحو لاتاكيا"
    result = en_ar.repair(translation, source)
    assert result.repaired == "قصفت الطائرات الموصل بينما تحرك مقاتلو هيئة تحرير الشام نحو اللاذقية"
    assert [f.entry_id for f in result.fixes] == ["mosul", "latakia"]
    assert sorted((n.entry_id, n.status) for n in result.names) == [
        ("hts", "correct"), ("latakia", "repaired"), ("mosul", "repaired")]
    check_invariants(result, en_ar, source)


def test_the_same_name_twice_in_the_source_is_repaired_twice(en_ar):
    source = "Mosul and again Mosul"
    result = en_ar.repair("موسول ومرة أخرى موسول", source)
    assert result.repaired == "الموصل ومرة أخرى الموصل"
    check_invariants(result, en_ar, source)


def test_one_correct_and_one_wrong_occurrence(en_ar):
    source = "Mosul and again Mosul"
    result = en_ar.repair("الموصل ومرة أخرى موسول", source)
    assert result.repaired == "الموصل ومرة أخرى الموصل"
    assert [n.status for n in result.names] == ["correct", "repaired"]


@pytest.mark.parametrize(
    "translation, expected",
    [
        # «تحرير الشام» is an accepted short form, but the source names the whole
        # organisation and the word before it renders "Hayat".
        ("قال قائد هايات تحرير الشام إن", "قال قائد هيئة تحرير الشام إن"),
        ("قال قائد حياة تحرير الشام إن", "قال قائد هيئة تحرير الشام إن"),  # "Hayat" translated as "life"
        ("وهيات تحرير الشام أعلنت", "وهيئة تحرير الشام أعلنت"),  # the conjunction stays
    ],
)
def test_source_aware_completes_a_short_form_whose_head_was_mangled(en_ar, translation, expected):
    source = "The leader of Hayat Tahrir al-Sham said"
    result = en_ar.repair(translation, source)
    assert result.repaired == expected
    assert [n.status for n in result.names] == ["repaired"]
    check_invariants(result, en_ar, source)


@pytest.mark.parametrize(
    "source, translation",
    [
        ("The leaders of Hayat Tahrir al-Sham said", "قال قادة تحرير الشام إن"),  # "leaders of", no mangled head
        ("Tahrir al-Sham fighters said", "قال مقاتلو تحرير الشام"),  # the source uses the short form too
    ],
)
def test_source_aware_keeps_a_short_accepted_form(source, translation):
    glossary = small_glossary("short-test", ("hts", "Hayat Tahrir al-Sham | HTS | Tahrir al-Sham",
                                             "هيئة تحرير الشام | تحرير الشام", "ORG"))
    result = Repairer(glossary, "en", "ar").repair(translation, source)
    assert result.fixes == ()
    assert [n.status for n in result.names] == ["correct"]


def test_a_fix_does_not_write_a_neighbouring_word_twice():
    # «الشام» alone is another entry (the Levant), so the span that renders
    # Hayat Tahrir al-Sham stops before it; the fix must take it in.
    glossary = small_glossary("levant-test", ("hts", "Hayat Tahrir al-Sham | HTS", "هيئة تحرير الشام", "ORG"),
                              ("levant", "Levant", "بلاد الشام | الشام", "LOC"))
    repairer = Repairer(glossary, "en", "ar")
    source = "The leader of Hayat Tahrir al-Sham said"
    result = repairer.repair("قال قائد هيئة طهرير الشام إن", source)
    assert result.repaired == "قال قائد هيئة تحرير الشام إن"
    check_invariants(result, repairer, source)


def test_lines_without_glossary_names_are_untouched(en_ar):
    text = "قال المتحدث إن الوضع هادئ في المدينة"
    result = en_ar.repair(text, "The spokesman said the city was calm")
    assert (result.repaired, result.fixes, result.names) == (text, (), ())


def test_a_fix_never_swallows_a_neighbouring_common_word(en_ar):
    result = en_ar.repair("هاجم مسلحون القرى الألاويت", "Gunmen attacked Alawite villages")
    assert "القرى" in result.repaired
    assert all("القرى" not in fix.before for fix in result.fixes)


# --- source-aware ar -> en ---------------------------------------------------------


def test_ar_en_misspelled_name(ar_en):
    """"Mosel" is also a word of English (a German river): with the source naming Mosul it is proposed,
    at a confidence below the default threshold (a suggestion); a lower threshold applies it."""
    source = "قصف في الموصل"
    result = ar_en.repair("shelling in Mosel", source)
    (change,) = result.fixes + result.suggestions
    assert (change.before, change.after, change.entry_id) == ("Mosel", "Mosul", "mosul")
    applied = Repairer(GLOSSARY, "ar", "en", apply_threshold=0.7).repair("shelling in Mosel", source)
    assert applied.repaired == "shelling in Mosul"
    check_invariants(applied, ar_en, source)


def test_ar_en_near_miss_of_a_multiword_name(ar_en):
    source = "مقاتلو هيئة تحرير الشام"
    result = ar_en.repair("fighters of Hayat Tahrir el-Sham", source)
    assert result.repaired == "fighters of Hayat Tahrir al-Sham"
    check_invariants(result, ar_en, source)


@pytest.mark.parametrize("translation", ["shelling in Mosul", "shelling in MOSUL", "HTS's fighters in Mosul"])
def test_ar_en_accepted_english_forms_are_kept(ar_en, translation):
    result = ar_en.repair(translation, "قصف في الموصل")
    assert result.fixes == ()
    assert result.repaired == translation


# --- real data ---------------------------------------------------------------------

FLORES = SHARED / "data" / "flores101-dev"
NAMES = SHARED / "data" / "names-dev.tsv"
LINES = 200


def _read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()[:LINES]


def _found_pairs(glossary: Glossary, matcher: TermMatcher, lines: list[str]) -> set[tuple[str, int]]:
    """(entry, line) pairs for the lines each entry is listed for, where the matcher finds it."""
    pairs = set()
    for entry in glossary.entries:
        for number in (int(n) for n in entry.extra.get("lines", "").split(",") if n.strip()):
            if number <= len(lines) and any(entry in m.entries for m in matcher.find(lines[number - 1])):
                pairs.add((entry.id, number))
    return pairs


def test_source_aware_repair_on_flores_dev_finds_more_names():
    if not (NAMES.exists() and (FLORES / "dev.en").exists() and (FLORES / "dev.en-ar.opusmt.ar").exists()):
        pytest.skip(f"{SHARED} has no names-dev.tsv / flores101-dev data")
    glossary = load_glossary(str(NAMES), "en", "ar")
    sources, translations = _read(FLORES / "dev.en"), _read(FLORES / "dev.en-ar.opusmt.ar")
    assert len(sources) == len(translations) == LINES
    repairer = Repairer(glossary, "en", "ar")
    results = list(repairer.repair_lines(translations, sources))
    repaired = [r.repaired for r in results]
    assert [r.line for r in results] == list(range(1, LINES + 1))

    for result in results:
        for fix in result.fixes:
            assert fix.before == translations[fix.line - 1][fix.start:fix.end]
    matcher = TermMatcher(glossary, "ar")
    before, after = _found_pairs(glossary, matcher, translations), _found_pairs(glossary, matcher, repaired)
    # (18 since two rare names written with a long vowel more or less, «مانتوفلوس», «مركوت», are
    # house style: the language has no settled spelling of them.)
    assert sum(len(r.fixes) for r in results) >= 18
    assert len(after) >= len(before) + 17, (len(before), len(after))  # (one fix completes another)
    assert before - after == set(), "repair lost names that were right"
    # Repairing the repaired output changes nothing more.
    assert all(r.fixes == () for r in repairer.repair_lines(repaired, sources))


@pytest.mark.parametrize("name, source, translation, src, tgt", [
    # The translation used the adjective the sentence needs: not a misspelled name.
    (("New Zealand", "نيوزيلندا"), "New Zealand police said", "قالت الشرطة النيوزيلندية", "en", "ar"),
    # "Hindu" for «الهندوسية» (Hinduism) is the word the name comes from, not a mistake to force.
    (("الهندوسية", "Hinduism"), "ولد في عائلة تعتنق الهندوسية", "He was born into a Hindu family", "ar", "en"),
])
def test_source_aware_repair_leaves_other_forms_of_the_name(name, source, translation, src, tgt):
    glossary = Glossary.from_pairs([name], src, tgt)
    result = Repairer(glossary, src, tgt).repair(translation, source)
    assert result.fixes == () and result.repaired == translation


def test_source_aware_repair_does_not_force_a_name_onto_ordinary_words():
    glossary = Glossary.from_pairs([("Olympics", "الأولمبياد")], "en", "ar")
    result = Repairer(glossary, "en", "ar").repair("كانت أول مدينة تستضيف الألعاب", "It was the first city to host the Olympics")
    assert result.fixes == ()
    assert [(n.entry_id, n.status) for n in result.names] == [("1", "missing")]


# FLORES-101 dev lines 379 and 717 (OPUS-MT output), names from names-dev.tsv.
GALILEO = GlossaryEntry("galileo", {"en": ("Galileo Galilei",), "ar": ("غاليليو غاليلي",)}, type="PER")
MAPUCHE = GlossaryEntry("mapuche", {"en": ("Mapuche",), "ar": ("مابوتشي", "المابوتشي")}, type="OTHER")


def test_a_name_one_letter_short_is_a_misspelling_not_the_word_it_is_derived_from():
    repairer = Repairer(Glossary((GALILEO, MAPUCHE), ("en", "ar")), "ar", "en")
    result = repairer.repair("the Italian astronomy scientist Galileo Galile used telescopes",
                             "استخدم عالم الفلك الإيطالي غاليليو غاليلي تلسكوباً")
    assert result.repaired == "the Italian astronomy scientist Galileo Galilei used telescopes"
    # "Galile" + "i" is no derivation; "Mapuchi" is no adjective of "Mapuche" as "Pakistani" is of Pakistan.
    # A one-word base stays what it is, known or not: "Yarsan" of "Yarsanism".
    yarsanism = GlossaryEntry("yarsanism", {"en": ("Yarsanism",), "ar": ("اليارسانية",)}, type="OTHER")
    kept = Repairer(Glossary((yarsanism,), ("en", "ar")), "ar", "en").repair("The Yarsan community", "المجتمع اليارساني")
    assert kept.repaired == "The Yarsan community"
    result = repairer.repair("the indigenous Arokanias (Mapuchi) lived in the centre", "سكان أروكانيا الأصليون (مابوتشي)")
    assert result.repaired == "the indigenous Arokanias (Mapuche) lived in the centre"

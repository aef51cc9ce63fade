"""Repair's fifth round (issue 21): right repairs the rules held back, and a mark written twice.

The OPUS-MT lines come from FLORES-101 dev (Goyal et al. 2021, CC BY-SA 4.0) Arabic->English
output; the names from names-dev.tsv.  Each rule is a rule of the language with a property test:
English writes its words apart, so a word glued on by a slip leaves the name beside it intact; a
long word of a name may come out in pieces; a name that ends in a mark takes the text's own mark.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.entry import Glossary, GlossaryEntry
from glossary.repair import Repairer


def entry(id_: str, en: str, ar: str, type_: str = "PER") -> GlossaryEntry:
    return GlossaryEntry(id_, {"en": tuple(en.split(" | ")), "ar": tuple(ar.split(" | "))}, type=type_)


def ar_en(*entries: GlossaryEntry) -> Repairer:
    return Repairer(Glossary(tuple(entries), ("en", "ar")), "ar", "en")


TROY = entry("dev-189", "Troy", "طروادة", "PROD")
ENCELADUS = entry("dev-095", "Enceladus", "إنسيلادوس", "LOC")
KECHAGIOGLOU = entry("dev-062", "Sakis Kechagioglou", "ساكيس كيتشاجيوجلو")
TUTANKHAMUN = entry("dev-211", "Tutankhamun", "توت عنخ آمون")
PIQUET = entry("dev-029", "Piquet Jr.", "بيكيه جونيور")
ALASKA = entry("alaska", "Alaska", "ألاسكا", "LOC")
DAMASCUS = entry("damascus", "Damascus", "دمشق", "LOC")
PETERSBURG = entry("petersburg", "Petersburg", "بطرسبرغ", "LOC")


# -- a mangled name's letters that spell a short English word are its own ---------------------------

@pytest.mark.parametrize("name, source, translation, repaired", [
    (TROY, 'قدمت فرقة رقص "نيران الأناضول" التركية عرضاً تحت اسم "طروادة".',
     'the Turkish dance band made a presentation under the name "Trouway."',
     'the Turkish dance band made a presentation under the name "Troy."'),
    (ENCELADUS, "إن إنسيلادوس هو الجسم الأكثر انعكاساً في النظام الشمسي",
     "Inseladus is the most reflected body in the solar system",
     "Enceladus is the most reflected body in the solar system"),
    (KECHAGIOGLOU, "تم سجن المحامين اليونانيين المشهورين، ساكيس كيتشاجيوجلو",
     "The well-known Greek lawyers, Sakis Kitchagioglu, were imprisoned",
     "The well-known Greek lawyers, Sakis Kechagioglou, were imprisoned"),
])
def test_letters_of_a_mangled_english_name_that_spell_a_word_are_no_glued_word(name, source, translation, repaired):
    """OPUS-MT, FLORES dev lines 337, 118, 72: "way", "ins" and "kit" were read as English words glued
    onto the name, and the right fix was only suggested."""
    assert ar_en(name).repair(translation, source).repaired == repaired


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["trans", "over", "into", "north", "the", "and", "from", "with"]), st.booleans(),
       st.booleans())
def test_an_english_word_glued_onto_an_intact_name_always_survives(word, before, with_source):
    """"Transalaska", "Alaskafrom": the name is there letter for letter, so the word beside it is a
    word the writer meant, and a fix of the whole token would delete it."""
    token = word + "alaska" if before else "Alaska" + word
    token = token[:1].upper() + token[1:]
    text = f"They flew over {token} in the spring."
    source = "حلقوا فوق ألاسكا في الربيع." if with_source else None
    result = ar_en(ALASKA).repair(text, source)
    assert word in result.repaired.lower()


# -- a long word of a name written in pieces ---------------------------------------------------------

def test_a_long_name_written_in_pieces_is_repaired_whole():
    """OPUS-MT, FLORES dev line 407: "Tutach Amon" for Tutankhamun; «Tutach» was taken for a word
    beside the name, and the fix dropped."""
    result = ar_en(TUTANKHAMUN).repair(
        "King Tutach Amon, sometimes called King Tut or King Boy, is one of the most famous kings.",
        "الملك توت عنخ آمون، ويُسمّى أحياناً الملك توت أو الملك الصبي، هو أحد أشهر الملوك.")
    assert result.repaired == "King Tutankhamun, sometimes called King Tut or King Boy, is one of the most famous kings."


@pytest.mark.parametrize("name, source, translation", [
    (DAMASCUS, "وصل الوفد إلى ريف دمشق أمس", "The delegation reached Rif Damascus yesterday"),
    (PETERSBURG, "وصل الوفد إلى سانت بطرسبرغ أمس", "The delegation reached Saint Petersburg yesterday"),
    (DAMASCUS, "وصل الوفد إلى دمشق أمس", "The delegation reached Old Damascus yesterday"),
])
def test_a_name_inside_a_longer_name_is_no_name_in_pieces(name, source, translation):
    """Joined, "Rif Damascus" is like Damascus too, but no better than "Damascus" alone: it is a longer
    name, and "Saint" or "Old" is a word of the language."""
    assert ar_en(name).repair(translation, source).repaired == translation


# -- a name that ends in a mark ----------------------------------------------------------------------

def test_a_name_ending_in_a_full_stop_takes_the_texts_own():
    """OPUS-MT, FLORES dev line 34: "Becky Jr." became "Piquet Jr.. was ruled out"."""
    result = ar_en(PIQUET).repair("Becky Jr. was ruled out after the Great Hungary Prize race in 2009.",
                                  "تم استبعاد بيكيه جونيور بعد سباق جائزة المجر الكبرى عام 2009.")
    assert result.repaired == "Piquet Jr. was ruled out after the Great Hungary Prize race in 2009."


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["Becky Jr", "Piket Jr", "Pikeh Jr"]), st.sampled_from([".", ". ", ", ", " said", "!"]))
def test_repair_never_doubles_a_mark(mangled, after):
    """Whatever follows the name, the repaired line has no mark twice in a row that the text had once."""
    text = f"Yesterday {mangled}{after}the team met"
    result = ar_en(PIQUET).repair(text, "أمس بيكيه جونيور")
    doubled = re.compile(r"([^\w\s])\1")
    assert len(doubled.findall(result.repaired)) <= len(doubled.findall(text))


@pytest.mark.parametrize("name, text", [
    (entry("molid", "Molid", "موليد", "LOC"), "They watch films from Moliwood every night"),
    (entry("skye", "Skye", "سكاي", "LOC"), "They fly SkyTeam every week"),
])
def test_a_long_or_capitalised_word_glued_on_is_a_compound(name, text):
    """NTREX and FLORES with the Wikidata name words: "wood" (four letters) and "Team" (a capital where
    it joins) make a compound, not a mangled "Molid" or "Skye"."""
    assert ar_en(name).repair(text).repaired == text
    assert ar_en(name).repair(text, "يشاهدون أفلاماً من موليد ويسافرون مع سكاي").repaired == text

"""Each class of damage repair once did to correct text, and the rules that now prevent it.

(The Levant news cases in test_glossary_levant.py cover the same classes with
the built-in glossary; these use small glossaries that isolate each rule.)
"""

from __future__ import annotations

import json

import pytest

from glossary.ambiguity import AMBIGUOUS, NAME, WORD, AmbiguityJudge
from glossary.entry import Glossary, GlossaryEntry
from glossary.files import load_glossary, read_glossary, save_glossary
from glossary.repair import Repairer
from translate.cli import main


def glossary(*entries: GlossaryEntry) -> Glossary:
    return Glossary(tuple(entries), ("en", "ar"))


SEPTEMBER_11 = GlossaryEntry("9-11", {"en": ("September 11 attacks", "September 11"), "ar": ("هجمات 11 سبتمبر", "11 سبتمبر")},
                             type="EVT")
WHO = GlossaryEntry("who", {"en": ("World Health Organization", "WHO"), "ar": ("منظمة الصحة العالمية",)}, type="ORG")
BRISBANE = GlossaryEntry("brisbane", {"en": ("Brisbane Open",), "ar": ("بطولة بريسبان المفتوحة",)}, type="EVT")
MOSUL = GlossaryEntry("mosul", {"en": ("Mosul",), "ar": ("الموصل",)}, type="LOC")


@pytest.mark.parametrize("translation", ["وقعت الحادثة في 16 سبتمبر", "وقعت الحادثة في ١٦ سبتمبر"])
def test_a_number_is_never_changed(translation):
    """«16 سبتمبر» is a date of its own, not a mangled «11 سبتمبر»."""
    result = Repairer(glossary(SEPTEMBER_11), "en", "ar").repair(translation)
    assert result.repaired == translation and not result.suggestions


def test_an_acronym_in_parentheses_after_its_name_stays():
    repairer = Repairer(glossary(WHO), "en", "ar")
    translation = "قالت منظمة الصحة العالمية (WHO) إن الحالات ارتفعت"
    result = repairer.repair(translation, "The World Health Organization (WHO) said cases rose")
    assert result.repaired == translation and result.fixes == () and result.suggestions == ()
    # Without a full name before it, "(WHO)" left in Latin script is still the writer's gloss.
    assert repairer.repair("قالت (WHO) إن الحالات ارتفعت").repaired == "قالت (WHO) إن الحالات ارتفعت"


def test_a_name_is_never_written_twice():
    """«(بريسبان) المفتوحة»: replacing «بريسبان» with the whole name would write «المفتوحة» twice."""
    translation = "خسر مؤخراً في (بريسبان) المفتوحة"
    result = Repairer(glossary(BRISBANE), "en", "ar").repair(translation, "He lost recently at the Brisbane Open")
    assert result.repaired == translation


ETIHAD = GlossaryEntry("etihad", {"en": ("Etihad Airways",), "ar": ("الاتحاد للطيران",)}, type="ORG")
QATAR = GlossaryEntry("qatar", {"en": ("Qatar Airways",), "ar": ("الخطوط الجوية القطرية",)}, type="ORG")


def test_a_generic_word_is_not_written_twice_in_other_words():
    """FLORES dev line 954 (OPUS-MT): replacing only the transliterated word of «خطوط إيتيهاد الجوية»
    writes "airways" twice («خطوط الاتحاد للطيران الجوية»); replacing "Qatari" alone, "Qatar Airways
    Airlines"."""
    translation = "الخطوط الجوية مثل الإمارات، وخطوط إيتيهاد الجوية، وخطوط قطر الجوية"
    result = Repairer(glossary(ETIHAD), "en", "ar").repair(translation, "Airlines such as Emirates, Etihad Airways")
    assert "للطيران الجوية" not in result.repaired
    english = "Airlines such as the Emirates and Qatari Airlines have extended their services"
    result = Repairer(glossary(QATAR), "ar", "en").repair(english, "خطوط جوية مثل الإمارات والخطوط الجوية القطرية")
    assert "Airways Airlines" not in result.repaired


def test_a_neighbouring_word_is_not_swallowed():
    repairer = Repairer(glossary(MOSUL), "ar", "en", apply_threshold=0.7)
    result = repairer.repair("Forces entered yesterday Mosel", "دخلت القوات أمس الموصل")
    assert result.repaired == "Forces entered yesterday Mosul"


@pytest.mark.parametrize("translation, source", [
    ("The year was hard for farmers", "كانت السنة صعبة على المزارعين"),  # «السنة» the year, not Sunnis
    ("He showed pictures of the city", "عرض صور المدينة"),  # «صور» pictures, not Tyre
    ("The judiciary is independent", "القضاء مستقل"),  # «القضاء» the judiciary: no entry of its own any more
    ("The base was attacked at dawn", "تعرضت القاعدة لهجوم فجرا"),  # «القاعدة» the base, not al-Qaeda
])
def test_a_common_word_of_the_source_asks_for_no_name(translation, source):
    repairer = Repairer(load_glossary("levant-news", "ar", "en"), "ar", "en")
    result = repairer.repair(translation, source)
    assert result.repaired == translation and not result.suggestions
    assert all(n.status != "missing" for n in result.names)  # not even reported missing


@pytest.mark.parametrize("source, translation", [
    ("The car hit a wall in the city.", "اصطدمت السيارة بجدار في المدينة."),
    ("Add salt to taste.", "أضف الملح حسب الرغبة."),
    ("They ate turkey for dinner.", "تناولوا الديك الرومي على العشاء."),
])
def test_a_lower_case_english_word_is_not_the_name(source, translation):
    repairer = Repairer(load_glossary("levant-news", "en", "ar"), "en", "ar")
    result = repairer.repair(translation, source)
    assert result.repaired == translation and result.names == ()


def test_ambiguity_comes_from_capitals_marks_and_frequencies():
    judge = AmbiguityJudge("en", "ar")
    levant = load_glossary("levant-news")
    by_id = {e.id: e for e in levant.entries}
    hit = next(e for e in levant.entries if e.preferred("en") == "Hit")
    matches = {m.text: m for m in Repairer(levant, "en", "ar").source_matcher.find("Hit fell. Salt and hit.")}
    assert judge.occurrence(matches["hit"], hit, "Hit fell. Salt and hit.") == WORD
    sunnis = next(e for e in levant.entries if e.preferred("en") == "Sunnis")
    assert sunnis.is_marked_ambiguous("السنة") and not sunnis.is_marked_ambiguous("Sunnis")
    arabic = AmbiguityJudge("ar", "en")
    assert arabic.is_ambiguous_form(sunnis, "السنة") and not arabic.is_ambiguous_form(sunnis, "أهل السنة")
    # Unmarked entries: a frequent Arabic word far more frequent than the name in English.
    tyre = GlossaryEntry("tyre", {"en": ("Tyre",), "ar": ("صور",)})
    damascus = GlossaryEntry("dam", {"en": ("Damascus",), "ar": ("دمشق",)})
    assert arabic.is_ambiguous_form(tyre, "صور") and not arabic.is_ambiguous_form(damascus, "دمشق")
    assert by_id["lev-0037"].ambiguity == "name"  # Mosul: reviewers marked it always a name
    assert NAME != AMBIGUOUS


def test_generic_words_and_america_are_not_names_in_levant_news():
    levant = load_glossary("levant-news")
    generic = {"province", "district", "subdistrict", "governorate", "محافظة", "قضاء", "ناحية"}
    assert not [e.id for e in levant.entries if generic & {f.lower() for f in e.forms("en") + e.forms("ar")}]
    united_states = next(e for e in levant.entries if e.preferred("en") == "United States")
    assert "America" not in united_states.forms("en") and "U.S." in united_states.forms("en")
    assert "أمريكا" not in united_states.forms("ar")
    salah = next(e for e in levant.entries if e.preferred("ar") == "محافظة صلاح الدين")
    assert "Salah al-Din province" in salah.forms("en")


@pytest.mark.parametrize("extension", ["tsv", "json", "tbx", "csv"])
def test_ambiguity_marks_survive_every_glossary_format(tmp_path, extension):
    marked = Glossary((
        GlossaryEntry("sunnis", {"en": ("Sunnis",), "ar": ("السنة", "أهل السنة")}, type="GRP", ambiguity="ambiguous",
                      ambiguous_forms=("السنة",)),
        GlossaryEntry("mosul", {"en": ("Mosul",), "ar": ("الموصل",)}, type="LOC", ambiguity="name"),
        GlossaryEntry("hit", {"en": ("Hit",), "ar": ("هيت",)}, type="LOC", ambiguity="ambiguous"),
        GlossaryEntry("idlib", {"en": ("Idlib",), "ar": ("إدلب",)}, type="LOC"),
    ), ("en", "ar"))
    path = tmp_path / f"g.{extension}"
    save_glossary(marked, str(path))
    back, problems = read_glossary(str(path))
    assert problems == []
    assert [(e.ambiguity, e.ambiguous_forms) for e in back.entries] == [
        ("ambiguous", ("السنة",)), ("name", ()), ("ambiguous", ()), ("", ())]


def test_a_bad_ambiguity_mark_is_reported(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("id\ten\tar\tambiguity\n1\tTyre\tصور\tmaybe\n2\tSunnis\tالسنة\tambiguous: سنة\n", encoding="utf-8")
    _, problems = read_glossary(str(path))
    assert [(p.line, p.fatal) for p in problems] == [(2, False), (3, False)]
    assert "not one of: ambiguous" in problems[0].reason and "'سنة', which is not a form" in problems[1].reason


def test_glossary_check_lists_the_ambiguous_terms(capsys):
    assert main(["glossary", "check", "levant-news"]) in (0, 1)
    out = capsys.readouterr().out
    sunnis = [line for line in out.splitlines() if "treated as ambiguous" in line and "'السنة' (ar)" in line]
    assert len(sunnis) == 1 and "marked in the glossary" in sunnis[0] and "'Sunnis'" not in sunnis[0]


@pytest.mark.parametrize("translation", [
    "زوروا الموقع www.iraq.gov.iq أو راسلونا على info@syria.org",  # an address is not a name
    "تابعوا الوسم #syria على المنصة",  # nor a hashtag
    "قال إن egypt كانت حاضرة",  # a lower-case English word is not the name
])
def test_addresses_hashtags_and_lower_case_words_stay(translation):
    repairer = Repairer(load_glossary("levant-news", "en", "ar"), "en", "ar")
    assert repairer.repair(translation).repaired == translation


def test_a_name_quoted_in_the_other_script_stays():
    repairer = Repairer(load_glossary("levant-news", "ar", "en"), "ar", "en")
    translation = 'The sign read "حلب" in Arabic script.'
    assert repairer.repair(translation).repaired == translation


@pytest.mark.parametrize("translation, source", [
    ("قال المقاتلون إن الهدنة القصيرة صامدة.", "Qusayr fighters said the short truce held."),  # «القصيرة» short
    ("التقط سكان صور صورا.", "Tyre residents took pictures."),  # «صورا» pictures
    ("استُخدم درع بشري.", "In Daraa, a human shield was used."),  # «درع» shield
])
def test_an_ordinary_word_the_name_is_also_spelled_as_stays(translation, source):
    """The translation dropped the name and wrote the ordinary word it is also spelled as."""
    repairer = Repairer(load_glossary("levant-news", "en", "ar"), "en", "ar")
    assert repairer.repair(translation, source).repaired == translation


def test_an_inflected_word_is_not_written_twice():
    repairer = Repairer(load_glossary("levant-news", "ar", "en"), "ar", "en")
    result = repairer.repair("The Syrian Democratic Force said it was ready.", "قالت قوات سوريا الديمقراطية إنها مستعدة.")
    assert result.repaired in ("The Syrian Democratic Force said it was ready.",
                               "The Syrian Democratic Forces said it was ready.")


def test_repair_keeps_line_endings_the_final_newline_and_the_byte_order_mark(tmp_path):
    """Bytes outside the fixes never change, the end of the file included."""
    path = tmp_path / "mt.ar"
    path.write_bytes("\ufeffقصف في موسول\r\nلا أسماء هنا".encode("utf-8"))
    out, report = tmp_path / "out.ar", tmp_path / "report.jsonl"
    names = tmp_path / "g.tsv"
    names.write_text("en\tar\nMosul\tالموصل\n", encoding="utf-8")
    assert main(["repair", "--glossary", str(names), "--from", "en", "--to", "ar", str(path), "-o", str(out),
                 "--report", str(report), "-q"]) == 0
    assert out.read_bytes() == "\ufeffقصف في الموصل\r\nلا أسماء هنا".encode("utf-8")
    [fix] = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert (fix["kind"], fix["before"], fix["after"]) == ("fix", "موسول", "الموصل") and fix["evidence"]
    # Mixed line endings stay as they were, line by line.
    path.write_bytes("قصف في موسول\nقتال في الرقة\r\nمرحبا\r\n".encode("utf-8"))
    assert main(["repair", "--glossary", str(names), "--from", "en", "--to", "ar", str(path), "-o", str(out), "-q"]) == 0
    assert out.read_bytes() == "قصف في الموصل\nقتال في الرقة\r\nمرحبا\r\n".encode("utf-8")


def test_jsonl_records_without_a_fix_come_back_byte_for_byte(tmp_path):
    path, out = tmp_path / "mt.jsonl", tmp_path / "out.jsonl"
    names = tmp_path / "g.tsv"
    names.write_text("en\tar\nMosul\tالموصل\n", encoding="utf-8")
    unchanged = '{"text":"مرحبا","id":2, "note":"\\u00e9", "n": null}'
    path.write_text('{"text": "قصف في موسول", "id": 1}\r\n' + unchanged + "\n", encoding="utf-8", newline="")
    assert main(["repair", "--glossary", str(names), "--from", "en", "--to", "ar", str(path), "-o", str(out), "-q"]) == 0
    assert out.read_bytes() == ('{"text": "قصف في الموصل", "id": 1}\r\n' + unchanged + "\n").encode("utf-8")


def test_human_translations_of_general_text_need_no_repair():
    """TICO-19 (health and general news, professional translations): levant-news changes nothing,
    with or without the source, in either direction (a sample of its lines; BENCHMARKS.md has all)."""
    from conftest import SHARED

    folder = SHARED / "data" / "tico19-dev"
    texts = {lang: (folder / f"dev.{lang}").read_text(encoding="utf-8").split("\n")[:-1][::7] for lang in ("en", "ar")}
    for src, tgt in (("en", "ar"), ("ar", "en")):
        repairer = Repairer(load_glossary("levant-news", src, tgt), src, tgt)
        for source, translation in zip(texts[src], texts[tgt]):
            for given in (source, None):
                result = repairer.repair(translation, given)
                assert result.repaired == translation, (src, tgt, given is not None, result.fixes)

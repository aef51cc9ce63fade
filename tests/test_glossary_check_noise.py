"""``mtrepair glossary check`` warns about Wikidata-style noise in any glossary (glossary.formats.noise)."""

from __future__ import annotations

import json

from glossary.files import read_glossary
from glossary.formats.noise import disambiguator, noise, without_disambiguator
from translate.cli import main

NOISY = ("id\ten\tar\ttype\n"
         "a\tAleppo\tحلب\tLOC\n"
         "b\tIdlib_Governorate\tمحافظة إدلب\tLOC\n"
         "c\tAleppo (city) | Halab\tحلب (مدينة)\tLOC\n"
         "d\tMosul\tMosul | الموصل\tLOC\n"
         "e\tHama حماة\tحماة\tLOC\n"
         "f\tQ12192740\tكفر تخاريم\tLOC\n")


def test_check_warns_about_each_kind_of_noise_with_file_and_line(tmp_path, capsys):
    path = tmp_path / "noisy.tsv"
    path.write_text(NOISY, encoding="utf-8")
    assert main(["glossary", "check", str(path)]) == 1  # warnings: the file is still usable
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "(warning)" in line]
    assert [line.split(": ", 1)[0] for line in lines] == [f"{path}:{n}" for n in (3, 4, 4, 5, 6, 7)]
    assert "'Idlib_Governorate' has '_' for spaces" in lines[0]
    assert "'Aleppo (city)' ends in a disambiguator (city)" in lines[1]
    assert "'حلب (مدينة)' ends in a disambiguator (مدينة)" in lines[2]
    assert "the ar form 'Mosul' has Latin letters" in lines[3]
    assert "the en form 'Hama حماة' has Arabic letters" in lines[4]
    assert "'Q12192740' is only a Wikidata item id" in lines[5]


def test_noise_is_reported_in_json_glossaries_too_and_does_not_stop_loading(tmp_path):
    path = tmp_path / "noisy.json"
    path.write_text(json.dumps({"languages": ["en", "ar"], "entries": [
        {"id": "x", "terms": {"en": ["Deir_ez-Zor"], "ar": ["دير الزور"]}}]}), encoding="utf-8")
    glossary, problems = read_glossary(str(path))
    assert len(glossary) == 1
    assert [(p.fatal, "'_' for spaces" in p.reason) for p in problems] == [(False, True)]


def test_a_gloss_in_parentheses_and_clean_names_are_not_noise():
    assert noise("Islamic State (ISIS)", "en") == []  # an acronym in parentheses is a gloss
    assert noise("Hayat Tahrir al-Sham", "en") == []
    assert noise("هيئة تحرير الشام", "ar") == []
    assert noise("Q5 Group", "en") == []  # only a form that is nothing but an id
    assert disambiguator("Aleppo (city)") == "city"
    assert without_disambiguator("حلب (مدينة)") == "حلب"


def test_the_shipped_glossary_has_no_noise(capsys):
    assert main(["glossary", "check", "levant-news"]) == 0
    assert "(warning)" not in capsys.readouterr().out

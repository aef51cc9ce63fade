"""Glossary import and export: TBX-Basic (v2 and v3) and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.entry import Glossary, GlossaryEntry
from glossary.json_format import read_json, write_json
from glossary.problems import GlossaryError
from glossary.tbx import read_tbx, write_tbx

FIXTURES = Path(__file__).parent / "fixtures" / "glossary"

HTS = GlossaryEntry(
    id="lev-0101",
    terms={"en": ("Hayat Tahrir al-Sham", "HTS"), "ar": ("هيئة تحرير الشام", "تحرير الشام")},
    type="GRP",
    note="Syrian armed group; formerly Jabhat al-Nusra",
)
KADHIMI = GlossaryEntry(
    id="lev-0201",
    terms={"en": ("Mustafa al-Kadhimi", "Mustafa al-Kazimi"), "ar": ("مصطفى الكاظمي",)},
    type="PER",
    note="Iraqi prime minister 2020–2022 <not the district> & \"quoted\"",
)
DEIR = GlossaryEntry(id="lev-0007", terms={"ar": ("دير الزور",), "en": ("Deir ez-Zor", "Deir al-Zour")}, type="LOC")
SAMPLE = Glossary((HTS, KADHIMI, DEIR), ("en", "ar"), "sample")


def write(tmp_path: Path, name: str, text: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return str(path)


def summary(glossary: Glossary) -> list[tuple[str, dict[str, tuple[str, ...]], str, str]]:
    return [(e.id, dict(e.terms), e.type, e.note) for e in glossary.entries]


def reasons(problems) -> list[tuple[int | None, str, bool]]:
    return [(p.line, p.reason, p.fatal) for p in problems]


# --- TBX round trip ------------------------------------------------------------


def test_tbx_round_trip_keeps_ids_terms_in_order_type_and_note(tmp_path):
    path = str(tmp_path / "out.tbx")
    write_tbx(SAMPLE, path)
    glossary, problems = read_tbx(path)
    assert problems == []
    assert summary(glossary) == summary(SAMPLE)
    assert glossary.languages == ("en", "ar")
    assert glossary.path == path


def test_written_tbx_is_tbx_basic_v3_with_the_preferred_form_marked(tmp_path):
    path = tmp_path / "out.tbx"
    write_tbx(SAMPLE, str(path))
    text = path.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<tbx ')
    assert 'type="TBX-Basic"' in text and 'xmlns="urn:iso:std:iso:30042:ed-2"' in text
    assert "هيئة تحرير الشام" in text  # written as UTF-8, not character references
    assert '<admin type="customerSubset">GRP</admin>' in text
    assert '<langSec xml:lang="ar">' in text
    hts = text[text.index('<conceptEntry id="lev-0101">'):text.index("</conceptEntry>")]
    statuses = [line.strip() for line in hts.splitlines() if "administrativeStatus" in line]
    assert statuses == [
        '<termNote type="administrativeStatus">preferredTerm-admn</termNote>',
        '<termNote type="administrativeStatus">admittedTerm-admn</termNote>',
    ] * 2
    assert "\n      <conceptEntry" in text  # pretty-printed


def test_entries_read_from_tbx_carry_the_line_of_their_concept(tmp_path):
    path = str(tmp_path / "out.tbx")
    write_tbx(SAMPLE, path)
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    glossary, _ = read_tbx(path)
    for entry in glossary.entries:
        assert f'<conceptEntry id="{entry.id}">' in lines[entry.line - 1]


# --- TBX samples written by hand -------------------------------------------------


def test_tbx_v2_martif_with_tig_ntig_and_a_doctype():
    path = str(FIXTURES / "tbx2-martif.tbx")
    glossary, problems = read_tbx(path)
    assert problems == []
    assert summary(glossary) == [
        ("lev-0101", {"en": ("Hayat Tahrir al-Sham", "HTS"), "ar": ("هيئة تحرير الشام",)}, "GRP", "Syrian armed group"),
        ("2", {"en": ("Deir ez-Zor",), "ar": ("دير الزور",)}, "", ""),  # no id: its ordinal; EN and ar-SY normalised
    ]
    assert glossary.languages == ("en", "ar")
    assert [e.line for e in glossary.entries] == [14, 37]


def test_tbx_v3_skips_deprecated_and_superseded_terms_and_puts_the_preferred_first():
    path = str(FIXTURES / "tbx3-deprecated.tbx")
    glossary, problems = read_tbx(path)
    kadhimi = glossary.entries[0]
    assert kadhimi.id == "lev-0201" and kadhimi.type == "PER" and kadhimi.line == 10
    assert kadhimi.terms["en"] == ("Mustafa al-Kadhimi", "Mustafa al-Kazimi", "al-Kadhimi")
    assert kadhimi.terms["ar"] == ("مصطفى الكاظمي",)
    assert glossary.languages == ("ar", "en")  # ar-SA comes first in the file
    # The concepts with nothing usable are reported (not fatal) and left out.
    assert [e.id for e in glossary.entries] == ["lev-0201"]
    assert reasons(problems) == [
        (46, "concept 'empty-one': empty <term> in en (skipped)", False),
        (43, "concept 'empty-one' has no terms (skipped)", False),
        (50, "concept 'only-deprecated' has no terms (skipped)", False),
    ]


def test_status_spellings_of_other_tools_are_understood(tmp_path):
    path = write(tmp_path, "a.tbx", """<tbx type="TBX-Basic"><text><body>
      <conceptEntry id="c1"><langSec xml:lang="en">
        <termSec><term>Daesh</term><termNote type="usageStatus">deprecated</termNote></termSec>
        <termSec><term>ISIL</term></termSec>
        <termSec><term>Islamic State</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
      </langSec></conceptEntry></body></text></tbx>""")
    glossary, problems = read_tbx(path)
    assert problems == []
    assert glossary.entries[0].terms == {"en": ("Islamic State", "ISIL")}


def test_langsec_without_xml_lang_is_fatal(tmp_path):
    path = write(tmp_path, "a.tbx", """<tbx type="TBX-Basic"><text><body>
<conceptEntry id="c1">
  <langSec><termSec><term>Mosul</term></termSec></langSec>
  <langSec xml:lang="ar"><termSec><term>الموصل</term></termSec></langSec>
</conceptEntry></body></text></tbx>""")
    glossary, problems = read_tbx(path)
    assert reasons(problems) == [(3, "concept 'c1': <langSec> has no xml:lang", True)]
    assert glossary.entries[0].terms == {"ar": ("الموصل",)}


# --- files that are not usable TBX ------------------------------------------------


def test_malformed_xml_is_one_fatal_problem_with_its_line(tmp_path):
    path = write(tmp_path, "a.tbx", '<tbx type="TBX-Basic">\n<text>\n<body>\n</text>\n</tbx>\n')
    glossary, problems = read_tbx(path)
    assert len(glossary) == 0
    assert len(problems) == 1 and problems[0].fatal and problems[0].line == 4
    assert problems[0].reason.startswith("not well-formed XML: mismatched tag")
    assert str(problems[0]).startswith(f"{path}:4: not well-formed XML")


def test_a_file_that_is_not_xml_at_all_is_fatal(tmp_path):
    path = write(tmp_path, "a.tbx", "id\ten\tar\nlev-1\tMosul\tالموصل\n")
    _, problems = read_tbx(path)
    assert [(p.line, p.fatal) for p in problems] == [(1, True)]
    assert problems[0].reason.startswith("not well-formed XML:")


def test_xml_that_is_not_tbx_is_fatal(tmp_path):
    path = write(tmp_path, "a.tbx", '<?xml version="1.0"?>\n<tmx version="1.4"><body/></tmx>')
    glossary, problems = read_tbx(path)
    assert len(glossary) == 0
    assert reasons(problems) == [(2, "not a TBX file: the root element is <tmx>, not <tbx> or <martif>", True)]


def test_billion_laughs_is_refused_not_expanded(tmp_path):
    lol = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">\n' for n in range(1, 10))
    bomb = f'<?xml version="1.0"?>\n<!DOCTYPE tbx [\n<!ENTITY lol0 "lol">\n{lol}]>\n<tbx><text>&lol9;</text></tbx>'
    glossary, problems = read_tbx(write(tmp_path, "bomb.tbx", bomb))
    assert len(glossary) == 0
    assert reasons(problems) == [(3, "XML entities are not allowed", True)]


def test_external_entities_are_refused(tmp_path):
    secret = write(tmp_path, "secret.txt", "password")
    xxe = f'<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM "file://{secret}">]>\n<tbx>&x;</tbx>'
    glossary, problems = read_tbx(write(tmp_path, "xxe.tbx", xxe))
    assert len(glossary) == 0
    assert reasons(problems) == [(2, "XML entities are not allowed", True)]


def test_a_missing_tbx_file_raises(tmp_path):
    path = str(tmp_path / "nope.tbx")
    with pytest.raises(GlossaryError, match="nope.tbx: no such file"):
        read_tbx(path)


# --- JSON ---------------------------------------------------------------------------


def test_json_round_trip_keeps_everything(tmp_path):
    entry = GlossaryEntry(id="x", terms={"en": ("Erbil", "Arbil", "Hawler")}, type="LOC", extra={"wikidata": "Q1024"})
    glossary = Glossary((HTS, KADHIMI, DEIR, entry), ("en", "ar"), "sample")
    path = str(tmp_path / "g.json")
    write_json(glossary, path)
    back, problems = read_json(path)
    assert problems == []
    assert summary(back) == summary(glossary)
    assert back.entries[3].extra == {"wikidata": "Q1024"}
    assert back.languages == ("en", "ar")
    assert all(e.line == 0 for e in back.entries)


def test_written_json_is_the_documented_shape_in_readable_utf8(tmp_path):
    path = tmp_path / "g.json"
    write_json(SAMPLE, str(path))
    text = path.read_text(encoding="utf-8")
    assert "هيئة تحرير الشام" in text and "\\u" not in text
    assert text.startswith('{\n "languages": [\n  "en",')
    assert json.loads(text)["entries"][0] == {
        "id": "lev-0101", "type": "GRP", "note": HTS.note,
        "terms": {"en": ["Hayat Tahrir al-Sham", "HTS"], "ar": ["هيئة تحرير الشام", "تحرير الشام"]},
    }


def test_invalid_json_is_fatal_at_its_line(tmp_path):
    path = write(tmp_path, "g.json", '{"entries": [\n {"id": "a", "terms": {"en": ["Mosul"]}},\n {"id": "b",, }\n]}')
    glossary, problems = read_json(path)
    assert len(glossary) == 0
    assert [(p.line, p.fatal) for p in problems] == [(3, True)]
    assert problems[0].reason.startswith("not valid JSON: Expecting property name")


def test_json_entry_of_the_wrong_shape_is_fatal_and_named_by_index(tmp_path):
    document = {"entries": [
        {"id": "a", "terms": {"en": ["Mosul"], "ar-IQ": ["الموصل"]}},
        {"id": "b", "terms": {"en": "Raqqa"}},
        ["not", "an", "object"],
        {"id": "d", "terms": {"en": ["", "Homs"]}, "term": 1},
    ]}
    glossary, problems = read_json(write(tmp_path, "g.json", json.dumps(document)))
    assert summary(glossary) == [("a", {"en": ("Mosul",), "ar": ("الموصل",)}, "", ""), ("d", {"en": ("Homs",)}, "", "")]
    assert glossary.languages == ("en", "ar")
    assert reasons(problems) == [
        (None, "entries[1]: \"terms\"['en'] must be a list of strings", True),
        (None, "entries[2]: expected an object, got a list", True),
        (None, "entries[3]: unknown key 'term' (ignored)", False),
        (None, "entries[3]: empty form in en (skipped)", False),
    ]


def test_json_without_entries_is_fatal(tmp_path):
    _, problems = read_json(write(tmp_path, "g.json", '[{"en": "Mosul"}]'))
    assert reasons(problems) == [(None, 'expected an object with an "entries" list', True)]


def test_a_missing_json_file_raises(tmp_path):
    with pytest.raises(GlossaryError, match="no such file"):
        read_json(str(tmp_path / "nope.json"))

"""Messages that say what is really wrong: an unrecognised glossary header, a file of blank lines."""

from __future__ import annotations

import pytest

from glossary.formats.files import load_glossary
from translate.cli import main
from translate.errors import MtrepairError


@pytest.mark.parametrize("languages", [("en", "ar"), (None, None)])
def test_a_header_naming_no_languages_is_said_to_be_unrecognised(tmp_path, languages):
    path = tmp_path / "names.tsv"
    path.write_text("identifier\tenglish_name\tarabic_name\n1\tMosul\tالموصل\n", encoding="utf-8")
    with pytest.raises(MtrepairError) as caught:
        load_glossary(str(path), *languages)
    assert caught.value.message.startswith(
        f"{path}:1: header not recognised: 'identifier', 'english_name', 'arabic_name' names no two languages")
    assert "has 3 cells, not 2 (source, target)" in caught.value.message


def test_a_file_of_blank_lines_under_repair_says_nothing_to_repair(tmp_path, capsys):
    (tmp_path / "blank.ar").write_text("\n  \n\n", encoding="utf-8")
    code = main(["repair", "--from", "en", "--to", "ar", "--glossary", "levant-news", str(tmp_path / "blank.ar"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and err == f"mtrepair: error: {tmp_path / 'blank.ar'}: file holds only blank lines, nothing to repair\n"

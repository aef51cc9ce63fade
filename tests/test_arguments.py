"""Language codes on the command line: normalised as users write them, and refused outside Arabic and English."""

from __future__ import annotations

import argparse

import pytest

from translate.arguments import language


@pytest.mark.parametrize("written, code", [("en", "en"), ("EN", "en"), (" ar ", "ar"), ("en-US", "en"),
                                           ("ar_SY", "ar"), ("eng", "en"), ("ara", "ar"), ("Arabic", "ar")])
def test_codes_are_normalised(written, code):
    assert language(written) == code


@pytest.mark.parametrize("written", ["fr", "xx", "", "zz-ar"])
def test_other_languages_are_refused_with_the_supported_list(written):
    with pytest.raises(argparse.ArgumentTypeError, match=r"mtrepair translates between ar \(Arabic\), en \(English\)"):
        language(written)


def test_every_command_takes_upper_case_codes_and_refuses_unknown_ones(cli, tiny_model, tmp_path):
    glossary = tmp_path / "names.tsv"
    glossary.write_text("en\tar\nMosul\tالموصل\n", encoding="utf-8")
    mt = tmp_path / "mt.ar"
    mt.write_text("اشتباكات في موسول\n", encoding="utf-8")
    done = cli("repair", "--glossary", str(glossary), "--from", "EN", "--to", "AR", str(mt), "-q")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode() == "اشتباكات في الموصل\n"
    refused = cli("translate", "--from", "xx", "--to", "zz", str(mt), "--model", str(tiny_model), "-q")
    assert refused.returncode == 2
    assert refused.stderr.decode().strip().splitlines()[-1] == (
        "mtrepair translate: error: argument --from: unsupported language 'xx'; "
        "mtrepair translates between ar (Arabic), en (English)")

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
    assert refused.stderr.decode().splitlines() == [
        "mtrepair translate: error: argument --from: unsupported language 'xx'; "
        "mtrepair translates between ar (Arabic), en (English)",
        "(see: mtrepair translate --help)"]


# --- the front door: a mistake in one line, help that fits the terminal ------------------------------------


@pytest.mark.parametrize("args, message", [
    (["translate", "--beam-size", "0", "x.txt"], "mtrepair translate: error: argument --beam-size: 0 must be 1 or more"),
    (["translate", "--from", "ar", "x.txt"], "mtrepair translate: error: the following arguments are required: --to"),
    (["score", "--ref", "r", "--hyp", "h", "--metrics", "meteor"], "mtrepair score: error: argument --metrics: "),
    (["glossary", "check"], "mtrepair glossary check: error: the following arguments are required: FILE"),
    (["translte"], "mtrepair: error: argument COMMAND: invalid choice: 'translte'"),
    ([], "mtrepair: error: the following arguments are required: COMMAND"),
])
def test_a_bad_option_gives_one_line_and_a_hint_not_the_usage(args, message, capsys):
    from translate.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    error, hint = err.splitlines()
    assert error.startswith(message) and "usage:" not in err and out == ""
    command = message.split(": error:")[0]
    assert hint == f"(see: {command} --help)"


def every_parser():
    """``mtrepair`` and each of its commands and actions, by name."""
    from translate.cli import build_parser

    parsers, todo = {}, [("mtrepair", build_parser())]
    while todo:
        name, parser = todo.pop()
        parsers[name] = parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo += [(f"{name} {command}", sub) for command, sub in action.choices.items()]
    return parsers


@pytest.mark.parametrize("columns", [80, 100, 132])
def test_every_help_fits_the_terminal(columns, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(columns))
    parsers = every_parser()
    assert len(parsers) == 10  # mtrepair, 6 commands, glossary check|convert|from-wikidata
    for name, parser in parsers.items():
        text = parser.format_help()
        assert f"usage: {name}" in text
        too_wide = [line for line in text.splitlines() if len(line) > columns - 2]  # argparse keeps 2 spare
        assert too_wide == [], f"{name} --help at {columns} columns"


def test_long_examples_continue_on_the_next_line_before_an_option(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    text = every_parser()["mtrepair translate"].format_help()
    assert ("  mtrepair translate --from ar --to en export.tsv --column text \\\n"
            "      -o export.en.tsv --report report.jsonl\n") in text
    # A comment that no longer fits beside its command goes above it, whole.
    assert "  # after Ctrl-C or a crash\n  mtrepair translate --from ar --to en big.ar -o big.en --resume\n" in text
    wide = every_parser()["mtrepair translate"]
    monkeypatch.setenv("COLUMNS", "200")
    assert "--report report.jsonl\n" in wide.format_help() and "\\\n" not in wide.format_help()


def test_the_readme_shows_a_bad_option_as_it_comes_out(capsys):
    from pathlib import Path

    from translate.cli import main

    with pytest.raises(SystemExit):
        main(["translate", "--beam-size", "0", "x.txt"])
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"```\n{capsys.readouterr().err}```" in readme

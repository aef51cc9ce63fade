"""``mtrepair score``: equal to sacrebleu, name accuracy as defined, clear errors on bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FLORES, SHARED

FIXTURES = Path(__file__).parent / "fixtures" / "eval"
SYSTEMS = ("google", "microsoft", "bergamot-base", "opusmt", "nllb", "argos")
# Name accuracy of the six systems as published in ../shared/README.md.
README_NAME_ACCURACY = {
    ("en", "ar"): {"google": 84.1, "microsoft": 83.4, "bergamot-base": 81.2, "opusmt": 70.7, "nllb": 64.9, "argos": 52.2},
    ("ar", "en"): {"google": 89.7, "microsoft": 85.3, "bergamot-base": 79.9, "opusmt": 70.3, "nllb": 72.8, "argos": 65.3},
}


def sacrebleu_cli(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "sacrebleu", *args], capture_output=True, text=True, check=True)
    return done.stdout


def score_json(cli, *args: str) -> dict:
    done = cli("score", "--format", "json", *args)
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


def test_scores_equal_the_sacrebleu_command_line(cli):
    ref, hyp = str(FLORES / "dev.ar"), str(FLORES / "dev.en-ar.opusmt.ar")
    expected = {s["name"]: s for s in json.loads(sacrebleu_cli(ref, "-i", hyp, "-m", "bleu", "chrf", "ter", "-w", "4", "-f", "json"))}
    ours = score_json(cli, "--ref", ref, "--hyp", hyp, "--metrics", "bleu,chrf,ter")["systems"][0]["scores"]
    assert {s["metric"] for s in ours} == set(expected)
    for score in ours:
        assert round(score["score"], 4) == pytest.approx(expected[score["metric"]]["score"], abs=1e-4)
        # Same settings: the signature is sacrebleu's, plus the bootstrap settings of the interval.
        assert score["signature"].replace("bs:1000|seed:12345|", "") == expected[score["metric"]]["signature"]
        assert score["ci_half_width"] > 0
    by_metric = {s["metric"]: s["score"] for s in ours}
    assert (round(by_metric["BLEU"], 1), round(by_metric["chrF2"], 1)) == (21.6, 53.5)  # shared/README.md


def test_paired_test_equals_sacrebleu_and_ranks_systems_the_same(cli):
    ref = str(FLORES / "dev.ar")
    hyps = [str(FLORES / f"dev.en-ar.{system}.ar") for system in ("opusmt", *(s for s in SYSTEMS if s != "opusmt"))]
    table = sacrebleu_cli(ref, "-i", *hyps, "-m", "bleu", "chrf", "--paired-bs", "-f", "text")
    cli_scores = [float(x) for x in re.findall(r"│\s+(\d+\.\d) \(", table)]  # BLEU, chrF per system row
    cli_p = [float(x) for x in re.findall(r"p = (\d\.\d+)", table)]
    report = score_json(cli, "--ref", ref, "--hyp", *hyps)
    ours = [round(s["score"], 1) for system in report["systems"] for s in system["scores"]]
    assert ours == cli_scores
    assert [round(s["p_value"], 4) for system in report["systems"][1:] for s in system["scores"]] == cli_p
    bleu = [system["scores"][0]["score"] for system in report["systems"]]
    assert report["ranks"] == [sorted(bleu, reverse=True).index(b) + 1 for b in bleu]
    assert report["test"] == "bs" and report["samples"] == 1000


def test_name_accuracy_on_a_hand_checked_fixture(cli):
    report = score_json(cli, "--ref", str(FIXTURES / "reference.ar"), "--hyp", str(FIXTURES / "system.ar"),
                        "--source", str(FIXTURES / "source.en"), "--glossary", str(FIXTURES / "names.tsv"))
    names = report["systems"][0]["names"]
    assert (names["total"], names["exact"], names["aware"]) == (6, 4, 5)
    assert [(m["line"], m["entry_id"]) for m in names["missed"]] == [(1, "mosul")]
    by_type = {t["type"]: (t["total"], t["exact"], t["aware"]) for t in names["by_type"]}
    assert by_type == {"LOC": (4, 3, 3), "GRP": (1, 0, 1), "ORG": (1, 1, 1)}


def test_exact_match_rules():
    from eval.names import exact_match

    assert exact_match("الموصل", "سيطرت على بالموصل", "ar")  # a proclitic in front is allowed
    assert exact_match("اللاذقية", "أبحرت للاذقية", "ar")  # ل + ال = لل
    assert exact_match("إيران", "قالت ايران", "ar")  # hamza on alef folded
    assert exact_match("Mosul", "in mosul's old city", "en")  # case-insensitive, possessive boundary
    assert not exact_match("Iran", "Iranian forces", "en")  # whole words only in English
    assert not exact_match("الموصل", "موسول", "ar")


@pytest.mark.parametrize("direction", [("en", "ar"), ("ar", "en")])
def test_name_accuracy_matches_the_shared_readme_within_one_point(direction):
    from eval.names import NameScorer
    from glossary.files import load_glossary

    src, tgt = direction
    read = lambda path: (FLORES / path).read_text(encoding="utf-8").split("\n")[:-1]  # noqa: E731
    scorer = NameScorer(load_glossary(str(SHARED / "data" / "names-dev.tsv")), src, tgt)
    expected = scorer.expected(read(f"dev.{src}"), read(f"dev.{tgt}"))
    for system, published in README_NAME_ACCURACY[direction].items():
        ours = scorer.accuracy(expected, read(f"dev.{src}-{tgt}.{system}.{tgt}")).exact_percent
        assert abs(ours - published) <= 1.0, f"{system} {src}->{tgt}: {ours:.1f} vs {published}"


def test_length_mismatch_names_file_and_line(cli, tmp_path):
    short = tmp_path / "short.ar"
    short.write_text("سطر واحد\nسطر ثان\n", encoding="utf-8")
    done = cli("score", "--ref", str(FIXTURES / "reference.ar"), "--hyp", str(short))
    assert done.returncode == 2
    message = done.stderr.decode().strip()
    assert message.count("\n") == 0 and "Traceback" not in message
    assert f"{short}:3: hypothesis has 2 lines but the reference {FIXTURES / 'reference.ar'} has 6" in message


def test_empty_lines_are_reported_with_their_line_numbers(cli, tmp_path):
    lines = (FIXTURES / "system.ar").read_text(encoding="utf-8").split("\n")
    lines[2] = ""
    holey = tmp_path / "holey.ar"
    holey.write_text("\n".join(lines), encoding="utf-8")
    done = cli("score", "--ref", str(FIXTURES / "reference.ar"), "--hyp", str(holey))
    assert done.returncode == 0
    assert f"{holey}:3" in done.stdout.decode() and "empty line" in done.stdout.decode()


def test_digit_styles(cli, tmp_path):
    eastern, western = tmp_path / "ref.ar", tmp_path / "hyp.ar"
    eastern.write_text("قتل ١٢٠ شخصا في عام ٢٠١٤\n", encoding="utf-8")
    western.write_text("قتل 120 شخصا في عام 2014\n", encoding="utf-8")
    plain = score_json(cli, "--ref", str(eastern), "--hyp", str(western))
    assert plain["systems"][0]["scores"][0]["score"] < 100
    assert any("--normalize-digits" in w for w in plain["warnings"])
    normalised = score_json(cli, "--ref", str(eastern), "--hyp", str(western), "--normalize-digits")
    assert normalised["systems"][0]["scores"][0]["score"] == pytest.approx(100)
    assert normalised["normalized_digits"] and not normalised["warnings"]


@pytest.mark.parametrize("args, words", [
    (["--metrics", "bleu,meteor"], "unknown metric meteor"),
    (["--tokenize", "ja-mecab"], "--tokenize ja-mecab: this tokenizer cannot run here"),
    (["--glossary", str(FIXTURES / "names.tsv")], "--glossary needs --source"),
    (["--tokenize", "nope"], "unknown tokenizer 'nope'"),
])
def test_bad_options_fail_in_one_line(cli, args, words):
    done = cli("score", "--ref", str(FIXTURES / "reference.ar"), "--hyp", str(FIXTURES / "system.ar"), *args)
    assert done.returncode == 2
    assert words in done.stderr.decode() and "Traceback" not in done.stderr.decode()


def test_invalid_utf8_reference(cli, tmp_path):
    bad = tmp_path / "bad.ar"
    bad.write_bytes("سطر\n".encode() + b"\xff\xfe\n")
    done = cli("score", "--ref", str(bad), "--hyp", str(FIXTURES / "system.ar"))
    assert done.returncode == 2 and f"{bad}:2: invalid UTF-8" in done.stderr.decode()


def test_markdown_html_and_sentences(cli, tmp_path):
    sentences = tmp_path / "sentences.jsonl"
    common = ["--ref", str(FIXTURES / "reference.ar"), "--hyp", str(FIXTURES / "system.ar"), str(FIXTURES / "reference.ar"),
              "--source", str(FIXTURES / "source.en"), "--glossary", str(FIXTURES / "names.tsv")]
    markdown = cli("score", *common, "--format", "markdown", "--sentences", str(sentences))
    assert markdown.returncode == 0
    text = markdown.stdout.decode()
    assert text.startswith("| rank | system | BLEU | chrF2 | names exact | names aware |")
    assert "line 1: Mosul -> الموصل (mosul, LOC)" in text
    rows = [json.loads(line) for line in sentences.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 12 and [r["line"] for r in rows[:6]] == [1, 2, 3, 4, 5, 6]
    assert rows[0]["missed_names"] == [{"entry": "mosul", "source": "Mosul", "expected": "الموصل"}]
    assert all(r["chrf"] == 100 for r in rows[6:])  # the reference scored against itself
    html = cli("score", *common, "--format", "html").stdout.decode()
    assert html.startswith("<!DOCTYPE html>") and "<table>" in html
    assert '<td dir="auto">Mosul</td><td dir="auto">الموصل</td><td>mosul</td>' in html  # the missed-names table


def test_paired_ar_and_sample_counts_equal_sacrebleu(cli):
    ref, hyps = str(FLORES / "dev.ar"), [str(FLORES / f"dev.en-ar.{s}.ar") for s in ("opusmt", "nllb")]
    table = sacrebleu_cli(ref, "-i", *hyps, "-m", "chrf", "--paired-bs", "--paired-bs-n", "50", "-f", "text")
    report = score_json(cli, "--ref", ref, "--hyp", *hyps, "--metrics", "chrf", "--samples", "50")
    assert "bs:50" in report["systems"][0]["scores"][0]["signature"] and "bs:50" in table
    assert round(report["systems"][1]["scores"][0]["p_value"], 4) == float(re.findall(r"p = (\d\.\d+)", table)[0])
    ar = sacrebleu_cli(ref, "-i", *hyps, "-m", "chrf", "--paired-ar", "--paired-ar-n", "200", "-f", "text")
    ours = score_json(cli, "--ref", ref, "--hyp", *hyps, "--metrics", "chrf", "--paired-ar", "--samples", "200")
    assert round(ours["systems"][1]["scores"][0]["p_value"], 4) == float(re.findall(r"p = (\d\.\d+)", ar)[0])


def test_a_copy_of_the_baseline_is_not_significantly_different(cli):
    hyp = str(FIXTURES / "system.ar")
    report = score_json(cli, "--ref", str(FIXTURES / "reference.ar"), "--hyp", hyp, hyp)
    assert all(s["p_value"] == 1.0 for s in report["systems"][1]["scores"])
    assert any("identical to the baseline" in w for w in report["warnings"])


def test_empty_files_fail_in_one_line(cli, tmp_path):
    empty = tmp_path / "empty.ar"
    empty.write_text("", encoding="utf-8")
    done = cli("score", "--ref", str(empty), "--hyp", str(empty))
    assert done.returncode == 2 and done.stderr.decode().strip() == f"mtrepair: error: {empty}: file is empty"


def test_name_accuracy_refuses_a_source_in_the_target_language(cli):
    done = cli("score", "--ref", str(FIXTURES / "reference.ar"), "--hyp", str(FIXTURES / "system.ar"),
               "--source", str(FIXTURES / "reference.ar"), "--glossary", str(FIXTURES / "names.tsv"))
    assert done.returncode == 2 and "both 'ar'" in done.stderr.decode()


def test_sentence_scores_see_the_same_normalised_digits(cli, tmp_path):
    ref, hyp, rows = tmp_path / "ref.ar", tmp_path / "hyp.ar", tmp_path / "s.jsonl"
    ref.write_text("نمو ٣٫٥٪ في عام ٢٠١٤\n", encoding="utf-8")
    hyp.write_text("نمو 3.5% في عام 2014\n", encoding="utf-8")
    report = score_json(cli, "--ref", str(ref), "--hyp", str(hyp), "--normalize-digits", "--sentences", str(rows))
    assert report["systems"][0]["scores"][1]["score"] == pytest.approx(100)
    assert json.loads(rows.read_text(encoding="utf-8"))["chrf"] == pytest.approx(100)

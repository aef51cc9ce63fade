"""``mtrepair translate`` end to end, as a user runs it, on a tiny model."""

import json
import random
import signal
import subprocess
import sys
import time

import pytest
from conftest import FLORES, ROOT, run_cli

FAST = ["--max-length", "6", "--beam-size", "2", "--quiet"]
# The resume tests interrupt a run midway: on the default engine (ctranslate2)
# the tiny model finishes the whole file before a signal can land.
SLOW = ["--engine", "transformers"]


def dev_ar(n):
    return (FLORES / "dev.ar").read_text(encoding="utf-8").split("\n")[:n]


def translate(model, *args, **kwargs):
    return run_cli("translate", "--from", "ar", "--to", "en", "--model", str(model), *FAST, *args, **kwargs)


def assert_clean_failure(result, code, *fragments):
    stderr = result.stderr.decode()
    assert result.returncode == code, stderr
    assert stderr.count("\n") == 1 and stderr.startswith("mtrepair: error: "), stderr
    assert "Traceback" not in stderr
    for fragment in fragments:
        assert fragment in stderr


def test_txt_keeps_every_line_in_order_with_blank_lines(tiny_model, tmp_path, translator):
    lines = dev_ar(12)
    lines[3] = ""
    lines[7] = "   "
    source = tmp_path / "in.ar"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.en"
    result = translate(tiny_model, str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    got = out.read_text(encoding="utf-8").split("\n")
    assert got[-1] == "" and len(got) - 1 == len(lines)
    assert got[3] == "" and got[7] == "   "
    # Same sentence, same translation, whatever batch it landed in.
    alone = translate(tiny_model, "-", stdin=(lines[5] + "\n").encode())
    assert alone.stdout.decode().split("\n")[0] == got[5]
    assert len(set(got[:3] + got[4:7])) == 6


def test_progress_bar_goes_to_stderr_and_not_into_the_output(tiny_model, tmp_path):
    source = tmp_path / "in.ar"
    source.write_text("\n".join(dev_ar(3)) + "\n", encoding="utf-8")
    result = run_cli("translate", "--from", "ar", "--to", "en", "--model", str(tiny_model), "--max-length", "4", str(source))
    assert result.returncode == 0
    assert "translating" in result.stderr.decode() and "3/3" in result.stderr.decode()
    assert len(result.stdout.decode().split("\n")) == 4


def test_jsonl_and_tsv_pass_other_fields_through(tiny_model, tmp_path):
    rows = [{"id": i, "body": text, "meta": {"n": i}} for i, text in enumerate(dev_ar(3))]
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    result = translate(tiny_model, str(jsonl), "--field", "body")
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(r["id"], r["meta"]) for r in out] == [(r["id"], r["meta"]) for r in rows]
    assert all(o["body"] != r["body"] for o, r in zip(out, rows))

    tsv = tmp_path / "in.tsv"
    tsv.write_text("id\ttext\tsource\n" + "".join(f"{i}\t{t}\tAFP\n" for i, t in enumerate(dev_ar(3))), encoding="utf-8")
    result = translate(tiny_model, str(tsv), "--column", "text")
    table = [line.split("\t") for line in result.stdout.decode().splitlines()]
    assert table[0] == ["id", "text", "source"]
    assert [(r[0], r[2]) for r in table[1:]] == [("0", "AFP"), ("1", "AFP"), ("2", "AFP")]


def test_report_has_one_record_per_sentence(tiny_model, tmp_path):
    source = tmp_path / "in.ar"
    source.write_text("هل هذا صحيح؟ نعم.\n\nمرحبا.\n", encoding="utf-8")
    report = tmp_path / "r.jsonl"
    result = translate(tiny_model, str(source), "-o", str(tmp_path / "o.en"), "--report", str(report))
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert [(r["line"], r["index"], r["source"]) for r in rows] == [(1, 0, "هل هذا صحيح؟"), (1, 1, "نعم."), (3, 0, "مرحبا.")]
    assert all(r["model"] == str(tiny_model) and r["source_tokens"] > 0 and r["seconds"] >= 0 for r in rows)


@pytest.mark.parametrize(
    "name, data, extra, fragment",
    [
        ("missing.ar", None, [], "missing.ar: no such file"),
        ("e.ar", b"", [], "e.ar: file is empty"),
        ("b.ar", b"ok\n\xc3(\n", [], "b.ar:2: invalid UTF-8 at byte offset 3"),
        ("t.tsv", b"id\ttext\n1\tx\n", ["--column", "body"], "t.tsv:1: no column 'body'"),
    ],
)
def test_bad_input_fails_in_one_line_and_writes_nothing(tiny_model, tmp_path, name, data, extra, fragment):
    source = tmp_path / name
    if data is not None:
        source.write_bytes(data)
    out = tmp_path / "out.txt"
    result = translate(tiny_model, str(source), "-o", str(out), *extra)
    assert_clean_failure(result, 2, fragment)
    assert not out.exists()
    assert list(tmp_path.glob("*.mtrepair-progress")) == []


def test_without_a_model_offline_says_so_in_one_line(tmp_path):
    source = tmp_path / "in.ar"
    source.write_text("مرحبا.\n", encoding="utf-8")
    result = run_cli("translate", "--from", "ar", "--to", "en", str(source), env={"HF_HOME": str(tmp_path / "hf")})
    assert_clean_failure(result, 3, "Helsinki-NLP/opus-mt-tc-big-ar-en is not available", "--model")


def test_without_a_model_and_an_unreachable_hub_fails_fast(tmp_path):
    source = tmp_path / "in.ar"
    source.write_text("مرحبا.\n", encoding="utf-8")
    env = {"HF_HOME": str(tmp_path / "hf"), "HF_HUB_OFFLINE": "0", "HF_ENDPOINT": "http://127.0.0.1:9"}
    started = time.monotonic()
    result = run_cli("translate", "--from", "en", "--to", "ar", str(source), env=env)
    assert_clean_failure(result, 3, "Helsinki-NLP/opus-mt-tc-big-en-ar is not available", "cannot be reached")
    assert time.monotonic() - started < 60


def test_stdin_to_stdout(tiny_model):
    result = translate(tiny_model, "-", stdin="\n".join(dev_ar(4)).encode())
    assert result.returncode == 0
    assert len(result.stdout.decode().splitlines()) == 4


# --- interruption and --resume -------------------------------------------------

def start_background(model, source, out, *extra):
    command = [sys.executable, "-m", "translate.cli", "translate", "--from", "ar", "--to", "en",
               "--model", str(model), *FAST, *SLOW, str(source), "-o", str(out), *extra]
    # A test run started in the background (`cmd &`, nohup) ignores SIGINT, and a child inherits that, as
    # it should; the child here must take Ctrl-C as a terminal's foreground job does.
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def wait_for_chunks(progress, chunks, process, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if progress.exists() and progress.read_text(encoding="utf-8").count("\n") >= 1 + 64 * chunks:
            return
        assert process.poll() is None, "the run finished before it could be interrupted"
        time.sleep(0.05)
    raise AssertionError("no progress written")


@pytest.fixture(scope="module")
def long_input(tmp_path_factory):
    folder = tmp_path_factory.mktemp("resume")
    source = folder / "dev.ar"
    # Long enough that the run is still going when the test interrupts it.
    source.write_text("\n".join(dev_ar(997)) + "\n", encoding="utf-8")
    return source


@pytest.fixture(scope="module")
def uninterrupted(tiny_model, long_input):
    out = long_input.parent / "reference.en"
    assert translate(tiny_model, str(long_input), *SLOW, "-o", str(out)).returncode == 0
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM])
def test_resume_after_kill_or_ctrl_c_gives_the_uninterrupted_output(tiny_model, long_input, uninterrupted, tmp_path, sig):
    out = tmp_path / "out.en"
    progress = tmp_path / "out.en.mtrepair-progress"
    process = start_background(tiny_model, long_input, out)
    wait_for_chunks(progress, 2, process)
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    assert not out.exists(), "no partial output without --resume"
    if sig in (signal.SIGINT, signal.SIGTERM):  # SIGTERM is handled like Ctrl-C, with the shell's code for it
        assert process.returncode == (130 if sig == signal.SIGINT else 143)
        word = "interrupted" if sig == signal.SIGINT else "terminated"
        assert f"error: {word} after" in stderr.decode()
        assert "run the same command with --resume" in stderr.decode() and "Traceback" not in stderr.decode()

    refused = translate(tiny_model, str(long_input), *SLOW, "-o", str(out))
    assert_clean_failure(refused, 2, "unfinished run", "--resume")

    resumed = translate(tiny_model, str(long_input), *SLOW, "-o", str(out), "--resume")
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert out.read_text(encoding="utf-8") == uninterrupted
    assert not progress.exists()


def test_resume_drops_a_half_written_record_and_redoes_its_chunk(tiny_model, long_input, uninterrupted, tmp_path):
    out = tmp_path / "out.en"
    progress = tmp_path / "out.en.mtrepair-progress"
    process = start_background(tiny_model, long_input, out)
    wait_for_chunks(progress, 1, process)
    process.kill()
    process.wait()
    with open(progress, "a", encoding="utf-8") as handle:
        handle.write('{"i": 64, "out": "cut off mid-wri')
    resumed = translate(tiny_model, str(long_input), *SLOW, "-o", str(out), "--resume")
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert out.read_text(encoding="utf-8") == uninterrupted


def test_a_second_run_on_the_same_output_is_refused_and_the_first_finishes_whole(tiny_model, long_input,
                                                                                 uninterrupted, tmp_path):
    """The issue's case: the same command with --resume started while the first runs (both used to append)."""
    out = tmp_path / "out.en"
    progress = tmp_path / "out.en.mtrepair-progress"
    process = start_background(tiny_model, long_input, out)
    wait_for_chunks(progress, 1, process)
    second = translate(tiny_model, str(long_input), *SLOW, "-o", str(out), "--resume")
    assert_clean_failure(second, 2, f"is in use by another run (pid {process.pid}")
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr.decode()
    assert out.read_text(encoding="utf-8") == uninterrupted and not progress.exists()


def test_kill_9_at_random_points_then_resume_keeps_every_saved_record(tiny_model, long_input, uninterrupted,
                                                                       tmp_path):
    out = tmp_path / "out.en"
    progress = tmp_path / "out.en.mtrepair-progress"
    saved = 0
    for delay in random.Random(23).sample([0.5, 1.0, 2.0, 3.0, 4.5], 3):  # seconds after the start
        process = start_background(tiny_model, long_input, out, *(["--resume"] if progress.exists() else []))
        time.sleep(delay)
        process.kill()
        process.wait()
        lines = progress.read_text(encoding="utf-8").splitlines() if progress.exists() else []
        records = sum(1 for line in lines if line.startswith('{"i"'))
        assert records >= saved, "a saved record was lost"
        saved = records
    resumed = translate(tiny_model, str(long_input), *SLOW, "-o", str(out), *(["--resume"] if progress.exists() else []))
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert out.read_text(encoding="utf-8") == uninterrupted and not progress.exists()


def test_resume_with_other_settings_is_refused(tiny_model, long_input, tmp_path):
    out = tmp_path / "out.en"
    process = start_background(tiny_model, long_input, out)
    wait_for_chunks(tmp_path / "out.en.mtrepair-progress", 1, process)
    process.kill()
    process.wait()
    result = translate(tiny_model, str(long_input), *SLOW, "-o", str(out), "--resume", "--beam-size", "1")
    assert_clean_failure(result, 2, "was made for other input or settings: decoding beam_size 2 then, 1 now;")


def test_output_to_a_fifo_is_written_through_without_a_progress_file(tiny_model, tmp_path):
    import os
    import threading

    source = tmp_path / "in.ar"
    source.write_text("\n".join(dev_ar(3)) + "\n", encoding="utf-8")
    reference = tmp_path / "reference.en"
    assert translate(tiny_model, str(source), "-o", str(reference)).returncode == 0
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = translate(tiny_model, str(source), "-o", str(fifo))
    reader.join(30)
    assert result.returncode == 0, result.stderr.decode()
    assert received == [reference.read_bytes()] and result.stdout == b""  # the FIFO gets it, stdout nothing
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.ar", "pipe", "reference.en"]
    refused = translate(tiny_model, str(source), "-o", str(fifo), "--resume")
    assert_clean_failure(refused, 2, "is a FIFO or device")


def test_dash_output_is_standard_output(tiny_model, tmp_path):
    source = tmp_path / "in.ar"
    source.write_bytes("\ufeff".encode() + "\r\n".join(dev_ar(2)).encode() + b"\r\n")
    result = translate(tiny_model, str(source), "-o", "-")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.startswith("\ufeff".encode()) and result.stdout.count(b"\r\n") == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.ar"]


# --- the command line itself -------------------------------------------------------


def test_version_is_the_installed_distributions():
    from importlib.metadata import version

    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.decode() == f"mtrepair {version('mtrepair')}\n"


def test_help_lists_each_command_once_with_its_help():
    result = run_cli("--help", env={"COLUMNS": "120"})
    assert result.returncode == 0
    text = result.stdout.decode()
    for command in ("translate", "repair", "glossary", "score", "roundtrip", "convert"):
        listed = [line for line in text.splitlines() if line.strip().split(" ")[0] == command]
        assert len(listed) == 1, text
        assert len(listed[0].split()) > 2, f"{command} has no one-line help: {listed[0]!r}"
    assert "{" not in text  # argparse's own {translate,repair,...} listing


def test_every_option_of_every_command_says_what_it_does():
    import argparse

    from translate.cli import build_parser

    undescribed = []

    def walk(parser, name):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for command, sub in action.choices.items():
                    walk(sub, f"{name} {command}")
            elif not action.help and not isinstance(action, argparse._HelpAction):
                undescribed.append(f"{name} {'/'.join(action.option_strings) or action.metavar or action.dest}")

    walk(build_parser(), "mtrepair")
    assert undescribed == []


def test_standard_output_keeps_each_lines_ending_as_the_file_output_does(tiny_model, tmp_path):
    source = tmp_path / "mixed.ar"
    lines = dev_ar(5)
    source.write_bytes(("\ufeff" + lines[0] + "\r\n" + lines[1] + "\n\r\n" + lines[2] + "\r\n" + lines[3]).encode())
    out = tmp_path / "mixed.en"
    assert translate(tiny_model, str(source), "-o", str(out)).returncode == 0
    streamed = translate(tiny_model, str(source))
    assert streamed.returncode == 0, streamed.stderr.decode()
    assert streamed.stdout == out.read_bytes()
    assert out.read_bytes().startswith("\ufeff".encode()) and out.read_bytes().count(b"\r\n") == 3

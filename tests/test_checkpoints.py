"""Checkpoints by time as well as by count (translate.jobs.checkpoint): kill -9 loses seconds, not a chunk.

A slow translator (the tiny model, slowed down per batch) runs in its own
process, as a real run would, and is killed with SIGKILL before a single
chunk of records is done; the batches it finished are in the progress file,
a resumed run does not translate them again, and its output is the same
bytes as a run that never stopped.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FLORES, ROOT

from translate.engines.base import Hypothesis
from translate.errors import ResumeError
from translate.jobs.checkpoint import Checkpoint, progress_path

JOB = r"""
import sys, time
from translate.engines.transformers import DecodingOptions, Translator
from translate.formats import read_document
from translate.jobs.document import JobSettings, run_job

model, source, output, delay, save_seconds, log = sys.argv[1:]
translator = Translator(model, device="cpu", options=DecodingOptions(beam_size=2, max_length=6), batch_size=4)
translate_batch = translator.translate_batch

def slow(sentences):
    time.sleep(float(delay))
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(f"{len(sentences)}\n")
    return translate_batch(sentences)

translator.translate_batch = slow
run_job(read_document(source), translator, JobSettings("ar", "en", output=output, resume=True, quiet=True,
                                                       save_seconds=float(save_seconds)))
"""


def job(model, source: Path, output: Path, log: Path, *, delay: float, save_seconds: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", JOB, str(model), str(source), str(output), str(delay),
                             str(save_seconds), str(log)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(process: subprocess.Popen) -> None:
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr.decode()


def batch_lines(progress: Path) -> list[dict]:
    lines = progress.read_text(encoding="utf-8").split("\n")[1:]
    return [json.loads(line) for line in lines if line.startswith('{"chunk"')]


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    # Fewer records than one chunk (64): without saving by time, a kill would keep nothing.
    path = tmp_path_factory.mktemp("slow") / "dev.ar"
    path.write_text("\n".join((FLORES / "dev.ar").read_text(encoding="utf-8").split("\n")[:30]) + "\n",
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def uninterrupted(tiny_model, source) -> bytes:
    out = source.parent / "reference.en"
    finish(job(tiny_model, source, out, source.parent / "reference.log", delay=0, save_seconds=5))
    return out.read_bytes()


def test_kill_9_mid_chunk_keeps_the_finished_batches_and_resume_gives_the_same_bytes(tiny_model, source,
                                                                                     uninterrupted, tmp_path):
    out, first_log, second_log = tmp_path / "out.en", tmp_path / "first.log", tmp_path / "second.log"
    progress = progress_path(str(out))
    process = job(tiny_model, source, out, first_log, delay=0.4, save_seconds=1)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (progress.exists() and len(batch_lines(progress)) >= 2):
        assert process.poll() is None, process.communicate()[1].decode()
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    assert not out.exists()
    saved = batch_lines(progress)
    assert len(saved) >= 2 and all(line["chunk"] == 0 for line in saved)
    translated_before = len(first_log.read_text().split())
    assert len(saved) <= translated_before  # at most the work since the last save is lost

    finish(job(tiny_model, source, out, second_log, delay=0, save_seconds=5))
    assert out.read_bytes() == uninterrupted
    assert not progress.exists()
    total = len((source.parent / "reference.log").read_text().split())
    assert len(second_log.read_text().split()) == total - len(saved), "saved batches were translated again"


# --- the progress file itself ----------------------------------------------------------

HYPOTHESIS = Hypothesis("hello", 3, 2, 1, 0.5, False)
SETTINGS = {"model": "m", "decoding": {"beam_size": 2, "max_length": 6}, "pair": ["ar", "en"]}


def entry(i: int, last: bool = False) -> dict:
    return {"i": i, "out": f"line {i}", "report": [], **({"last": True} if last else {})}


def test_batches_are_saved_after_save_seconds_not_before(tmp_path):
    out = str(tmp_path / "out.en")
    checkpoint = Checkpoint.start(out, "f", 2, resume=False, settings=SETTINGS, save_seconds=3600)
    header = progress_path(out).read_text(encoding="utf-8")
    assert json.loads(header)["settings"] == SETTINGS and header.endswith("\n")
    checkpoint.add_batch(0, ["مرحبا"], [HYPOTHESIS])
    assert progress_path(out).read_text(encoding="utf-8") == header  # not yet: an hour has not passed
    checkpoint.save()  # what Ctrl-C and SIGTERM do
    assert len(batch_lines(progress_path(out))) == 1
    checkpoint.save_seconds = 0
    checkpoint.add_batch(0, ["أهلا"], [HYPOTHESIS])
    assert len(batch_lines(progress_path(out))) == 2


def test_resume_keeps_whole_chunks_and_the_next_chunks_batches_and_drops_the_rest(tmp_path):
    out = str(tmp_path / "out.en")
    checkpoint = Checkpoint.start(out, "f", 2, resume=False, settings=SETTINGS, save_seconds=0)
    checkpoint.add_batch(0, ["a"], [HYPOTHESIS])
    checkpoint.append([entry(0), entry(1)])  # chunk 0 done: its batch line is now useless
    checkpoint.add_batch(2, ["b", "c"], [HYPOTHESIS, HYPOTHESIS])
    with open(progress_path(out), "a", encoding="utf-8") as handle:
        handle.write('{"i": 2, "out": "cut off')  # a kill in the middle of a write
    checkpoint.close()  # the run ends (a kill releases its lock too)
    resumed = Checkpoint.start(out, "f", 2, resume=True, settings=SETTINGS)
    assert [e["i"] for e in resumed.done] == [0, 1]
    assert resumed.batches == {("b", "c"): [HYPOTHESIS, HYPOTHESIS]}
    kept = progress_path(out).read_text(encoding="utf-8").split("\n")
    assert len(kept) == 5 and kept[-1] == "" and '"chunk": 2' in kept[3]  # header, 2 records, 1 batch


def test_the_last_shorter_chunk_counts_when_marked_last(tmp_path):
    out = str(tmp_path / "out.en")
    checkpoint = Checkpoint.start(out, "f", 4, resume=False)
    checkpoint.append([entry(0), entry(1, last=True)])
    checkpoint.close()
    assert [e["i"] for e in Checkpoint.start(out, "f", 4, resume=True).done] == [0, 1]


def test_resume_with_other_settings_names_what_differs(tmp_path):
    out = str(tmp_path / "out.en")
    Checkpoint.start(out, "f", 2, resume=False, settings={**SETTINGS, "input": "abc"}).close()
    now = {**SETTINGS, "decoding": {"beam_size": 1, "max_length": 6}, "pair": ["en", "ar"], "input": "def"}
    with pytest.raises(ResumeError) as caught:
        Checkpoint.start(out, "g", 2, resume=True, settings=now)
    assert caught.value.message == (
        f"{out}.mtrepair-progress was made for other input or settings: the input file's content changed; "
        "the languages (--from/--to) ar->en then, en->ar now; decoding beam_size 2 then, 1 now; "
        "delete it to start over")


def test_a_file_that_is_not_a_progress_file_is_refused(tmp_path):
    out = str(tmp_path / "out.en")
    progress_path(out).write_text("hello\n")
    with pytest.raises(ResumeError, match="not an mtrepair progress file"):
        Checkpoint.start(out, "f", 2, resume=True)
    assert progress_path(out).read_text() == "hello\n"

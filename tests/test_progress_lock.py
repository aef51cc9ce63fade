"""One run per output at a time (translate.jobs.progress_lock): the progress file is locked by its run.

A second run on the same output is refused in one line naming the running
one, changes nothing and deletes nothing; the lock goes when its run exits,
``kill -9`` included, and ``--resume`` then keeps every saved record.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from conftest import ROOT, run_cli

from translate.errors import ResumeError
from translate.jobs.checkpoint import Checkpoint, progress_path

HOLD = r"""
import sys, time
from translate.jobs.checkpoint import Checkpoint
checkpoint = Checkpoint.start(sys.argv[1], "f", 2, resume=True)
checkpoint.append([{"i": 0, "out": "a", "report": []}, {"i": 1, "out": "b", "report": []}])
print("holding", flush=True)
time.sleep(600)
"""


def entry(i: int) -> dict:
    return {"i": i, "out": f"line {i}", "report": []}


@pytest.fixture
def holder(tmp_path):
    """Another process running on tmp_path/out.en, holding its progress file with two records saved."""
    out = str(tmp_path / "out.en")
    process = subprocess.Popen([sys.executable, "-c", HOLD, out], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert process.stdout.readline() == b"holding\n", process.stderr.read().decode()
    yield out, process
    if process.poll() is None:
        process.kill()
        process.wait()


def test_a_second_run_is_refused_naming_the_running_one_and_changes_nothing(holder):
    out, process = holder
    before = progress_path(out).read_bytes()
    for resume in (True, False):
        with pytest.raises(ResumeError) as caught:
            Checkpoint.start(out, "f", 2, resume=resume)
        assert f"is in use by another run (pid {process.pid}" in caught.value.message
        assert "\n" not in caught.value.message
    assert progress_path(out).read_bytes() == before


def test_the_command_line_refuses_before_loading_a_model_in_one_line(holder, tmp_path):
    out, process = holder
    (tmp_path / "in.ar").write_text("مرحبا\n", encoding="utf-8")
    before = progress_path(out).read_bytes()
    result = run_cli("translate", "--from", "ar", "--to", "en", str(tmp_path / "in.ar"), "-o", out, "--resume",
                     "--model", str(tmp_path / "no-such-model"))
    err = result.stderr.decode()
    assert result.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert f"out.en.mtrepair-progress is in use by another run (pid {process.pid}" in err
    assert progress_path(out).read_bytes() == before and not os.path.exists(out)


def test_kill_9_releases_the_lock_and_resume_keeps_every_saved_record(holder):
    out, process = holder
    process.send_signal(signal.SIGKILL)
    process.wait()
    resumed = Checkpoint.start(out, "f", 2, resume=True)
    try:
        assert [e["out"] for e in resumed.done] == ["a", "b"]
    finally:
        resumed.close()


def test_of_runs_starting_at_once_exactly_one_owns_the_file(tmp_path):
    out = str(tmp_path / "out.en")
    started, refused = [], []
    gate = threading.Barrier(8)

    def run():
        gate.wait()
        try:
            started.append(Checkpoint.start(out, "f", 2, resume=True))
        except ResumeError as error:
            refused.append(error.message)

    threads = [threading.Thread(target=run) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(started) == 1 and len(refused) == 7, refused
    assert all("is in use by another run" in message for message in refused)
    started[0].append([entry(0), entry(1)])
    started[0].close()
    assert [e["i"] for e in Checkpoint.start(out, "f", 2, resume=True).done] == [0, 1]


def test_a_resumed_run_that_cuts_the_file_back_still_holds_it(tmp_path):
    out = str(tmp_path / "out.en")
    first = Checkpoint.start(out, "f", 2, resume=False, save_seconds=0)
    first.append([entry(0), entry(1)])
    first.add_batch(2, ["x"], [])
    with open(progress_path(out), "a", encoding="utf-8") as handle:
        handle.write('{"i": 2, "out": "torn')
    first.close()
    second = Checkpoint.start(out, "f", 2, resume=True)  # replaces the file without its torn line
    assert "torn" not in progress_path(out).read_text(encoding="utf-8")
    with pytest.raises(ResumeError, match=f"in use by another run \\(pid {os.getpid()}"):
        Checkpoint.start(out, "f", 2, resume=True)
    second.append([entry(2), entry(3)])
    second.remove()
    assert not progress_path(out).exists()


def test_a_refused_run_never_removes_the_owners_file(holder):
    out, process = holder
    with pytest.raises(ResumeError):
        Checkpoint.start(out, "f", 2, resume=True).remove()
    time.sleep(0.1)
    assert progress_path(out).exists() and process.poll() is None


def test_a_full_disk_while_saving_is_one_line_and_resume_keeps_what_was_saved(tmp_path, monkeypatch):
    import errno

    out = str(tmp_path / "out.en")
    checkpoint = Checkpoint.start(out, "f", 2, resume=False)
    checkpoint.append([entry(0), entry(1)])
    real_write = os.write

    def half_then_full(fd, data):
        real_write(fd, data[: len(data) // 2])  # the disk fills in the middle of a line
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(ResumeError, match="cannot save progress \\(no space left on device\\); the work saved before "
                                          "is kept: make room and run the same command with --resume"):
        checkpoint.append([entry(2), entry(3)])
    monkeypatch.undo()
    checkpoint.close()
    resumed = Checkpoint.start(out, "f", 2, resume=True)
    assert [e["i"] for e in resumed.done] == [0, 1]
    resumed.close()

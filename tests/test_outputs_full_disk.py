"""A full disk under an output (ENOSPC, simulated at the fsync that forces it to disk): every output
stays whole, hard-linked ones too, and a command with several outputs writes all of them or none."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from translate.cli import main
from translate.errors import OutputError
from translate.outputs import together, write_text

FIXTURES = Path(__file__).parent / "fixtures" / "glossary"
NAMES = str(FIXTURES / "repair-names.tsv")
TRANSLATION = str(FIXTURES / "repair-translation.ar")


@pytest.fixture
def full_disk_under(monkeypatch):
    """Make the disk "full" for files written under a folder: their fsync fails with ENOSPC."""
    real_fsync = os.fsync
    folders: list[Path] = []

    def fsync(fd):
        where = os.readlink(f"/proc/self/fd/{fd}")
        if any(where.startswith(str(folder)) for folder in folders):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return folders.append


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


def test_both_hard_links_keep_the_old_content_when_the_disk_is_full(tmp_path, full_disk_under):
    first, second = tmp_path / "hl.ar", tmp_path / "hl-2.ar"
    first.write_text("old text\n" * 100, encoding="utf-8")
    os.link(first, second)
    full_disk_under(tmp_path)
    with pytest.raises(OutputError, match="hl.ar: cannot write \\(no space left on device\\)"):
        write_text(str(first), "new text\n" * 1000)
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8") == "old text\n" * 100
    assert os.stat(first).st_ino == os.stat(second).st_ino and not leftovers(tmp_path)


def test_outputs_written_together_are_all_kept_when_one_cannot_be_written(tmp_path, full_disk_under):
    (tmp_path / "full").mkdir()
    out, report = tmp_path / "out.ar", tmp_path / "full" / "rep.jsonl"
    out.write_text("old out\n", encoding="utf-8")
    report.write_text("old report\n", encoding="utf-8")
    full_disk_under(tmp_path / "full")
    with pytest.raises(OutputError, match="rep.jsonl: cannot write"):
        with together():
            write_text(str(out), "new out\n")
            write_text(str(report), "new report\n")
    assert out.read_text(encoding="utf-8") == "old out\n" and report.read_text(encoding="utf-8") == "old report\n"
    assert not leftovers(tmp_path) and not leftovers(tmp_path / "full")


def test_an_error_inside_together_writes_nothing(tmp_path):
    out = tmp_path / "out.ar"
    with pytest.raises(RuntimeError):
        with together():
            write_text(str(out), "new\n")
            raise RuntimeError("the command failed after its first output")
    assert not out.exists() and not leftovers(tmp_path)


def test_together_writes_every_output_when_all_fit(tmp_path):
    with together():
        write_text(str(tmp_path / "a"), "a\n")
        write_text(str(tmp_path / "sub" / "b"), "b\n")
    assert (tmp_path / "a").read_text() == "a\n" and (tmp_path / "sub" / "b").read_text() == "b\n"


def test_repair_with_the_reports_disk_full_leaves_both_outputs_as_they_were(tmp_path, full_disk_under, capsys):
    (tmp_path / "full").mkdir()
    out, report = tmp_path / "out.ar", tmp_path / "full" / "rep.jsonl"
    out.write_text("old out\n", encoding="utf-8")
    full_disk_under(tmp_path / "full")
    code = main(["repair", "--from", "en", "--to", "ar", "--glossary", NAMES, TRANSLATION, "-o", str(out),
                 "--report", str(report), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "rep.jsonl: cannot write (no space left on device)" in err, err
    assert out.read_text(encoding="utf-8") == "old out\n" and not report.exists()


def test_a_block_in_one_thread_never_holds_back_another_threads_write(tmp_path):
    """The page serves visitors in threads: a write made while another thread is inside together()
    is that thread's own, written at once."""
    import threading

    from translate.common import outputs

    inside, done = threading.Event(), threading.Event()

    def block():
        with outputs.together():
            outputs.write_text(str(tmp_path / "a.txt"), "a")
            inside.set()
            done.wait(5)

    worker = threading.Thread(target=block)
    worker.start()
    inside.wait(5)
    outputs.write_text(str(tmp_path / "b.txt"), "b")
    assert (tmp_path / "b.txt").read_text() == "b"  # not deferred into the other thread's block
    assert not (tmp_path / "a.txt").exists()  # the other block's write waits for its end
    done.set()
    worker.join()
    assert (tmp_path / "a.txt").read_text() == "a"

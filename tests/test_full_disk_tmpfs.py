"""A real full disk: a tiny tmpfs (skipped, with the reason, where this process cannot mount one).

``mtrepair repair`` writing a hard-linked output, or a report, onto a file
system without room fails in one line, exit 2, and leaves every output and
every link as it was, with no temporary file behind.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "glossary"
NAMES = str(FIXTURES / "repair-names.tsv")


@pytest.fixture
def tiny_fs(tmp_path):
    """Mount a 64 KiB tmpfs; yield its folder."""
    folder = tmp_path / "fs"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.decode().strip() or 'mount failed'}); the same "
                    f"cases run with a simulated ENOSPC in test_outputs_full_disk.py")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def fill(folder: Path, leave: int) -> None:
    """Fill ``folder``'s file system until only about ``leave`` bytes are free."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    (folder / "filler").write_bytes(b"x" * max(0, free - leave))


@pytest.fixture
def big_input(tmp_path) -> Path:
    path = tmp_path / "mt.ar"
    path.write_text((FIXTURES / "repair-translation.ar").read_text(encoding="utf-8") * 150, encoding="utf-8")
    return path  # about 35 KB


def repair(*args: str):
    return run_cli("repair", "--from", "en", "--to", "ar", "--glossary", NAMES, "-q", *args)


def test_a_hard_linked_output_on_a_full_disk_keeps_both_links_whole(tiny_fs, big_input):
    first, second = tiny_fs / "hl.ar", tiny_fs / "hl-link.ar"
    first.write_text("old text\n" * 2000, encoding="utf-8")  # 18 KB
    os.link(first, second)
    fill(tiny_fs, leave=8192)
    done = repair(str(big_input), "-o", str(first))
    err = done.stderr.decode()
    assert done.returncode == 2 and err.count("\n") == 1 and "no space left on device" in err, err
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8") == "old text\n" * 2000
    assert sorted(os.listdir(tiny_fs)) == ["filler", "hl-link.ar", "hl.ar"]


def test_with_the_reports_disk_full_neither_output_changes(tiny_fs, big_input, tmp_path):
    out = tmp_path / "out.ar"
    out.write_text("old out\n", encoding="utf-8")
    report = tiny_fs / "rep.jsonl"
    report.write_text("old report\n", encoding="utf-8")
    fill(tiny_fs, leave=0)
    done = repair(str(big_input), "-o", str(out), "--report", str(report))
    err = done.stderr.decode()
    assert done.returncode == 2 and err.count("\n") == 1 and "rep.jsonl: cannot write" in err, err
    assert out.read_text(encoding="utf-8") == "old out\n" and report.read_text(encoding="utf-8") == "old report\n"
    assert sorted(os.listdir(tiny_fs)) == ["filler", "rep.jsonl"] and sorted(os.listdir(tmp_path)) == [
        "fs", "mt.ar", "out.ar"]

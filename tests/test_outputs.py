"""The output writer (translate.outputs) and every command's use of it: nothing is destroyed.

Each test looks at the bytes, modes and kinds of the files afterwards.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from conftest import run_cli

from translate.cli import main
from translate.errors import OutputError
from translate.outputs import check_paths, write_bytes, write_text

FIXTURES = Path(__file__).parent / "fixtures" / "glossary"
NAMES = str(FIXTURES / "repair-names.tsv")
SOURCE = str(FIXTURES / "repair-source.en")
TRANSLATION = str(FIXTURES / "repair-translation.ar")


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def one_line_error(capsys, code: int, *fragments: str) -> str:
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("mtrepair: error: ") and "Traceback" not in err, err
    for fragment in fragments:
        assert fragment in err, err
    return err


# --- regular files ------------------------------------------------------------------


@pytest.mark.parametrize("umask, expected", [(0o027, 0o640), (0o002, 0o664)])
def test_a_new_file_gets_0666_less_the_umask(tmp_path, umask, expected):
    old = os.umask(umask)
    try:
        write_text(str(tmp_path / "new.txt"), "x\n")
    finally:
        os.umask(old)
    assert mode(tmp_path / "new.txt") == expected


def test_an_existing_file_keeps_its_mode_and_gets_the_new_bytes(tmp_path, umask_022):
    target = tmp_path / "kept.txt"
    target.write_text("old\n")
    os.chmod(target, 0o604)
    write_text(str(target), "new\r\nبايت\n")
    assert target.read_bytes() == "new\r\nبايت\n".encode()
    assert mode(target) == 0o604


def test_missing_folders_are_created_and_no_temporary_file_is_left(tmp_path):
    write_bytes(str(tmp_path / "a" / "b" / "out.txt"), b"x")
    assert (tmp_path / "a" / "b" / "out.txt").read_bytes() == b"x"
    assert os.listdir(tmp_path / "a" / "b") == ["out.txt"]


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "old.txt"
    target.write_bytes(b"precious\n")

    def broken(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OutputError, match="old.txt: cannot write \\(no space left on device\\)"):
        write_bytes(str(target), b"new")
    assert target.read_bytes() == b"precious\n"
    assert os.listdir(tmp_path) == ["old.txt"]


def test_dash_is_standard_output(capfdbinary):
    write_bytes("-", b"to stdout\n")
    assert capfdbinary.readouterr().out == b"to stdout\n"


# --- symbolic links, FIFOs, devices ---------------------------------------------------


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("old\n")
    os.chmod(target, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_text(str(link), "new\n")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new\n" and mode(target) == 0o640


def test_a_dangling_symlink_gets_its_target_created(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "sub" / "real.txt")
    write_text(str(link), "made\n")
    assert link.is_symlink() and (tmp_path / "sub" / "real.txt").read_text() == "made\n"


def read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def reader():
        with open(path, "rb") as handle:
            into.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread


def test_a_fifo_is_written_through_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    thread = read_fifo(fifo, received)
    write_text(str(fifo), "through the pipe\n")
    thread.join(10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert os.listdir(tmp_path) == ["pipe"]


@pytest.fixture
def null_device(tmp_path) -> Path:
    """A character device like /dev/null (1, 3), made in tmp_path; never the real one."""
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        with open(device, "wb") as handle:
            handle.write(b"probe")
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot make a character device here ({error})")
    return device


def test_a_character_device_is_written_through_never_replaced(null_device):
    before = os.lstat(null_device)
    write_text(str(null_device), "discarded\n")
    after = os.lstat(null_device)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino
    assert os.listdir(null_device.parent) == ["null"]


def test_repair_to_a_device_and_a_fifo_from_the_command_line(null_device, tmp_path, capsys):
    assert main(["repair", "--glossary", NAMES, "--from", "en", "--to", "ar", TRANSLATION, "-o", str(null_device),
                 "--report", str(null_device), "-q"]) == 0
    assert stat.S_ISCHR(os.lstat(null_device).st_mode)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    thread = read_fifo(fifo, received)
    assert main(["repair", "--glossary", NAMES, "--from", "en", "--to", "ar", TRANSLATION, "-o", str(fifo), "-q"]) == 0
    thread.join(10)
    expected = tmp_path / "expected.ar"
    assert main(["repair", "--glossary", NAMES, "--from", "en", "--to", "ar", TRANSLATION, "-o", str(expected),
                 "-q"]) == 0
    assert received == [expected.read_bytes()]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# --- paths that cannot be written: one line, exit 2 ---------------------------------------


@pytest.mark.parametrize("make, fragment", [
    (lambda tmp: tmp / "folder", "is a folder"),
    (lambda tmp: tmp / "file.txt" / "out.ar", "file.txt is a file, not a folder"),
    (lambda tmp: tmp / "file.txt" / "deeper" / "out.ar", "file.txt is a file, not a folder"),
])
def test_an_output_that_cannot_be_a_file_is_one_line(tmp_path, capsys, make, fragment):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file.txt").write_text("keep\n")
    out = make(tmp_path)
    code = main(["repair", "--glossary", NAMES, "--from", "en", "--to", "ar", TRANSLATION, "-o", str(out), "-q"])
    one_line_error(capsys, code, str(out), fragment)
    assert (tmp_path / "file.txt").read_text() == "keep\n"
    assert sorted(os.listdir(tmp_path)) == ["file.txt", "folder"] and os.listdir(tmp_path / "folder") == []


def test_a_folder_that_refuses_files_is_one_line_before_any_work(tmp_path, capsys):
    if os.geteuid() == 0:
        pytest.skip("root may write in any folder")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    code = main(["repair", "--glossary", NAMES, "--from", "en", "--to", "ar", TRANSLATION,
                 "-o", str(locked / "out.ar"), "-q"])
    one_line_error(capsys, code, "cannot write in", "permission denied")


def test_proc_cannot_be_written_to_one_line(capsys):
    if not os.path.isdir("/proc/self"):
        pytest.skip("no /proc")
    code = main(["repair", "--glossary", NAMES, "--from", "en", "--to", "ar", TRANSLATION, "-o", "/proc/nope", "-q"])
    one_line_error(capsys, code, "/proc/nope")


def test_check_paths_names_both_options():
    with pytest.raises(OutputError, match=r"^-o a and --report a are the same file"):
        check_paths({"-o": "a", "--report": "a"})
    with pytest.raises(OutputError, match=r"^-o and --report would both go to standard output"):
        check_paths({"-o": "-", "--report": "-"})
    check_paths({"-o": "-"}, {"INPUT": "-"})  # standard input and standard output are two things


# --- an output that is an input, or another output: refused before anything is read ------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def files(tmp_path) -> Path:
    (tmp_path / "en.txt").write_text("Clashes erupted in Mosul.\nTalks ended in Geneva.\n", encoding="utf-8")
    (tmp_path / "mt.ar").write_text("اندلعت اشتباكات في موسول.\nانتهت المحادثات في جنيف.\n", encoding="utf-8")
    (tmp_path / "names.tsv").write_bytes(Path(NAMES).read_bytes())
    os.link(tmp_path / "mt.ar", tmp_path / "hardlink.ar")
    (tmp_path / "symlink.ar").symlink_to(tmp_path / "mt.ar")
    return tmp_path


REPAIR = ["repair", "--glossary", "{d}/names.tsv", "--from", "en", "--to", "ar", "-q"]


@pytest.mark.parametrize("args, options", [
    (REPAIR + ["{d}/mt.ar", "-o", "{d}/mt.ar"], ("-o", "INPUT")),
    (REPAIR + ["{d}/mt.ar", "-o", "{d}/./mt.ar"], ("-o", "INPUT")),
    (REPAIR + ["{d}/mt.ar", "-o", "{d}/hardlink.ar"], ("-o", "INPUT")),
    (REPAIR + ["{d}/mt.ar", "-o", "{d}/symlink.ar"], ("-o", "INPUT")),
    (REPAIR + ["--source", "{d}/en.txt", "{d}/mt.ar", "-o", "{d}/en.txt"], ("-o", "--source")),
    (REPAIR + ["{d}/mt.ar", "-o", "{d}/names.tsv"], ("-o", "--glossary")),
    (REPAIR + ["{d}/mt.ar", "-o", "{d}/out.ar", "--report", "{d}/out.ar"], ("--report", "-o")),
    (REPAIR + ["{d}/mt.ar", "--report", "{d}/mt.ar"], ("--report", "INPUT")),
    (REPAIR + ["{d}/mt.ar", "--report", "-"], ("--report", "-o")),
    (["score", "--ref", "{d}/mt.ar", "--hyp", "{d}/hardlink.ar", "-o", "{d}/mt.ar"], ("-o", "--ref")),
    (["score", "--ref", "{d}/en.txt", "--hyp", "{d}/en.txt", "{d}/mt.ar", "-o", "{d}/mt.ar"], ("-o", "--hyp")),
    (["score", "--ref", "{d}/mt.ar", "--hyp", "{d}/mt.ar", "--sentences", "{d}/mt.ar"], ("--sentences", "--ref")),
    (["score", "--ref", "{d}/mt.ar", "--hyp", "{d}/mt.ar", "-o", "{d}/s.txt", "--sentences", "{d}/s.txt"],
     ("--sentences", "-o")),
    (["roundtrip", "--from", "en", "--to", "ar", "{d}/en.txt", "--mt", "{d}/mt.ar", "-o", "{d}/en.txt"],
     ("-o", "INPUT")),
    (["roundtrip", "--from", "en", "--to", "ar", "{d}/en.txt", "--mt", "{d}/mt.ar", "--html", "{d}/mt.ar"],
     ("--html", "--mt")),
    (["roundtrip", "--from", "en", "--to", "ar", "{d}/en.txt", "--mt", "{d}/mt.ar", "--report", "{d}/r",
      "--markdown", "{d}/r"], ("--markdown", "--report")),
    (["roundtrip", "--from", "en", "--to", "ar", "{d}/en.txt", "--mt", "{d}/mt.ar", "--report", "-"],
     ("--report", "the summary")),
    (["translate", "--from", "ar", "--to", "en", "{d}/mt.ar", "-o", "{d}/symlink.ar"], ("-o", "INPUT")),
    (["translate", "--from", "ar", "--to", "en", "{d}/mt.ar", "-o", "{d}/o.en", "--report", "{d}/o.en"],
     ("--report", "-o")),
    (["translate", "--from", "ar", "--to", "en", "{d}/mt.ar", "-o", "{d}/o.en", "--report",
      "{d}/o.en.mtrepair-progress"], ("the progress file of -o", "--report")),
    (["translate", "--from", "ar", "--to", "en", "{d}/mt.ar", "--report", "{d}/mt.ar"], ("--report", "INPUT")),
    (["glossary", "convert", "{d}/names.tsv", "{d}/names.tsv"], ("OUT", "IN")),
])
def test_an_output_that_is_an_input_or_another_output_is_refused_and_nothing_changes(files, capsys, args, options):
    before = snapshot(files)
    code = main([arg.replace("{d}", str(files)) for arg in args])
    err = one_line_error(capsys, code)
    for option in options:
        assert option in err, err
    assert snapshot(files) == before
    assert os.path.islink(files / "symlink.ar")


def test_glossary_convert_onto_itself_does_not_truncate(files, capsys):
    glossary = files / "names.tsv"
    before = glossary.read_bytes()
    code = main(["glossary", "convert", str(glossary), str(files / "." / "names.tsv")])
    one_line_error(capsys, code, "same file")
    assert glossary.read_bytes() == before


def test_translate_refuses_its_input_in_a_separate_process_before_loading_a_model(files):
    # No model is given or available offline: the refusal comes first, in one line.
    result = run_cli("translate", "--from", "ar", "--to", "en", str(files / "mt.ar"), "-o", str(files / "hardlink.ar"))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.count("\n") == 1 and "is the same file as INPUT" in err
    assert (files / "mt.ar").read_bytes() == (files / "hardlink.ar").read_bytes()


def test_two_outputs_on_a_device_are_allowed(null_device, files, capsys):
    assert main(["score", "--ref", str(files / "mt.ar"), "--hyp", str(files / "mt.ar"), "-o", str(null_device),
                 "--sentences", str(null_device)]) == 0


def test_score_and_roundtrip_outputs_keep_mode_and_symlinks(files, capsys, umask_022):
    target = files / "scores.txt"
    target.write_text("old\n")
    os.chmod(target, 0o600)
    link = files / "scores-link.txt"
    link.symlink_to(target)
    assert main(["score", "--ref", str(files / "mt.ar"), "--hyp", str(files / "mt.ar"), "-o", str(link)]) == 0
    assert link.is_symlink() and mode(target) == 0o600 and "BLEU" in target.read_text()
    capsys.readouterr()
    html = files / "check.html"
    assert main(["roundtrip", "--from", "en", "--to", "ar", str(files / "en.txt"), "--mt", str(files / "mt.ar"),
                 "--html", str(html), "--markdown", str(files / "check.md"), "-q", "--back-model",
                 str(files / "no-model")]) == 3  # no reverse model here: nothing written, and no file half-made
    assert not html.exists()


def test_glossary_convert_writes_a_new_file_with_the_umask(files, capsys, umask_022):
    out = files / "names.json"
    assert main(["glossary", "convert", str(files / "names.tsv"), str(out)]) == 0
    assert mode(out) == 0o644


# --- descriptors, hard links, permissions (review of the writer) -----------------------


def test_dev_stdout_is_the_open_descriptor_and_appends_where_the_shell_appends(tmp_path):
    import subprocess
    import sys

    log = tmp_path / "log.txt"
    log.write_text("earlier line\n", encoding="utf-8")
    with open(log, "ab") as stdout:  # as `>> log.txt` opens it
        done = subprocess.run([sys.executable, "-m", "translate.cli", "repair", "--glossary", NAMES, "--from", "en",
                               "--to", "ar", "--source", SOURCE, TRANSLATION, "-o", "/dev/stdout", "-q"],
                              stdout=stdout, stderr=subprocess.PIPE, cwd=Path(__file__).parent.parent)
    assert done.returncode == 0, done.stderr.decode()
    written = log.read_text(encoding="utf-8")
    assert written.startswith("earlier line\n") and len(written) > len("earlier line\n")
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_file_with_hard_links_is_split_from_them_like_sed_i(tmp_path):
    first, second = tmp_path / "h1", tmp_path / "h2"
    first.write_text("keep\n", encoding="utf-8")
    os.link(first, second)
    write_text(str(first), "new\n")
    assert first.read_text(encoding="utf-8") == "new\n" and second.read_text(encoding="utf-8") == "keep\n"
    assert os.stat(first).st_nlink == 1 and os.stat(second).st_nlink == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_a_read_only_output_is_refused_and_kept(tmp_path):
    target = tmp_path / "locked.txt"
    target.write_text("keep\n", encoding="utf-8")
    target.chmod(0o444)
    with pytest.raises(OutputError, match="is read-only"):
        write_text(str(target), "new\n")
    assert target.read_text(encoding="utf-8") == "keep\n"

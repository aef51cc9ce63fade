"""One run per output at a time: the progress file is held with an advisory lock.

A run holds an exclusive ``flock`` on ``OUT.mtrepair-progress`` from the
moment it opens or creates it until it ends; the kernel releases it when the
process exits, however it exits (``kill -9`` included), so a stale lock
cannot outlive its run.  A second run on the same output is refused in one
line naming the running one, before it reads, changes or deletes anything.

The file is replaced (cut back on resume) only by its holder, and the new
file is locked before it takes the name (:func:`translate.common.outputs.publish_locked`);
a run that locked the old file after that sees that the name now points at
another file and tries again, finding the new one held.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from ..common.errors import ResumeError


def open_locked(path: Path) -> int | None:
    """A descriptor of the existing progress file, locked by this run; None when there is none."""
    while True:
        try:
            handle = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CLOEXEC)
        except FileNotFoundError:
            return None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            running = holder(handle)
            os.close(handle)
            raise ResumeError(f"{path} is in use by another run ({running}) writing the same output; wait for it "
                              f"to finish or stop it first") from None
        if _same_file(handle, path):
            return handle
        os.close(handle)  # replaced or removed by its holder while we waited: look again


def refuse_if_running(path: Path) -> None:
    """Refuse now, before a model is loaded, when another run holds ``path`` (the run locks it for good later)."""
    handle = open_locked(path)
    if handle is not None:
        os.close(handle)


def holder(handle: int) -> str:
    """The process holding the lock on the file open as ``handle``, in words (from /proc/locks on Linux)."""
    status = os.fstat(handle)
    device = f"{os.major(status.st_dev):02x}:{os.minor(status.st_dev):02x}:{status.st_ino}"
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as locks:
            held = [line.split() for line in locks]
    except OSError:
        held = []
    held = [fields for fields in held if len(fields) > 5 and fields[1] == "FLOCK"]
    # The device as /proc/locks gives it can differ from stat's on an overlay file system: then the inode decides.
    for fields in [f for f in held if f[5] == device] or [f for f in held if f[5].endswith(f":{status.st_ino}")]:
        return f"pid {fields[4]}{_command(fields[4])}"
    return "its process id could not be found"


def _command(pid: str) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            words = handle.read().split(b"\0")
    except OSError:
        return ""
    text = " ".join(" ".join(word.decode("utf-8", "replace").split()) for word in words if word)  # one line
    return f": {text[:120]}{'…' if len(text) > 120 else ''}" if text else ""


def _same_file(handle: int, path: Path) -> bool:
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(handle)
    return (mine.st_dev, mine.st_ino) == (now.st_dev, now.st_ino)

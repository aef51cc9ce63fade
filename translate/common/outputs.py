"""Every file mtrepair writes goes through here, so that no command can destroy data.

The rules (README, "Errors and outputs"):

* ``-`` is standard output.
* A regular file, or a path with nothing there yet, is written to a
  temporary file in the same folder, forced to disk, and renamed over the
  target only once the whole content exists: until then the old file is
  intact, and a crash leaves it as it was.  The new file keeps the old one's
  permission bits; a file that did not exist gets ``0o666`` less the umask,
  as a shell redirection would.  Missing folders are created.
* A symbolic link is followed: the file it points to is replaced as above,
  and the link stays a link (a dangling link gets its target created).
* A FIFO or a character device (a terminal, ``/dev/null``) is opened and
  written in place, as ``> path`` in a shell would: never renamed over,
  never replaced by a regular file.  ``/dev/stdout``, ``/dev/stderr``,
  ``/dev/fd/N`` and ``/proc/self/fd/N`` are the open descriptor they name,
  written as it is (appending where the shell opened it with ``>>``).
* A file with other hard links is replaced like any other, as ``sed -i``
  does: the name given gets the new content, the other names keep the old
  file whole.  Writing in place would leave every link half-written when the
  disk fills up or the machine stops mid-write.  A read-only file is refused.
* Inside :func:`together` (a command with several outputs), every output is
  first written to its temporary file and forced to disk; only when all of
  them are there are they renamed into place, so a failure (a full disk
  under one of them) leaves every output as it was.
* Anything else (a folder, a block device, a socket, a path whose parent is
  a file, a folder that cannot be created) is one line naming the path,
  exit 2.

:func:`check_paths` runs before a command reads anything: it refuses an
output that is the same file as an input or as another output (same inode,
or the same path once links are resolved for files not there yet).
"""

from __future__ import annotations

import fcntl
import os
import re
import secrets
import stat
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from .errors import OutputError

STDOUT = "-"
# Several outputs may go to /dev/null (or a terminal) together; no data is at stake there.
_SHAREABLE = (stat.S_ISCHR,)
# Inside together(): the outputs asked for so far, (path, bytes), written when the block ends; one list
# per thread, so that a thread's block never collects another thread's writes (the page serves in threads).
_blocks = threading.local()


def write_text(path: str, text: str) -> None:
    """Write ``text`` as UTF-8, exactly (no newline added or translated)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate, as a JSON escape ("\ud800") can give
        raise OutputError(f"{path}: cannot write U+{ord(text[error.start]):04X} (half of a surrogate pair, from a "
                          f"JSON escape in the input?) as UTF-8") from None
    write_bytes(path, data)


def write_lines(path: str, lines: Iterable[str]) -> None:
    """Write each line followed by LF."""
    write_text(path, "".join(line + "\n" for line in lines))


def write_bytes(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` by the rules above (at the end of a :func:`together` block, inside one)."""
    deferred = getattr(_blocks, "deferred", None)
    if deferred is not None:
        deferred.append((path, data))
        return
    _commit([(path, data)])


@contextmanager
def together() -> Iterator[None]:
    """All the writes inside the block happen at its end, all or none of the files (see above).

    An exception inside the block writes nothing.  Streams (standard output, a
    FIFO, a device) cannot be taken back: they are written once every file is
    safely on disk, before the files are renamed into place."""
    if getattr(_blocks, "deferred", None) is not None:  # nested: the outer block commits
        yield
        return
    _blocks.deferred = []
    try:
        yield
        pending = _blocks.deferred
    finally:
        _blocks.deferred = None
    _commit(pending)


def _commit(outputs: list[tuple[str, bytes]]) -> None:
    """Stage every file output (temporary file, on disk), write the streams, then rename the files."""
    staged: list[tuple[str, str, str]] = []  # (path, temporary, target)
    streams, renamed = [], []
    try:
        for path, data in outputs:
            target = _file_target(path)
            if target is None:
                streams.append((path, data))
            else:
                staged.append((path, _stage(path, target, data), target))
        for path, data in streams:
            _write_stream(path, data)
        while staged:
            path, temporary, target = staged[0]
            try:
                os.replace(temporary, target)
            except OSError as error:
                raise OutputError(f"{path}: cannot write ({_reason(error)})") from None
            renamed.append(staged.pop(0))
    finally:
        for _, temporary, _ in staged:  # not renamed: a failure before every file was on disk
            _discard(temporary)
    for folder in dict.fromkeys(os.path.dirname(target) or "." for _, _, target in renamed):
        _sync_folder(folder)


def _file_target(path: str) -> str | None:
    """Where a file output's bytes go once resolved; None for a stream (standard output, a descriptor, a FIFO,
    a device), which is written as it is."""
    if path == STDOUT or _descriptor(path) is not None:
        return None
    target = os.path.realpath(path)
    try:
        return target if _kind(path, target) == "file" else None
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({_reason(error)})") from None


def _write_stream(path: str, data: bytes) -> None:
    descriptor = _descriptor(path)
    if path == STDOUT or descriptor == 1:
        sys.stdout.flush()  # text printed earlier comes first
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    if descriptor is not None:
        try:
            with os.fdopen(os.dup(descriptor), "wb") as out:
                out.write(data)
        except OSError as error:
            raise OutputError(f"{path}: cannot write ({_reason(error)})") from None
        return
    try:
        _write_through(os.path.realpath(path), data)
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({_reason(error)})") from None


def publish_locked(path: str, data: bytes, *, replace: bool) -> int:
    """Write ``data`` to ``path`` as above and return a descriptor of the new file, opened for appending and
    already holding an exclusive ``flock``: the progress file of a run, owned by it from its first byte.

    ``replace=False`` creates the file only if nothing is there (``FileExistsError`` otherwise, where another
    run came first); ``replace=True`` renames over the file, whose lock the caller holds."""
    target = os.path.realpath(path)
    temporary = _stage(path, target, data)
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_APPEND | os.O_CLOEXEC)
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a name nobody else knows: never waits
        try:
            if replace:
                os.replace(temporary, target)
            else:
                os.link(temporary, target)  # never over a file another run made meanwhile
        except BaseException:
            os.close(handle)
            raise
    except OSError as error:
        if isinstance(error, FileExistsError):
            raise
        raise OutputError(f"{path}: cannot write ({_reason(error)})") from None
    finally:
        _discard(temporary)  # after a link, the file's second name; after a rename, gone already
    _sync_folder(os.path.dirname(target) or ".")
    return handle


def is_stream(path: str | None) -> bool:
    """A FIFO or character device (written in place: nothing to resume, no progress file beside it)."""
    if not path or path == STDOUT:
        return False
    if _descriptor(path) is not None:
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def check_paths(outputs: Mapping[str, str | None], inputs: Mapping[str, str | Sequence[str] | None] = {}) -> None:
    """Refuse outputs that cannot be written or that are an input or another output.

    Keys are what a person typed (``-o``, ``--report``, ``INPUT``) so that the
    message names both options; values are paths (``None``: not given).  Runs
    before anything is read, so a refused command has changed nothing.
    """
    named = [(option, path) for option, path in outputs.items() if path]
    sources = [(option, path) for option, paths in inputs.items() if paths
               for path in ([paths] if isinstance(paths, str) else paths)]
    for number, (option, path) in enumerate(named):
        if path != STDOUT and _descriptor(path) is None and _kind(path, os.path.realpath(path)) == "file":
            _check_writable(path, os.path.dirname(os.path.realpath(path)))
        for other, source in sources:
            if path != STDOUT and source != STDOUT and _same_file(path, source):
                raise OutputError(f"{option} {path} is the same file as {other} {source}: writing it would destroy "
                                  f"the input; choose another output")
        for other, earlier in named[:number]:
            if path == earlier == STDOUT:
                raise OutputError(f"{other} and {option} would both go to standard output; write one to a file")
            if STDOUT not in (path, earlier) and _same_file(path, earlier):
                raise OutputError(f"{other} {earlier} and {option} {path} are the same file; give each output its own")


# --- how --------------------------------------------------------------------------

_DESCRIPTOR = re.compile(r"/dev/(stdout|stderr)|/dev/fd/(\d+)|/proc/(?:self|(\d+))/fd/(\d+)")


def _descriptor(path: str) -> int | None:
    """The open file descriptor a path such as ``/dev/stdout`` names (resolving it would reopen the file)."""
    match = _DESCRIPTOR.fullmatch(os.path.normpath(path)) if path else None
    if not match:
        return None
    named, fd, pid, proc_fd = match.groups()
    if pid and int(pid) != os.getpid():
        return None  # another process's descriptor: an ordinary path
    return {"stdout": 1, "stderr": 2}[named] if named else int(fd or proc_fd)


def _kind(path: str, target: str) -> str:
    """``"file"`` (regular, or not there yet) or ``"stream"``; anything else is refused in one line."""
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        _check_folder(path, os.path.dirname(target))
        return "file"
    except NotADirectoryError:
        _check_folder(path, os.path.dirname(target))
        raise OutputError(f"{path}: cannot write (a part of the path is not a folder)") from None
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({_reason(error)})") from None
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return "stream"
    what = "a folder" if stat.S_ISDIR(mode) else "a block device" if stat.S_ISBLK(mode) else "a socket"
    raise OutputError(f"{path}: is {what}; give a file name")


def _check_folder(path: str, folder: str) -> None:
    """The nearest existing folder above a new file must be a folder: a file in the way is refused."""
    while folder and not os.path.lexists(folder):
        folder = os.path.dirname(folder)
    if folder and not os.path.isdir(folder):
        raise OutputError(f"{path}: cannot write: {folder} is a file, not a folder")


def _check_writable(path: str, folder: str) -> None:
    """Create and remove a file where the output will go, so that a long run cannot fail at its very end
    (a read-only disk, no permission, /proc).  A folder not there yet is created only when writing."""
    if not os.path.isdir(folder):
        nearest = folder
        while nearest and not os.path.isdir(nearest):
            nearest = os.path.dirname(nearest)
        if nearest and not os.access(nearest, os.W_OK | os.X_OK):
            raise OutputError(f"{path}: cannot create the folders it needs in {nearest} (permission denied)")
        return
    if os.path.exists(path) and not os.access(path, os.W_OK):
        raise OutputError(f"{path}: is read-only; make it writable or choose another output")
    try:
        handle, temporary = _temporary(folder, os.path.basename(path))
    except OSError as error:
        raise OutputError(f"{path}: cannot write in {folder} ({_reason(error)})") from None
    os.close(handle)
    os.unlink(temporary)


def _stage(path: str, target: str, data: bytes) -> str:
    """``data`` in a new temporary file beside ``target``, forced to disk: its name, to rename over ``target``.
    Any failure (a full disk) removes it and leaves ``target`` as it was."""
    folder = os.path.dirname(target) or "."
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{path}: cannot create the folder {folder} ({_reason(error)})") from None
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    if old is not None and not os.access(target, os.W_OK):
        raise OutputError(f"{path}: is read-only; make it writable or choose another output")
    try:
        handle, temporary = _temporary(folder, os.path.basename(target))
    except OSError as error:
        raise OutputError(f"{path}: cannot write ({_reason(error)})") from None
    try:
        if old is not None:
            os.fchmod(handle, stat.S_IMODE(old.st_mode))
            if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
                try:  # root writing a user's file gives it back to the user
                    os.fchown(handle, old.st_uid, old.st_gid)
                except OSError:
                    pass
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException as error:
        _discard(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"{path}: cannot write ({_reason(error)})") from None
        raise
    return temporary


def _discard(temporary: str) -> None:
    try:
        os.unlink(temporary)
    except OSError:
        pass


def _temporary(folder: str, name: str) -> tuple[int, str]:
    # os.open with 0o666 lets the kernel apply the umask (mkstemp would give 0o600);
    # O_EXCL makes the name ours alone.
    for _ in range(100):
        temporary = os.path.join(folder, f".{name[:200]}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def _write_through(target: str, data: bytes) -> None:
    # No O_CREAT, no O_TRUNC: the FIFO or device stays what it is.  Opening a
    # FIFO waits for its reader, as a shell redirection does.
    with os.fdopen(os.open(target, os.O_WRONLY | os.O_CLOEXEC), "wb") as out:
        out.write(data)


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable; best effort (some file systems refuse)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _same_file(a: str, b: str) -> bool:
    try:
        if os.path.samefile(a, b):
            return not any(test(os.stat(a).st_mode) for test in _SHAREABLE)
        return False
    except OSError:  # one of them is not there yet: compare where they would be
        return os.path.realpath(a) == os.path.realpath(b)


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()

"""INPUT of a batch job: one file, a folder, or a glob, as a sorted list of files.

Each file keeps the name it has relative to where the search started (the
folder, or the part of the glob before its first wildcard), and its output
gets the same relative name under the output folder.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path

from ..common.errors import InputError

_WILDCARDS = set("*?[")


@dataclass(frozen=True)
class InputFile:
    path: str  # as the files are read
    name: str  # relative to the folder or glob root: the output's name under -o FOLDER


def find_inputs(spec: str) -> tuple[list[InputFile], bool]:
    """The files ``spec`` names, and whether it named one file (then -o is a file, not a folder).

    A folder gives every file under it, hidden files and folders left out
    (mtrepair keeps its own state in ``.mtrepair``) and links to folders not
    followed (a link may loop); a glob is expanded by Python's ``glob`` with
    ``**`` for any depth.  A file reached twice (``**/**``, a link to a file
    already listed) is taken once.  Files are sorted by name, so a job sees
    them in the same order every time.
    """
    if spec == "-":
        raise InputError("--ray reads files, not standard input; give a file, folder or glob")
    if not any(c in _WILDCARDS for c in spec):
        path = Path(spec)
        if path.is_file():
            return [InputFile(spec, path.name)], True
        if not path.is_dir():
            raise InputError(f"{spec}: no such file or folder")
        files = _once([InputFile(str(f), f.relative_to(path).as_posix()) for f in _walk(path)])
        if not files:
            raise InputError(f"{spec}: the folder holds no files to translate")
        return files, False
    root = _glob_root(spec)
    matches = sorted(m for m in set(glob.glob(spec, recursive=True)) if os.path.isfile(m))
    if not matches:
        raise InputError(f"{spec}: no file matches")
    return _once([InputFile(m, Path(os.path.relpath(m, root)).as_posix()) for m in matches]), False


def search_root(spec: str) -> str:
    """The folder INPUT searches: itself, or a glob's fixed part."""
    return _glob_root(spec) if any(c in _WILDCARDS for c in spec) else spec


def _once(files: list[InputFile]) -> list[InputFile]:
    seen, kept = set(), []
    for file in files:
        real = os.path.realpath(file.path)
        if real not in seen:
            seen.add(real)
            kept.append(file)
    return kept


def _walk(folder: Path) -> list[Path]:
    found = []
    for here, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        found.extend(Path(here) / f for f in files if not f.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def _glob_root(pattern: str) -> str:
    """The folder a glob starts from: its path up to the first part with a wildcard."""
    parts = Path(pattern).parts
    fixed = []
    for part in parts[:-1]:
        if any(c in _WILDCARDS for c in part):
            break
        fixed.append(part)
    return str(Path(*fixed)) if fixed else "."

"""The progress file that lets an interrupted batch run resume.

While ``mtrepair translate -o OUT`` runs, every finished chunk of records is
appended to ``OUT.mtrepair-progress`` and forced to disk, so that Ctrl-C, a
crash or ``kill -9`` loses at most the chunk in flight.  ``--resume`` reads
the file back, drops a chunk that was cut off half-written, and carries on
from the first record not done.  The file's first line holds a fingerprint of
the input and of every setting that changes the output; resuming with other
input or settings is refused rather than mixing two runs in one output.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ResumeError

SUFFIX = ".mtrepair-progress"
VERSION = 1


def progress_path(output: str) -> Path:
    return Path(output + SUFFIX)


@dataclass
class Checkpoint:
    """Append-only record of finished chunks; ``done`` holds their entries in order."""

    path: Path
    fingerprint: str
    chunk_records: int
    done: list[dict] = field(default_factory=list)

    @classmethod
    def start(cls, output: str, fingerprint: str, chunk_records: int, *, resume: bool) -> "Checkpoint":
        """Open the progress file for ``output``: resume it, or begin a new one."""
        path = progress_path(output)
        if path.exists():
            if resume:
                return cls._load(path, fingerprint)
            raise ResumeError(
                f"{path} holds an unfinished run: add --resume to continue it, or delete the file to start over"
            )
        checkpoint = cls(path, fingerprint, chunk_records)
        header = {"mtrepair_progress": VERSION, "fingerprint": fingerprint, "chunk_records": chunk_records}
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(header) + "\n")
            _sync(handle)
        return checkpoint

    @classmethod
    def _load(cls, path: Path, fingerprint: str) -> "Checkpoint":
        data = path.read_bytes()
        lines = data.split(b"\n")
        try:
            header = json.loads(lines[0])
            version, chunk_records = header["mtrepair_progress"], int(header["chunk_records"])
        except (ValueError, KeyError, TypeError):
            raise ResumeError(f"{path}:1: not an mtrepair progress file; delete it to start over") from None
        if version != VERSION or header.get("fingerprint") != fingerprint:
            raise ResumeError(
                f"{path} was made for other input or settings (model, engine, languages, format, decoding); "
                f"delete it to start over"
            )
        entries, ends = [], []  # ends[i]: byte offset just after entry i
        position = len(lines[0]) + 1
        for number, raw in enumerate(lines[1:], 2):
            complete = position + len(raw) < len(data)  # has its newline: not cut off mid-write
            if not raw.strip() or not complete:
                break
            try:
                entry = json.loads(raw)
            except ValueError:
                break
            if entry.get("i") != len(entries):
                raise ResumeError(f"{path}:{number}: records out of order; delete the file to start over")
            entries.append(entry)
            position += len(raw) + 1
            ends.append(position)
        # Keep whole chunks only: a resumed run then batches exactly as an
        # uninterrupted one would, and gives the same output.
        keep = len(entries) - len(entries) % chunk_records
        if keep < len(entries) and entries and entries[-1].get("last"):
            keep = len(entries)  # the final, shorter chunk finished
        cut = ends[keep - 1] if keep else len(lines[0]) + 1
        with open(path, "r+b") as handle:
            handle.truncate(cut)
        return cls(path, fingerprint, chunk_records, entries[:keep])

    def append(self, entries: list[dict]) -> None:
        """Record finished entries durably (one write, then fsync)."""
        text = "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in entries)
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(text)
            _sync(handle)
        self.done.extend(entries)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def _sync(handle) -> None:
    handle.flush()
    os.fsync(handle.fileno())

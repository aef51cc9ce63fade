"""The progress file that lets an interrupted batch run resume.

While ``mtrepair translate -o OUT`` runs, finished work goes to
``OUT.mtrepair-progress`` and is forced to disk:

* every chunk of records (64 by default), once all its records are done;
* inside a chunk, the batches of sentences translated so far, at least every
  :data:`SAVE_SECONDS` seconds of work, so that a chunk of long records
  (hours of work on a CPU) is not lost to ``kill -9``;
* on Ctrl-C or SIGTERM (translate.jobs.document), whatever was done.

``--resume`` reads the file back, drops a line cut off half-written, keeps
whole chunks of records, and re-plans the next chunk's batches exactly as an
uninterrupted run would, taking the batches already translated from the
file: the output is the same bytes as a run that never stopped.

The file is created, and cut back on resume, through :mod:`translate.common.outputs`
(a temporary file renamed into place).  Work is then appended, one complete
line per ``write`` and an fsync: rewriting the whole file every few seconds
would cost time in proportion to the work done, and a torn last line is
recognised and dropped.

A run holds the file locked from start to end (:mod:`translate.jobs.progress_lock`):
a second run on the same output is refused, so two runs never append to one
file and none removes a file it does not own.  Call :meth:`Checkpoint.close`
(or :meth:`Checkpoint.remove`) when the run ends; exiting the process does it too.

The first line holds a fingerprint of the input and of every setting that
changes the output, and those settings in words; resuming with other input
or settings is refused, naming what differs, rather than mixing two runs in
one output.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..common.errors import ResumeError
from ..common.outputs import publish_locked
from ..engines.base import Hypothesis
from .progress_lock import open_locked

SUFFIX = ".mtrepair-progress"
VERSION = 2
READABLE_VERSIONS = (1, 2)  # version 1 files have no batch lines; they resume the same way
SAVE_SECONDS = 5.0

# How each setting of the fingerprint is named in a refusal.
SETTING_NAMES = {
    "input": "the input file's content",
    "format": "the input format",
    "key": "the JSONL field or table column (--field/--column)",
    "model": "the model (--model)",
    "engine": "the engine (--engine, --quantization)",
    "target_token": "the target-language label (--target-token)",
    "source_token": "the source-language code the model is given",
    "pair": "the languages (--from/--to)",
    "decoding": "decoding",
    "glossary": "the glossary or --apply-threshold",
    "libraries": "the versions of ctranslate2, torch and transformers",
}


def progress_path(output: str) -> Path:
    return Path(output + SUFFIX)


@dataclass
class Checkpoint:
    """Append-only record of finished work; ``done`` holds the finished records' entries in order."""

    path: Path
    fingerprint: str
    chunk_records: int
    done: list[dict] = field(default_factory=list)
    # Batches of the chunk after ``done``, translated before an interruption: sentences -> hypotheses.
    batches: dict[tuple[str, ...], list[Hypothesis]] = field(default_factory=dict)
    save_seconds: float = SAVE_SECONDS
    _pending: list[str] = field(default_factory=list, repr=False)  # batch lines not yet on disk
    _saved_at: float = field(default_factory=time.monotonic, repr=False)
    _handle: int | None = field(default=None, repr=False)  # the progress file, open and locked by this run

    @classmethod
    def start(cls, output: str, fingerprint: str, chunk_records: int, *, resume: bool,
              settings: dict[str, Any] | None = None, save_seconds: float = SAVE_SECONDS) -> Checkpoint:
        """Open the progress file for ``output``: resume it, or begin a new one."""
        path = progress_path(output)
        header = {"mtrepair_progress": VERSION, "fingerprint": fingerprint, "chunk_records": chunk_records,
                  "settings": settings or {}}
        data = (json.dumps(header, ensure_ascii=False, default=str) + "\n").encode("utf-8")
        while True:
            handle = open_locked(path)  # refuses a file another run holds
            if handle is None:
                try:
                    handle = publish_locked(str(path), data, replace=False)
                except FileExistsError:
                    continue  # another run created it meanwhile: open_locked says whose it is
                return cls(path, fingerprint, chunk_records, save_seconds=save_seconds, _handle=handle)
            try:
                if not resume:
                    raise ResumeError(f"{path} holds an unfinished run: add --resume to continue it, or delete the "
                                      f"file to start over")
                checkpoint = cls._load(path, fingerprint, settings or {}, handle)
            except BaseException:
                os.close(handle)
                raise
            checkpoint.save_seconds = save_seconds
            return checkpoint

    @classmethod
    def _load(cls, path: Path, fingerprint: str, settings: dict[str, Any], handle: int) -> Checkpoint:
        data = path.read_bytes()
        lines = data.split(b"\n")
        try:
            header = json.loads(lines[0])
            version, chunk_records = header["mtrepair_progress"], int(header["chunk_records"])
        except (ValueError, KeyError, TypeError):
            raise ResumeError(f"{path}:1: not an mtrepair progress file; delete it to start over") from None
        if version not in READABLE_VERSIONS:
            raise ResumeError(f"{path} was written by another version of mtrepair; delete it to start over")
        if header.get("fingerprint") != fingerprint:
            raise ResumeError(f"{path} was made for other input or settings: "
                              f"{_differences(header.get('settings') or {}, settings)}; delete it to start over")
        entries: list[dict] = []
        record_lines: list[bytes] = []
        batch_lines: list[tuple[int, bytes, dict]] = []
        position = len(lines[0]) + 1
        for number, raw in enumerate(lines[1:], 2):
            complete = position + len(raw) < len(data)  # has its newline: not cut off mid-write
            if not raw.strip() or not complete:
                break
            try:
                item = json.loads(raw)
            except ValueError:
                break
            position += len(raw) + 1
            if "batch" in item:
                batch_lines.append((len(entries), raw, item))
                continue
            if item.get("i") != len(entries):
                raise ResumeError(f"{path}:{number}: records out of order; delete the file to start over")
            entries.append(item)
            record_lines.append(raw)
        # Keep whole chunks only: a resumed run then batches exactly as an
        # uninterrupted one would, and gives the same output.
        keep = len(entries) - len(entries) % chunk_records
        if keep < len(entries) and entries and entries[-1].get("last"):
            keep = len(entries)  # the final, shorter chunk finished
        kept_batches = [(raw, item) for _, raw, item in batch_lines if item.get("chunk") == keep]
        text = b"".join(line + b"\n" for line in [lines[0], *record_lines[:keep], *(raw for raw, _ in kept_batches)])
        if text != data:  # the torn tail and finished chunks' batches go, atomically; the new file is locked first
            old, handle = handle, publish_locked(str(path), text, replace=True)
            os.close(old)
        batches = {tuple(item["batch"]): [Hypothesis(**h) for h in item["hypotheses"]] for _, item in kept_batches}
        return cls(path, fingerprint, chunk_records, entries[:keep], batches, _handle=handle)

    def add_batch(self, chunk: int, sentences: list[str], hypotheses: list[Hypothesis]) -> None:
        """A batch of chunk ``chunk`` (its first record) is translated; saved when :data:`SAVE_SECONDS` have passed."""
        line = {"chunk": chunk, "batch": sentences, "hypotheses": [asdict(h) for h in hypotheses]}
        self._pending.append(json.dumps(line, ensure_ascii=False))
        if time.monotonic() - self._saved_at >= self.save_seconds:
            self.save()

    def append(self, entries: list[dict]) -> None:
        """A chunk's records are done: save them (its batches are no longer needed)."""
        self._pending.clear()
        self._write([json.dumps(entry, ensure_ascii=False) for entry in entries])
        self.done.extend(entries)
        self.batches.clear()

    def save(self) -> None:
        """Put every batch translated so far on disk (the timer, Ctrl-C and SIGTERM call this)."""
        if self._pending:
            self._write(self._pending)
            self._pending = []
        self._saved_at = time.monotonic()

    def remove(self) -> None:
        """The run is complete and its output written: the file goes, then the lock (never someone else's file)."""
        if self._handle is not None:
            self.path.unlink(missing_ok=True)
        self.close()

    def close(self) -> None:
        """Release the file (and its lock), keeping it for --resume."""
        if self._handle is not None:
            os.close(self._handle)
            self._handle = None

    def _write(self, lines: list[str]) -> None:
        if self._handle is None:
            raise ResumeError(f"{self.path}: the progress file was closed; this run no longer owns it")
        data = "".join(line + "\n" for line in lines).encode("utf-8")
        written = 0
        try:
            while written < len(data):  # one write in practice; a short write continues the same line
                written += os.write(self._handle, data[written:])
            os.fsync(self._handle)
        except OSError as error:  # a full disk: what is on disk stays good (a torn last line is dropped on resume)
            raise ResumeError(f"{self.path}: cannot save progress ({(error.strerror or str(error)).lower()}); the "
                              f"work saved before is kept: make room and run the same command with --resume") from None
        self._saved_at = time.monotonic()


def _differences(then: dict[str, Any], now: dict[str, Any]) -> str:
    """Which settings differ, in words: ``decoding beam_size 2 then, 1 now``."""
    if not then:  # a version 1 file holds only the fingerprint
        return "model, engine, languages, format, decoding or glossary"
    parts = []
    for key in sorted(set(then) | set(now), key=lambda k: list(SETTING_NAMES).index(k) if k in SETTING_NAMES else 99):
        old, new = then.get(key), now.get(key)
        if old == new:
            continue
        name = SETTING_NAMES.get(key, key)
        if isinstance(old, dict) and isinstance(new, dict):
            parts += [f"{name} {sub} {_shown(old.get(sub))} then, {_shown(new.get(sub))} now"
                      for sub in sorted(set(old) | set(new)) if old.get(sub) != new.get(sub)]
        elif key in ("input", "glossary"):
            parts.append(f"{name} changed")  # digests mean nothing to a person
        else:
            parts.append(f"{name} {_shown(old)} then, {_shown(new)} now")
    return "; ".join(parts) or "settings"


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "->".join(map(str, value))
    return "none" if value is None else str(value)

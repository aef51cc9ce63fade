"""Batch translation of a whole document: the engine behind ``mtrepair translate``.

Records are translated in fixed chunks, the engine already decoding the
next chunk's first batches while one is finished (:mod:`translate.jobs.chunks`).
With an output file, finished work goes to the progress file (see
:mod:`translate.jobs.checkpoint`: each chunk, the batches inside a chunk
every few seconds, and everything on Ctrl-C or SIGTERM) and the output is
written in one atomic step at the end
(:mod:`translate.common.outputs`), so an output file is either complete and in
input order or not there at all.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from tqdm import tqdm

from ..common.errors import MtrepairError
from ..common.formats import Document, write_document
from ..common.outputs import together, write_lines
from ..common.signals import Terminated
from ..pipeline import records_from
from ..segment import segment_text
from .checkpoint import SAVE_SECONDS, Checkpoint
from .chunks import ChunkPlan, plan_chunk, translate_chunks

if TYPE_CHECKING:
    from ..engines.base import BatchedTranslator as Translator
    from ..engines.base import Hypothesis


class Interrupted(MtrepairError):
    """Ctrl-C (exit 130) or SIGTERM (exit 143) during a run; the message says how to resume."""

    exit_code = 130

    def __init__(self, message: str, exit_code: int = 130) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class JobSettings:
    source_lang: str
    target_lang: str
    output: str | None = None  # None: standard output, no resume
    report: str | None = None
    resume: bool = False
    quiet: bool = False
    chunk_records: int = 64
    repairer: object = None  # glossary.repair.Repairer enforcing a glossary, or None
    glossary_digest: str = ""  # identifies the glossary for --resume
    checkpoint: bool = True  # keep a progress file beside the output (not for a FIFO or device)
    save_seconds: float = SAVE_SECONDS  # the longest stretch of work a kill -9 may lose


@dataclass(frozen=True)
class JobSummary:
    records: int
    segments: int
    resumed_records: int
    seconds_translating: float


def fingerprint(document: Document, translator: Translator, settings: JobSettings) -> str:
    """Everything that decides the output bytes; a resume must match it."""
    return digest_of(run_facts(document, translator, settings))


def digest_of(facts: dict) -> str:
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()


def run_facts(document: Document, translator: Translator, settings: JobSettings) -> dict:
    """The settings behind :func:`fingerprint`, as JSON would give them back (kept in the progress
    file so that a refused resume can say which one differs)."""
    return job_facts(document, translator_facts(translator), settings)


def translator_facts(translator: Translator) -> dict:
    """What a translator contributes to :func:`run_facts` (a Ray worker sends these back with its work)."""
    facts = {
        "model": translator.model_id,
        # The model's files as well as its name: a changed folder or a newer hub snapshot writes other words.
        "model_revision": translator.model_revision,
        "engine": translator.engine,
        "device": translator.device,
        "mtrepair": _version(),
        # The libraries that compute the output: another version may write other words.
        "libraries": {name: _version(name) for name in ("ctranslate2", "torch", "transformers")},
        "target_token": translator.target_token,
        "source_token": translator.source_token,
        "decoding": asdict(translator.options),
    }
    return json.loads(json.dumps(facts, default=str))


def job_facts(document: Document, translator: dict, settings: JobSettings) -> dict:
    """:func:`run_facts` from a translator's facts (see :func:`translator_facts`)."""
    facts = {
        "input": document.digest,
        "format": document.format,
        "key": document._key,
        **translator,
        "pair": [settings.source_lang, settings.target_lang],
        "glossary": settings.glossary_digest,
    }
    return json.loads(json.dumps(facts, default=str))


def _version(package: str = "mtrepair") -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def run_job(document: Document, translator: Translator, settings: JobSettings) -> JobSummary:
    """Translate every record of ``document`` and write output and report."""
    checkpoint = _start_checkpoint(document, translator, settings)
    try:
        return _run(document, translator, settings, checkpoint)
    finally:
        if checkpoint:
            checkpoint.close()  # the lock goes with the run, whatever ended it (the file stays for --resume)


def _run(document: Document, translator: Translator, settings: JobSettings, checkpoint: Checkpoint | None) -> JobSummary:
    total = len(document.records)
    entries: list[dict] = checkpoint.done if checkpoint else []
    resumed = len(entries)
    # Text goes to standard output as it is done; a Parquet table is written whole at the end.
    to_stdout = settings.output is None and document.format != "parquet"
    layout = document.layout
    prologue = len(document.prologue())
    if to_stdout:
        _emit(document.prologue(), layout, start=0, total=prologue + total)

    sentences = _count_sentences(document, settings.source_lang)
    bar = tqdm(
        total=sentences[-1], initial=sentences[resumed], unit="sent", desc="translating",
        disable=settings.quiet, file=sys.stderr, dynamic_ncols=True,
    )
    seconds = 0.0
    try:
        for plan, hypotheses in _translated_chunks(document, translator, settings, checkpoint, bar):
            new, spent = _entries(document, translator, settings, plan, hypotheses)
            seconds += spent
            # Identical sentences are translated once, so batches may count fewer.
            bar.update(sentences[plan.start + len(plan.texts)] - bar.n)
            if new[-1]["i"] == total - 1:
                new[-1]["last"] = True
            if checkpoint:
                checkpoint.append(new)
            else:
                entries.extend(new)
                if to_stdout:  # a FIFO or device output is written whole at the end, like a file
                    _emit([entry["out"] for entry in new], layout, start=prologue + plan.start, total=prologue + total)
    except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM (translate.common.signals): save, then say how to go on
        bar.close()
        if checkpoint:
            checkpoint.save()
        done = len(entries)
        what, code = ("terminated", 143) if isinstance(stop, Terminated) else ("interrupted", 130)
        hint = " run the same command with --resume to continue." if checkpoint else ""
        raise Interrupted(f"{what} after {done} of {total} records;{hint}", code) from None
    bar.close()
    _write_outputs(document, settings, entries)
    if checkpoint:
        checkpoint.remove()
    return JobSummary(total, sum(len(e["report"]) for e in entries), resumed, seconds)


def _translated_chunks(document: Document, translator: Translator, settings: JobSettings,
                       checkpoint: Checkpoint | None, bar: tqdm) -> Iterator[tuple[ChunkPlan, list[Hypothesis]]]:
    """The records not done yet, chunk by chunk, with their hypotheses (see :mod:`translate.jobs.chunks`)."""
    resumed = len(checkpoint.done) if checkpoint else 0
    chunk = checkpoint.chunk_records if checkpoint else settings.chunk_records
    texts = [record.text for record in document.records]

    def plan_at(start: int) -> ChunkPlan:
        # Only the first chunk of a resumed run can have batches in the progress file (the chunk after the
        # finished ones); asking for a later chunk's would match them against another chunk's.
        known = (lambda batch: checkpoint.batches.get(tuple(batch))) if checkpoint and start == resumed else None
        return plan_chunk(texts[start : start + chunk], start, translator, settings.source_lang, known)

    saved = (lambda plan, batch, found: checkpoint.add_batch(plan.start, batch, found)) if checkpoint else None
    # A generator: each chunk is planned only when the engine or this job gets to it.
    plans = (plan_at(start) for start in range(resumed, len(texts), chunk))
    return translate_chunks(plans, translator, on_batch=bar.update, on_translated=saved)


def _entries(document: Document, translator: Translator, settings: JobSettings, plan: ChunkPlan,
             hypotheses: list[Hypothesis]) -> tuple[list[dict], float]:
    """A finished chunk's entries (record number, rendered output, report rows) and its translation seconds."""
    results = records_from(plan.texts, plan.segmented, plan.sentences, hypotheses, translator,
                           first_record=plan.start, repairer=settings.repairer)
    new, seconds = [], 0.0
    for record, result in zip(document.records[plan.start :], results):
        rows = [s.report_row() | {"line": record.line} for s in result.segments]
        seconds += sum(row["seconds"] for row in rows)
        new.append({"i": result.record, "out": document.render(result.record, result.translation), "report": rows})
    return new, seconds


def _start_checkpoint(document: Document, translator: Translator, settings: JobSettings) -> Checkpoint | None:
    """The run's progress file; none without an output file to resume (standard output, a FIFO, a device)."""
    if not (settings.output and settings.checkpoint):
        return None
    return Checkpoint.start(
        settings.output, fingerprint(document, translator, settings), settings.chunk_records,
        resume=settings.resume, settings=run_facts(document, translator, settings),
        save_seconds=settings.save_seconds,
    )


def _write_outputs(document: Document, settings: JobSettings, entries: list[dict]) -> None:
    """The output and the report, once every record is done: both written or neither (outputs.together)."""
    with together():
        if settings.output or document.format == "parquet":
            write_document(settings.output or "-", document, [entry["out"] for entry in entries])
        if settings.report:
            write_lines(
                settings.report,
                [json.dumps(row, ensure_ascii=False) for entry in entries for row in entry["report"]],
            )


def _count_sentences(document: Document, lang: str) -> list[int]:
    """Cumulative count of sentences to translate before each record (for the progress bar)."""
    counts = [0]
    for record in document.records:
        n = sum(1 for s in segment_text(record.text, lang) if s.needs_translation)
        counts.append(counts[-1] + n)
    return counts


def _emit(lines: list[str], layout, *, start: int, total: int) -> None:
    """Write lines to standard output as they are done, laid out as the input was (see Layout.part)."""
    if lines:
        sys.stdout.buffer.write(layout.part(lines, start, total).encode("utf-8"))
        sys.stdout.flush()


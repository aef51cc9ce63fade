"""Batch translation of a whole document: the engine behind ``mtrepair translate``.

Records are translated in fixed chunks.  With an output file, each finished
chunk goes to the progress file (see :mod:`translate.checkpoint`) and the
output is written in one atomic step at the end, so an output file is
either complete and in input order or not there at all.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from tqdm import tqdm

from .checkpoint import Checkpoint
from .errors import MtrepairError
from .formats import Document, write_lines_atomically, write_text_atomically
from .pipeline import translate_texts
from .segment import segment_text

if TYPE_CHECKING:
    from .batching import BatchedTranslator as Translator


class Interrupted(MtrepairError):
    """Ctrl-C during a run; the message says how to resume."""

    exit_code = 130


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


@dataclass(frozen=True)
class JobSummary:
    records: int
    segments: int
    resumed_records: int
    seconds_translating: float


def fingerprint(document: Document, translator: Translator, settings: JobSettings) -> str:
    """Everything that decides the output bytes; a resume must match it."""
    facts = {
        "input": document.digest,
        "format": document.format,
        "key": document._key,
        "model": translator.model_id,
        "engine": translator.engine,
        "target_token": translator.target_token,
        "pair": [settings.source_lang, settings.target_lang],
        "decoding": asdict(translator.options),
        "glossary": settings.glossary_digest,
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()


def run_job(document: Document, translator: Translator, settings: JobSettings) -> JobSummary:
    """Translate every record of ``document`` and write output and report."""
    total = len(document.records)
    checkpoint = None
    if settings.output:
        checkpoint = Checkpoint.start(
            settings.output, fingerprint(document, translator, settings), settings.chunk_records,
            resume=settings.resume,
        )
    entries: list[dict] = checkpoint.done if checkpoint else []
    resumed = len(entries)
    chunk = checkpoint.chunk_records if checkpoint else settings.chunk_records
    to_stdout = settings.output is None
    layout = document.layout
    if to_stdout:
        _emit(document.prologue(), layout, final=not document.records, first=True)

    sentences = _count_sentences(document, settings.source_lang)
    bar = tqdm(
        total=sentences[-1], initial=sentences[resumed], unit="sent", desc="translating",
        disable=settings.quiet, file=sys.stderr, dynamic_ncols=True,
    )
    seconds = 0.0
    try:
        for start in range(resumed, total, chunk):
            records = document.records[start : start + chunk]
            results = translate_texts(
                [r.text for r in records], translator, settings.source_lang,
                first_record=start, on_batch=bar.update, repairer=settings.repairer,
            )
            new = []
            for record, result in zip(records, results):
                rows = [s.report_row() | {"line": record.line} for s in result.segments]
                seconds += sum(row["seconds"] for row in rows)
                new.append({"i": result.record, "out": document.render(result.record, result.translation), "report": rows})
            # Identical sentences are translated once, so batches may count fewer.
            bar.update(sentences[start + len(records)] - bar.n)
            if new[-1]["i"] == total - 1:
                new[-1]["last"] = True
            if checkpoint:
                checkpoint.append(new)
            else:
                entries.extend(new)
                _emit([entry["out"] for entry in new], layout, final=new[-1].get("last", False),
                      first=start == 0 and not document.prologue())
    except KeyboardInterrupt:
        bar.close()
        done = len(entries)
        hint = " run the same command with --resume to continue." if checkpoint else ""
        raise Interrupted(f"interrupted after {done} of {total} records;{hint}") from None
    bar.close()

    if settings.output:
        write_text_atomically(settings.output, document.serialize([entry["out"] for entry in entries]))
    if settings.report:
        write_lines_atomically(
            settings.report,
            [json.dumps(row, ensure_ascii=False) for entry in entries for row in entry["report"]],
        )
    if checkpoint:
        checkpoint.remove()
    return JobSummary(total, sum(len(e["report"]) for e in entries), resumed, seconds)


def _count_sentences(document: Document, lang: str) -> list[int]:
    """Cumulative count of sentences to translate before each record (for the progress bar)."""
    counts = [0]
    for record in document.records:
        n = sum(1 for s in segment_text(record.text, lang) if s.needs_translation)
        counts.append(counts[-1] + n)
    return counts


def _emit(lines: list[str], layout, *, final: bool, first: bool) -> None:
    """Write lines to standard output as they are done, laid out as the input was (a byte order
    mark before the first, and a line ending after the last only if the input's had one)."""
    if not lines:
        return
    text = layout.newline.join(lines) + (layout.newline if not final or layout.final_newline else "")
    sys.stdout.buffer.write((("\ufeff" if layout.bom and first else "") + text).encode("utf-8"))
    sys.stdout.flush()


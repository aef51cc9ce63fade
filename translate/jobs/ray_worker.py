"""The work of one Ray worker: translate chunks of records, as ``mtrepair translate`` does.

:class:`ChunkTranslator` is the class ``Dataset.map_batches`` runs in
each worker process (translate.jobs.ray_driver).  It builds its translator
and glossary repairer once, from the same
:class:`~translate.engines.spec.TranslatorSpec` the single-machine command
builds its own from, and translates each chunk of a file with
:func:`~translate.pipeline.translate_texts` exactly as
:func:`~translate.jobs.document.run_job` does (same chunk boundaries, same
first record number), so that a cluster writes the bytes a laptop writes.
It imports nothing of Ray: the tests drive it directly.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass

from ..common.errors import first_line
from ..engines.spec import TranslatorSpec
from ..pipeline import translate_texts
from .document import translator_facts


@dataclass(frozen=True)
class WorkerSettings:
    """What every worker needs to build the same translator and repairer."""

    spec: TranslatorSpec
    source_lang: str
    target_lang: str
    glossary: object = None  # glossary.entry.Glossary, or None: no repair
    apply_threshold: float | None = None
    house_style: bool = False


def build_translator(settings: WorkerSettings):
    from ..engines.library_logs import quiet_libraries

    quiet_libraries(True)  # a worker's stderr is no place for progress bars
    return settings.spec.build()


def probe(settings: WorkerSettings) -> dict:
    """Build the translator once, as a worker would, and say what decides its output
    (:func:`~translate.jobs.document.translator_facts`): the driver's check of the model, and the
    facts a finished output's fingerprint is made of."""
    return translator_facts(build_translator(settings))


class ChunkTranslator:
    """Translates the chunks of records it is given; one instance per worker process."""

    def __init__(self, settings: WorkerSettings, translator=None) -> None:
        self.settings = settings
        self.translator = translator if translator is not None else build_translator(settings)
        self.repairer = None
        if settings.glossary is not None:
            from glossary.repair import Repairer

            self.repairer = Repairer(settings.glossary, settings.source_lang, settings.target_lang,
                                     apply_threshold=settings.apply_threshold, house_style=settings.house_style)
        self.facts = json.dumps(translator_facts(self.translator), sort_keys=True)
        # Which process did the work: the driver counts processes to report restarted workers.
        self.worker = f"{socket.gethostname()}:{os.getpid()}"

    def __call__(self, batch: dict) -> dict:
        """One Ray Data batch of chunk rows (columns ``file``, ``start``, ``texts``, ``lines``, ``error``)."""
        out: dict[str, list] = {"file": [], "start": [], "translations": [], "report": [], "errors": [],
                                "error": [], "facts": [], "worker": []}
        for file, start, texts, lines, error in zip(batch["file"], batch["start"], batch["texts"], batch["lines"],
                                                    batch["error"]):
            translations, report, errors = self.translate_chunk(int(start), json.loads(texts), json.loads(lines))
            out["file"].append(int(file))
            out["start"].append(int(start))
            # ASCII escapes, as the chunks came: a lone surrogate passes through Arrow unharmed.
            out["translations"].append(json.dumps(translations))
            out["report"].append(json.dumps(report))
            out["errors"].append(json.dumps(errors))
            out["error"].append(str(error))  # a whole file the reader could not read: passed on to the driver
            out["facts"].append(self.facts)
            out["worker"].append(self.worker)
        return out

    def translate_chunk(self, start: int, texts: Sequence[str], lines: Sequence[int]
                        ) -> tuple[list[str], list[dict], list[dict]]:
        """Translations, report rows and error records of records ``start``, ``start + 1``, ...

        A record that cannot be translated does not fail its chunk: the chunk
        is tried again a record at a time, and each record that still fails
        keeps its source text and becomes an error record (its number, line
        and the reason).
        """
        if not texts:
            return [], [], []
        try:
            results = self._translate(texts, start)
        except Exception:  # which record failed is unknown: try each alone
            results = []
            for offset, text in enumerate(texts):
                try:
                    results.extend(self._translate([text], start + offset))
                except Exception as error:
                    results.append(_Failure(start + offset, text, first_line(error)))
        translations, report, errors = [], [], []
        for result, line in zip(results, lines):
            translations.append(result.translation)
            if isinstance(result, _Failure):
                errors.append({"kind": "error", "record": result.record, "line": line, "error": result.reason})
            else:
                report.extend(s.report_row() | {"line": line} for s in result.segments)
        return translations, report, errors

    def _translate(self, texts: Sequence[str], start: int):
        return translate_texts(list(texts), self.translator, self.settings.source_lang, first_record=start,
                               repairer=self.repairer)


@dataclass(frozen=True)
class _Failure:
    record: int
    translation: str  # the source text, kept so that no line is lost
    reason: str

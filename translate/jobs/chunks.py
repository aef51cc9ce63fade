"""A document's chunks of records, translated as one stream of batches, so that no core waits at a chunk's end.

:func:`translate.jobs.document.run_job` finishes one chunk of records (64
by default) before the next: it saves the chunk for ``--resume`` and writes
it to standard output.  If the engine were given one chunk's batches at a
time, a parallel engine (CTranslate2 decodes a batch per core) would decode
a chunk's last batch alone while the other cores wait for the next chunk.

A chunk's plan (its sentences and batches) depends on no translation, so
the next chunk is planned while this one's last batches are decoded, and
the engine is handed its batches as soon as it has room for them.  The
batches are the ones :func:`translate.pipeline.translate_texts` would make of
each chunk, in the same order, so the output is the same bytes; results
are still collected, and chunks finished, one chunk at a time, in order.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..pipeline import split_texts
from ..segment import Segment

if TYPE_CHECKING:
    from ..engines.base import BatchedTranslator as Translator
    from ..engines.base import Hypothesis


@dataclass(frozen=True)
class ChunkPlan:
    """One chunk of texts, ready to translate."""

    start: int  # the chunk's first record
    texts: list[str]
    segmented: list[list[Segment]]  # each text's segments
    sentences: list[str]  # the distinct sentences to translate, in order of first use
    batches: list[list[int]]  # positions in ``sentences``, batched as the engine would batch them
    stored: list[list[Hypothesis] | None]  # each batch's hypotheses from an interrupted run, or None

    def to_translate(self) -> Iterator[list[str]]:
        """The sentences of each batch still to translate, in order."""
        for batch, done in zip(self.batches, self.stored):
            if done is None:
                yield [self.sentences[i] for i in batch]


def plan_chunk(texts: Sequence[str], start: int, translator: Translator, source_lang: str,
               known: Callable[[list[str]], list[Hypothesis] | None] | None = None) -> ChunkPlan:
    """Segment ``texts`` and batch their sentences; ``known(batch)`` may give a batch translated before (--resume)."""
    segmented, sentences = split_texts(texts, source_lang)
    batches = translator.plan_batches(sentences)
    stored = [known([sentences[i] for i in batch]) if known else None for batch in batches]
    return ChunkPlan(start, list(texts), segmented, sentences, batches, stored)


def translate_chunks(
    plans: Iterable[ChunkPlan],
    translator: Translator,
    *,
    on_batch: Callable[[int], None] | None = None,
    on_translated: Callable[[ChunkPlan, list[str], list[Hypothesis]], None] | None = None,
) -> Iterator[tuple[ChunkPlan, list[Hypothesis]]]:
    """Each chunk's plan and its hypotheses (``hypotheses[i]`` translates ``plan.sentences[i]``), in order.

    ``plans`` should be lazy: the engine reads the next chunk's plan once it
    has room for a batch beyond this chunk's (``itertools.tee`` plans each
    chunk once for both sides).  The engine keeps no more batches in flight
    than within a chunk, so Ctrl-C still waits for only those.
    ``on_batch(n)`` is called after each batch, stored or translated;
    ``on_translated(plan, batch, hypotheses)`` after each batch translated
    here, in order, and only once the chunk before was handed back (a
    checkpoint saves a chunk's batches after the chunk before it).
    """
    mine, feed = itertools.tee(plans)
    translated = translator.translate_batches(batch for plan in feed for batch in plan.to_translate())
    for plan in mine:
        hypotheses: list[Hypothesis | None] = [None] * len(plan.sentences)
        for batch, stored in zip(plan.batches, plan.stored):
            found = stored
            if found is None:
                found = next(translated)
                if on_translated:
                    on_translated(plan, [plan.sentences[i] for i in batch], found)
            for i, hypothesis in zip(batch, found):
                hypotheses[i] = hypothesis
            if on_batch:
                on_batch(len(batch))
        yield plan, hypotheses  # type: ignore[misc]

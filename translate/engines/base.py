"""What every translation engine shares: decoding options and their defaults, hypotheses, batching.

An engine (:class:`translate.engines.transformers.Translator` for PyTorch,
:class:`translate.engines.ctranslate2.CTranslate2Translator` for CTranslate2) only
has to say how many tokens a sentence has and how to translate one batch;
this base class reads a stream ahead, sorts it by length into batches (less
padding, faster on a CPU) and gives the results back in input order.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

# The decoding defaults of every way in (command line, page, Python, Ray
# workers), declared here only: the others name these.
DEFAULT_BEAM_SIZE = 4
DEFAULT_MAX_LENGTH = 512  # most tokens per translated sentence
DEFAULT_BATCH_SIZE = 16  # sentences per batch
DEFAULT_DEVICE = "auto"  # CUDA when a GPU is present, else the CPU
# Source tokens a model reads when its config does not say
# (max_position_embeddings); longer sources are cut to it.
FALLBACK_MAX_SOURCE_TOKENS = 512


@dataclass(frozen=True)
class Hypothesis:
    """The translation of one sentence and what it cost."""

    text: str
    source_tokens: int
    target_tokens: int
    batch_size: int
    batch_seconds: float
    truncated: bool


@dataclass(frozen=True)
class DecodingOptions:
    """Settings that change the output; part of a run's resume fingerprint."""

    beam_size: int = DEFAULT_BEAM_SIZE
    max_length: int = DEFAULT_MAX_LENGTH
    # Output length cap relative to the longest source in the batch: real
    # models stop long before it, but a degenerate model (or a repeating
    # hallucination) would otherwise run to max_length on every sentence.
    length_ratio: float = 3.0
    # Fewest tokens per sentence (0: the model decides).  Benchmarks set it
    # to max_length so that every engine writes the same number of tokens.
    min_length: int = 0


def cut_to(tokens: list, limit: int) -> list:
    """A source too long for the model, cut to ``limit`` tokens keeping its last (the end token).

    Both engines cut this way, so that they give the model the same tokens.
    """
    return tokens if len(tokens) <= limit else tokens[: limit - 1] + tokens[-1:]


class BatchedTranslator(ABC):
    """One model, loaded once; ``translate_batch`` for a list, ``translate_iterable`` for a stream."""

    engine: str = ""  # "transformers", "ctranslate2-int8", ...: part of a run's resume fingerprint
    options: DecodingOptions
    batch_size: int
    # What a multilingual model is given (translate.engines.language_tokens): the
    # token naming the target language (``>>ara<<``, ``arb_Arab``, ``<2ar>``)
    # and the source-language code (``eng_Latn``); None for single-pair models.
    target_token: str | None = None
    source_token: str | None = None
    # What else decides the output: the model files' identity (translate.engines.conversion.revision) and the device.
    model_revision: str | None = None
    device: str = "cpu"

    @property
    @abstractmethod
    def model_id(self) -> str: ...

    @abstractmethod
    def count_tokens(self, sentence: str) -> int: ...

    @abstractmethod
    def translate_batch(self, sentences: Sequence[str]) -> list[Hypothesis]:
        """Translate ``sentences`` as one batch, in order."""

    def translate_iterable(
        self,
        sentences: Iterable[str],
        *,
        buffer_batches: int = 8,
        on_batch: Callable[[int], None] | None = None,
        known: Callable[[list[str]], list[Hypothesis] | None] | None = None,
        on_translated: Callable[[list[str], list[Hypothesis]], None] | None = None,
    ) -> Iterator[Hypothesis]:
        """Translate a stream, yielding hypotheses in input order.

        ``buffer_batches`` batches' worth of sentences are read ahead and
        sorted by length before batching; ``on_batch(n)`` is called after
        each batch of ``n`` sentences (for progress bars).  For checkpoints
        (translate.jobs.checkpoint): ``known(batch)`` may give the hypotheses of a
        batch translated by an earlier, interrupted run, which is then not
        translated again, and ``on_translated(batch, hypotheses)`` is called
        after each batch translated here.  Batches are planned the same way
        either way, so a resumed run's batches are an uninterrupted run's.
        """
        buffer: list[str] = []
        for sentence in sentences:
            buffer.append(sentence)
            if len(buffer) >= self.batch_size * buffer_batches:
                yield from self._translate_buffer(buffer, on_batch, known, on_translated)
                buffer = []
        yield from self._translate_buffer(buffer, on_batch, known, on_translated)

    def _translate_buffer(
        self,
        buffer: list[str],
        on_batch: Callable[[int], None] | None,
        known: Callable[[list[str]], list[Hypothesis] | None] | None = None,
        on_translated: Callable[[list[str], list[Hypothesis]], None] | None = None,
    ) -> list[Hypothesis]:
        batches = self._batches_of(buffer)
        planned = [[buffer[i] for i in batch] for batch in batches]
        stored = [known(sentences) if known else None for sentences in planned]
        results: list[Hypothesis | None] = [None] * len(buffer)
        translated = self._translate_batches([s for s, done in zip(planned, stored) if done is None])
        for batch, sentences, done in zip(batches, planned, stored):
            hypotheses = done
            if hypotheses is None:
                hypotheses = next(translated)
                if on_translated:
                    on_translated(sentences, hypotheses)
            for i, hypothesis in zip(batch, hypotheses):
                results[i] = hypothesis
            if on_batch:
                on_batch(len(batch))
        return results  # type: ignore[return-value]

    def plan_batches(self, sentences: Sequence[str], buffer_batches: int = 8) -> list[list[int]]:
        """The batches :meth:`translate_iterable` makes of ``sentences``, as positions in it.

        For a caller that plans its batches ahead and hands them to
        :meth:`translate_batches` itself (translate.jobs.chunks): the same
        plan, so the same output.
        """
        size = self.batch_size * buffer_batches
        return [[first + i for i in batch] for first in range(0, len(sentences), size)
                for batch in self._batches_of(sentences[first : first + size])]

    def _batches_of(self, buffer: Sequence[str]) -> list[list[int]]:
        """One buffer sorted by length (less padding) and cut into batches: positions in the buffer."""
        order = sorted(range(len(buffer)), key=lambda i: (self.count_tokens(buffer[i]), i))
        return [order[first : first + self.batch_size] for first in range(0, len(order), self.batch_size)]

    def translate_batches(self, batches: Iterable[list[str]]) -> Iterator[list[Hypothesis]]:
        """Each batch's hypotheses, in order, for batches planned by the caller (:meth:`plan_batches`).

        ``batches`` is read only as the engine has room for another batch,
        so it may be a lazy stream: an engine that decodes several batches
        at once then starts on the caller's next batches while the caller
        is still collecting the earlier ones.
        """
        return self._translate_batches(batches)

    def _translate_batches(self, batches: Iterable[list[str]]) -> Iterator[list[Hypothesis]]:
        """Each batch's hypotheses, in order; an engine that decodes batches in parallel overrides this."""
        for batch in batches:
            yield self.translate_batch(batch)

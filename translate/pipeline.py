"""From texts to translated texts: segment, translate the sentences, reassemble.

This is the first stage of mtrepair's flow (input -> segments -> translation
-> glossary repair -> round trip -> scores -> report).  Its results,
:class:`RecordTranslation` holding one :class:`SegmentTranslation` per
sentence, are what the later stages consume.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from .segment import Segment, assemble, segment_text

if TYPE_CHECKING:
    from .engines.base import BatchedTranslator as Translator
    from .engines.base import Hypothesis


class NameRepairer(Protocol):
    """What the pipeline needs of a glossary repairer (``glossary.repair.Repairer``)."""

    def repair(self, text: str, source: str | None = None, line: int = 1) -> Any: ...


@dataclass(frozen=True)
class SegmentTranslation:
    """One source sentence, where it sits, and its translation."""

    record: int
    segment: Segment
    translation: str
    model_id: str
    source_tokens: int = 0
    target_tokens: int = 0
    batch_size: int = 0
    batch_seconds: float = 0.0
    truncated: bool = False
    copied: bool = False  # no letters to translate: passed through unchanged
    raw_translation: str | None = None  # the model's output before glossary repair (None: not repaired)
    fixes: tuple = field(default=())  # glossary.repair.Fix for each name the glossary enforced
    names: tuple = field(default=())  # glossary.repair.NameCheck for each glossary name in the source
    suggestions: tuple = field(default=())  # glossary.repair.Fix proposed but below the apply threshold
    target_token: str | None = None  # the target-language token the model was given (">>ara<<", "arb_Arab"), if any
    source_token: str | None = None  # the source-language code the tokenizer wrote ("eng_Latn"), if any

    @property
    def source(self) -> str:
        return self.segment.text

    def report_row(self) -> dict:
        """A flat, JSON-ready description of this segment for ``--report``."""
        row = {"record": self.record, **asdict(self.segment)}
        row["source"] = row.pop("text")
        row.update(
            translation=self.translation,
            model=self.model_id,
            target_token=self.target_token,
            source_token=self.source_token,
            source_chars=len(self.segment.text),
            target_chars=len(self.translation),
            source_tokens=self.source_tokens,
            target_tokens=self.target_tokens,
            batch_size=self.batch_size,
            batch_seconds=round(self.batch_seconds, 6),
            # The batch's time shared equally among its sentences.
            seconds=round(self.batch_seconds / self.batch_size, 6) if self.batch_size else 0.0,
            truncated=self.truncated,
            copied=self.copied,
        )
        if self.raw_translation is not None:
            row["raw_translation"] = self.raw_translation
            row["fixes"] = [asdict(fix) for fix in self.fixes]
            row["suggestions"] = [asdict(fix) for fix in self.suggestions]
            row["names"] = [asdict(name) for name in self.names]
        return row


@dataclass(frozen=True)
class RecordTranslation:
    """A whole input record (a line, a JSON field, a table cell) translated."""

    record: int
    source: str
    translation: str
    segments: tuple[SegmentTranslation, ...]


def translate_texts(
    texts: Sequence[str],
    translator: Translator,
    source_lang: str,
    *,
    first_record: int = 0,
    on_batch: Callable[[int], None] | None = None,
    repairer: NameRepairer | None = None,
    known: Callable[[list[str]], list[Hypothesis] | None] | None = None,
    on_translated: Callable[[list[str], list[Hypothesis]], None] | None = None,
) -> list[RecordTranslation]:
    """Translate each text sentence by sentence, keeping its layout.

    Identical sentences are translated once.  ``first_record`` numbers the
    records when ``texts`` is one chunk of a longer input.  With a
    ``repairer``, each translated sentence is repaired against its source
    sentence so that glossary names come out in their preferred form.
    ``known`` and ``on_translated`` let a checkpoint skip and save batches
    (see ``BatchedTranslator.translate_iterable``).
    """
    segmented, sentences = split_texts(texts, source_lang)
    # Only a checkpointed run passes the hooks: simpler translators (tests' fakes) need not take them.
    hooks = {name: hook for name, hook in (("known", known), ("on_translated", on_translated)) if hook}
    hypotheses = list(translator.translate_iterable(sentences, on_batch=on_batch, **hooks))
    return records_from(texts, segmented, sentences, hypotheses, translator, first_record=first_record,
                        repairer=repairer)


def split_texts(texts: Sequence[str], source_lang: str) -> tuple[list[list[Segment]], list[str]]:
    """Each text's segments, and the distinct sentences among them to translate, in order of first use."""
    segmented = [segment_text(text, source_lang) for text in texts]
    unique: dict[str, None] = {}
    for segments in segmented:
        for segment in segments:
            if segment.needs_translation:
                unique.setdefault(segment.text)
    return segmented, list(unique)


def records_from(
    texts: Sequence[str],
    segmented: Sequence[list[Segment]],
    sentences: Sequence[str],
    hypotheses: Sequence[Hypothesis],
    translator: Translator,
    *,
    first_record: int = 0,
    repairer: NameRepairer | None = None,
) -> list[RecordTranslation]:
    """The texts put back together from their sentences' hypotheses (``hypotheses[i]`` translates
    ``sentences[i]``, as :func:`split_texts` gave them), each repaired with ``repairer`` if one is given."""
    position = {sentence: i for i, sentence in enumerate(sentences)}
    results = []
    for offset, (text, segments) in enumerate(zip(texts, segmented)):
        record = first_record + offset
        translated = []
        for segment in segments:
            if segment.needs_translation:
                h = hypotheses[position[segment.text]]
                output, repair = h.text, {}
                if repairer is not None:
                    result = repairer.repair(h.text, segment.text, line=record + 1)
                    output, repair = result.repaired, {"raw_translation": h.text, "fixes": result.fixes,
                                                       "names": result.names, "suggestions": result.suggestions}
                translated.append(
                    SegmentTranslation(
                        record, segment, output, translator.model_id, h.source_tokens,
                        h.target_tokens, h.batch_size, h.batch_seconds, h.truncated,
                        target_token=translator.target_token, source_token=translator.source_token, **repair,
                    )
                )
            else:
                translated.append(SegmentTranslation(record, segment, segment.text, translator.model_id, copied=True))
        output = assemble(text, segments, [t.translation for t in translated])
        results.append(RecordTranslation(record, text, output, tuple(translated)))
    return results

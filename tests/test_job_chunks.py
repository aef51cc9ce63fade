"""A document's chunks as one stream of batches (translate.jobs.chunks): the engine is handed the next
chunk's batches before this chunk is finished, and the output is what one chunk at a time gives."""

from __future__ import annotations

import pytest
from conftest import FLORES

from translate.engines.base import BatchedTranslator, Hypothesis
from translate.jobs.chunks import plan_chunk, translate_chunks
from translate.pipeline import records_from, translate_texts


class Recording(BatchedTranslator):
    """Upper-cases each sentence; like CTranslate2 it takes batches ``ahead`` beyond the one it hands back,
    and it logs when it takes each."""

    engine, options, batch_size = "recording", None, 2
    model_id = "recording"

    def __init__(self, log: list, ahead: int = 2) -> None:
        self.log, self.ahead = log, ahead

    def count_tokens(self, sentence: str) -> int:
        return len(sentence)

    def translate_batch(self, sentences):
        return [Hypothesis(s.upper(), len(s), len(s), len(sentences), 0.0, False) for s in sentences]

    def _translate_batches(self, batches):
        taken = []
        for batch in batches:
            self.log.append(("taken", batch[0]))
            taken.append(batch)
            if len(taken) > self.ahead:
                yield self.translate_batch(taken.pop(0))
        for batch in taken:
            yield self.translate_batch(batch)


def _plans(texts, chunk, translator, known=None):
    return (plan_chunk(texts[start : start + chunk], start, translator, "en", known if start == 0 else None)
            for start in range(0, len(texts), chunk))


def test_the_next_chunks_batches_are_taken_before_this_chunk_is_handed_back():
    log: list = []
    texts = [f"line {n}." for n in range(8)]  # two chunks of four lines: two batches of two each
    translator = Recording(log)
    saved = lambda plan, batch, found: log.append(("saved", plan.start, batch[0]))  # noqa: E731
    for plan, hypotheses in translate_chunks(_plans(texts, 4, translator), translator, on_translated=saved):
        log.append(("finished", plan.start))
        assert [h.text for h in hypotheses] == [s.upper() for s in plan.sentences]
    assert log.index(("taken", "line 4.")) < log.index(("finished", 0))
    # A chunk's batches are saved (for --resume) only after the chunk before it was finished.
    assert log.index(("finished", 0)) < log.index(("saved", 4, "line 4."))
    assert [e for e in log if e[0] == "finished"] == [("finished", 0), ("finished", 4)]


def test_stored_batches_of_a_resumed_chunk_are_not_translated_again():
    log: list = []
    texts = [f"line {n}." for n in range(6)]
    translator = Recording(log)
    stored = {("line 0.", "line 1."): [Hypothesis("KEPT", 1, 1, 2, 0.0, False)] * 2}
    known = lambda batch: stored.get(tuple(batch))  # noqa: E731
    counted: list = []
    chunks = list(translate_chunks(_plans(texts, 4, translator, known), translator, on_batch=counted.append))
    assert ("taken", "line 0.") not in log and ("taken", "line 2.") in log
    assert [h.text for h in chunks[0][1]][:2] == ["KEPT", "KEPT"]
    assert sum(counted) == len(texts)  # the progress bar counts stored batches too


@pytest.mark.parametrize("engine", ["transformers", "ctranslate2"])
def test_chunks_give_what_translating_one_chunk_at_a_time_gives(engine, translator, tiny_model, ct2_cache):
    if engine == "ctranslate2":
        from translate.engines.ctranslate2 import CTranslate2Translator

        translator = CTranslate2Translator(str(tiny_model), device="cpu", options=translator.options,
                                           batch_size=4, threads=2)
    lines = (FLORES / "dev.ar").read_text(encoding="utf-8").split("\n")[:14]
    texts = lines[:6] + ["", lines[0], "2024"] + lines[6:]  # a blank line, a repeat, nothing to translate
    plans = (plan_chunk(texts[start : start + 5], start, translator, "ar") for start in range(0, len(texts), 5))
    together = [record for plan, hypotheses in translate_chunks(plans, translator)
                for record in records_from(plan.texts, plan.segmented, plan.sentences, hypotheses, translator,
                                           first_record=plan.start)]
    alone = [record for start in range(0, len(texts), 5)
             for record in translate_texts(texts[start : start + 5], translator, "ar", first_record=start)]
    assert [r.translation for r in together] == [r.translation for r in alone]
    assert [_untimed(s.report_row()) for r in together for s in r.segments] == \
        [_untimed(s.report_row()) for r in alone for s in r.segments]


def _untimed(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in ("seconds", "batch_seconds")}

"""The Translator and the segment pipeline on a tiny random-weight model."""

from conftest import FLORES

from translate.pipeline import translate_texts


def dev_lines(n):
    return (FLORES / "dev.ar").read_text(encoding="utf-8").split("\n")[:n]


def test_length_sorted_batches_come_back_in_input_order(translator):
    sentences = dev_lines(10)
    one_by_one = [translator.translate_batch([s])[0].text for s in sentences]
    assert len(set(one_by_one)) > 5, "the test model must give input-dependent output"
    streamed = [h.text for h in translator.translate_iterable(sentences)]
    assert streamed == one_by_one


def test_decoding_is_deterministic(translator):
    sentences = dev_lines(6)
    first = [h.text for h in translator.translate_batch(sentences)]
    assert [h.text for h in translator.translate_batch(sentences)] == first


def test_hypotheses_report_their_cost(translator):
    short, long = "مرحبا.", dev_lines(1)[0]
    hypotheses = translator.translate_batch([short, long])
    assert hypotheses[0].source_tokens < hypotheses[1].source_tokens
    assert all(h.batch_size == 2 and h.batch_seconds > 0 and not h.truncated for h in hypotheses)
    assert all(0 < h.target_tokens <= translator.options.max_length for h in hypotheses)


def test_records_keep_paragraphs_and_copy_what_has_no_letters(translator):
    text = "قال المسؤول. هل هذا صحيح؟\n\n2024\n"
    [result] = translate_texts([text], translator, "ar")
    assert [s.segment.text for s in result.segments] == ["قال المسؤول.", "هل هذا صحيح؟", "2024"]
    assert result.segments[2].copied and result.segments[2].translation == "2024"
    # Two sentences on the first line, a blank line, the number, the final newline.
    expected = f"{result.segments[0].translation} {result.segments[1].translation}\n\n2024\n"
    assert result.translation == expected
    assert all(s.model_id == translator.model_id for s in result.segments)


def test_repeated_sentences_are_translated_once_and_alike(translator):
    calls = []
    results = translate_texts(["نعم.", "لا.", "نعم."], translator, "ar", first_record=10, on_batch=calls.append)
    assert sum(calls) == 2
    assert results[0].translation == results[2].translation
    assert [r.record for r in results] == [10, 11, 12]


def test_glossary_repair_runs_on_each_translated_sentence(translator):
    """translate --glossary: each sentence's model output is repaired against its own source sentence."""
    from glossary.entry import Glossary, GlossaryEntry
    from glossary.repair import Repairer
    from translate.pipeline import translate_texts

    glossary = Glossary((GlossaryEntry("mosul", {"ar": ("الموصل",), "en": ("Mosul",)}, "LOC"),), ("ar", "en"))
    repairer = Repairer(glossary, "ar", "en")
    texts = ["وصل الوفد إلى الموصل. ثم غادر.", "لا أسماء هنا."]
    [first, second] = translate_texts(texts, translator, "ar", repairer=repairer)
    plain = translate_texts(texts, translator, "ar")
    for repaired, raw in zip(first.segments + second.segments, plain[0].segments + plain[1].segments):
        assert repaired.raw_translation == raw.translation
        expected = repairer.repair(raw.translation, raw.source)
        assert repaired.translation == expected.repaired
        assert [f.after for f in repaired.fixes] == [f.after for f in expected.fixes]
    # The name is checked in the sentence that has it, and only there.
    assert [n.entry_id for n in first.segments[0].names] == ["mosul"]
    assert first.segments[0].names[0].status in {"correct", "repaired", "missing"}
    assert not first.segments[1].names and not second.segments[0].names
    row = first.segments[0].report_row()
    assert row["raw_translation"] == first.segments[0].raw_translation and row["names"][0]["entry_id"] == "mosul"

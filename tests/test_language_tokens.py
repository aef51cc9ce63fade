"""Target-language labels (``>>ara<<``) of multi-target OPUS-MT models, in both engines.

The model here is tiny and random, with the real OPUS-MT tokenizer plus four
labels, and an output layer that would write the labels if allowed to.
"""

from __future__ import annotations

import json

import pytest

from conftest import LABELS
from model_families import record

from translate.engines.base import DecodingOptions
from translate.engines.language_tokens import LanguageTokens, language_tokens_for
from translate.errors import MtrepairError

SENTENCES = ["Clashes erupted in Mosul on Monday.", "The official said the situation was calm.", "Yes."]
OPTIONS = DecodingOptions(beam_size=2, max_length=8)


def make(engine, model, **kwargs):
    from translate.engines.spec import make_translator

    return make_translator(str(model), engine=engine, device="cpu", options=OPTIONS, threads=1, **kwargs)


def marian(vocabulary, target="ar", override=None):
    return language_tokens_for("MarianTokenizer", vocabulary, "en", target, "m", override)


def test_labels_are_found_in_a_vocabulary_and_chosen_by_target_language():
    vocabulary = ["▁the", ">>ara<<", ">>arz<<", ">>ara_Latn<<", "<pad>", ">>eng<<", ">>"]
    assert marian(vocabulary).codes == (">>ara<<", ">>ara_Latn<<", ">>arz<<", ">>eng<<")
    assert marian(vocabulary).source_prefix == ">>ara<<"  # standard Arabic, not a dialect
    assert marian(vocabulary, "AR").source_prefix == ">>ara<<"
    assert marian(vocabulary, "en").source_prefix == ">>eng<<"
    assert marian([">>arb<<", ">>arz<<"]).source_prefix == ">>arb<<"
    assert marian(vocabulary, override="arz").source_prefix == ">>arz<<"
    assert marian(vocabulary, override=">>ara_Latn<<").source_prefix == ">>ara_Latn<<"
    assert marian(["▁the", "<pad>"]) == LanguageTokens()  # a single-target model gets nothing


def test_a_label_that_does_not_fit_is_an_error_that_lists_the_labels():
    with pytest.raises(MtrepairError, match=r"no label >>fra<<; its labels are: ara, arz"):
        marian([">>ara<<", ">>arz<<"], override="fra")
    with pytest.raises(MtrepairError, match=r"--target-token.*labels are: apc, arz"):
        marian([">>apc<<", ">>arz<<"])
    with pytest.raises(MtrepairError, match="has no target-language labels"):
        marian(["▁the"], override="ara")


@pytest.mark.parametrize("engine", ["transformers", "ctranslate2"])
def test_the_label_is_the_first_source_token_and_never_in_the_output(engine, labelled_model, ct2_cache):
    translator = make(engine, labelled_model, target_lang="ar")
    assert translator.target_token == ">>ara<<"
    for sentence in SENTENCES:
        tokens = translator.source_tokens(sentence)
        assert tokens[0] == ">>ara<<" and tokens.count(">>ara<<") == 1 and tokens[-1] == "</s>"
        assert translator.count_tokens(sentence) == len(tokens)
    fed = record(translator)
    outputs = [h.text for h in translator.translate_batch(SENTENCES)]
    assert [row["source"][0] for row in fed] == [">>ara<<"] * len(SENTENCES)
    assert all(outputs) and not any(">>" in text or "<<" in text for text in outputs)


def test_both_engines_give_the_model_the_same_tokens(labelled_model, ct2_cache):
    torch_side, ct2_side = make("transformers", labelled_model, target_lang="ar"), make("ctranslate2", labelled_model, target_lang="ar")
    for sentence in SENTENCES + ["قال المسؤول إن الوضع هادئ."]:
        assert torch_side.source_tokens(sentence) == ct2_side.source_tokens(sentence)


def test_the_fixture_would_write_labels_if_the_engine_let_it(labelled_model):
    """Guards the test above: unsuppressed, this model writes labels."""
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(labelled_model)
    model = AutoModelForSeq2SeqLM.from_pretrained(labelled_model)
    generated = model.generate(**tokenizer([">>ara<< Yes."], return_tensors="pt"), max_length=5, num_beams=1)
    assert set(tokenizer.convert_ids_to_tokens(generated[0])) & set(LABELS)


def test_a_single_target_model_gets_no_label(translator):
    assert translator.target_token is None
    assert translator.source_tokens("مرحبا.")[0] != ">>ara<<"
    assert not any(token.startswith(">>") for token in translator.source_tokens("مرحبا."))


def test_target_token_overrides_and_changes_the_resume_fingerprint(labelled_model, tmp_path):
    from translate.formats import read_document
    from translate.jobs.document import JobSettings, fingerprint

    source = tmp_path / "news.en"
    source.write_text("Clashes erupted.\n", encoding="utf-8")
    document = read_document(str(source), None)
    standard, egyptian = make("transformers", labelled_model, target_lang="ar"), make(
        "transformers", labelled_model, target_lang="ar", target_token="arz")
    assert egyptian.target_token == ">>arz<<" and egyptian.source_tokens("Yes.")[0] == ">>arz<<"
    settings = JobSettings("en", "ar", output=str(tmp_path / "out"))
    assert fingerprint(document, standard, settings) != fingerprint(document, egyptian, settings)


def test_cli_reports_the_label_and_refuses_one_the_model_lacks(cli, labelled_model, tmp_path):
    source = tmp_path / "news.en"
    source.write_text("Clashes erupted in Mosul.\n\nThe official said it was calm.\n", encoding="utf-8")
    out, report = tmp_path / "news.ar", tmp_path / "report.jsonl"
    done = cli("translate", "--from", "en", "--to", "ar", str(source), "-o", str(out), "--report", str(report),
               "--model", str(labelled_model), "--max-length", "8", "-q")
    assert done.returncode == 0, done.stderr.decode()
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert [row["target_token"] for row in rows] == [">>ara<<", ">>ara<<"]
    assert "<<" not in out.read_text(encoding="utf-8")
    refused = cli("translate", "--from", "en", "--to", "ar", str(source), "--model", str(labelled_model),
                  "--target-token", "fra", "-q")
    assert refused.returncode == 2
    assert refused.stderr.decode().strip().splitlines() == [
        f"mtrepair: error: --target-token fra: model {labelled_model} has no label >>fra<<; "
        "its labels are: apc, ara, arz, eng"]

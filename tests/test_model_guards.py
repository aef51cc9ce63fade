"""Guards against known breakages of the libraries mtrepair drives its models with.

- transformers 5.3 wrote garbage with opus-mt-tc-big models because tied
  weights were not restored on loading (transformers issue 45005): a model
  of the big size must give the same logits after a save and a load.
- CTranslate2 once dropped Marian's ``final_logits_bias`` in conversion
  (CTranslate2 issue 832); multi-target models rely on it.
- A model folder's own Python code is never run.
"""

from __future__ import annotations

import json

import pytest

from conftest import LABELS, TOKENIZER


def _logits(model, tokenizer):
    import torch

    batch = tokenizer(["مرحبا بالعالم.", "قال المسؤول إن الوضع هادئ."], return_tensors="pt", padding=True)
    start = model.config.decoder_start_token_id
    decoder = torch.tensor([[start, 5, 9, 17]] * 2)
    with torch.inference_mode():
        return model(**batch, decoder_input_ids=decoder).logits


@pytest.mark.parametrize("size, shared", [("big", True), ("base", False)])
def test_a_saved_model_loads_back_with_the_same_logits(size, shared, tmp_path):
    """The big OPUS-MT shape (d_model 1024, 16 heads, FFN 4096, relu) and one with untied embeddings."""
    import torch
    from transformers import AutoConfig, AutoModelForSeq2SeqLM

    from tools.random_model import SIZES, TINY
    from translate.engines.models import load_model

    config = AutoConfig.from_pretrained(TOKENIZER)
    for key, value in SIZES[size].items():
        setattr(config, key, value)
    if size == "base":  # the untied variant needs no real size to show the fault
        for key, value in TINY.items():
            setattr(config, key, value)
    config.share_encoder_decoder_embeddings = shared
    torch.manual_seed(0)
    model = AutoModelForSeq2SeqLM.from_config(config).eval()
    model.save_pretrained(tmp_path)
    for name in ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json"):
        (tmp_path / name).write_bytes((TOKENIZER / name).read_bytes())
    loaded = load_model(str(tmp_path))
    before, after = _logits(model, loaded.tokenizer), _logits(loaded.model, loaded.tokenizer)
    assert torch.equal(before, after)
    # Marian ties the output layer to the decoder's embeddings (and those to the encoder's when shared).
    output = loaded.model.get_output_embeddings().weight
    assert output.data_ptr() == loaded.model.get_decoder().embed_tokens.weight.data_ptr()
    assert (output.data_ptr() == loaded.model.get_encoder().embed_tokens.weight.data_ptr()) == shared


def test_ctranslate2_keeps_the_logits_bias_of_a_labelled_model(labelled_model, tmp_path):
    """The fixture's bias makes it write its labels; converted, it still does when nothing suppresses them."""
    import ctranslate2

    from translate.engines.conversion import convert_model

    folder = convert_model(str(labelled_model), "float32", output=tmp_path / "ct2")
    translator = ctranslate2.Translator(str(folder), device="cpu")
    result = translator.translate_batch([[">>ara<<", "▁Yes", ".", "</s>"]], beam_size=1, max_decoding_length=4)
    assert set(result[0].hypotheses[0]) & set(LABELS)


def test_a_model_folders_own_code_is_never_run(tiny_model, tmp_path):
    """A config that points at code in the folder (``auto_map``) does not make mtrepair import it."""
    from translate.engines.models import load_model
    from translate.errors import ModelUnavailableError

    folder = tmp_path / "remote-code"
    folder.mkdir()
    for file in tiny_model.iterdir():
        (folder / file.name).write_bytes(file.read_bytes())
    marker = tmp_path / "ran"
    (folder / "modeling_evil.py").write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config["auto_map"] = {"AutoConfig": "modeling_evil.EvilConfig", "AutoModelForSeq2SeqLM": "modeling_evil.Evil"}
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    try:
        load_model(str(folder))
    except ModelUnavailableError:
        pass  # refusing is as good as ignoring the code
    assert not marker.exists()


def test_special_token_ids_come_from_the_model_not_from_marians_usual_ones(tmp_path, ct2_cache):
    """opus-mt-tc-big-ar-en ends sentences with id 25894, not Marian's usual 0: both engines must follow it."""
    import torch
    from transformers import AutoModelForSeq2SeqLM

    from tools.random_model import build_random_model
    from translate.engines.base import DecodingOptions
    from translate.engines.spec import make_translator

    template = tmp_path / "template"
    template.mkdir()
    vocab = json.loads((TOKENIZER / "vocab.json").read_text(encoding="utf-8"))
    moved = next(token for token, i in vocab.items() if i == 25894)
    vocab["</s>"], vocab[moved] = 25894, 0
    (template / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    for name in ("source.spm", "target.spm", "tokenizer_config.json"):
        (template / name).write_bytes((TOKENIZER / name).read_bytes())
    for name in ("config.json", "generation_config.json"):
        settings = json.loads((TOKENIZER / name).read_text(encoding="utf-8"))
        settings.update(eos_token_id=25894, forced_eos_token_id=25894)
        (template / name).write_text(json.dumps(settings), encoding="utf-8")
    model = build_random_model(template, tmp_path / "model", tiny=True)
    # A model that ends every sentence at once: an engine that waited for id 0 would write on to the cap.
    network = AutoModelForSeq2SeqLM.from_pretrained(model)
    with torch.no_grad():
        network.final_logits_bias[0, 25894] = 1000.0
    network.save_pretrained(model)
    options = DecodingOptions(beam_size=1, max_length=6)
    engines = [make_translator(str(model), engine=engine, device="cpu", options=options, threads=1)
               for engine in ("transformers", "ctranslate2")]
    torch_side = engines[0]
    assert torch_side.loaded.tokenizer.eos_token_id == 25894
    assert torch_side._source_ids("نعم.")[-1] == 25894
    for translator in engines:
        assert translator.source_tokens("نعم.")[-1] == "</s>"
        hypotheses = translator.translate_batch(["نعم.", "قال المسؤول إن الوضع هادئ."])
        assert [(h.text, h.target_tokens) for h in hypotheses] == [("", 1), ("", 1)]
    ct2_config = json.loads((engines[1].folder / "config.json").read_text(encoding="utf-8"))
    assert ct2_config["eos_token"] == "</s>"

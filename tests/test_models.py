"""Choosing and loading models: option, environment, default, and clear failures."""

import pytest

from translate.engines.models import load_model, model_for_pair
from translate.errors import ModelUnavailableError


def test_model_option_beats_environment_beats_default(monkeypatch):
    monkeypatch.delenv("MTREPAIR_MODEL_AR_EN", raising=False)
    monkeypatch.delenv("MTREPAIR_MODEL_EN_AR", raising=False)
    assert model_for_pair("ar", "en") == "Helsinki-NLP/opus-mt-tc-big-ar-en"  # the default: opus-mt-big
    assert model_for_pair("en", "ar") == "Helsinki-NLP/opus-mt-tc-big-en-ar"
    monkeypatch.setenv("MTREPAIR_MODEL_AR_EN", "/models/ar-en")
    assert model_for_pair("ar", "en") == "/models/ar-en"
    assert model_for_pair("en", "ar") == "Helsinki-NLP/opus-mt-tc-big-en-ar"
    assert model_for_pair("ar", "en", "opus-mt") == "Helsinki-NLP/opus-mt-ar-en"
    assert model_for_pair("ar", "en", "org/other") == "org/other"


def test_short_names_stand_for_each_pairs_model(monkeypatch, tmp_path):
    monkeypatch.delenv("MTREPAIR_MODEL_EN_AR", raising=False)
    assert model_for_pair("en", "ar", "opus-mt-big") == "Helsinki-NLP/opus-mt-tc-big-en-ar"
    assert model_for_pair("ar", "en", "opus-mt-big") == "Helsinki-NLP/opus-mt-tc-big-ar-en"
    assert model_for_pair("ar", "en", "nllb") == model_for_pair("en", "ar", "nllb") == "facebook/nllb-200-distilled-600M"
    monkeypatch.setenv("MTREPAIR_MODEL_EN_AR", "opus-mt-big")
    assert model_for_pair("en", "ar") == "Helsinki-NLP/opus-mt-tc-big-en-ar"
    with pytest.raises(ModelUnavailableError, match="opus-mt-big has no model for fr->de"):
        model_for_pair("fr", "de", "opus-mt-big")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "opus-mt-big").mkdir()  # a folder of that name is the user's own model
    assert model_for_pair("en", "ar", "opus-mt-big") == "opus-mt-big"


def test_unknown_pair_without_model_names_the_variable():
    with pytest.raises(ModelUnavailableError, match="no default model for fr->de.*MTREPAIR_MODEL_FR_DE"):
        model_for_pair("fr", "de")


def test_local_folder_loads_with_its_own_name(tiny_model):
    loaded = load_model(str(tiny_model))
    assert loaded.model_id == str(tiny_model)
    assert loaded.model.config.is_encoder_decoder


def test_missing_folder(tmp_path):
    with pytest.raises(ModelUnavailableError, match="model folder .*/absent does not exist"):
        load_model(str(tmp_path / "absent"))


def test_folder_without_config(tmp_path):
    with pytest.raises(ModelUnavailableError, match="is not a model folder \\(it has no config.json\\)"):
        load_model(str(tmp_path))


def test_a_model_that_cannot_translate_is_refused(tmp_path):
    from transformers import GPT2Config

    GPT2Config(n_layer=1, n_embd=8, n_head=1, vocab_size=16).save_pretrained(tmp_path)
    with pytest.raises(ModelUnavailableError, match="not a sequence-to-sequence translation model \\(model type 'gpt2'\\)"):
        load_model(str(tmp_path))


def test_hub_model_offline_fails_fast_with_advice(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    import huggingface_hub

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path))
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(ModelUnavailableError) as caught:
        load_model("Helsinki-NLP/opus-mt-ar-en")
    message = caught.value.message
    assert "Helsinki-NLP/opus-mt-ar-en is not available" in message
    assert "--model /path/to/folder" in message
    assert "\n" not in message

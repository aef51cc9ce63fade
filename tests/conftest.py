"""Shared fixtures: the project's data folder and a tiny random-weight model.

The model has the real OPUS-MT ar-en tokenizer and configuration, shrunk
for speed; its translations are nonsense, so tests check behaviour (counts,
order, layout, resume, errors), never words.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MTREPAIR_SHARED", ROOT.parent / "shared"))
TOKENIZER = SHARED / "models" / "opus-mt-ar-en-tokenizer"
FLORES = SHARED / "data" / "flores101-dev"


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    from tools.random_model import build_random_model

    if not (TOKENIZER / "config.json").exists():
        pytest.fail(f"{TOKENIZER} is missing: set MTREPAIR_SHARED to the shared data folder")
    return build_random_model(TOKENIZER, tmp_path_factory.mktemp("models") / "tiny-ar-en", tiny=True)


@pytest.fixture(scope="session")
def tiny_model_en_ar(tmp_path_factory) -> Path:
    """The tiny model's twin for en->ar: the same weights, its tokenizer settings saying en->ar (a model that
    says ar->en is refused for en->ar, translate.engines.direction)."""
    import json
    import shutil

    from tools.random_model import build_random_model

    template = tmp_path_factory.mktemp("en-ar-tokenizer")
    for name in ("source.spm", "target.spm", "vocab.json", "generation_config.json"):
        shutil.copyfile(TOKENIZER / name, template / name)
    config = json.loads((TOKENIZER / "config.json").read_text(encoding="utf-8"))
    config.pop("_name_or_path", None)
    (template / "config.json").write_text(json.dumps(config), encoding="utf-8")
    (template / "tokenizer_config.json").write_text(json.dumps({"source_lang": "en", "target_lang": "ar"}))
    return build_random_model(template, tmp_path_factory.mktemp("models") / "tiny-en-ar", tiny=True)


@pytest.fixture(scope="module")
def ct2_cache(tmp_path_factory):
    """A CTranslate2 cache of the module's own, so that its tests convert models afresh."""
    folder = tmp_path_factory.mktemp("ct2-cache")
    os.environ["MTREPAIR_CACHE"] = str(folder)
    yield folder
    os.environ.pop("MTREPAIR_CACHE", None)


@pytest.fixture(scope="session")
def translator(tiny_model):
    from translate.engines.transformers import DecodingOptions, Translator

    return Translator(str(tiny_model), device="cpu", options=DecodingOptions(beam_size=2, max_length=8), batch_size=4)


_CONVERTED = tempfile.mkdtemp(prefix="mtrepair-test-cache-")  # CTranslate2 copies made by the tests


def run_cli(*args: str, stdin: bytes | None = None, env: dict | None = None, timeout: float = 300):
    """Run ``mtrepair`` as a user would, in a separate process (its CTranslate2 cache kept out of ~/.cache)."""
    environment = {**os.environ, "HF_HUB_OFFLINE": "1", "MTREPAIR_CACHE": _CONVERTED, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "translate.cli", *args],
        input=stdin, capture_output=True, env=environment, timeout=timeout, cwd=ROOT,
    )


@pytest.fixture
def cli():
    return run_cli


# The browser tests' fixtures (tests/test_app_browser*.py; helpers in tests/browser_harness.py, imported
# when a browser test asks, so that other tests do not load them).


@pytest.fixture(scope="module")
def browser():
    from browser_harness import chromium_browser

    with chromium_browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def server(tiny_model, tiny_model_en_ar, tmp_path_factory):
    """``python app.py`` with the tiny model both ways: its URL."""
    from browser_harness import serving

    env = {"MTREPAIR_MODEL_AR_EN": str(tiny_model), "MTREPAIR_MODEL_EN_AR": str(tiny_model_en_ar),
           "HF_HUB_OFFLINE": "1"}
    with serving(env, tmp_path_factory.mktemp("app") / "app.log") as url:
        yield url


@pytest.fixture
def page(browser, server):
    """A fresh browser tab on ``server`` (a module may define its own ``page``: test_app_review.py's is the
    page's panels, without a browser)."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(server)
    page.wait_for_selector("#model-status")
    yield page
    page.close()


LABELS = (">>apc<<", ">>ara<<", ">>arz<<", ">>eng<<")


@pytest.fixture(scope="session")
def labelled_model(tmp_path_factory) -> Path:
    """A tiny multi-target model: the OPUS-MT tokenizer with ``>>id<<`` labels added, as opus-mt-en-ar has.

    Its output layer is biased towards the labels, so that an engine which
    let the model write them would show them in its translations.
    """
    import json
    import shutil

    import torch

    from tools.random_model import build_random_model

    template = tmp_path_factory.mktemp("labelled-tokenizer")
    for name in ("source.spm", "target.spm"):
        shutil.copyfile(TOKENIZER / name, template / name)
    vocab = json.loads((TOKENIZER / "vocab.json").read_text(encoding="utf-8"))
    # As in the real models, <pad> stays the last id (CTranslate2's converter
    # drops the last row as padding), so the labels go just before it and
    # every setting that names the pad id moves with it.
    pad = vocab.pop("<pad>")
    for label in LABELS:
        vocab[label] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (template / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    for name in ("config.json", "generation_config.json"):
        settings = json.loads((TOKENIZER / name).read_text(encoding="utf-8"))
        for key in ("pad_token_id", "decoder_start_token_id"):
            assert settings[key] == pad
            settings[key] = vocab["<pad>"]
        settings["bad_words_ids"] = [[vocab["<pad>"]]]
        if "vocab_size" in settings:
            settings["vocab_size"] = settings["decoder_vocab_size"] = len(vocab)
        (template / name).write_text(json.dumps(settings), encoding="utf-8")
    (template / "tokenizer_config.json").write_text(json.dumps({"source_lang": "en", "target_lang": "ar"}))
    folder = build_random_model(template, tmp_path_factory.mktemp("models") / "tiny-labelled", tiny=True)

    from transformers import AutoModelForSeq2SeqLM

    model = AutoModelForSeq2SeqLM.from_pretrained(folder)
    with torch.no_grad():
        for label in LABELS:
            model.final_logits_bias[0, vocab[label]] = 1000.0
    model.save_pretrained(folder)
    return folder

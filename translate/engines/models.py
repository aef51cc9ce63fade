"""Find and load a Hugging Face seq2seq translation model.

A model is named by a hub id (``Helsinki-NLP/opus-mt-ar-en``), a local
folder holding ``config.json``, the tokenizer files and the weights, or one
of the short names of :data:`NAMED_MODELS` (``opus-mt``, ``opus-mt-big``,
``nllb``), which stand for the right model of each language pair.  Which
model a language pair uses is decided here, in this order: the ``--model``
option, the environment variable ``MTREPAIR_MODEL_<SRC>_<TGT>`` (for example
``MTREPAIR_MODEL_AR_EN``), then the default for the pair.

Hub ids are looked up in the local Hugging Face cache first; only when the
model is not cached is the hub asked (once, without retries) and the files
downloaded.  Remote code is never run: ``trust_remote_code`` stays off.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.errors import ModelUnavailableError
from .library_logs import keep_quiet

# Short names for the models mtrepair knows well, per language pair (README,
# "Models").  opus-mt: Marian transformer-base, 76 M parameters; opus-mt-big:
# the Tatoeba-Challenge transformer-big models, 239 M, better on FLORES-101
# by 6-9 BLEU; nllb: Meta's NLLB-200 distilled 600M, one model for both
# directions, ~2.5 GB (CC-BY-NC licence).
NAMED_MODELS = {
    "opus-mt": {("ar", "en"): "Helsinki-NLP/opus-mt-ar-en", ("en", "ar"): "Helsinki-NLP/opus-mt-en-ar"},
    "opus-mt-big": {("ar", "en"): "Helsinki-NLP/opus-mt-tc-big-ar-en",
                    ("en", "ar"): "Helsinki-NLP/opus-mt-tc-big-en-ar"},
    "nllb": {("ar", "en"): "facebook/nllb-200-distilled-600M", ("en", "ar"): "facebook/nllb-200-distilled-600M"},
}
# The default from measurements (BENCHMARKS.md, "Model sizes and the default
# engine"): on the default ctranslate2 engine the big models run at half the
# speed of the base ones and still twice the speed the base ones had on
# transformers, for 6-9 BLEU more.
DEFAULT_NAME = "opus-mt-big"
DEFAULT_MODELS = NAMED_MODELS[DEFAULT_NAME]

# Files a PyTorch seq2seq model needs; OPUS-MT repos also hold TensorFlow,
# Flax and Rust weights that would triple the download for nothing.
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
_SUPPORT_PATTERNS = ["*.json", "*.spm", "*.model", "*.txt", "*.safetensors.index.json"]


@dataclass(frozen=True)
class LoadedModel:
    """A tokenizer and model ready to generate, and the name they came from."""

    model_id: str
    path: str
    tokenizer: Any
    model: Any


def env_variable(src: str, tgt: str) -> str:
    return f"MTREPAIR_MODEL_{src.upper()}_{tgt.upper()}"


def model_for_pair(src: str, tgt: str, model: str | None = None) -> str:
    """The model id or folder to use for ``src -> tgt`` (see module docs for the order)."""
    chosen = model or os.environ.get(env_variable(src, tgt)) or DEFAULT_NAME
    if chosen not in NAMED_MODELS or Path(chosen).exists():  # a folder of that name wins over the short name
        return chosen
    try:
        return NAMED_MODELS[chosen][(src, tgt)]
    except KeyError:
        which = "no default model" if chosen == DEFAULT_NAME and not model else f"{chosen} has no model"
        raise ModelUnavailableError(
            f"{which} for {src}->{tgt}; pass --model ID_OR_FOLDER or set {env_variable(src, tgt)}"
        ) from None


def _looks_like_path(name: str) -> bool:
    """Hub ids are ``name`` or ``org/name``; anything else is a folder."""
    return Path(name).expanduser().exists() or name.startswith((".", "/", "~")) or name.count("/") > 1


def local_model_folder(name: str) -> str:
    """The folder holding ``name``: itself, the hub cache, or a fresh download.

    Raises :class:`ModelUnavailableError` with a one-line explanation when the
    model cannot be had.
    """
    if _looks_like_path(name):
        folder = Path(name).expanduser()
        if not folder.is_dir():
            raise ModelUnavailableError(f"model folder {name} does not exist")
        if not (folder / "config.json").is_file():
            raise ModelUnavailableError(f"{name} is not a model folder (it has no config.json)")
        return str(folder)
    return _hub_snapshot(name)


def _offline_message(name: str, reason: str) -> str:
    return (
        f"model {name} is not available: {reason}. Download it once with internet access, "
        f"or point mtrepair at a local copy with --model /path/to/folder "
        f"(or the MTREPAIR_MODEL_<SRC>_<TGT> environment variable)"
    )


def _hub_snapshot(repo_id: str) -> str:
    import huggingface_hub
    from huggingface_hub.errors import LocalEntryNotFoundError

    keep_quiet()
    try:
        return huggingface_hub.snapshot_download(repo_id, local_files_only=True)
    except (LocalEntryNotFoundError, FileNotFoundError):
        pass
    except Exception as error:  # e.g. HFValidationError: not a valid repo id
        raise ModelUnavailableError(_offline_message(repo_id, str(error).splitlines()[0])) from None
    if huggingface_hub.constants.HF_HUB_OFFLINE:
        raise ModelUnavailableError(_offline_message(repo_id, "not in the local cache and HF_HUB_OFFLINE is set"))
    # One quick metadata request tells "offline" from "no such model" at once;
    # the file download below retries with back-off, which is right on a
    # flaky network but takes most of a minute to fail on none.
    try:
        info = huggingface_hub.HfApi().model_info(repo_id, timeout=15)
    except Exception as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        if "404" in reason or "not found" in reason.lower():
            raise ModelUnavailableError(f"no model named {repo_id} on the Hugging Face hub") from None
        raise ModelUnavailableError(_offline_message(repo_id, f"the hub cannot be reached ({reason})")) from None
    files = {sibling.rfilename for sibling in info.siblings or []}
    weights = next((w for w in _WEIGHT_FILES if w in files), None)
    patterns = _SUPPORT_PATTERNS + ([weights] if weights else ["*.safetensors", "*.bin"])
    try:
        return huggingface_hub.snapshot_download(repo_id, allow_patterns=patterns)
    except Exception as error:
        raise ModelUnavailableError(_offline_message(repo_id, f"download failed ({error})")) from None


def load_model(name: str, device: str = "cpu") -> LoadedModel:
    """Load tokenizer and model for generation on ``device`` ("cpu" or "cuda")."""
    folder = local_model_folder(name)
    if (Path(folder) / "model.bin").is_file() and (Path(folder) / "source_config.json").is_file():
        raise ModelUnavailableError(f"{name} is a CTranslate2 model (written by mtrepair convert); "
                                    f"translate with it on --engine ctranslate2 (or auto, the default, on a CPU)")
    from transformers import AutoConfig, AutoModelForSeq2SeqLM, AutoTokenizer

    keep_quiet()
    try:
        config = AutoConfig.from_pretrained(folder, trust_remote_code=False)
    except Exception as error:
        raise ModelUnavailableError(f"{name}: cannot read config.json ({error})") from None
    if not getattr(config, "is_encoder_decoder", False):
        raise ModelUnavailableError(
            f"{name} is not a sequence-to-sequence translation model (model type {config.model_type!r})"
        )
    try:
        tokenizer = AutoTokenizer.from_pretrained(folder, trust_remote_code=False)
        model = AutoModelForSeq2SeqLM.from_pretrained(folder, trust_remote_code=False)
    except (OSError, ValueError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ModelUnavailableError(f"{name}: cannot load the model ({first_line})") from None
    model.eval()
    model.to(device)
    return LoadedModel(model_id=name, path=folder, tokenizer=tokenizer, model=model)

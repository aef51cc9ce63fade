"""Convert a Hugging Face model to CTranslate2 once, and find the converted copy again.

Converted models live in ``$MTREPAIR_CACHE/ctranslate2/`` (default
``~/.cache/mtrepair/ctranslate2/``), one folder per model, revision and
quantization: a hub model's revision is its snapshot's commit, a local
folder's is a digest of its config and weight files, so a changed model is
converted again and an unchanged one never is.  Conversion writes to a
temporary folder and renames it, so an interrupted conversion leaves
nothing half-written behind.

    mtrepair convert Helsinki-NLP/opus-mt-ar-en            # int8, into the cache
    mtrepair convert ./my-model --quantization float32 --output ./my-model-ct2
    mtrepair translate --model ./my-model-ct2 ...            # a converted folder is a complete model
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

from ..common.errors import ConversionError, ModelUnavailableError
from .library_logs import keep_quiet
from .models import local_model_folder

QUANTIZATIONS = ("int8", "int8_float32", "int16", "float32")
DEFAULT_QUANTIZATION = "int8"
# Everything that decides a model's output: weights (sharded too), their index, config, vocabulary.
_MODEL_FILES = ("*.safetensors", "*.bin", "*.index.json", "config.json", "generation_config.json", "*.spm",
                "vocab.json", "tokenizer*.json", "*.model")


# Copied beside the converted weights, so that the folder is a complete model
# that `--model FOLDER --engine ctranslate2` runs without the original.
TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json", "tokenizer.json",
                   "special_tokens_map.json", "added_tokens.json", "sentencepiece.bpe.model", "spiece.model",
                   "generation_config.json")
SOURCE_CONFIG = "source_config.json"  # the original's Hugging Face config.json (CTranslate2 writes its own)
QUANTIZATION_FILE = "quantization.txt"  # how the weights were stored: a converted folder runs as it was made
# Bumped when a conversion of the same model would now come out differently
# (2: T5 logits no longer scaled for untied models), so stale cached copies are not used.
CONVERSION = 2


def stored_quantization(folder: Path) -> str:
    """The quantization a converted folder was written with (int8 for copies made before this was recorded)."""
    marker = Path(folder) / QUANTIZATION_FILE
    return marker.read_text(encoding="utf-8").strip() if marker.is_file() else DEFAULT_QUANTIZATION


def is_converted(folder: str | Path) -> bool:
    """A folder written by :func:`convert_model`: CTranslate2 weights, tokenizer and the original's config."""
    folder = Path(folder).expanduser()
    return (folder / "model.bin").is_file() and (folder / SOURCE_CONFIG).is_file()


def cache_root() -> Path:
    base = os.environ.get("MTREPAIR_CACHE") or Path.home() / ".cache" / "mtrepair"
    return Path(base) / "ctranslate2"


def revision(folder: str) -> str:
    """What identifies this copy of a model: the hub commit, or a digest of a local folder's files."""
    path = Path(folder).resolve()
    if path.parent.name == "snapshots" and re.fullmatch(r"[0-9a-f]{40}", path.name):
        return path.name[:12]
    digest = hashlib.sha256()
    files = sorted({file for pattern in _MODEL_FILES for file in path.glob(pattern) if file.is_file()})
    for file in files:
        stat = file.stat()
        # Size and time of change for the big files; the content of the small ones.
        digest.update(f"{file.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        if stat.st_size < 1_000_000:
            digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def converted_folder(name: str, quantization: str = DEFAULT_QUANTIZATION) -> Path:
    """Where the converted copy of model ``name`` is (or will be) kept."""
    folder = local_model_folder(name)
    slug = re.sub(r"[^A-Za-z0-9._-]+", "--", name.strip("/.~")).strip("-") or "model"
    return cache_root() / f"{slug[-80:]}-{revision(folder)}-{quantization}-c{CONVERSION}"


def convert_model(name: str, quantization: str = DEFAULT_QUANTIZATION, output: str | Path | None = None) -> Path:
    """A CTranslate2 copy of model ``name`` (hub id or folder), converted on first use."""
    if quantization not in QUANTIZATIONS:
        raise ModelUnavailableError(f"unknown quantization {quantization!r}; choose from {', '.join(QUANTIZATIONS)}")
    target = Path(output) if output else converted_folder(name, quantization)
    # --output never reuses what is there: it may be another model's copy.
    if output and target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ModelUnavailableError(f"{target} exists and is not an empty folder; give a new folder for the converted model")
    if (target / "model.bin").is_file() and (target / "config.json").is_file():
        return target
    source = local_model_folder(name)
    try:
        import ctranslate2
    except ImportError:
        raise ConversionError("the ctranslate2 engine needs the ctranslate2 package: pip install ctranslate2") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    if output:
        return _convert(name, source, target, quantization, ctranslate2, output)
    # Several processes may want the same copy at once (the workers of a Ray job on one node):
    # one converts, the others wait for it and use it.
    with open(target.parent / f".{target.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (target / "model.bin").is_file() and (target / "config.json").is_file():
            return target
        return _convert(name, source, target, quantization, ctranslate2, output)


def _convert(name: str, source: str, target: Path, quantization: str, ctranslate2, output) -> Path:
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        converter = _converter_class(ctranslate2)(source, low_cpu_mem_usage=True)
        keep_quiet()  # the converter has imported transformers
        converter.convert(str(scratch / "model"), quantization=quantization, force=True)
        for file in TOKENIZER_FILES:
            if (Path(source) / file).is_file():
                shutil.copyfile(Path(source) / file, scratch / "model" / file)
        shutil.copyfile(Path(source) / "config.json", scratch / "model" / SOURCE_CONFIG)
        (scratch / "model" / QUANTIZATION_FILE).write_text(quantization + "\n", encoding="utf-8")
        if target.exists():
            if output:
                target.rmdir()  # checked empty above
            else:  # an old partial copy in the cache (under the lock, no other process writes it)
                shutil.rmtree(target)
        os.replace(scratch / "model", target)
    except ModelUnavailableError:
        raise
    except Exception as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ConversionError(f"{name}: cannot convert to CTranslate2 ({first})") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def _converter_class(ctranslate2):
    """CTranslate2's Transformers converter, adapted to what transformers 5 changed.

    Remote code stays off (the converter's default).  The two adaptations
    are the only ones the supported model kinds need (tests/test_model_families.py):
    - M2M-100's tokenizer keeps its ``__xx__`` language codes out of
      ``get_vocab()``, which the converter reads for the model's vocabulary,
      so the converted vocabulary came out short and conversion failed;
    - mBART configurations written by transformers 5 no longer carry
      ``normalize_before``, which the converter reads; mBART is pre-norm;
    - transformers 5 reads T5's ``tie_word_embeddings: false`` (MADLAD, T5
      v1.1) as ``scale_decoder_outputs = False`` and sets the former to true,
      which the converter takes for "scale the logits by d_model^-0.5": beam
      search then ranks flattened scores.
    """

    class Converter(ctranslate2.converters.TransformersConverter):
        def load_model(self, model_class, model_name_or_path, **kwargs):
            model = super().load_model(model_class, model_name_or_path, **kwargs)
            if model.config.model_type == "mbart" and not hasattr(model.config, "normalize_before"):
                model.config.normalize_before = True
            if model.config.model_type == "t5" and hasattr(model.config, "scale_decoder_outputs"):
                model.config.tie_word_embeddings = model.config.scale_decoder_outputs
            return model

        def load_tokenizer(self, tokenizer_class, model_name_or_path, **kwargs):
            tokenizer = super().load_tokenizer(tokenizer_class, model_name_or_path, **kwargs)
            codes = getattr(tokenizer, "lang_token_to_id", None)
            if codes:
                vocabulary = tokenizer.get_vocab
                tokenizer.get_vocab = lambda: {**vocabulary(), **codes}
            return tokenizer

    return Converter

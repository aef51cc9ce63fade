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
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

from .errors import ModelUnavailableError
from .models import local_model_folder

QUANTIZATIONS = ("int8", "int8_float32", "int16", "float32")
DEFAULT_QUANTIZATION = "int8"
# Everything that decides a model's output: weights (sharded too), their index, config, vocabulary.
_MODEL_FILES = ("*.safetensors", "*.bin", "*.index.json", "config.json", "generation_config.json", "*.spm",
                "vocab.json", "tokenizer*.json", "*.model")


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
    return cache_root() / f"{slug[-80:]}-{revision(folder)}-{quantization}"


def convert_model(name: str, quantization: str = DEFAULT_QUANTIZATION, output: str | Path | None = None) -> Path:
    """A CTranslate2 copy of model ``name`` (hub id or folder), converted on first use."""
    if quantization not in QUANTIZATIONS:
        raise ModelUnavailableError(f"unknown quantization {quantization!r}; choose from {', '.join(QUANTIZATIONS)}")
    target = Path(output) if output else converted_folder(name, quantization)
    if (target / "model.bin").is_file() and (target / "config.json").is_file():
        return target
    if output and target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ModelUnavailableError(f"{target} exists and is not an empty folder; give a new folder for the converted model")
    source = local_model_folder(name)
    try:
        import ctranslate2
    except ImportError:
        raise ModelUnavailableError("the ctranslate2 engine needs the ctranslate2 package: pip install ctranslate2") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        converter = ctranslate2.converters.TransformersConverter(source, low_cpu_mem_usage=True)
        converter.convert(str(scratch / "model"), quantization=quantization, force=True)
        if target.exists():
            if output:
                target.rmdir()  # checked empty above
            else:  # the cache's own folder: another process finished first, or an old partial copy
                shutil.rmtree(target)
        os.replace(scratch / "model", target)
    except ModelUnavailableError:
        raise
    except Exception as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ModelUnavailableError(f"{name}: cannot convert to CTranslate2 ({first})") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def register(subcommands) -> None:
    import argparse

    parser = subcommands.add_parser(
        "convert", help="convert a model for the ctranslate2 engine ahead of time",
        description="Convert a Hugging Face model (hub id or folder) to CTranslate2 for `--engine ctranslate2`. "
                    "Without --output the copy goes to the cache that the engine uses, so later runs start at once.\n\n"
                    "examples:\n  mtrepair convert Helsinki-NLP/opus-mt-ar-en\n"
                    "  mtrepair convert ./my-model --quantization float32 --output ./my-model-ct2",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", metavar="ID_OR_FOLDER")
    parser.add_argument("--quantization", choices=QUANTIZATIONS, default=DEFAULT_QUANTIZATION, help="default: int8")
    parser.add_argument("--output", metavar="DIR", help="write the converted model here instead of the cache")
    parser.set_defaults(run=_run)


def _run(args) -> int:
    import sys

    folder = convert_model(args.model, args.quantization, args.output)
    print(folder)
    print(f"converted {args.model} ({args.quantization}) -> {folder}", file=sys.stderr)
    return 0

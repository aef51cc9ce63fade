"""``mtrepair convert``: convert a model for the CTranslate2 engine ahead of time (translate.engines.conversion)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from translate.common.errors import ModelUnavailableError
from translate.engines.conversion import DEFAULT_QUANTIZATION, QUANTIZATIONS, convert_model
from translate.engines.models import NAMED_MODELS


def add_convert_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Convert a Hugging Face model (hub id, folder, or a short name: opus-mt, opus-mt-big, nllb) to "
        "CTranslate2, the default engine on a CPU. Without --output the copy goes to the cache that the "
        "engine uses, so later runs start at once; --output DIR writes a complete model folder "
        "(weights and tokenizer) that --model DIR runs on its own.\n\n"
        "examples:\n  mtrepair convert Helsinki-NLP/opus-mt-ar-en\n"
        "  mtrepair convert opus-mt-big                  # both directions' models\n"
        "  mtrepair convert ./my-model --quantization float32 --output ./my-model-ct2")
    parser.add_argument("model", metavar="ID_OR_FOLDER",
                        help="a Hugging Face hub id, a local model folder, or a short name (opus-mt, opus-mt-big, nllb)")
    parser.add_argument("--quantization", choices=QUANTIZATIONS, default=DEFAULT_QUANTIZATION,
                        help=f"default: {DEFAULT_QUANTIZATION}")
    parser.add_argument("--output", metavar="DIR", help="write the converted model here instead of the cache")
    parser.set_defaults(run=_run)


def _run(args) -> int:
    names = [args.model]
    if args.model in NAMED_MODELS and not Path(args.model).exists():  # a short name: each direction's model
        names = sorted(set(NAMED_MODELS[args.model].values()))
        if args.output and len(names) > 1:
            raise ModelUnavailableError(f"{args.model} is {len(names)} models ({', '.join(names)}); "
                                        "convert one at a time with --output")
    for name in names:
        folder = convert_model(name, args.quantization, args.output)
        print(folder)
        print(f"converted {name} ({args.quantization}) -> {folder}", file=sys.stderr)
    return 0

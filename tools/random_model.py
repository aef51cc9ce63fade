"""Build a random-weight translation model from a real configuration and tokenizer.

Model weights cannot be downloaded in offline test and benchmark machines,
but speed, memory and every behaviour except the words of a translation
depend only on the architecture and tokenizer.  This builds a model with the
real OPUS-MT configuration (or a shrunken one for fast tests), random weights
from a fixed seed, and saves it as a normal Hugging Face folder that
``mtrepair translate --model FOLDER`` loads like any other.  A tool for
tests and benchmarks, not part of the installed package: run it from the
repository root.

    python -m tools.random_model ../shared/models/opus-mt-ar-en-tokenizer models/opus-mt-ar-en-random
    python -m tools.random_model --tiny ../shared/models/opus-mt-ar-en-tokenizer /tmp/tiny-model
    python -m tools.random_model --size big ../shared/models/opus-mt-ar-en-tokenizer models/tc-big-random
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

# A model small enough to load and generate in a fraction of a second, with
# the same tokenizer and vocabulary as the real one.  The wide initialisation
# makes its (nonsense) output depend on the input, which order and resume
# tests need: at the default 0.02 every input gives the same words.
TINY = dict(
    d_model=32, encoder_layers=1, decoder_layers=1, encoder_ffn_dim=64, decoder_ffn_dim=64,
    encoder_attention_heads=2, decoder_attention_heads=2, init_std=1.0,
)
# The OPUS-MT sizes (fields written over the template's configuration): base
# is opus-mt-ar-en's own shape; big is the transformer-big shape of
# Helsinki-NLP/opus-mt-tc-big-ar-en and -en-ar (about 239 M parameters).
SIZES = {
    "base": {},
    "big": dict(d_model=1024, encoder_attention_heads=16, decoder_attention_heads=16, encoder_ffn_dim=4096,
                decoder_ffn_dim=4096, encoder_layers=6, decoder_layers=6, activation_function="relu"),
}
_TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json", "generation_config.json")


def build_random_model(template: str | Path, output: str | Path, *, tiny: bool = False, seed: int = 0,
                       size: str = "base") -> Path:
    """Save a random-weight model shaped by ``template/config.json`` (and :data:`SIZES`) into ``output``."""
    import torch
    from transformers import AutoConfig, AutoModelForSeq2SeqLM

    template, output = Path(template), Path(output)
    config = AutoConfig.from_pretrained(template)
    for key, value in SIZES[size].items():
        setattr(config, key, value)
    if tiny:
        for key, value in TINY.items():
            setattr(config, key, value)
    torch.manual_seed(seed)
    model = AutoModelForSeq2SeqLM.from_config(config)
    output.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(output)
    # The real tokenizer and generation settings, copied byte for byte.
    for name in _TOKENIZER_FILES:
        if (template / name).exists():
            shutil.copyfile(template / name, output / name)
    return output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("template", help="folder with config.json and the tokenizer files")
    parser.add_argument("output", help="folder to write the model to")
    parser.add_argument("--tiny", action="store_true", help="shrink the layers for fast tests")
    parser.add_argument("--size", choices=sorted(SIZES), default="base", help="OPUS-MT size (default: base)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(build_random_model(args.template, args.output, tiny=args.tiny, seed=args.seed, size=args.size))


if __name__ == "__main__":
    main()

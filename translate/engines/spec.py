"""Build the translator a user asked for: the PyTorch (transformers) or the CTranslate2 engine.

``auto`` (the default) is CTranslate2, several times faster than PyTorch on
a CPU at a fraction of the memory (BENCHMARKS.md, "Model sizes and the
default engine"), on the GPU when CTranslate2 sees one (PyTorch is pinned
to its CPU build); transformers only for a model CTranslate2 cannot
convert.  The engine a run used is in its report and resume fingerprint.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from ..common.errors import ConversionError
from .base import DEFAULT_BATCH_SIZE, DEFAULT_DEVICE, BatchedTranslator, DecodingOptions
from .conversion import DEFAULT_QUANTIZATION

ENGINES = ("auto", "transformers", "ctranslate2")
DEFAULT_ENGINE = "auto"


def make_translator(model: str, *, engine: str = DEFAULT_ENGINE, device: str = DEFAULT_DEVICE,
                    options: DecodingOptions | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                    threads: int | None = None, quantization: str = DEFAULT_QUANTIZATION,
                    source_lang: str | None = None, target_lang: str | None = None, target_token: str | None = None,
                    **engine_options) -> BatchedTranslator:
    """A translator for ``model`` (hub id or folder) on ``engine`` (``engine_options``: that engine's own).

    ``source_lang`` and ``target_lang`` pick the language tokens of a model
    that needs them (``>>ara<<`` of multi-target OPUS-MT, ``arb_Arab`` of
    NLLB, ...), ``target_token`` names the target's outright; see
    :mod:`translate.engines.language_tokens`.
    """
    labels = dict(source_lang=source_lang, target_lang=target_lang, target_token=target_token)
    if engine == "auto":
        try:
            return make_translator(model, engine="ctranslate2", device=device, options=options,
                                   batch_size=batch_size, threads=threads, quantization=quantization,
                                   **labels, **engine_options)
        except ConversionError as error:
            print(f"mtrepair: note: {error.message}; translating with the transformers engine instead",
                  file=sys.stderr)
            engine, engine_options = "transformers", {}
    if engine == "ctranslate2":
        from .ctranslate2 import CTranslate2Translator

        return CTranslate2Translator(model, device=device, options=options, batch_size=batch_size, threads=threads,
                                     quantization=quantization, **labels, **engine_options)
    if engine != "transformers":
        from ..common.errors import MtrepairError

        raise MtrepairError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    from .transformers import Translator

    return Translator(model, device=device, options=options, batch_size=batch_size, threads=threads, **labels)


@dataclass(frozen=True)
class TranslatorSpec:
    """What :func:`make_translator` is given, as plain data, with every default of a translator.

    The command line, the web page (translate.pool) and each Ray worker
    (translate.jobs.ray_worker) build their translators from one of these,
    so the same settings give the same translator wherever it runs.
    """

    model: str
    engine: str = DEFAULT_ENGINE
    device: str = DEFAULT_DEVICE
    options: DecodingOptions = field(default_factory=DecodingOptions)
    batch_size: int = DEFAULT_BATCH_SIZE
    threads: int | None = None
    quantization: str = DEFAULT_QUANTIZATION
    source_lang: str | None = None
    target_lang: str | None = None
    target_token: str | None = None

    def build(self) -> BatchedTranslator:
        return make_translator(self.model, engine=self.engine, device=self.device, options=self.options,
                               batch_size=self.batch_size, threads=self.threads, quantization=self.quantization,
                               source_lang=self.source_lang, target_lang=self.target_lang,
                               target_token=self.target_token)

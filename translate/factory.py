"""Build the translator a user asked for: the PyTorch (transformers) or the CTranslate2 engine."""

from __future__ import annotations

from .batching import BatchedTranslator, DecodingOptions
from .convert import DEFAULT_QUANTIZATION

ENGINES = ("transformers", "ctranslate2")
DEFAULT_ENGINE = "transformers"


def make_translator(model: str, *, engine: str = DEFAULT_ENGINE, device: str = "auto",
                    options: DecodingOptions | None = None, batch_size: int = 16, threads: int | None = None,
                    quantization: str = DEFAULT_QUANTIZATION, target_lang: str | None = None,
                    target_token: str | None = None, **engine_options) -> BatchedTranslator:
    """A translator for ``model`` (hub id or folder) on ``engine`` (``engine_options``: that engine's own).

    ``target_lang`` picks the target-language label of a multi-target model
    (``>>ara<<`` for ``ar``), ``target_token`` names one outright; see
    :mod:`translate.language_tokens`.
    """
    labels = dict(target_lang=target_lang, target_token=target_token)
    if engine == "ctranslate2":
        from .ct2_engine import CTranslate2Translator

        return CTranslate2Translator(model, device=device, options=options, batch_size=batch_size, threads=threads,
                                     quantization=quantization, **labels, **engine_options)
    if engine != "transformers":
        from .errors import MtrepairError

        raise MtrepairError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    from .engine import Translator

    return Translator(model, device=device, options=options, batch_size=batch_size, threads=threads, **labels)

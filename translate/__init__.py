"""mtrepair translation: models, segmentation, batch translation.

The package by floors: :mod:`.common` (errors, files, formats, languages,
signals: the ground floor), :mod:`.engines` (models and the engines that run
them), :mod:`.segment` and :mod:`.pipeline` (texts in, translated texts out),
:mod:`.jobs` (documents and archives, resumable, on Ray too) and :mod:`.cli`
(the ``mtrepair`` command).

``from translate import Translator`` works as usual; the names are imported
on first use so that ``mtrepair --help`` and input errors do not wait for
PyTorch to load.
"""

from importlib import import_module

_EXPORTS = {
    "DecodingOptions": ".engines.base",
    "Hypothesis": ".engines.base",
    "Translator": ".engines.transformers",
    "TranslatorSpec": ".engines.spec",
    "MtrepairError": ".common.errors",
    "RecordTranslation": ".pipeline",
    "SegmentTranslation": ".pipeline",
    "translate_texts": ".pipeline",
    "Segment": ".segment",
    "segment_text": ".segment",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

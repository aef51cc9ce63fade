"""Translators shared by many requests (the web page): each model loaded once, on first use.

Loading a model takes seconds and hundreds of megabytes, so a server keeps
one translator per model and language pair, built from a
:class:`~translate.engines.spec.TranslatorSpec` exactly as ``mtrepair
translate`` builds its own, with the same defaults.  A model that failed to
load is remembered with its one-line reason for a few minutes, so that later
requests get the same plain answer at once instead of each waiting for the
hub again.
"""

from __future__ import annotations

import threading
import time

from .common.errors import ModelUnavailableError
from .engines.base import DEFAULT_BATCH_SIZE, DEFAULT_BEAM_SIZE, DEFAULT_DEVICE, DEFAULT_MAX_LENGTH, DecodingOptions
from .engines.models import model_for_pair
from .engines.spec import DEFAULT_ENGINE, TranslatorSpec

RETRY_AFTER_S = 300  # a model that failed to load is tried again after this (the network may be back)


class TranslatorPool:
    def __init__(self, *, device: str = DEFAULT_DEVICE, batch_size: int = DEFAULT_BATCH_SIZE,
                 beam_size: int = DEFAULT_BEAM_SIZE, max_length: int = DEFAULT_MAX_LENGTH,
                 engine: str = DEFAULT_ENGINE) -> None:
        self.device, self.batch_size, self.engine = device, batch_size, engine
        self.beam_size, self.max_length = beam_size, max_length
        self._translators: dict[tuple[str, str, str], object] = {}
        self._failures: dict[tuple[str, str, str], tuple[str, float]] = {}
        self._lock = threading.Lock()

    def spec(self, model: str, source_lang: str, target_lang: str) -> TranslatorSpec:
        """What the translator of ``model`` for ``source_lang -> target_lang`` is built from."""
        return TranslatorSpec(model, engine=self.engine, device=self.device, batch_size=self.batch_size,
                              options=DecodingOptions(beam_size=self.beam_size, max_length=self.max_length),
                              source_lang=source_lang, target_lang=target_lang)

    def get(self, source_lang: str, target_lang: str, model: str | None = None):
        """The translator for ``source_lang -> target_lang`` (``model``: an id or folder, else the default)."""
        name = model_for_pair(source_lang, target_lang, model or None)
        # A multilingual model is told its languages (translate.engines.language_tokens).
        key = (name, source_lang, target_lang)
        with self._lock:  # one load at a time; later callers find it loaded
            if key in self._translators:
                return self._translators[key]
            failure = self._failures.get(key)
            if failure and time.monotonic() - failure[1] < RETRY_AFTER_S:
                raise ModelUnavailableError(failure[0])
            try:
                translator = self.spec(name, source_lang, target_lang).build()
            except ModelUnavailableError as error:
                self._failures[key] = (error.message, time.monotonic())
                raise
            self._failures.pop(key, None)
            self._translators[key] = translator
            return translator

    def status(self, pairs) -> dict[tuple[str, str], str | None]:
        """For each (source, target) pair: None when its default model loads, else why not."""
        out = {}
        for source_lang, target_lang in pairs:
            try:
                self.get(source_lang, target_lang)
                out[(source_lang, target_lang)] = None
            except ModelUnavailableError as error:
                out[(source_lang, target_lang)] = error.message
        return out

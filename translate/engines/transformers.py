"""The translation engine: one :class:`Translator` object per model.

Modelled on CTranslate2's ``Translator``: build it once, then call
:meth:`Translator.translate_batch` for a list of sentences or
:meth:`Translator.translate_iterable` for a stream of any length.  Sentences
are grouped into batches of similar length (less padding, faster on a CPU)
and the results always come back in input order.  Decoding is deterministic:
beam search or greedy search, never sampling.
"""

from __future__ import annotations

import math
import time
from pathlib import Path
from collections.abc import Sequence

import torch

from .base import (DEFAULT_BATCH_SIZE, DEFAULT_DEVICE, FALLBACK_MAX_SOURCE_TOKENS, BatchedTranslator, DecodingOptions,
                   Hypothesis, cut_to)
from .direction import check_direction
from .language_tokens import language_tokens_for, vocabulary_of
from .models import LoadedModel, load_model

__all__ = ["DecodingOptions", "Hypothesis", "Translator", "resolve_device"]


def resolve_device(device: str) -> str:
    """``auto`` means CUDA when a GPU is present, otherwise the CPU."""
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        from ..common.errors import MtrepairError

        raise MtrepairError("--device cuda was asked for but no CUDA GPU is available")
    return device


class Translator(BatchedTranslator):
    """Translate sentences with a Hugging Face seq2seq model (PyTorch).

    >>> translator = Translator("Helsinki-NLP/opus-mt-ar-en")      # doctest: +SKIP
    >>> translator.translate_batch(["مرحبا بالعالم."])[0].text     # doctest: +SKIP
    'Hello world.'
    """

    engine = "transformers"

    def __init__(
        self,
        model: str | LoadedModel,
        *,
        device: str = DEFAULT_DEVICE,
        options: DecodingOptions | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        threads: int | None = None,
        seed: int = 0,
        source_lang: str | None = None,
        target_lang: str | None = None,
        target_token: str | None = None,
    ) -> None:
        if threads:
            torch.set_num_threads(threads)
        self.device = resolve_device(device)
        self.loaded = model if isinstance(model, LoadedModel) else load_model(model, self.device)
        self.options = options or DecodingOptions()
        self.batch_size = batch_size
        self.seed = seed
        from .conversion import revision

        self.model_revision = revision(self.loaded.path)
        config = self.loaded.model.config
        self.max_source_tokens = int(getattr(config, "max_position_embeddings", None) or FALLBACK_MAX_SOURCE_TOKENS)
        tokenizer = self.loaded.tokenizer
        self.languages = language_tokens_for(
            type(tokenizer).__name__, vocabulary_of(tokenizer), source_lang or getattr(tokenizer, "source_lang", None),
            target_lang or getattr(tokenizer, "target_lang", None), self.model_id, target_token)
        folder = Path(self.loaded.path)
        check_direction(self.model_id, folder, folder / "config.json", source_lang, target_lang,
                        labelled=bool(self.languages.scheme))
        self.target_token, self.source_token = self.languages.target_token, self.languages.source_code
        if self.languages.tokenizer_src_lang:
            # NLLB, M2M-100, mBART: the tokenizer writes the source-language code into every sentence.
            tokenizer.src_lang = self.languages.tokenizer_src_lang
        codes = tokenizer.convert_tokens_to_ids(list(self.languages.codes))
        self._prefix_ids = tokenizer.convert_tokens_to_ids([self.languages.source_prefix]) if self.languages.source_prefix else []
        self._code_ids = set(codes)
        # The target code (NLLB, M2M-100, mBART) is given as the decoder's first
        # tokens after its start token, as CTranslate2's target_prefix does, so
        # that every language token can be suppressed in what the model writes
        # (forced_bos_token_id would clash with suppressing the forced one).
        forced = self.languages.target_prefix
        self._decoder_prefix: list[int] = []
        if forced:
            start = self.loaded.model.generation_config.decoder_start_token_id
            start = config.decoder_start_token_id if start is None else start
            self._decoder_prefix = [int(start), tokenizer.convert_tokens_to_ids(forced)]
        self._forced_tokens = 1 if forced else 0
        # Language tokens are never words of a translation.
        self._generate_options = {"suppress_tokens": codes} if codes else {}

    @property
    def model_id(self) -> str:
        return self.loaded.model_id

    def _source_ids(self, sentence: str) -> list[int]:
        """The ids the model reads: the language prefix (if any), then the tokenizer's own (with its codes)."""
        return self._prefix_ids + self.loaded.tokenizer(sentence, add_special_tokens=True)["input_ids"]

    def count_tokens(self, sentence: str) -> int:
        return len(self._source_ids(sentence))

    def source_tokens(self, sentence: str) -> list[str]:
        """The tokens the model reads for ``sentence``: the language tokens (if any) included."""
        return self.loaded.tokenizer.convert_ids_to_tokens(self._source_ids(sentence))

    def translate_batch(self, sentences: Sequence[str]) -> list[Hypothesis]:
        """Translate ``sentences`` as one batch, in order."""
        if not sentences:
            return []
        tokenizer, model = self.loaded.tokenizer, self.loaded.model
        started = time.perf_counter()
        full = [self._source_ids(sentence) for sentence in sentences]
        cut = [cut_to(ids, self.max_source_tokens) for ids in full]
        encoded = tokenizer.pad({"input_ids": cut}, padding=True, return_tensors="pt").to(self.device)
        longest = int(encoded["attention_mask"].sum(dim=1).max())
        max_new = min(self.options.max_length, math.ceil(longest * self.options.length_ratio) + 10)
        if self._decoder_prefix:
            encoded["decoder_input_ids"] = torch.tensor([self._decoder_prefix] * len(cut), device=self.device)
        torch.manual_seed(self.seed)
        with torch.inference_mode():
            generated = model.generate(
                **encoded,
                num_beams=self.options.beam_size,
                do_sample=False,
                # Decoder length counts the start token; setting max_length
                # (not max_new_tokens) avoids clashing with the model's own.
                max_length=max_new + 1 + self._forced_tokens,
                # (the decoder prefix is not new: min_new_tokens counts what the model writes)
                **({"min_new_tokens": min(self.options.min_length, max_new)} if self.options.min_length else {}),
                **self._generate_options,
            )
        texts = tokenizer.batch_decode([[i for i in row.tolist() if i not in self._code_ids] for row in generated],
                                       skip_special_tokens=True)
        pad = model.generation_config.pad_token_id
        elapsed = time.perf_counter() - started
        hypotheses = []
        for ids, row, text in zip(full, generated, texts):
            # What the model wrote: not the decoder's start token nor a forced target code, nor padding.
            written = row[len(self._decoder_prefix) or 1:]
            target_tokens = int((written != pad).sum()) if pad is not None else len(written)
            hypotheses.append(
                Hypothesis(
                    text=text.strip(),
                    source_tokens=len(ids),
                    target_tokens=target_tokens,
                    batch_size=len(sentences),
                    batch_seconds=elapsed,
                    truncated=len(ids) > self.max_source_tokens,
                )
            )
        return hypotheses

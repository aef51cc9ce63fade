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
from collections.abc import Sequence

import torch

from .batching import BatchedTranslator, DecodingOptions, Hypothesis
from .language_tokens import choose_target_token, labels_in
from .models import LoadedModel, load_model

__all__ = ["DecodingOptions", "Hypothesis", "Translator", "resolve_device"]


def resolve_device(device: str) -> str:
    """``auto`` means CUDA when a GPU is present, otherwise the CPU."""
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        from .errors import MtrepairError

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
        device: str = "auto",
        options: DecodingOptions | None = None,
        batch_size: int = 16,
        threads: int | None = None,
        seed: int = 0,
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
        config = self.loaded.model.config
        self.max_source_tokens = int(getattr(config, "max_position_embeddings", 512) or 512)
        tokenizer = self.loaded.tokenizer
        vocabulary = tokenizer.get_vocab()
        labels = labels_in(vocabulary)
        self.target_token = choose_target_token(
            labels, target_lang or getattr(tokenizer, "target_lang", None), self.model_id, target_token)
        # MarianTokenizer keeps a leading ">>id<<" as one token, as the model cards' examples write it.
        self._prefix = f"{self.target_token} " if self.target_token else ""
        # Labels choose the output language; they are never words of a translation.
        self._suppress = [vocabulary[label] for label in labels]

    @property
    def model_id(self) -> str:
        return self.loaded.model_id

    def count_tokens(self, sentence: str) -> int:
        return len(self.loaded.tokenizer(self._prefix + sentence, add_special_tokens=True)["input_ids"])

    def source_tokens(self, sentence: str) -> list[str]:
        """The tokens the model reads for ``sentence``: the target-language label (if any) first."""
        tokenizer = self.loaded.tokenizer
        return tokenizer.convert_ids_to_tokens(tokenizer(self._prefix + sentence, add_special_tokens=True)["input_ids"])

    def translate_batch(self, sentences: Sequence[str]) -> list[Hypothesis]:
        """Translate ``sentences`` as one batch, in order."""
        if not sentences:
            return []
        tokenizer, model = self.loaded.tokenizer, self.loaded.model
        started = time.perf_counter()
        sentences = [self._prefix + sentence for sentence in sentences]
        full = tokenizer(sentences, add_special_tokens=True)["input_ids"]
        encoded = tokenizer(
            sentences,
            return_tensors="pt",
            padding=True,
            truncation=True,
            max_length=self.max_source_tokens,
        ).to(self.device)
        longest = int(encoded["attention_mask"].sum(dim=1).max())
        max_new = min(self.options.max_length, math.ceil(longest * self.options.length_ratio) + 10)
        torch.manual_seed(self.seed)
        with torch.inference_mode():
            generated = model.generate(
                **encoded,
                num_beams=self.options.beam_size,
                do_sample=False,
                # Decoder length counts the start token; setting max_length
                # (not max_new_tokens) avoids clashing with the model's own.
                max_length=max_new + 1,
                **({"min_new_tokens": min(self.options.min_length, max_new)} if self.options.min_length else {}),
                **({"suppress_tokens": self._suppress} if self._suppress else {}),
            )
        texts = tokenizer.batch_decode(generated, skip_special_tokens=True)
        pad = model.generation_config.pad_token_id
        elapsed = time.perf_counter() - started
        hypotheses = []
        for ids, row, text in zip(full, generated, texts):
            target_tokens = int((row != pad).sum()) if pad is not None else len(row)
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

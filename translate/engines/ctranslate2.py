"""The CTranslate2 engine: the same model, converted to int8, several times faster on a CPU.

``CTranslate2Translator`` has the interface of :class:`translate.engines.transformers.Translator`
(``translate_batch``, ``translate_iterable``, ``count_tokens``), so batch
runs, glossary repair and round trips work with either.  The model is
converted once (:mod:`translate.engines.conversion`) and the Hugging Face tokenizer of
the original model turns text into tokens and back, so both engines see the
same tokens.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..common.errors import ModelUnavailableError
from .base import DEFAULT_BATCH_SIZE, FALLBACK_MAX_SOURCE_TOKENS, BatchedTranslator, DecodingOptions, Hypothesis, cut_to
from .conversion import DEFAULT_QUANTIZATION, SOURCE_CONFIG, convert_model, is_converted, revision, stored_quantization
from .direction import check_direction
from .language_tokens import language_tokens_for, vocabulary_of
from .library_logs import keep_quiet
from .models import local_model_folder


MAX_DEFAULT_THREADS = 8  # each decoding thread holds its own buffers (~30 MB)


def default_threads() -> int:
    """The cores this process may use (affinity and container limits count), at most 8."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_THREADS))


class MarianPieces:
    """OPUS-MT (Marian) tokenization with sentencepiece alone, as CTranslate2's OPUS-MT guide does.

    It gives the same tokens as transformers' MarianTokenizer (all 997 FLORES
    dev lines checked) without importing transformers and PyTorch into the
    process, which saves about 250 MB: the point of this engine is a small,
    fast process.
    """

    def __init__(self, folder: Path) -> None:
        import sentencepiece

        self.source = sentencepiece.SentencePieceProcessor(model_file=str(folder / "source.spm"))
        self.target = sentencepiece.SentencePieceProcessor(model_file=str(folder / "target.spm"))
        self.vocab = set(json.loads((folder / "vocab.json").read_text(encoding="utf-8")))
        self.tokenizer_class = "MarianTokenizer"
        self.eos_token = "</s>"
        settings = json.loads(_read_or(folder / "tokenizer_config.json", "{}"))
        self.source_lang, self.target_lang = settings.get("source_lang"), settings.get("target_lang")

    @staticmethod
    def fits(folder: Path) -> bool:
        return all((folder / name).is_file() for name in ("source.spm", "target.spm", "vocab.json"))

    def tokens(self, sentence: str) -> list[str]:
        return [p if p in self.vocab else "<unk>" for p in self.source.encode(sentence, out_type=str)] + [self.eos_token]

    def text(self, tokens: list[str]) -> str:
        return self.target.decode([t for t in tokens if t not in ("</s>", "<pad>", "<unk>")])


def _read_or(path: Path, default: str) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else default


class HuggingFacePieces:
    """Any other model: its own Hugging Face tokenizer."""

    def __init__(self, folder: Path) -> None:
        from transformers import AutoTokenizer

        keep_quiet()
        self.tokenizer = AutoTokenizer.from_pretrained(str(folder), trust_remote_code=False)
        self.tokenizer_class = type(self.tokenizer).__name__
        self.vocab = vocabulary_of(self.tokenizer)
        self.source_lang = getattr(self.tokenizer, "source_lang", None)
        self.target_lang = getattr(self.tokenizer, "target_lang", None)

    def set_source_language(self, code: str) -> None:
        self.tokenizer.src_lang = code

    def tokens(self, sentence: str) -> list[str]:
        return self.tokenizer.convert_ids_to_tokens(self.tokenizer(sentence, add_special_tokens=True)["input_ids"])

    def text(self, tokens: list[str]) -> str:
        return self.tokenizer.decode(self.tokenizer.convert_tokens_to_ids(tokens), skip_special_tokens=True)


class CTranslate2Translator(BatchedTranslator):
    """Translate with a CTranslate2 copy of a Hugging Face seq2seq model.

    ``threads`` batches are decoded at the same time, one core each: on a
    CPU that beats splitting one batch over the cores (BENCHMARKS.md).

    >>> translator = CTranslate2Translator("Helsinki-NLP/opus-mt-ar-en")   # doctest: +SKIP
    >>> translator.translate_batch(["مرحبا بالعالم."])[0].text            # doctest: +SKIP
    'Hello world.'
    """

    def __init__(self, model: str, *, device: str = "cpu", options: DecodingOptions | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE, threads: int | None = None,
                 quantization: str = DEFAULT_QUANTIZATION, intra_threads: int = 1, source_lang: str | None = None,
                 target_lang: str | None = None, target_token: str | None = None) -> None:
        if is_converted(model):  # a folder `mtrepair convert --output` wrote: weights and tokenizer together
            self.folder = source = Path(model).expanduser()
            config_file = source / SOURCE_CONFIG
            quantization = stored_quantization(source)  # it runs as it was converted
        else:
            self.folder = convert_model(model, quantization)  # says plainly when ctranslate2 is missing
            source = Path(local_model_folder(model))
            config_file = source / "config.json"
        import ctranslate2

        if device == "auto":
            device = "cuda" if ctranslate2.get_cuda_device_count() else "cpu"
        self._model_id = model
        self.device, self.model_revision = device, revision(str(source))
        self.engine = f"ctranslate2-{quantization}"
        self.options = options or DecodingOptions()
        self.batch_size = batch_size
        self._in_flight = threads or default_threads()  # batches decoded at once, one per core
        try:
            self.pieces = MarianPieces(source) if MarianPieces.fits(source) else HuggingFacePieces(source)
            self.translator = ctranslate2.Translator(
                str(self.folder), device=device, compute_type=quantization if device == "cpu" else "default",
                inter_threads=self._in_flight, intra_threads=intra_threads,
            )
        except (OSError, ValueError, RuntimeError) as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise ModelUnavailableError(f"{model}: cannot load the CTranslate2 model ({first})") from None
        config = json.loads(config_file.read_text(encoding="utf-8"))
        self.max_source_tokens = int(config.get("max_position_embeddings") or FALLBACK_MAX_SOURCE_TOKENS)
        self.languages = language_tokens_for(
            self.pieces.tokenizer_class, self.pieces.vocab, source_lang or self.pieces.source_lang,
            target_lang or self.pieces.target_lang, model, target_token)
        check_direction(model, source, config_file, source_lang, target_lang, labelled=bool(self.languages.scheme))
        self.target_token, self.source_token = self.languages.target_token, self.languages.source_code
        if self.languages.tokenizer_src_lang:
            self.pieces.set_source_language(self.languages.tokenizer_src_lang)
        self._prefix = [self.languages.source_prefix] if self.languages.source_prefix else []
        # CTranslate2's way of forcing the first target token (NLLB, M2M-100, mBART).
        forced = self.languages.target_prefix
        self._target_prefix = [forced] if forced else None
        # Language tokens are never words of a translation (a target prefix is given, not written).
        self._suppress = [[code] for code in self.languages.codes] or None

    @property
    def model_id(self) -> str:
        return self._model_id

    def count_tokens(self, sentence: str) -> int:
        return len(self._prefix) + len(self.pieces.tokens(sentence))

    def source_tokens(self, sentence: str) -> list[str]:
        """The tokens the model reads for ``sentence``: the target-language label (if any) first."""
        return self._prefix + self.pieces.tokens(sentence)

    def translate_batch(self, sentences: Sequence[str]) -> list[Hypothesis]:
        if not sentences:
            return []
        started = time.perf_counter()
        tokens, lengths, max_new = self._prepare(sentences)
        results = self.translator.translate_batch(tokens, **self._decoding(max_new, len(tokens)))
        return self._finish(lengths, results, max_new, time.perf_counter() - started)

    def _translate_batches(self, batches: Iterable[list[str]]) -> Iterator[list[Hypothesis]]:
        """Keep ``threads`` batches in flight (and one queued): CTranslate2 decodes them in parallel, one core each.

        No more are submitted ahead, so that an interrupted run (Ctrl-C,
        SIGTERM) waits for at most those batches before it exits.  The next
        batch is read from ``batches`` only when there is room for it.
        """
        pending: deque = deque()
        queued = iter(batches)
        last = time.perf_counter()
        while True:
            while len(pending) <= self._in_flight and (batch := next(queued, None)) is not None:
                tokens, lengths, max_new = self._prepare(batch)
                pending.append((lengths, max_new, self.translator.translate_batch(
                    tokens, asynchronous=True, **self._decoding(max_new, len(tokens)))))
            if not pending:
                return
            lengths, max_new, futures = pending.popleft()
            done = [future.result() for future in futures]
            now = time.perf_counter()
            # Batches overlap; each is charged the wall time since the previous one finished.
            yield self._finish(lengths, done, max_new, now - last)
            last = now

    def _prepare(self, sentences: Sequence[str]) -> tuple[list[list[str]], list[int], int]:
        """Source tokens (cut to the model's limit, keeping the end token), full lengths, output cap."""
        tokens, lengths = [], []
        for sentence in sentences:
            pieces = self.source_tokens(sentence)
            lengths.append(len(pieces))
            tokens.append(cut_to(pieces, self.max_source_tokens))
        longest = max(len(t) for t in tokens)
        max_new = min(self.options.max_length, math.ceil(longest * self.options.length_ratio) + 10)
        return tokens, lengths, max_new

    def _decoding(self, max_new: int, count: int) -> dict:
        # A target prefix counts towards the decoding lengths, as the forced token does in transformers.
        forced = len(self._target_prefix or ())
        return dict(beam_size=self.options.beam_size, max_batch_size=self.batch_size,
                    max_decoding_length=max_new + forced,
                    min_decoding_length=min(self.options.min_length, max_new) + (forced if self.options.min_length else 0),
                    return_scores=False, suppress_sequences=self._suppress,
                    target_prefix=[self._target_prefix] * count if self._target_prefix else None)

    def _finish(self, lengths: list[int], results, max_new: int, seconds: float) -> list[Hypothesis]:
        hypotheses = []
        for length, result in zip(lengths, results):
            # The hypothesis starts with the forced target prefix, which is no word of the translation.
            output = self.languages.strip(result.hypotheses[0])
            # Count the end-of-sentence token as PyTorch's generate does, when it was reached.
            target_tokens = len(output) + (1 if len(output) < max_new else 0)
            hypotheses.append(Hypothesis(self.pieces.text(output).strip(), length, target_tokens, len(lengths),
                                         seconds, length > self.max_source_tokens))
        return hypotheses

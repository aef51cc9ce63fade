"""Tiny random-weight multilingual models of each kind mtrepair drives: NLLB, M2M-100, mBART-50, MADLAD (T5).

No weights can be downloaded here, so each model is built from nothing: a
small sentencepiece model trained on 400 lines of FLORES-101 dev (English and
Arabic), the model's own tokenizer class around it with the language codes
its real checkpoints have, and a one-layer network of that architecture with
random weights.  Their translations are nonsense; what they test is which
language tokens reach the model and that none reaches the output.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

FAMILIES = ("nllb", "m2m100", "mbart50", "madlad")
# The codes a real checkpoint of each family has for the languages tested
# here (and one more, to tell a chosen code from "the only one").
NLLB_CODES = ["arb_Arab", "apc_Arab", "eng_Latn", "fra_Latn"]
MADLAD_CODES = ["<2ar>", "<2en>", "<2fr>"]
# What each family must be given for English -> Arabic.
EXPECTED = {
    "nllb": dict(source="eng_Latn", target="arb_Arab"),
    "m2m100": dict(source="__en__", target="__ar__"),
    "mbart50": dict(source="en_XX", target="ar_AR"),
    "madlad": dict(source=None, target="<2ar>"),
}
_SMALL = dict(d_model=32, encoder_layers=1, decoder_layers=1, encoder_ffn_dim=64, decoder_ffn_dim=64,
              encoder_attention_heads=2, decoder_attention_heads=2, max_position_embeddings=128)


def train_sentencepiece(flores: Path, prefix: Path, *, t5: bool) -> Path:
    """A 600-piece sentencepiece model of FLORES dev text (fairseq's ids, or T5's with ``<2xx>`` pieces)."""
    import sentencepiece

    lines = []
    for language in ("en", "ar"):
        lines += (flores / f"dev.{language}").read_text(encoding="utf-8").splitlines()[:200]
    # The ids of the real models' sentencepiece files: fairseq's tokenizers shift them by one.
    ids = dict(pad_id=0, eos_id=1, unk_id=2, bos_id=-1) if t5 else dict(unk_id=0, bos_id=1, eos_id=2, pad_id=-1)
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_prefix=str(prefix), vocab_size=600, character_coverage=1.0,
        model_type="unigram" if t5 else "bpe", minloglevel=2, num_threads=1,
        user_defined_symbols=MADLAD_CODES if t5 else [], **ids)
    return prefix.with_suffix(".model")


def _tokenizer(family: str, folder: Path, spm: Path):
    from transformers import AutoTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    if family == "madlad":
        shutil.copyfile(spm, folder / "spiece.model")
        settings = {"tokenizer_class": "T5Tokenizer", "extra_ids": 0}
    else:
        shutil.copyfile(spm, folder / "sentencepiece.bpe.model")
        settings = {"nllb": {"tokenizer_class": "NllbTokenizer", "extra_special_tokens": NLLB_CODES},
                    # bos_token as the real checkpoint names it: MBart50Tokenizer has no default.
                    "mbart50": {"tokenizer_class": "MBart50Tokenizer", "bos_token": "<s>"},
                    "m2m100": {"tokenizer_class": "M2M100Tokenizer"}}[family]
    if family == "m2m100":  # its tokenizer reads the pieces' ids from vocab.json
        import sentencepiece

        pieces = sentencepiece.SentencePieceProcessor(model_file=str(spm))
        vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
        for i in range(pieces.get_piece_size()):
            vocab.setdefault(pieces.id_to_piece(i), len(vocab))
        (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (folder / "tokenizer_config.json").write_text(json.dumps(settings), encoding="utf-8")
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    tokenizer.save_pretrained(str(folder))  # as a hub checkpoint has it (tokenizer.json where there is one)
    return tokenizer


def _config(family: str, tokenizer):
    from transformers import M2M100Config, MBartConfig, T5Config

    if family == "madlad":
        return T5Config(vocab_size=len(tokenizer), d_model=32, d_kv=16, d_ff=64, num_layers=1, num_decoder_layers=1,
                        num_heads=2, feed_forward_proj="gated-gelu", tie_word_embeddings=False,
                        pad_token_id=0, eos_token_id=1, decoder_start_token_id=0, initializer_factor=1.0)
    # M2M-100's language codes and "made-up words" come after its pieces, outside len(tokenizer).
    codes = getattr(tokenizer, "lang_code_to_token", {}).values()
    size = max([len(tokenizer), *(tokenizer.convert_tokens_to_ids(code) + 1 for code in codes)])
    size += getattr(tokenizer, "num_madeup_words", 0)
    # As the real checkpoints' configurations have them: the tokenizer class tells
    # CTranslate2 how mBART-50 starts decoding.
    ids = dict(bos_token_id=0, pad_token_id=1, eos_token_id=2, decoder_start_token_id=2, init_std=1.0,
               tokenizer_class=type(tokenizer).__name__)
    if family == "mbart50":
        return MBartConfig(vocab_size=size, **_SMALL, **ids)
    return M2M100Config(vocab_size=size, **_SMALL, **ids)


def build_family_model(family: str, folder: Path, flores: Path, scratch: Path) -> Path:
    """Save a tiny random ``family`` model with its tokenizer into ``folder``."""
    import torch
    from transformers import AutoModelForSeq2SeqLM

    scratch.mkdir(parents=True, exist_ok=True)
    spm = train_sentencepiece(flores, scratch / f"spm-{family}", t5=family == "madlad")
    tokenizer = _tokenizer(family, folder, spm)
    torch.manual_seed(0)
    model = AutoModelForSeq2SeqLM.from_config(_config(family, tokenizer))
    model.save_pretrained(str(folder))
    if family in ("mbart50", "madlad"):
        bias_towards_language_tokens(family, folder)
    return folder


def bias_towards_language_tokens(family: str, folder: Path) -> None:
    """Make the model want to write its language tokens, so that an engine which let it would show them.

    mBART has a bias on its output layer; MADLAD's output rows of the codes
    become large copies of the token it writes anyway.  (NLLB and M2M-100
    have neither without changing their input embeddings; their test is the
    forced target code, which each engine must take out of the output.)
    """
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    from translate.engines.language_tokens import detect_scheme, vocabulary_of

    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    model = AutoModelForSeq2SeqLM.from_pretrained(str(folder))
    _, codes = detect_scheme(type(tokenizer).__name__, vocabulary_of(tokenizer))
    ids = tokenizer.convert_tokens_to_ids(list(codes))
    with torch.no_grad():
        if family == "mbart50":
            model.final_logits_bias[0, ids] = 1000.0
        elif family == "madlad":
            head = model.lm_head.weight
            favourite = tokenizer.pad_token_id  # what this random model writes at every step
            head[ids] = 100 * head[favourite]
            head[favourite] = 0
    model.save_pretrained(str(folder))


def record(translator) -> list[dict]:
    """What reaches the model on the next calls: source tokens and the target's first token (if forced)."""
    fed: list[dict] = []
    if translator.engine == "transformers":
        model, tokenizer = translator.loaded.model, translator.loaded.tokenizer
        generate = model.generate

        def recording(**inputs):
            prefixes = inputs.get("decoder_input_ids")
            for row, (ids, mask) in enumerate(zip(inputs["input_ids"], inputs["attention_mask"])):
                forced = tokenizer.convert_ids_to_tokens(prefixes[row].tolist())[1:] if prefixes is not None else []
                fed.append({"source": tokenizer.convert_ids_to_tokens(ids[mask.bool()].tolist()), "target": forced})
            return generate(**inputs)

        model.generate = recording
    else:
        inner = translator.translator

        class Recording:
            def translate_batch(self, tokens, **options):
                prefixes = options.get("target_prefix") or [[]] * len(tokens)
                fed.extend({"source": list(t), "target": list(p)} for t, p in zip(tokens, prefixes))
                return inner.translate_batch(tokens, **options)

        translator.translator = Recording()
    return fed

"""How a model is told which language it reads and which it writes.

Single-pair models (``opus-mt-ar-en``) need nothing.  Every other kind of
translation model reads or writes special language tokens, in one of five
ways, and each model's card says which:

========== ======================================= ============================================
scheme     models                                  how the languages are given
========== ======================================= ============================================
marian     multi-target OPUS-MT (``opus-mt-en-ar``, ``>>ara<<`` first in every source sentence
           ``opus-mt-tc-big-en-ar``)
t5         MADLAD-400 (T5)                         ``<2ar>`` first in every source sentence
nllb       NLLB-200                                the tokenizer's ``src_lang`` (``eng_Latn``)
                                                   writes the source code; the target code
                                                   (``arb_Arab``) is forced as the first token
                                                   the decoder writes
m2m100     M2M-100                                 the same with ``__en__`` / ``__ar__``
mbart50    mBART-50 many-to-many                   the same with ``en_XX`` / ``ar_AR``
========== ======================================= ============================================

A model's scheme is recognised from its tokenizer class (NLLB, M2M-100 and
mBART tokenizers carry the codes themselves) or from the language tokens in
its vocabulary (OPUS-MT labels and MADLAD's ``<2xx>`` are ordinary pieces).
Both engines ask :func:`language_tokens_for` what to send, so they give the
model the same tokens; the language tokens are never written into a
translation (:meth:`LanguageTokens.strip`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..common.errors import MtrepairError


@dataclass(frozen=True)
class Scheme:
    """One way of naming languages with tokens."""

    name: str
    pattern: re.Pattern[str]  # what its language tokens look like
    form: str  # a bare code as a token: ">>{}<<" makes >>ara<< of "ara"
    preferred: dict[str, tuple[str, ...]]  # ISO 639-1 code -> the model's codes for it, best first
    forced: bool  # True: source code on the tokenizer, target code forced first; False: a source prefix
    tokenizers: tuple[str, ...] = ()  # tokenizer classes that use the scheme (their codes are special tokens)
    kind: str = "label"  # what its messages call a token

    def token(self, code: str) -> str:
        """``ara`` or ``>>ara<<`` -> ``>>ara<<``."""
        code = code.strip()
        return code if self.pattern.fullmatch(code) else self.form.format(code)

    def bare(self, token: str) -> str:
        prefix, suffix = self.form.split("{}")
        return token[len(prefix): len(token) - len(suffix)]


SCHEMES = (
    # Arabic: ``ara`` is the label OPUS-MT gives Modern Standard Arabic (the
    # written standard of news), ``arb`` the ISO 639-3 code some Tatoeba
    # models use for it; dialect labels (arz Egyptian, apc Levantine, afb
    # Gulf, ...) and romanised Arabic (ara_Latn) only when asked for.
    Scheme("marian", re.compile(r">>[^<>\s]+<<"), ">>{}<<", {"ar": ("ara", "arb", "ar"), "en": ("eng", "en")},
           forced=False),
    Scheme("t5", re.compile(r"<2[^<>\s]+>"), "<2{}>", {"ar": ("ar",), "en": ("en",)}, forced=False),
    # NLLB: arb_Arab is Modern Standard Arabic; ars/apc/acm... are dialects.
    Scheme("nllb", re.compile(r"[a-z]{3}_[A-Z][a-z]{3}"), "{}", {"ar": ("arb_Arab",), "en": ("eng_Latn",)},
           forced=True, tokenizers=("NllbTokenizer", "NllbTokenizerFast"), kind="language code"),
    Scheme("m2m100", re.compile(r"__[a-z]{2,3}__"), "__{}__", {"ar": ("ar",), "en": ("en",)},
           forced=True, tokenizers=("M2M100Tokenizer",), kind="language code"),
    Scheme("mbart50", re.compile(r"[a-z]{2}_[A-Z]{2}"), "{}", {"ar": ("ar_AR",), "en": ("en_XX",)},
           # Not MBartTokenizer (mBART-25): it writes its code after the end token and starts
           # decoding with it, another scheme, and its fine-tuned models are single-pair.
           forced=True, tokenizers=("MBart50Tokenizer", "MBart50TokenizerFast"), kind="language code"),
)
_BY_NAME = {scheme.name: scheme for scheme in SCHEMES}


@dataclass(frozen=True)
class LanguageTokens:
    """What one model is given to translate ``source_lang -> target_lang``.

    ``source_prefix`` goes first in every source sentence (OPUS-MT, MADLAD);
    ``source_code`` is set as the tokenizer's ``src_lang``, which writes it
    into every source sentence, and ``target_prefix`` is forced as the first
    token the decoder writes (NLLB, M2M-100, mBART-50).  ``codes`` are all of
    the model's language tokens: none is ever part of a translation.
    """

    scheme: str = ""
    source_prefix: str | None = None
    source_code: str | None = None
    target_prefix: str | None = None
    codes: tuple[str, ...] = ()

    @property
    def target_token(self) -> str | None:
        """The token that names the target language (in reports and the resume fingerprint)."""
        return self.target_prefix or self.source_prefix

    @property
    def tokenizer_src_lang(self) -> str | None:
        """The value for the tokenizer's ``src_lang`` (M2M-100 takes the bare code: ``ar``)."""
        if self.source_code is None:
            return None
        return _BY_NAME[self.scheme].bare(self.source_code) if self.scheme == "m2m100" else self.source_code

    def strip(self, tokens: Sequence[str]) -> list[str]:
        """``tokens`` without the language tokens (a forced first token, or one the model wrote anyway)."""
        codes = set(self.codes)
        return [token for token in tokens if token not in codes]

    def describe(self) -> str:
        """One line for ``--report`` and messages: ``eng_Latn -> arb_Arab (nllb)``."""
        if not self.scheme:
            return "none"
        source = self.source_code or "-"
        return f"{source} -> {self.target_token} ({self.scheme})"


NONE = LanguageTokens()


def detect_scheme(tokenizer_class: str, vocabulary: Iterable[str]) -> tuple[Scheme | None, tuple[str, ...]]:
    """The model's scheme and its language tokens (sorted), or ``(None, ())`` for a single-pair model."""
    vocabulary = list(vocabulary)
    for scheme in SCHEMES:
        if tokenizer_class in scheme.tokenizers:
            return scheme, tuple(sorted(t for t in vocabulary if scheme.pattern.fullmatch(t)))
    for scheme in SCHEMES:
        if not scheme.tokenizers:
            found = tuple(sorted(t for t in vocabulary if scheme.pattern.fullmatch(t)))
            if found:
                return scheme, found
    return None, ()


def vocabulary_of(tokenizer) -> set[str]:
    """Every token of a Hugging Face tokenizer, language codes included.

    M2M-100's tokenizer keeps its ``__xx__`` codes outside ``get_vocab()``.
    """
    tokens = set(tokenizer.get_vocab())
    tokens.update(getattr(tokenizer, "lang_code_to_token", {}).values())
    tokens.update(getattr(tokenizer, "all_special_tokens", ()))
    return tokens


def _shown(scheme: Scheme, codes: Sequence[str]) -> str:
    bare = [scheme.bare(code) for code in codes]
    return ", ".join(bare[:20]) + (" ..." if len(bare) > 20 else "")


def choose_token(scheme: Scheme, codes: Sequence[str], lang: str | None, model: str, *,
                 override: str | None = None, option: str = "--target-token", side: str = "target") -> str:
    """The model's token for ``lang`` (``ar`` -> ``>>ara<<``, ``arb_Arab``, ...).

    ``override`` (``--target-token``) wins but must be one of the model's
    tokens; without it the first of the scheme's preferred codes that the
    model has is chosen, then the language code itself in the scheme's form
    (``fr`` -> ``__fr__``).  A model that has none is an error that lists its
    tokens, never a silent guess.
    """
    if override:
        token = scheme.token(override)
        if token not in codes:
            raise MtrepairError(f"{option} {override}: model {model} has no {scheme.kind} {token}; "
                                f"its {scheme.kind}s are: {_shown(scheme, codes)}")
        return token
    wanted = (lang or "").strip().lower()
    for code in scheme.preferred.get(wanted, ()) + ((wanted,) if wanted else ()):
        if scheme.token(code) in codes:
            return scheme.token(code)
    named = f"{side} language {lang!r}" if lang else f"no {side} language"
    raise MtrepairError(
        f"model {model} translates between several languages and needs a {side}-language {scheme.kind}, "
        f"but has none for {named}; choose one with {option} (its {scheme.kind}s are: {_shown(scheme, codes)})"
    )


def language_tokens_for(tokenizer_class: str, vocabulary: Iterable[str], source_lang: str | None,
                        target_lang: str | None, model: str, target_override: str | None = None) -> LanguageTokens:
    """What to give ``model`` to translate ``source_lang -> target_lang`` (see the module docs)."""
    scheme, codes = detect_scheme(tokenizer_class, vocabulary)
    if scheme is None:
        if target_override:
            raise MtrepairError(f"--target-token {target_override}: model {model} has no target-language labels")
        return NONE
    target = choose_token(scheme, codes, target_lang, model, override=target_override)
    if not scheme.forced:
        return LanguageTokens(scheme.name, source_prefix=target, codes=codes)
    source = choose_token(scheme, codes, source_lang, model, option="--from", side="source")
    return LanguageTokens(scheme.name, source_code=source, target_prefix=target, codes=codes)

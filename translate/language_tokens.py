"""Target-language labels of multi-target Marian (OPUS-MT) models.

A multi-target OPUS-MT model writes several languages or varieties and is
told which one by a sentence-initial token ``>>id<<``: the card of
``Helsinki-NLP/opus-mt-en-ar`` lists Arabic varieties (``ara``, ``arz``,
``apc``, ``ary``, ``arq``, ``ara_Latn`` ...) and says the token is required;
``opus-mt-tc-big-en-ar`` has ``>>ara<<`` and ``>>afb<<``.  Without it the
model guesses the variety and even the script.  Such models carry the labels
in their vocabulary, which is how they are recognised here; single-target
models (``opus-mt-ar-en``) have none and get nothing.

Both engines ask :func:`choose_target_token` which label to send and put it
first in every source sentence; the labels are kept out of the output.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .errors import MtrepairError

_LABEL = re.compile(r">>[^<>\s]+<<")

# The label chosen for each target language when the model has several that
# fit.  Arabic: ``ara`` is the label OPUS-MT gives Modern Standard Arabic (the
# written standard of news), ``arb`` the ISO 639-3 code some Tatoeba models
# use for it; dialect labels (arz Egyptian, apc Levantine, afb Gulf, ...) and
# romanised Arabic (ara_Latn) are only used when asked for with --target-token.
PREFERRED_LABELS = {
    "ar": ("ara", "arb", "ar"),
    "en": ("eng", "en"),
}


def labels_in(vocabulary: Iterable[str]) -> tuple[str, ...]:
    """The ``>>id<<`` tokens of a vocabulary, sorted (none for a single-target model)."""
    return tuple(sorted(token for token in vocabulary if _LABEL.fullmatch(token)))


def as_label(text: str) -> str:
    """``ara`` or ``>>ara<<`` -> ``>>ara<<``."""
    text = text.strip()
    return text if _LABEL.fullmatch(text) else f">>{text}<<"


def choose_target_token(labels: Iterable[str], target_lang: str | None, model: str,
                        override: str | None = None) -> str | None:
    """The label to put before every sentence for ``target_lang``, or None when the model has no labels.

    ``override`` (``--target-token``) wins but must be one of the model's
    labels; without it the first of :data:`PREFERRED_LABELS` that the model
    has is chosen.  A model with labels of which none fits is an error that
    lists them, rather than a silent guess.
    """
    labels = tuple(labels)
    shown = ", ".join(label[2:-2] for label in labels[:20]) + (" ..." if len(labels) > 20 else "")
    if override:
        label = as_label(override)
        if not labels:
            raise MtrepairError(f"--target-token {override}: model {model} has no target-language labels")
        if label not in labels:
            raise MtrepairError(f"--target-token {override}: model {model} has no label {label}; its labels are: {shown}")
        return label
    if not labels:
        return None
    lang = (target_lang or "").lower()
    for code in PREFERRED_LABELS.get(lang, ()) + ((lang,) if lang else ()):
        if f">>{code}<<" in labels:
            return f">>{code}<<"
    wanted = f"target language {target_lang!r}" if target_lang else "no target language"
    raise MtrepairError(
        f"model {model} writes several languages and needs a target-language label, but has none for {wanted}; "
        f"choose one with --target-token (its labels are: {shown})"
    )

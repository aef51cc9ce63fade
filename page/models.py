"""The translation models the page offers: one pool shared by all visitors, the default model of each
direction (or a listed model standing in for it), and the line above the tabs that says what works."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from translate.common.errors import MtrepairError
from translate.engines.spec import DEFAULT_ENGINE
from translate.pool import TranslatorPool

from .common import DIRECTIONS, Outputs, log, unchanged
from .markup import escaped
from .notes import Problem, note

# Models visitors may choose: the default for the direction, plus what the
# server's operator lists (MTREPAIR_MODELS="id,/path/to/folder"); never a
# path or hub id typed into the page.
DEFAULT_MODEL = "default (OPUS-MT big for the direction)"
MODEL_CHOICES = [DEFAULT_MODEL] + [m.strip() for m in os.environ.get("MTREPAIR_MODELS", "").split(",") if m.strip()]
# The engine and device are chosen as on the command line (translate.engines.spec: auto is
# CTranslate2, on the GPU if it sees one); MTREPAIR_ENGINE=transformers or ctranslate2 forces one.
pool = TranslatorPool(engine=os.environ.get("MTREPAIR_ENGINE", DEFAULT_ENGINE))
# A model of MTREPAIR_MODELS that stands in for a direction's default where the default cannot be
# had here (model_status finds it): "default" in the page then means that model.
STAND_INS: dict[tuple[str, str], str] = {}


def model_for(choice: str | None, source_lang: str, target_lang: str) -> str | None:
    """The model chosen in a list of the page (None: the direction's default)."""
    if not choice or choice == DEFAULT_MODEL:
        return STAND_INS.get((source_lang, target_lang))
    if choice not in MODEL_CHOICES:
        raise Problem("Choose a model from the list.")
    return choice


def translator(choice: str | None, source_lang: str, target_lang: str):
    """The pool's translator for a direction and the model chosen for it.  A model that cannot be had
    is one sentence for the editor; what the operator can do about it goes to the log."""
    try:
        return pool.get(source_lang, target_lang, model_for(choice, source_lang, target_lang))
    except MtrepairError as error:
        log.warning("no translation model for %s -> %s (%s): %s", source_lang, target_lang, choice, error.message)
        label = next(name for name, pair in DIRECTIONS.items() if pair == (source_lang, target_lang))
        raise Problem(f"{label} cannot be translated on this server: the model for it is not installed here. "
                      "Repair, Score and Glossary work without it.") from None


def serves(model: str, source_lang: str, target_lang: str) -> bool:
    """Whether a listed model can stand in for a direction: it says it translates that pair (an
    OPUS-MT tokenizer names its languages), or it names none (a multilingual model)."""
    from translate.engines.direction import declared_direction
    from translate.engines.models import local_model_folder, model_for_pair

    try:
        folder = Path(local_model_folder(model_for_pair(source_lang, target_lang, model)))
    except (MtrepairError, OSError, ValueError):
        return False
    # The same reading of a model's languages as the engines' refusal (translate.engines.direction).
    said = declared_direction(model, folder / "tokenizer_config.json", folder / "config.json")
    return said is None or (said.source in (None, source_lang) and said.target in (None, target_lang))


def model_name(model: str) -> str:
    """How the page names a model: a hub id as it is, a folder on the server by its own name (the
    server's paths are the operator's business)."""
    if "\\" in model or model.startswith(("/", "~", ".")) or Path(model).expanduser().exists():
        return Path(model).name or model
    return model


def model_list(label: str) -> gr.Dropdown:
    """A list of the models on offer, each by the name the page gives it."""
    return gr.Dropdown([(model_name(m), m) for m in MODEL_CHOICES], value=DEFAULT_MODEL, label=label)


def model_note(forward, backward) -> str:
    used = f"forward: {model_name(forward.model_id)}" + (f"; back: {model_name(backward.model_id)}" if backward else "")
    return escaped(f"Models — {used}")


@dataclass
class ModelStatus(Outputs):
    status: Any  # the line above the tabs
    tabs: Any = unchanged()  # the tab to open on
    translate: Any = unchanged()  # the Translate button: greyed out when nothing can be translated ...
    translate_note: Any = unchanged()  # ... and the sentence beside it saying so
    batch: Any = unchanged()  # the same for the Batch tab's button
    batch_note: Any = unchanged()


NOTHING_TO_TRANSLATE_WITH = ("Translating is not available on this server: no translation model is installed here. "
                             "Use Repair for translations made elsewhere.")


def _stand_in(pair: tuple[str, str]) -> str | None:
    """A model of MTREPAIR_MODELS that serves ``pair`` and loads."""
    for listed in MODEL_CHOICES[1:]:
        if serves(listed, *pair):
            try:
                pool.get(*pair, listed)
            except MtrepairError:
                continue
            return listed
    return None


def model_status():
    """What the editor can do here, in plain words, and the tab to open on: Repair when nothing
    can be translated.  Loads the default models once; where one cannot be had, a model the
    operator listed in MTREPAIR_MODELS for that direction stands in.  What an operator can do
    about a missing model goes to the log (and the README), not to the page."""
    status = pool.status(DIRECTIONS.values())
    names = {pair: label for label, pair in DIRECTIONS.items()}
    stand_ins, missing = {}, {}
    for pair, reason in status.items():
        if reason is None:
            continue
        listed = _stand_in(pair)
        if listed:
            stand_ins[pair] = listed
            continue
        missing[pair] = reason
        log.warning("no translation model for %s -> %s: %s. Start the page once with internet access, or set "
                    "MTREPAIR_MODEL_%s_%s (or MTREPAIR_MODELS) to a model folder", *pair, reason,
                    pair[0].upper(), pair[1].upper())
    STAND_INS.clear()
    STAND_INS.update(stand_ins)
    notes = [f"{names[pair]} translates with {escaped(model_name(model))} (the default model is not installed here)."
             for pair, model in stand_ins.items()]
    if not missing:
        return ModelStatus(" ".join(["Translation models are ready for both directions.", *notes])).values()
    if len(missing) == len(status):
        return ModelStatus("**Translating is not available on this server**: no translation model is installed "
                           "here. Everything else works: **Repair** names in translations made elsewhere, **Score** "
                           "translations and manage the **Glossary**. Ask the person who runs this page to install "
                           "the models.", gr.update(selected="repair"),
                           gr.update(interactive=False), note(NOTHING_TO_TRANSLATE_WITH),
                           gr.update(interactive=False), note(NOTHING_TO_TRANSLATE_WITH)).values()
    unavailable = " and ".join(names[pair] for pair in missing)
    return ModelStatus(" ".join([f"**{unavailable} cannot be translated on this server** (no model for it is "
                                 f"installed here); the other direction can, and Repair, Score and Glossary work "
                                 f"fully.", *notes])).values()

"""Is a model made for the direction it is asked to translate?

A single-pair model used the wrong way round writes fluent nonsense in the
wrong language, without an error: an OPUS-MT ar-en model given English
copies it or makes Arabic-looking noise.  A model says which languages it
translates in two places, read here in this order:

* its tokenizer's settings (``tokenizer_config.json``: ``source_lang`` and
  ``target_lang``, as every OPUS-MT model has them);
* its name: ``Helsinki-NLP/opus-mt-SRC-TGT`` (and ``opus-mt-tc-big-SRC-TGT``),
  as a hub id, a folder name or the ``_name_or_path`` in ``config.json``.

A model that names other languages than ``--from``/``--to`` is refused in
one line.  One with target-language labels (``>>ara<<``, NLLB's codes) is
checked on its source only: its labels pick the target, and
:mod:`translate.engines.language_tokens` refuses one it lacks.  A model
that says nothing and has no labels is used with a warning.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..common.errors import MtrepairError
from ..common.languages import normalise_language

_OPUS_NAME = re.compile(r"opus-mt-(?:tc-(?:big|base)-)?([a-z]{2,3})-([a-z]{2,3})")
_SEVERAL = {"mul", "multi"}  # many languages on that side: nothing to check


@dataclass(frozen=True)
class Direction:
    """The languages a model says it translates (None: that side is not said, or is many), and where it says so."""

    source: str | None
    target: str | None
    evidence: str


def declared_direction(model: str, tokenizer_config: Path, config: Path) -> Direction | None:
    """What the model's tokenizer settings, else its name, say it translates; None when neither says."""
    settings = _json(tokenizer_config)
    source, target = settings.get("source_lang"), settings.get("target_lang")
    if isinstance(source, str) and isinstance(target, str) and source.strip() and target.strip():
        return Direction(_code(source), _code(target), f"its {tokenizer_config.name} says source_lang {source!r}, "
                                                       f"target_lang {target!r}")
    named = _json(config).get("_name_or_path")
    for name in (model.rstrip("/"), named if isinstance(named, str) else ""):
        match = _OPUS_NAME.fullmatch(Path(name).name.lower()) if name else None
        if match:
            return Direction(_code(match[1]), _code(match[2]), f"its name {Path(name).name} says so")
    return None


def check_direction(model: str, folder: Path, config: Path, source_lang: str | None, target_lang: str | None, *,
                    labelled: bool) -> None:
    """Refuse ``model`` for ``source_lang -> target_lang`` when it says it translates other languages."""
    if not source_lang or not target_lang:
        return  # a caller that names no direction (a library user's own Translator)
    source_lang, target_lang = _code(source_lang), _code(target_lang)
    said = declared_direction(model, folder / "tokenizer_config.json", config)
    if said is None:
        if not labelled:
            print(f"mtrepair: warning: model {model} does not say which languages it translates (no source_lang "
                  f"and target_lang in its tokenizer_config.json, no language pair in its name); make sure it "
                  f"translates {source_lang}->{target_lang}", file=sys.stderr)
        return
    wrong_source = said.source is not None and said.source != source_lang
    wrong_target = not labelled and said.target is not None and said.target != target_lang
    if wrong_source or wrong_target:
        pair = f"{said.source or 'several languages'}->{said.target or 'several languages'}"
        raise MtrepairError(
            f"model {model} translates {pair} ({said.evidence}), not {source_lang}->{target_lang}; choose a model "
            f"for {source_lang}->{target_lang} with --model or MTREPAIR_MODEL_{source_lang.upper()}_"
            f"{target_lang.upper()}")


def _code(text: str) -> str | None:
    code = normalise_language(text)
    return None if code in _SEVERAL or not code else code


def _json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}

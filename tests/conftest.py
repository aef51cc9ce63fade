"""Shared fixtures: the project's data folder and a tiny random-weight model.

The model has the real OPUS-MT ar-en tokenizer and configuration, shrunk
for speed; its translations are nonsense, so tests check behaviour (counts,
order, layout, resume, errors), never words.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MTREPAIR_SHARED", ROOT.parent / "shared"))
TOKENIZER = SHARED / "models" / "opus-mt-ar-en-tokenizer"
FLORES = SHARED / "data" / "flores101-dev"


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    from translate.random_model import build_random_model

    if not (TOKENIZER / "config.json").exists():
        pytest.fail(f"{TOKENIZER} is missing: set MTREPAIR_SHARED to the shared data folder")
    return build_random_model(TOKENIZER, tmp_path_factory.mktemp("models") / "tiny-ar-en", tiny=True)


@pytest.fixture(scope="session")
def translator(tiny_model):
    from translate.engine import DecodingOptions, Translator

    return Translator(str(tiny_model), device="cpu", options=DecodingOptions(beam_size=2, max_length=8), batch_size=4)


def run_cli(*args: str, stdin: bytes | None = None, env: dict | None = None, timeout: float = 300):
    """Run ``mtrepair`` as a user would, in a separate process."""
    environment = {**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "translate.cli", *args],
        input=stdin, capture_output=True, env=environment, timeout=timeout, cwd=ROOT,
    )


@pytest.fixture
def cli():
    return run_cli

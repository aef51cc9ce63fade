"""Each command imports only what it uses (issue 22): no PyTorch, glossary or sacrebleu where none is needed.

Each command runs as a user runs it, in a process of its own, with Python's
import log on (``PYTHONPROFILEIMPORTTIME``, as ``python -X importtime``);
the test reads from that log which top-level packages the process imported.
A behaviour test: it says what is loaded, never how long it takes
(BENCHMARKS.md, "Command start-up and overhead", has the times).
"""

from __future__ import annotations

import pytest
from conftest import FLORES, run_cli

# What the front door never needs for itself; each command needs only its own share of it.
HEAVY = {"torch", "transformers", "huggingface_hub", "ctranslate2", "sentencepiece", "glossary", "wordfreq", "eval",
         "sacrebleu", "ray", "gradio", "pandas", "tqdm"}


def imported(*args: str, **kwargs) -> tuple[set[str], object]:
    """The top-level packages that ``mtrepair ARGS`` imported, and the finished process."""
    done = run_cli(*args, env={"PYTHONPROFILEIMPORTTIME": "1", **kwargs.pop("env", {})}, **kwargs)
    names = set()
    for line in done.stderr.decode().splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            names.add(name.split(".")[0])
    assert "argparse" in names, "the import log is missing: " + done.stderr.decode()[-2000:]
    return names, done


@pytest.mark.parametrize("args", [["--help"], ["--version"], [], ["no-such-command"]])
def test_the_front_door_imports_no_command(args):
    names, done = imported(*args)
    assert done.returncode in (0, 2)
    assert names & HEAVY == set()


@pytest.mark.parametrize("command", ["translate", "convert", "repair", "glossary", "score", "roundtrip"])
def test_a_commands_help_loads_no_model_library(command):
    names, done = imported(command, "--help")
    assert done.returncode == 0 and f"usage: mtrepair {command}" in done.stdout.decode()
    # Its help may quote a default of the glossary or eval packages (the built-in glossary, the thresholds).
    assert names & (HEAVY - {"glossary", "eval"}) == set()


def test_translate_on_ctranslate2_imports_neither_pytorch_nor_the_glossary(tiny_model, tmp_path):
    converted = tmp_path / "tiny-ct2"
    done = run_cli("convert", str(tiny_model), "--output", str(converted))
    assert done.returncode == 0, done.stderr.decode()
    source = tmp_path / "in.ar"
    source.write_text("\n".join((FLORES / "dev.ar").read_text(encoding="utf-8").split("\n")[:3]) + "\n",
                      encoding="utf-8")
    names, done = imported("translate", "--from", "ar", "--to", "en", "--engine", "ctranslate2", "--model",
                           str(converted), "--max-length", "6", "--beam-size", "2", str(source))
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert len(done.stdout.decode().split("\n")) == 4
    assert {"ctranslate2", "sentencepiece"} <= names  # it did translate, with CTranslate2
    assert names & {"torch", "transformers", "huggingface_hub", "glossary", "wordfreq", "eval", "sacrebleu", "ray",
                    "gradio", "pandas"} == set()

"""Command start-up and overhead (issue 22): whole processes, paired side by side.

Each comparison is timed as whole processes in pairs, A B A B ... after one
warm-up of each, with the ratio A/B taken pair by pair (a drift in the
machine's speed then touches both sides of a pair alike); medians quoted:

- ``help``: ``mtrepair --help`` against ``python -c pass`` on the same
  interpreter (goal: at most 4x);
- ``translate``: ``mtrepair translate --engine ctranslate2`` against a minimal
  CTranslate2 script (:data:`MINIMAL`, written to the work folder as
  ``minimal_ct2.py``) on the same converted model, the same sentences in the
  same batches (mtrepair's: 64 records at a time, each chunk sorted by
  length into batches of 16), the same beam and length cap and the same
  number of batches decoded in parallel; both outputs are checked
  byte-identical before timing (goal: at most 1.05x).  Twice: against the
  script submitting every batch at once, and against the script waiting for
  each chunk (as mtrepair did before it handed the engine the next chunk's
  batches while finishing one).  Every sentence is cut at 32 target tokens
  (see :data:`MAX_LENGTH`).

The model has OPUS-MT ar-en's configuration and real tokenizer
(``../shared/models/opus-mt-ar-en-tokenizer``) with random weights
(``tools/random_model.py``, base size, seed 0: ``models/opus-mt-ar-en-random``,
as bench_engines.py uses), converted once by ``mtrepair convert`` into the
cache ``models/ct2-cache``; the input is the first ``--sentences`` distinct
sentences of FLORES-101 dev Arabic, one a line, as mtrepair splits the lines
(ar->en, the model's direction).

    python benchmarks/bench_cli_overhead.py [--sentences 200] [--runs 5] [--only help|translate]
    python benchmarks/bench_cli_overhead.py --tree /tmp/before    # another checkout, on this interpreter
    python benchmarks/bench_cli_overhead.py --commands            # print the command pairs, time nothing

``--tree DIR`` times the ``mtrepair`` of another checkout (for example
``git worktree add /tmp/before 8ca8e80``) through ``PYTHONPATH``, on both
sides of each pair.  ``--commands`` prints each pair as command lines, to
time them with any other tool (``/usr/bin/time -v``, hyperfine).
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

from measure import CACHE, MODEL, ROOT, SOURCE, TEMPLATE  # noqa: E402

sys.path.insert(0, str(ROOT))
WORK = ROOT / "bench-out" / "cli-overhead"
# mtrepair's default beam and batch size (translate/engines/base.py).  Random weights never end a sentence,
# so every sentence runs to the length cap: 32 tokens stands in for a real model's output (the reference
# English of these lines averages 29.6 target tokens), where the default cap (512, and 3x the longest
# source + 10) would make the sentences several times longer than real ones.
BEAM, MAX_LENGTH, BATCH_SIZE = 4, 32, 16
CHUNK = 64  # records mtrepair translates at a time (translate/jobs/document.py, JobSettings.chunk_records)
# The installed console script, as a user runs it (with --tree, that checkout's code comes first on PYTHONPATH).
MTREPAIR = [str(Path(sys.executable).parent / "mtrepair")]

# What a user would write to do the same job with CTranslate2 alone: OPUS-MT's sentencepiece models, the
# CTranslate2 model, mtrepair's batches (it translates 64 records at a time, translate/jobs/document.py,
# each chunk sorted by length into batches), decoded as many in parallel as there are cores (one thread
# each), the length cap of translate/engines/base.py, the output in order.  Its last argument: 0 submits
# every batch at once; 1 waits for each chunk's batches before it submits the next chunk's, as mtrepair
# did before translate/jobs/chunks.py (a core idles at the end of each chunk).
MINIMAL = '''\
import json, math, os, sys

import ctranslate2
import sentencepiece

folder, source_file, output_file = sys.argv[1:4]
beam, max_length, batch_size, chunk, wait = map(int, sys.argv[4:9])
source = sentencepiece.SentencePieceProcessor(model_file=os.path.join(folder, "source.spm"))
target = sentencepiece.SentencePieceProcessor(model_file=os.path.join(folder, "target.spm"))
with open(os.path.join(folder, "vocab.json"), encoding="utf-8") as file:
    vocab = set(json.load(file))
cores = min(len(os.sched_getaffinity(0)), 8)
translator = ctranslate2.Translator(folder, device="cpu", compute_type="int8", inter_threads=cores, intra_threads=1)
with open(source_file, encoding="utf-8") as file:
    lines = file.read().splitlines()
tokens = [[p if p in vocab else "<unk>" for p in source.encode(line, out_type=str)] + ["</s>"] for line in lines]
outputs = [""] * len(lines)


def collect(pending):
    for batch, results in pending:
        for i, result in zip(batch, results):
            words = [t for t in result.result().hypotheses[0] if t not in ("</s>", "<pad>", "<unk>")]
            outputs[i] = target.decode(words).strip()
    return []


pending = []
for start in range(0, len(lines), chunk):
    order = sorted(range(start, min(start + chunk, len(lines))), key=lambda i: (len(tokens[i]), i))
    for first in range(0, len(order), batch_size):
        batch = order[first:first + batch_size]
        cap = min(max_length, math.ceil(max(len(tokens[i]) for i in batch) * 3.0) + 10)
        pending.append((batch, translator.translate_batch([tokens[i] for i in batch], beam_size=beam,
                                                          max_batch_size=batch_size, max_decoding_length=cap,
                                                          asynchronous=True)))
    if wait:
        pending = collect(pending)
collect(pending)
with open(output_file, "w", encoding="utf-8") as file:
    file.write("".join(line + "\\n" for line in outputs))
'''


def dev_sentences(count: int) -> list[str]:
    """The first ``count`` distinct sentences of FLORES dev Arabic, as mtrepair splits its lines.

    One sentence a line, each one mtrepair keeps whole: mtrepair translates
    every sentence of a line on its own and each distinct sentence once, so
    with these it translates exactly the lines the minimal script does.
    """
    from translate.segment import segment_text

    sentences: list[str] = []
    for line in SOURCE.read_text(encoding="utf-8").split("\n"):
        for segment in segment_text(line, "ar"):
            whole = [s.text for s in segment_text(segment.text, "ar")] == [segment.text]
            if segment.needs_translation and whole and segment.text not in sentences:
                sentences.append(segment.text)
        if len(sentences) >= count:
            return sentences[:count]
    return sentences


def prepare(sentences: int) -> tuple[Path, Path]:
    """The converted model folder and the input file (built and converted on first use)."""
    WORK.mkdir(parents=True, exist_ok=True)
    if not (MODEL / "model.safetensors").exists():
        from tools.random_model import build_random_model

        build_random_model(TEMPLATE, MODEL)
    done = subprocess.run(MTREPAIR + ["convert", str(MODEL)], env=environment(None), capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"mtrepair convert failed:\n{done.stderr[-3000:]}")
    converted = Path(done.stdout.strip().splitlines()[-1])
    source = WORK / f"dev.{sentences}.ar"
    source.write_text("".join(text + "\n" for text in dev_sentences(sentences)), encoding="utf-8")
    (WORK / "minimal_ct2.py").write_text(MINIMAL, encoding="utf-8")
    return converted, source


def environment(tree: Path | None) -> dict[str, str]:
    env = {**os.environ, "MTREPAIR_CACHE": str(CACHE), "HF_HUB_OFFLINE": "1"}
    if tree:
        env["PYTHONPATH"] = str(tree)
    return env


def pairs(converted: Path, source: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Each comparison: (A, the command measured; B, its baseline)."""
    python = sys.executable
    translate = MTREPAIR + ["translate", "--from", "ar", "--to", "en", "--engine", "ctranslate2", "--model", str(MODEL),
                            "--beam-size", str(BEAM), "--max-length", str(MAX_LENGTH), "--batch-size", str(BATCH_SIZE),
                            "-q", str(source), "-o", str(WORK / "mtrepair.en")]
    minimal = [python, str(WORK / "minimal_ct2.py"), str(converted), str(source), str(WORK / "minimal.en"), str(BEAM),
               str(MAX_LENGTH), str(BATCH_SIZE), str(CHUNK)]
    return {
        "help": (MTREPAIR + ["--help"], [python, "-c", "pass"]),
        "translate (all batches at once)": (translate, minimal + ["0"]),
        "translate (chunk by chunk)": (translate, minimal + ["1"]),
    }


def timed(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """One whole process: wall, user and system seconds, and its peak memory (the kernel's accounting)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{shlex.join(command)} failed (exit {process.returncode}):\n{stderr.decode()[-3000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


def compare(name: str, a: list[str], b: list[str], env: dict[str, str], runs: int) -> None:
    timed(a, env), timed(b, env)  # warm-up: the page cache, the converted model
    if name.startswith("translate"):
        same = (WORK / "mtrepair.en").read_bytes() == (WORK / "minimal.en").read_bytes()
        if not same:
            sys.exit("the two outputs differ: the minimal script does not do the same work")
    measured = [(timed(a, env), timed(b, env)) for _ in range(runs)]
    row = [name]
    for figure in ("wall", "cpu"):
        ratios = [x[figure] / y[figure] for x, y in measured]
        row += [f"{statistics.median(x[figure] for x, _ in measured):.3f}",
                f"{statistics.median(y[figure] for _, y in measured):.3f}",
                f"{statistics.median(ratios):.3f} ({min(ratios):.3f}-{max(ratios):.3f})"]
    row += [f"{statistics.median(x['rss_mb'] for x, _ in measured):.0f}",
            f"{statistics.median(y['rss_mb'] for _, y in measured):.0f}"]
    print("| " + " | ".join(row) + " |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=200, help="FLORES dev sentences to translate (default 200)")
    parser.add_argument("--runs", type=int, default=5, help="counted pairs per comparison (default 5)")
    parser.add_argument("--only", choices=("help", "translate"), help="one comparison only")
    parser.add_argument("--tree", type=Path, help="time the mtrepair of this checkout instead")
    parser.add_argument("--commands", action="store_true", help="print the command pairs and time nothing")
    args = parser.parse_args()
    converted, source = prepare(args.sentences)
    chosen = {k: v for k, v in pairs(converted, source).items() if args.only in (None, k.split()[0])}
    env = environment(args.tree)
    if args.commands:
        prefix = f"MTREPAIR_CACHE={CACHE} HF_HUB_OFFLINE=1 " + (f"PYTHONPATH={args.tree} " if args.tree else "")
        for name, (a, b) in chosen.items():
            print(f"{name}:\n  A: {prefix}{shlex.join(a)}\n  B: {prefix}{shlex.join(b)}")
        return
    print(f"machine: {os.cpu_count()} CPUs, python {sys.version.split()[0]}; mtrepair of {args.tree or ROOT}; "
          f"{args.runs} pairs after a warm-up; translate: {args.sentences} FLORES dev sentences ar->en, OPUS-MT base "
          f"(random weights), ctranslate2 int8, beam {BEAM}, max length {MAX_LENGTH}, batch {BATCH_SIZE}\n")
    print("| comparison | A wall s | B wall s | A/B wall (min-max) | A cpu s | B cpu s | A/B cpu (min-max) "
          "| A peak MB | B peak MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, (a, b) in chosen.items():
        compare(name, a, b, env, args.runs)


if __name__ == "__main__":
    main()

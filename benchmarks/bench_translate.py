"""Benchmark and resume check for ``mtrepair translate`` on the FLORES-101 dev set.

Builds a model of the real OPUS-MT ar-en size (random weights, seed 0) from
``../shared/models/opus-mt-ar-en-tokenizer``, then:

1. translates all 997 sentences of ``dev.ar`` in one run and prints wall time,
   sentences/s, target tokens/s and the peak memory (RSS) of the process;
2. starts the same run again, kills it with SIGKILL half-way, resumes it
   with ``--resume`` and checks that the output has every line exactly once,
   in order, identical to the uninterrupted run.

Random weights never produce the end-of-sentence token, so every sentence
would run to the length cap; ``--max-length 32`` caps it at about the mean
length of the real OPUS-MT output on this set (28.7 target tokens), which
keeps the decoding work comparable to a real run.

    python benchmarks/bench_translate.py [--beam-size 4] [--max-length 32]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MTREPAIR_SHARED", ROOT.parent / "shared"))
TEMPLATE = SHARED / "models" / "opus-mt-ar-en-tokenizer"
SOURCE = SHARED / "data" / "flores101-dev" / "dev.ar"
MODEL = ROOT / "models" / "opus-mt-ar-en-random"
WORK = ROOT / "bench-out"


def command(args, output, *extra):
    return [
        sys.executable, "-m", "translate.cli", "translate", "--from", "ar", "--to", "en",
        "--model", str(MODEL), "--beam-size", str(args.beam_size), "--max-length", str(args.max_length),
        str(SOURCE), "-o", str(output), *extra,
    ]


def measured_run(args) -> dict:
    output, report = WORK / "dev.en", WORK / "report.jsonl"
    started = time.perf_counter()
    subprocess.run(command(args, output, "--report", str(report)), cwd=ROOT, check=True)
    wall = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    lines = output.read_text(encoding="utf-8").split("\n")[:-1]
    translating = sum(r["seconds"] for r in rows)
    return {
        "lines": len(lines),
        "sentences": len(rows),
        "wall_s": wall,
        "translate_s": translating,
        "sentences_per_s": len(rows) / wall,
        "sentences_per_s_translating": len(rows) / translating,
        "target_tokens_per_s": sum(r["target_tokens"] for r in rows) / translating,
        "median_target_tokens": statistics.median(r["target_tokens"] for r in rows),
        "peak_rss_mb": peak_mb,
    }


def kill_and_resume(args, reference: str) -> dict:
    output = WORK / "resumed.en"
    progress = Path(str(output) + ".mtrepair-progress")
    for path in (output, progress):
        path.unlink(missing_ok=True)
    total = len(reference.split("\n")) - 1
    process = subprocess.Popen(command(args, output, "--quiet"), cwd=ROOT)
    while process.poll() is None:
        if progress.exists() and progress.read_text(encoding="utf-8").count("\n") > total // 2:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.5)
    process.wait()
    done_at_kill = progress.read_text(encoding="utf-8").count("\n") - 1
    subprocess.run(command(args, output, "--resume"), cwd=ROOT, check=True)
    lines = output.read_text(encoding="utf-8").split("\n")[:-1]
    return {
        "records_done_when_killed": done_at_kill,
        "lines_after_resume": len(lines),
        "identical_to_uninterrupted": output.read_text(encoding="utf-8") == reference,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--beam-size", type=int, default=4)
    parser.add_argument("--max-length", type=int, default=32)
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    if not (MODEL / "model.safetensors").exists():
        sys.path.insert(0, str(ROOT))
        from tools.random_model import build_random_model

        build_random_model(TEMPLATE, MODEL)
    print(f"machine: {os.cpu_count()} CPUs, python {sys.version.split()[0]}; beam {args.beam_size}, max length {args.max_length}")
    run = measured_run(args)
    print(json.dumps(run, indent=2))
    check = kill_and_resume(args, (WORK / "dev.en").read_text(encoding="utf-8"))
    print(json.dumps(check, indent=2))
    if check["lines_after_resume"] != run["lines"] or not check["identical_to_uninterrupted"]:
        sys.exit("resume check FAILED")


if __name__ == "__main__":
    main()

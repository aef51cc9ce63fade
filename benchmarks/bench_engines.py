"""Translation speed and memory: transformers (PyTorch) against CTranslate2, side by side in one run.

The model has the real size of OPUS-MT ar-en (``config.json`` of
``../shared/models/opus-mt-ar-en-tokenizer``, random weights, seed 0); the
input is FLORES-101 dev Arabic, one line per sentence.  Random weights would
stop anywhere, so every engine is made to write exactly ``--length`` target
tokens per sentence (minimum = maximum length); the token counts are checked
equal across engines.  Each variant runs in its own process (its peak memory
is its own), translates a warm-up batch, then the input ``--repeats`` times;
the median is quoted.

    python benchmarks/bench_engines.py [--lines 62] [--length 32] [--repeats 3]

Prints target tokens/s, sentences/s, peak RSS and the ratio to transformers
fp32 (default threads) for beam 4 and greedy, then how the CTranslate2 int8
and transformers costs grow with 1x, 4x and 16x the input.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from measure import CACHE, MODEL, ROOT, SOURCE, TEMPLATE, peak_rss_mb  # noqa: E402

sys.path.insert(0, str(ROOT))

# (label, engine, threads, intra-op threads, quantization, batch size).  For CTranslate2,
# threads = batches decoded at the same time, intra = threads within one batch.
VARIANTS = [
    ("transformers fp32 (default threads)", "transformers", None, None, None, 16),
    ("transformers fp32, 1 thread", "transformers", 1, None, None, 16),
    ("transformers fp32, 2 threads", "transformers", 2, None, None, 16),
    ("ctranslate2 float32, 2 batches x 1 thread", "ctranslate2", 2, 1, "float32", 16),
    ("ctranslate2 int8, 1 batch x 1 thread", "ctranslate2", 1, 1, "int8", 16),
    ("ctranslate2 int8, 1 batch x 2 threads", "ctranslate2", 1, 2, "int8", 16),
    ("ctranslate2 int8, 2 batches x 1 thread (default)", "ctranslate2", 2, 1, "int8", 16),
    ("ctranslate2 int8, 2 batches x 1 thread, batch 32", "ctranslate2", 2, 1, "int8", 32),
]


def worker(args) -> None:
    """One variant in this process: print one JSON line of measurements."""
    from translate.engines.base import DecodingOptions
    from translate.engines.spec import make_translator

    sentences = SOURCE.read_text(encoding="utf-8").split("\n")[: args.lines]
    started = time.perf_counter()
    extra = {"intra_threads": args.intra_threads} if args.engine == "ctranslate2" and args.intra_threads else {}
    translator = make_translator(str(MODEL), engine=args.engine, device="cpu", batch_size=args.batch_size,
                                 threads=args.threads, quantization=args.quantization or "int8",
                                 options=DecodingOptions(beam_size=args.beam, max_length=args.length, min_length=args.length),
                                 **extra)
    load = time.perf_counter() - started
    translator.translate_batch(sentences[:4])  # warm-up
    timings, tokens = [], 0
    for _ in range(args.repeats):
        started = time.perf_counter()
        hypotheses = list(translator.translate_iterable(sentences))
        timings.append(time.perf_counter() - started)
        tokens = sum(h.target_tokens for h in hypotheses)
    seconds = statistics.median(timings)
    print(json.dumps({
        "sentences": len(sentences), "target_tokens": tokens, "seconds": seconds, "load_s": load,
        "tokens_per_s": tokens / seconds, "sentences_per_s": len(sentences) / seconds,
        "peak_rss_mb": peak_rss_mb(),
    }))


def run_variant(engine, threads, intra, quantization, batch_size, beam, lines, length, repeats) -> dict:
    command = [sys.executable, __file__, "--worker", "--engine", engine, "--beam", str(beam), "--lines", str(lines),
               "--length", str(length), "--repeats", str(repeats), "--batch-size", str(batch_size)]
    if threads:
        command += ["--threads", str(threads)]
    if intra:
        command += ["--intra-threads", str(intra)]
    if quantization:
        command += ["--quantization", quantization]
    env = {**os.environ, "MTREPAIR_CACHE": str(CACHE), "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"variant {engine} {quantization} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=62)
    parser.add_argument("--length", type=int, default=32, help="target tokens per sentence, forced (default 32)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--intra-threads", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--quantization", help=argparse.SUPPRESS)
    parser.add_argument("--batch-size", type=int, default=16, help=argparse.SUPPRESS)
    parser.add_argument("--beam", type=int, default=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    from tools.random_model import build_random_model
    from translate.engines.conversion import convert_model

    if not (MODEL / "model.safetensors").exists():
        build_random_model(TEMPLATE, MODEL)
    os.environ["MTREPAIR_CACHE"] = str(CACHE)
    for quantization in ("int8", "float32"):
        started = time.perf_counter()
        folder = convert_model(str(MODEL), quantization)
        print(f"ctranslate2 {quantization} copy: {folder.name} ({time.perf_counter() - started:.1f} s incl. cache check), "
              f"{sum(f.stat().st_size for f in folder.iterdir()) / 1e6:.0f} MB")
    weights = (MODEL / "model.safetensors").stat().st_size / 1e6
    print(f"transformers weights: {weights:.0f} MB; machine: {os.cpu_count()} CPUs, python {sys.version.split()[0]}; "
          f"{args.lines} FLORES dev lines, {args.length} target tokens each, median of {args.repeats}\n")
    for beam in (4, 1):
        print(f"### beam {beam}{' (greedy)' if beam == 1 else ''}\n")
        print("| engine | target tokens/s | sentences/s | peak RSS MB | load s | × transformers fp32 |")
        print("|---|---|---|---|---|---|")
        base = None
        counts = set()
        for label, engine, threads, intra, quantization, batch_size in VARIANTS:
            result = run_variant(engine, threads, intra, quantization, batch_size, beam, args.lines, args.length,
                                 args.repeats)
            counts.add(result["target_tokens"])
            base = base or result["tokens_per_s"]
            print(f"| {label} | {result['tokens_per_s']:.0f} | {result['sentences_per_s']:.2f} | "
                  f"{result['peak_rss_mb']:.0f} | {result['load_s']:.1f} | {result['tokens_per_s'] / base:.2f} |", flush=True)
        if len(counts) != 1:
            sys.exit(f"engines wrote different numbers of target tokens: {sorted(counts)}; the comparison is void")
        print(f"\ntarget tokens per run, every engine: {counts.pop()} (checked equal)\n")
    print("### growth with input size (beam 4)\n")
    print("| engine | lines | target tokens | seconds | target tokens/s | s per 1,000 tokens |")
    print("|---|---|---|---|---|---|")
    for label, engine, threads, intra, quantization, scales in (
        ("ctranslate2 int8, 2 batches x 1 thread", "ctranslate2", 2, 1, "int8", (1, 4, 16)),
        ("transformers fp32, 2 threads", "transformers", 2, None, None, (1, 4)),
    ):
        for scale in scales:
            result = run_variant(engine, threads, intra, quantization, 16, 4, args.lines * scale, args.length, 1)
            print(f"| {label} | {result['sentences']} | {result['target_tokens']} | {result['seconds']:.1f} | "
                  f"{result['tokens_per_s']:.0f} | {1000 * result['seconds'] / result['target_tokens']:.2f} |", flush=True)


if __name__ == "__main__":
    main()

"""Base against big OPUS-MT, on both engines: speed, memory, conversion cost and output agreement (issue 12).

What it measures, side by side in one run, on random-weight models of the
real sizes (speed and memory depend on the shape, not on the weights):

* **base**: ``config.json`` of ``../shared/models/opus-mt-ar-en-tokenizer``
  as it is (opus-mt-ar-en: d_model 512, 8 heads, FFN 2048, 6+6 layers, swish);
* **big**: the same config with the OPUS-MT tc-big (transformer-big) shape
  written over it (opus-mt-tc-big-ar-en / -en-ar: d_model 1024, 16 heads,
  FFN 4096, 6+6 layers, relu).  It keeps the shared tokenizer's vocabulary,
  not tc-big's own, so its parameter count differs a little from the real one.

1. Speed and memory.  For each size x engine (transformers fp32,
   ctranslate2 int8, ctranslate2 float32, each with its default threads) x
   decoding (beam 4, greedy): the first ``--lines`` lines of FLORES-101 dev
   Arabic, batches of 16, every engine forced to write exactly ``--length``
   target tokens per sentence (minimum = maximum length; random weights would
   otherwise stop anywhere), token counts checked equal.  Each configuration
   runs in a process of its own (peak RSS = its VmHWM), translates a warm-up
   batch, then the input ``--repeats`` times; target tokens/s is the median.
2. First-run conversion: ``translate.engines.conversion.convert_model`` (int8) of each
   size in a fresh process with an empty ``MTREPAIR_CACHE``: seconds, peak
   RSS, size of the copy.
3. Agreement of ctranslate2 int8 and float32 with transformers fp32, greedy,
   same model and input: share of sentences with identical output tokens and
   mean token-level agreement (tokens as each engine detokenizes them; the
   last, capped position left out).  Random weights make these no estimate for
   a trained model: their score margins differ from a trained model's, and at
   the default initialisation their output hardly depends on the input (the
   table says how many distinct outputs and tokens there were).

Models and CTranslate2 copies are kept in ``--work`` (default
``bench-out/model-sizes``; the big model takes about 1 GB, its float32 copy
as much again), so a rerun builds and converts nothing.  The tables are
printed as markdown, with the command line, and written to
``WORK/results.json``.

    python benchmarks/bench_model_sizes.py                  # --lines 64 --repeats 3 --length 32
    python benchmarks/bench_model_sizes.py --sizes big --engines transformers,ctranslate2-int8
    python benchmarks/bench_model_sizes.py --quick          # smoke test: 8 lines, 1 repeat, 8 tokens
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from measure import peak_rss_mb, run_json_worker  # noqa: E402
sys.path.insert(0, str(ROOT))
from tools.random_model import SIZES  # noqa: E402
SHARED = Path(os.environ.get("MTREPAIR_SHARED", ROOT.parent / "shared"))
TEMPLATE = SHARED / "models" / "opus-mt-ar-en-tokenizer"
SOURCE = SHARED / "data" / "flores101-dev" / "dev.ar"

# --engines name: (make_translator engine, quantization, label).
ENGINES = {
    "transformers": ("transformers", None, "transformers fp32"),
    "ctranslate2-int8": ("ctranslate2", "int8", "ctranslate2 int8"),
    "ctranslate2-float32": ("ctranslate2", "float32", "ctranslate2 float32"),
}
BEAMS = (4, 1)
BATCH_SIZE = 16
QUICK = dict(lines=8, repeats=1, length=8)
# Framing tokens, not words: the decoder start / padding and the end of sentence.
FRAMING = {"<pad>", "</s>"}


# ---------------------------------------------------------------- models

def model_folder(work: Path, size: str) -> Path:
    return work / "models" / f"opus-mt-ar-en-{size}-random"


def ensure_model(work: Path, size: str) -> Path:
    """The random-weight model of ``size``, built (seed 0) the first time only."""
    folder = model_folder(work, size)
    if (folder / "model.safetensors").is_file():
        return folder
    from tools.random_model import build_random_model

    # Built beside and renamed, so an interrupted build is never taken for a model.
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    started = time.perf_counter()
    build_random_model(TEMPLATE, partial, seed=0, size=size)
    os.replace(partial, folder)
    print(f"built {size} model in {time.perf_counter() - started:.0f} s: {folder}", file=sys.stderr)
    return folder


def model_facts(folder: Path) -> dict:
    """Shape, parameter count and weight size of a saved model, read without loading it."""
    from safetensors import safe_open

    weights = folder / "model.safetensors"
    with safe_open(str(weights), framework="np") as tensors:
        parameters = 0
        for name in tensors.keys():
            count = 1
            for dimension in tensors.get_slice(name).get_shape():
                count *= dimension
            parameters += count
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    shape = {key: config[key] for key in ("d_model", "encoder_attention_heads", "encoder_ffn_dim", "encoder_layers",
                                          "decoder_layers", "activation_function", "vocab_size")}
    return {"parameters": parameters, "weights_mb": weights.stat().st_size / 1e6, **shape}


# ---------------------------------------------------------------- workers (each in its own process)

def record_output_tokens(translator) -> list[list[str]]:
    """Make ``translator`` keep the tokens of each output it detokenizes; returns the list it fills.

    A Hypothesis carries only text, and equal text can hide different tokens
    (re-tokenizing the text would not give the engine's tokens back), so the
    tokens are taken where each engine hands them to its detokenizer.
    """
    recorded: list[list[str]] = []
    if translator.engine == "transformers":
        tokenizer = translator.loaded.tokenizer
        batch_decode = tokenizer.batch_decode

        def decode_and_record(rows, **options):
            for row in rows:
                ids = row.tolist() if hasattr(row, "tolist") else list(row)
                recorded.append([t for t in tokenizer.convert_ids_to_tokens(ids) if t not in FRAMING])
            return batch_decode(rows, **options)

        tokenizer.batch_decode = decode_and_record
    else:
        pieces = translator.pieces
        text = pieces.text

        def text_and_record(tokens):
            recorded.append([t for t in tokens if t not in FRAMING])
            return text(tokens)

        pieces.text = text_and_record
    return recorded


def translate_worker(spec: dict) -> dict:
    """One size x engine x decoding: load, warm up, time ``repeats`` runs; greedy runs also return tokens."""
    from translate.engines.base import DecodingOptions
    from translate.engines.spec import make_translator

    engine, quantization, _ = ENGINES[spec["engine"]]
    sentences = SOURCE.read_text(encoding="utf-8").split("\n")[: spec["lines"]]
    options = DecodingOptions(beam_size=spec["beam"], max_length=spec["length"], min_length=spec["length"])
    started = time.perf_counter()
    translator = make_translator(spec["model"], engine=engine, device="cpu", batch_size=BATCH_SIZE,
                                 options=options, **({"quantization": quantization} if quantization else {}))
    load = time.perf_counter() - started
    translator.translate_batch(sentences[:4])  # warm-up: first-call allocations and lazy initialisation
    timings, tokens = [], 0
    for _ in range(spec["repeats"]):
        started = time.perf_counter()
        hypotheses = list(translator.translate_iterable(sentences))
        timings.append(time.perf_counter() - started)
        tokens = sum(h.target_tokens for h in hypotheses)
    seconds = statistics.median(timings)
    result = {"sentences": len(sentences), "target_tokens": tokens, "seconds": seconds, "load_s": load,
              "tokens_per_s": tokens / seconds, "sentences_per_s": len(sentences) / seconds,
              # Read before the agreement pass, which is no part of the timed work.
              "peak_rss_mb": peak_rss_mb()}
    if spec["beam"] == 1:
        # In-order batches through translate_batch, so the recorded tokens line up with the input.
        recorded = record_output_tokens(translator)
        for first in range(0, len(sentences), BATCH_SIZE):
            translator.translate_batch(sentences[first: first + BATCH_SIZE])
        if len(recorded) != len(sentences):
            raise RuntimeError(f"recorded {len(recorded)} outputs for {len(sentences)} sentences; "
                               "the engine's detokenizer call has changed")
        result["tokens"] = recorded
    return result


def convert_worker(spec: dict) -> dict:
    """``convert_model`` as a user's first run does it: a fresh process, a cache (MTREPAIR_CACHE) set by the caller."""
    started = time.perf_counter()
    from translate.engines.conversion import convert_model

    folder = convert_model(spec["model"], spec["quantization"])
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_rss_mb": peak_rss_mb(), "folder": str(folder),
            "copy_mb": sum(f.stat().st_size for f in folder.iterdir() if f.is_file()) / 1e6}


WORKERS = {"translate": translate_worker, "convert": convert_worker}


def run_worker(task: str, spec: dict, cache: Path) -> dict:
    command = [sys.executable, __file__, "--worker", json.dumps({"task": task, **spec})]
    env = {**os.environ, "MTREPAIR_CACHE": str(cache), "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    started = time.perf_counter()
    result = run_json_worker(command, env=env, cwd=ROOT, what=f"{task} {spec.get('engine', '')} {spec['model']}")
    result["process_s"] = time.perf_counter() - started
    return result


# ---------------------------------------------------------------- measurements

def measure_conversion(work: Path, size: str, model: Path) -> dict:
    """First-run int8 conversion of ``model`` into an empty cache, thrown away afterwards."""
    empty = Path(tempfile.mkdtemp(prefix="empty-cache-", dir=work))
    try:
        result = run_worker("convert", {"model": str(model), "quantization": "int8"}, empty)
    finally:
        shutil.rmtree(empty, ignore_errors=True)
    del result["folder"]
    return {"size": size, **result}


def prepare_ct2_copies(engines: list[str], model: Path, cache: Path) -> None:
    """Convert ahead (kept in ``cache``), so that no speed run pays for conversion in its time or memory."""
    for name in engines:
        _, quantization, _ = ENGINES[name]
        if quantization:
            run_worker("convert", {"model": str(model), "quantization": quantization}, cache)


def measure_speed(size: str, model: Path, engines: list[str], settings: dict, cache: Path) -> list[dict]:
    rows = []
    for beam in BEAMS:
        counts = set()
        for name in engines:
            spec = {"model": str(model), "engine": name, "beam": beam, **settings}
            result = run_worker("translate", spec, cache)
            counts.add(result["target_tokens"])
            rows.append({"size": size, "engine": name, "beam": beam, **result})
            print(f"  {size} {name} beam {beam}: {result['tokens_per_s']:.0f} target tokens/s, "
                  f"{result['peak_rss_mb']:.0f} MB", file=sys.stderr, flush=True)
        if len(counts) != 1:
            sys.exit(f"{size}, beam {beam}: engines wrote different numbers of target tokens {sorted(counts)}; "
                     "the comparison is void")
    return rows


def token_agreement(reference: list[str], other: list[str]) -> float:
    """Share of positions with the same token, over the longer of the two outputs."""
    longest = max(len(reference), len(other))
    return sum(a == b for a, b in zip(reference, other)) / longest if longest else 1.0


def agreement(rows: list[dict], length: int) -> list[dict]:
    """ctranslate2 outputs against transformers fp32's, greedy, per size.

    Only the first ``length - 1`` tokens are compared: at the length cap
    transformers writes ``</s>`` in the last position (``forced_eos_token_id``
    of OPUS-MT's generation config) where CTranslate2 writes one more word, a
    difference of the decoding rule, not of the numbers.
    """
    compared = max(length - 1, 1)
    greedy = {(r["size"], r["engine"]): [t[:compared] for t in r["tokens"]] for r in rows if "tokens" in r}
    found = []
    for (size, name), tokens in greedy.items():
        reference = greedy.get((size, "transformers"))
        if name == "transformers" or reference is None:
            continue
        found.append({"size": size, "engine": name, "sentences": len(tokens), "compared_tokens": compared,
                      "identical": sum(a == b for a, b in zip(reference, tokens)) / len(tokens),
                      "token_agreement": statistics.mean(token_agreement(a, b) for a, b in zip(reference, tokens)),
                      # How varied the reference is: agreement on near-constant output says little.
                      "distinct_outputs": len({tuple(t) for t in reference}),
                      "distinct_tokens": len({token for t in reference for token in t})})
    return found


# ---------------------------------------------------------------- report

def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows])


def decoding(beam: int) -> str:
    return "greedy" if beam == 1 else f"beam {beam}"


def speed_table(speed: list[dict]) -> str:
    baseline = {(r["size"], r["beam"]): r["tokens_per_s"] for r in speed if r["engine"] == "transformers"}
    rows = []
    for r in speed:
        ratio = baseline.get((r["size"], r["beam"]))
        rows.append([r["size"], ENGINES[r["engine"]][2], decoding(r["beam"]), f"{r['tokens_per_s']:.0f}",
                     f"{r['sentences_per_s']:.2f}", f"{r['peak_rss_mb']:.0f}", f"{r['load_s']:.1f}",
                     f"{r['tokens_per_s'] / ratio:.2f}" if ratio else "-"])
    return table(["size", "engine", "decoding", "target tokens/s", "sentences/s", "peak RSS MB", "load s",
                  "× transformers fp32"], rows)


def size_ratio_table(speed: list[dict]) -> str:
    by_key = {(r["size"], r["engine"], r["beam"]): r for r in speed}
    rows = []
    for (size, name, beam), big in by_key.items():
        base = by_key.get(("base", name, beam))
        if size == "big" and base:
            rows.append([ENGINES[name][2], decoding(beam), f"{big['tokens_per_s'] / base['tokens_per_s']:.2f}",
                         f"{big['peak_rss_mb'] / base['peak_rss_mb']:.2f}"])
    return table(["engine", "decoding", "tokens/s big / base", "peak RSS big / base"], rows)


def conversion_table(conversion: list[dict], models: dict) -> str:
    rows = [[c["size"], f"{models[c['size']]['parameters'] / 1e6:.1f} M", f"{models[c['size']]['weights_mb']:.0f}",
             f"{c['copy_mb']:.0f}", f"{c['seconds']:.1f}", f"{c['process_s']:.1f}", f"{c['peak_rss_mb']:.0f}"]
            for c in conversion]
    return table(["size", "parameters", "fp32 weights MB", "int8 copy MB", "convert_model s",
                  "whole process s", "peak RSS MB"], rows)


def agreement_table(found: list[dict]) -> str:
    rows = [[a["size"], ENGINES[a["engine"]][2], a["sentences"], f"{100 * a['identical']:.1f} %",
             f"{100 * a['token_agreement']:.1f} %", a["distinct_outputs"], a["distinct_tokens"]] for a in found]
    return table(["size", "engine", "sentences", "identical output tokens", "mean token agreement",
                  "distinct outputs (fp32)", "distinct tokens (fp32)"], rows)


def machine() -> dict:
    versions = {name: metadata.version(name) for name in ("torch", "transformers", "ctranslate2")}
    return {"cpus": len(os.sched_getaffinity(0)), "python": sys.version.split()[0], **versions}


AGREEMENT_NOTE = (
    "Random weights: these figures are no estimate of a trained model's agreement, in either direction. Their "
    "narrow score margins let rounding flip choices a trained model makes with a wide margin (greedy outputs then "
    "part ways), which understates agreement; at this initialisation (init_std 0.02) they also write nearly the "
    "same token for every input (distinct columns), which overstates it. The last position is left out: at the "
    "length cap transformers writes </s> there (forced_eos_token_id), CTranslate2 a word."
)


def report(results: dict) -> str:
    s, m = results["settings"], results["machine"]
    parts = [
        f"command: `{results['command']}`",
        (f"machine: {m['cpus']} CPUs, python {m['python']}, torch {m['torch']}, transformers {m['transformers']}, "
         f"ctranslate2 {m['ctranslate2']}"),
        (f"input: first {s['lines']} lines of FLORES-101 dev Arabic, batches of {BATCH_SIZE}, exactly {s['length']} "
         f"target tokens per sentence (forced), median of {s['repeats']}; default threads for every engine"),
        ("models: random weights, seed 0; big = tc-big shape (d_model 1024, 16 heads, FFN 4096, 6+6, relu) with the "
         "shared opus-mt-ar-en vocabulary, not tc-big's own"),
    ]
    for size, facts in results["models"].items():
        parts.append(f"  {size}: {facts['parameters'] / 1e6:.1f} M parameters, {facts['weights_mb']:.0f} MB fp32, "
                     f"d_model {facts['d_model']}, {facts['encoder_attention_heads']} heads, FFN "
                     f"{facts['encoder_ffn_dim']}, {facts['encoder_layers']}+{facts['decoder_layers']} layers, "
                     f"{facts['activation_function']}, vocabulary {facts['vocab_size']:,}")
    parts += ["", "### Speed and memory (one process per row)", "", speed_table(results["speed"])]
    if {"base", "big"} <= {r["size"] for r in results["speed"]}:
        parts += ["", "### Big against base", "", size_ratio_table(results["speed"])]
    if results["conversion"]:
        parts += ["", "### First-run conversion to CTranslate2 int8 (fresh process, empty MTREPAIR_CACHE)", "",
                  conversion_table(results["conversion"], results["models"])]
    if results["agreement"]:
        compared = results["agreement"][0]["compared_tokens"]
        title = f"### Output agreement with transformers fp32 (greedy, first {compared} of {s['length']} tokens each)"
        parts += ["", title, "", agreement_table(results["agreement"]), "", AGREEMENT_NOTE]
    return "\n".join(parts)


# ---------------------------------------------------------------- main

def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=64, help="FLORES dev lines to translate (default 64)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per configuration; median (default 3)")
    parser.add_argument("--length", type=int, default=32, help="target tokens per sentence, forced (default 32)")
    parser.add_argument("--sizes", default="base,big", help="comma-separated: " + ", ".join(SIZES))
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated: " + ", ".join(ENGINES))
    parser.add_argument("--work", type=Path, default=ROOT / "bench-out" / "model-sizes",
                        help="models, CTranslate2 copies and results.json (default bench-out/model-sizes)")
    parser.add_argument("--quick", action="store_true",
                        help=f"smoke test: {QUICK['lines']} lines, {QUICK['repeats']} repeat, {QUICK['length']} tokens")
    parser.add_argument("--no-conversion", action="store_true", help="skip the first-run conversion measurement")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.lines, args.repeats, args.length = QUICK["lines"], QUICK["repeats"], QUICK["length"]
    args.sizes = [s for s in args.sizes.split(",") if s]
    args.engines = [e for e in args.engines.split(",") if e]
    for name, known in (("size", SIZES), ("engine", ENGINES)):
        unknown = [x for x in (args.sizes if name == "size" else args.engines) if x not in known]
        if unknown:
            parser.error(f"unknown {name} {', '.join(unknown)}; choose from {', '.join(known)}")
    return args


def main() -> None:
    args = parse_args()
    if args.worker:
        spec = json.loads(args.worker)
        print(json.dumps(WORKERS[spec.pop("task")](spec)))
        return
    started = time.perf_counter()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    cache = work / "ct2-cache"
    settings = {"lines": args.lines, "repeats": args.repeats, "length": args.length}
    results = {"command": "python " + shlex.join(sys.argv), "machine": machine(), "settings": settings,
               "models": {}, "speed": [], "conversion": [], "agreement": []}
    for size in args.sizes:
        model = ensure_model(work, size)
        results["models"][size] = model_facts(model)
        if "ctranslate2-int8" in args.engines and not args.no_conversion:
            results["conversion"].append(measure_conversion(work, size, model))
        prepare_ct2_copies(args.engines, model, cache)
        results["speed"] += measure_speed(size, model, args.engines, settings, cache)
    results["agreement"] = agreement(results["speed"], args.length)
    for row in results["speed"]:
        row.pop("tokens", None)  # compared above; too bulky for the record
    results["wall_s"] = time.perf_counter() - started
    print(report(results))
    print(f"\n(whole run {results['wall_s']:.0f} s)")
    (work / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

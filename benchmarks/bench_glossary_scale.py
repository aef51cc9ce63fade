"""Repair with glossaries of 1,000, 10,000 and 100,000 entries: cost per line, build time, peak memory.

The glossaries (written to --folder, seeded): the 337 entries of
``names-dev.tsv`` (the names FLORES dev needs), then the 64,796 Wikidata name
words (``../shared/data/wikidata-name-words``), then synthetic two-word
person names made of those words («أنطون كوسغي» / "Antun Kosgei") up to the
size.  Each size and run is repaired in a fresh process (glossary.files and
glossary.repair, as ``mtrepair repair`` uses them), on OPUS-MT's FLORES-101 dev output
(997 lines, or --lines), source-aware and target-only, both directions; the
child prints its own figures (glossary read, repairer built, repair per
line, peak memory), the parent a table and the ratio of each size to 1,000.

    python benchmarks/bench_glossary_scale.py [--lines 997] [--sizes 1000,10000,100000] [--folder DIR]
        [--checkout DIR]   # time another checkout's code on the same glossaries (before/after)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MTREPAIR_SHARED", ROOT.parent / "shared"))
FLORES = SHARED / "data" / "flores101-dev"
NAMES_DEV = SHARED / "data" / "names-dev.tsv"
NAME_WORDS = SHARED / "data" / "wikidata-name-words" / "names.tsv"
DIRECTIONS = (("en", "ar"), ("ar", "en"))


def write_glossaries(folder: Path, sizes: list[int]) -> dict[int, Path]:
    """One TSV per size (en, ar columns), each the one before plus more names."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = NAMES_DEV.read_text(encoding="utf-8").splitlines()
    header, dev = rows[0].split("\t"), [r.split("\t") for r in rows[1:]]
    en, ar = header.index("en"), header.index("ar")
    pairs = [(r[en], r[ar]) for r in dev]
    words = [line.split("\t") for line in NAME_WORDS.read_text(encoding="utf-8").splitlines()]
    pairs += [(w_en.title(), w_ar) for w_en, w_ar in words]
    seen = {p[0].lower() for p in pairs}
    rng = random.Random(24)
    while len(pairs) < max(sizes):
        (first_en, first_ar), (last_en, last_ar) = rng.choice(words), rng.choice(words)
        name = f"{first_en.title()} {last_en.title()}"
        if name.lower() not in seen:
            seen.add(name.lower())
            pairs.append((name, f"{first_ar} {last_ar}"))
    out = {}
    for size in sizes:
        path = out[size] = folder / f"glossary-{size}.tsv"
        if not path.exists():
            path.write_text("en\tar\n" + "".join(f"{e}\t{a}\n" for e, a in pairs[:size]), encoding="utf-8")
    return out


def child(glossary: Path, src: str, tgt: str, mode: str, lines: int) -> dict:
    """In this process: read the glossary, build a repairer, repair the lines; the figures."""
    from glossary.files import load_glossary
    from glossary.repair import Repairer

    sources = (FLORES / f"dev.{src}").read_text(encoding="utf-8").split("\n")[:lines]
    outputs = (FLORES / f"dev.{src}-{tgt}.opusmt.{tgt}").read_text(encoding="utf-8").split("\n")[:lines]
    start = time.perf_counter()
    loaded = load_glossary(str(glossary))
    read = time.perf_counter()
    repairer = Repairer(loaded, src, tgt)
    repairer.repair(outputs[0], sources[0] if mode == "source-aware" else None)  # (indexes built on first use)
    built = time.perf_counter()
    for text, source in zip(outputs, sources):
        repairer.repair(text, source if mode == "source-aware" else None)
    done = time.perf_counter()
    return {"read_s": read - start, "build_s": built - read, "ms_per_line": 1000 * (done - built) / len(outputs),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "entries": len(loaded.entries)}


def measure(code: Path, glossary: Path, src: str, tgt: str, mode: str, lines: int) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(glossary), src, tgt, mode, str(lines)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=code, env={**os.environ, "PYTHONPATH": str(code)})
    if done.returncode:
        raise SystemExit(f"{glossary.name} {src}->{tgt} {mode}: {done.stderr.strip().splitlines()[-1]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=997)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--folder", type=Path, default=ROOT / "bench-out" / "glossary-scale")
    parser.add_argument("--checkout", type=Path, default=ROOT, help="the code to time (default: this checkout)")
    parser.add_argument("--runs", type=int, default=1, help="runs of each measure (the median is printed)")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        glossary, src, tgt, mode, lines = args.child
        print(json.dumps(child(Path(glossary), src, tgt, mode, int(lines))))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    paths = write_glossaries(args.folder, sizes)
    print(f"code: {args.checkout}; {args.lines} lines of OPUS-MT FLORES dev output; median of {args.runs} run(s)\n")
    print("| direction | mode | entries | glossary read s | built s | ms per line | × 1,000's | peak MB |")
    print("|---|---|---|---|---|---|---|---|")
    for src, tgt in DIRECTIONS:
        for mode in ("source-aware", "target-only"):
            first = None
            for size in sizes:
                runs = [measure(args.checkout, paths[size], src, tgt, mode, args.lines) for _ in range(args.runs)]
                figures = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
                first = first or figures["ms_per_line"]
                print(f"| {src}→{tgt} | {mode} | {size:,} | {figures['read_s']:.2f} | {figures['build_s']:.2f} | "
                      f"{figures['ms_per_line']:.1f} | {figures['ms_per_line'] / first:.2f} | {figures['peak_mb']:.0f} |",
                      flush=True)


if __name__ == "__main__":
    main()

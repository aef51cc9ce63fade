"""How repair and segmentation time grows with the length of one line (issue 13, item 5).

    python benchmarks/bench_long_lines.py                         # 10k, 100k and 1M characters
    python benchmarks/bench_long_lines.py --baseline /tmp/base    # the same, side by side with another tree
    python benchmarks/bench_long_lines.py --sizes 20000 --profile # where the time goes (cProfile)

A line is a news sentence with four names (three of them mangled the way
machine translation mangles them) repeated until it has the asked number of
characters; the source line repeats the sentence's source as often.
Both directions and both modes of ``glossary.repair.Repairer.repair`` with
the built-in glossary ``levant-news``, and ``translate.segment.segment_text``
on the source lines.  A second kind of line, "dev", is real text: the whole
OPUS-MT output of FLORES-101 dev joined into one line (and its source), with
its glossary ``names-dev.tsv``, set beside the same lines repaired one at a
time (each in a fresh process).

Every measurement runs in a process of its own, importing the tree it
measures (``--baseline DIR``: a folder holding the ``glossary`` and
``translate`` packages of the code to compare with), under ``--timeout``
seconds; a size is not run when ten times the time of the size before it is
over the timeout (the time is at least linear).  Building the repairer is
not counted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# en→ar: the English source and an Arabic translation with «هايات» (Hayat), «إدليب», «موسول», «لاتاكيا».
EN_SOURCE = ("Local sources said Hayat Tahrir al-Sham fighters entered the city of Idlib on Tuesday, while forces "
             "operated in Mosul and shelled positions near Raqqa, Deir ez-Zor and Latakia.")
AR_OUTPUT = ("قالت مصادر محلية إن مقاتلي هايات تحرير الشام دخلوا مدينة إدليب يوم الثلاثاء، بينما نفذت القوات عمليات "
             "في موسول وقصفت مواقع قرب الرقة ودير الزور ولاتاكيا.")
# ar→en: the Arabic source and an English translation with "Mousul", "Raqa", "Lattakiya".
AR_SOURCE = ("قالت مصادر محلية إن مقاتلي هيئة تحرير الشام دخلوا مدينة إدلب يوم الثلاثاء، بينما نفذت القوات عمليات "
             "في الموصل وقصفت مواقع قرب الرقة ودير الزور واللاذقية.")
EN_OUTPUT = ("Local sources said that fighters of Hayat Tahrir al-Sham entered the city of Idleb on Tuesday, while the "
             "forces carried out operations in Mousul and bombed positions near Raqa, Deir Ezzor and Lattakiya.")
CASES = {("en", "ar"): (EN_SOURCE, AR_OUTPUT), ("ar", "en"): (AR_SOURCE, EN_OUTPUT)}
MODES = ("source-aware", "target-only")
PARTS = ("repeated", "dev", "segment")
SHARED = ROOT.parent / "shared"

WORKER = r"""
import json, sys, time
tree, kind, src, tgt, mode, chars, profile = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]), sys.argv[7] == "1"
sys.path.insert(0, tree)
sys.path.insert(0, sys.argv[8])
import bench_long_lines as bench
if kind == "segment":
    from translate.segment import segment_text
    source, _ = bench.CASES[(src, tgt)]
    line, _ = bench.line_of(source, source, chars)
    started = time.perf_counter()
    segments = segment_text(line, src)
    print(json.dumps({"seconds": time.perf_counter() - started, "chars": len(line), "segments": len(segments)}))
    sys.exit()
from glossary.files import load_glossary
from glossary.repair import Repairer
import glossary.repair
assert glossary.repair.__file__.startswith(tree), glossary.repair.__file__
if kind in ("dev", "dev-lines"):
    repairer = Repairer(load_glossary(str(bench.SHARED / "data" / "names-dev.tsv")), src, tgt)
    sources, outputs = bench.dev_lines(src, tgt)
    aware = mode == "source-aware"
    repairer.repair(outputs[0], sources[0] if aware else None)  # (builds the glossary's indexes)
    started = time.perf_counter()
    if kind == "dev":
        results = [repairer.repair(" ".join(outputs), " ".join(sources) if aware else None)]
    else:
        results = [repairer.repair(o, s if aware else None) for s, o in zip(sources, outputs)]
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "chars": sum(len(r.text) for r in results) + len(results) - 1,
                      "fixes": sum(len(r.fixes) for r in results), "suggestions": sum(len(r.suggestions) for r in results)}))
    sys.exit()
repairer = Repairer(load_glossary("levant-news"), src, tgt)
source, output = bench.CASES[(src, tgt)]
line, source_line = bench.line_of(source, output, chars)
repairer.repair(output, source), repairer.repair(output)
if profile:
    import cProfile, pstats
    profiler = cProfile.Profile()
    profiler.enable()
started = time.perf_counter()
result = repairer.repair(line, source_line if mode == "source-aware" else None)
seconds = time.perf_counter() - started
if profile:
    profiler.disable()
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(15)
print(json.dumps({"seconds": seconds, "chars": len(line), "fixes": len(result.fixes), "suggestions": len(result.suggestions)}))
"""


def line_of(source: str, output: str, chars: int) -> tuple[str, str]:
    """``output`` repeated (space between) until the line has at least ``chars`` characters, and the source as often."""
    repeats = max(1, -(-chars // (len(output) + 1)))
    return " ".join([output] * repeats), " ".join([source] * repeats)


def dev_lines(src: str, tgt: str) -> tuple[list[str], list[str]]:
    flores = SHARED / "data" / "flores101-dev"
    def read(path: Path) -> list[str]:
        return path.read_text(encoding="utf-8").split("\n")[:-1]

    return read(flores / f"dev.{src}"), read(flores / f"dev.{src}-{tgt}.opusmt.{tgt}")


def measure(tree: str, kind: str, src: str, tgt: str, mode: str, chars: int, timeout: float,
            profile: bool = False) -> dict | None:
    """One measurement in a fresh process (None: it ran past ``timeout``)."""
    try:
        done = subprocess.run([sys.executable, "-c", WORKER, tree, kind, src, tgt, mode, str(chars), "1" if profile else "0",
                               str(ROOT / "benchmarks")], capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as failed:
        raise SystemExit(failed.stderr)
    if profile:
        print(f"\n#### {src}→{tgt} {mode}, {chars:,} characters\n\n```\n{done.stderr.strip()}\n```")
    return json.loads(done.stdout.splitlines()[-1])


def seconds_cell(found: dict | None, skipped: float | None, timeout: float) -> str:
    if found is not None:
        return f"{found['seconds']:.2f}"
    if skipped is not None:
        return f"≥ {skipped:.0f} (not run)"
    return f"> {timeout:.0f} (stopped)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000], metavar="CHARS")
    parser.add_argument("--baseline", metavar="DIR", help="a tree to compare with (holding glossary/ and translate/)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds one measurement may take (default 300)")
    parser.add_argument("--profile", action="store_true", help="print the 15 costliest functions of each run (this tree)")
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS),
                        help="what to measure: lines of a repeated sentence, the FLORES dev output joined into one "
                             "line, segmentation (default: all)")
    args = parser.parse_args()
    trees = [("this code", str(ROOT))] + ([("baseline", str(Path(args.baseline).resolve()))] if args.baseline else [])

    if "repeated" in args.parts:
        repeated_table(args, trees)
    if "dev" in args.parts and (SHARED / "data" / "flores101-dev").is_dir():
        dev_table(args, trees)
    if "segment" in args.parts:
        segment_table(args)


def repeated_table(args, trees) -> None:
    """One sentence repeated on one line, each size, each tree (a size past the timeout is estimated)."""
    print("### Repair of one long line (levant-news; seconds for the line, and per 100,000 characters)\n")
    header = "| direction | mode | characters | fixes |" + "".join(f" {label} s | {label} s/100k |" for label, _ in trees)
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for (src, tgt) in CASES:
        for mode in MODES:
            previous = {label: None for label, _ in trees}
            for chars in args.sizes:
                cells, fixes = [], None
                for label, tree in trees:
                    last = previous[label]
                    estimate = None
                    if last is not None and last.get("estimate"):
                        estimate = last["estimate"] * chars / last["chars"]
                    elif last is not None and last.get("seconds") is not None:
                        estimate = last["seconds"] * chars / last["chars"]
                    if last is not None and last.get("stopped"):
                        found, skipped = None, args.timeout * chars / last["chars"]
                    elif estimate is not None and estimate > args.timeout:
                        found, skipped = None, estimate
                    else:
                        found = measure(tree, "repair", src, tgt, mode, chars, args.timeout,
                                        profile=args.profile and label == "this code")
                        skipped = None
                    previous[label] = (found if found is not None else
                                       {"chars": chars, "estimate": skipped} if skipped is not None else
                                       {"chars": chars, "stopped": True})
                    cells.append(seconds_cell(found, skipped, args.timeout))
                    cells.append(f"{found['seconds'] * 100_000 / found['chars']:.2f}" if found else "")
                    if found is not None and fixes is None:
                        fixes, length = found["fixes"], found["chars"]
                    elif found is not None and found["fixes"] != fixes:
                        cells[-2] += f" ({found['fixes']} fixes)"  # the trees disagree
                shown = f"{length:,}" if fixes is not None else f"{chars:,}"
                print(f"| {src}→{tgt} | {mode} | {shown} | {fixes if fixes is not None else ''} | "
                      + " | ".join(cells) + " |", flush=True)


def dev_table(args, trees) -> None:
    """FLORES-101 dev OPUS-MT output as one line and line by line, each tree."""
    print("\n### FLORES-101 dev OPUS-MT output as one line, and line by line (names-dev.tsv; seconds)\n")
    header = "| direction | mode | characters | fixes (one line / line by line) |" + "".join(
        f" {label}: one line | {label}: line by line |" for label, _ in trees)
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for (src, tgt) in CASES:
        for mode in MODES:
            cells, counts, length = [], {}, None
            for label, tree in trees:
                for kind in ("dev", "dev-lines"):
                    found = measure(tree, kind, src, tgt, mode, 0, args.timeout)
                    cells.append(f"{found['seconds']:.2f}" if found else f"> {args.timeout:.0f} (stopped)")
                    if found:
                        counts.setdefault(kind, set()).add(found["fixes"])
                        length = found["chars"]
            fixes = " / ".join(",".join(map(str, sorted(counts.get(k, ())))) for k in ("dev", "dev-lines"))
            print(f"| {src}→{tgt} | {mode} | {length or 0:,} | {fixes} | " + " | ".join(cells) + " |", flush=True)


def segment_table(args) -> None:
    """Segmentation of one long line, this tree."""
    print("\n### Segmentation of one long line (translate.segment.segment_text, this code; seconds)\n")
    print("| language | characters | sentences | seconds | s/100k |")
    print("|---|---|---|---|---|")
    for (src, tgt) in CASES:
        for chars in args.sizes:
            found = measure(str(ROOT), "segment", src, tgt, "", chars, args.timeout)
            print(f"| {src} | {found['chars']:,} | {found['segments']:,} | {found['seconds']:.3f} | "
                  f"{found['seconds'] * 100_000 / found['chars']:.3f} |", flush=True)


if __name__ == "__main__":
    main()

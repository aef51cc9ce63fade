"""The batch job on Ray against the single-process command, at equal cores (issue 14).

    python benchmarks/bench_ray.py            # about 7 minutes on a 2-core machine
    python benchmarks/bench_ray.py --quick    # smoke test: 32 lines, 1 repeat

Every run is ``mtrepair translate`` as a user types it, in a process of its
own, with the random-weight model of the real OPUS-MT ar-en shape
(tools.random_model, seed 0; CTranslate2 int8, the default engine,
converted once before timing), beam 4 and at most 24 target tokens per
sentence, each with ``--report``:

- single: one process, ``--threads`` = all cores, on one file of N lines;
- ray 1×C: ``--ray local --workers 1 --cpus-per-worker C``;
- ray C×1: ``--ray local --workers C --cpus-per-worker 1``;

the Ray runs on the same N lines as N/64 files of 64 lines.  Each is also
run on a single line: its time is the fixed cost (starting Ray, loading the
model, the probe), and throughput is (N - 1) / (time on N - time on 1).
Medians of the repeats.  The outputs of every run are compared byte for
byte.  Then the driver's own work per record (read, render, write; the one
part that does not scale out, with the report rows) is timed on a long file,
to say where the bottleneck moves as workers are added.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_model_sizes import ensure_model  # noqa: E402

SHARED = Path(os.environ.get("MTREPAIR_SHARED", ROOT.parent / "shared"))
SOURCE = SHARED / "data" / "flores101-dev" / "dev.ar"
DECODING = ["--beam-size", "4", "--max-length", "24"]
CHUNK = 64


def mtrepair(args: list[str], env: dict) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "translate.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"mtrepair {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return seconds


def prepare(work: Path, lines: list[str]) -> dict[str, Path]:
    """The inputs: one file of all lines, a folder of 64-line files, and one line each way."""
    inputs = work / "inputs"
    shutil.rmtree(inputs, ignore_errors=True)
    (inputs / "folder").mkdir(parents=True)
    (inputs / "one-line").mkdir()
    (inputs / "all.ar").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for n, start in enumerate(range(0, len(lines), CHUNK)):
        (inputs / "folder" / f"part{n:03d}.ar").write_text("\n".join(lines[start : start + CHUNK]) + "\n",
                                                          encoding="utf-8")
    (inputs / "one-line" / "part000.ar").write_text(lines[0] + "\n", encoding="utf-8")
    (inputs / "one.ar").write_text(lines[0] + "\n", encoding="utf-8")
    return {"all": inputs / "all.ar", "folder": inputs / "folder", "one": inputs / "one.ar",
            "one-folder": inputs / "one-line"}


def configs(cores: int) -> dict[str, list[str]]:
    return {"single process": ["--threads", str(cores)],
            f"ray 1×{cores}": ["--ray", "local", "--workers", "1", "--cpus-per-worker", str(cores)],
            f"ray {cores}×1": ["--ray", "local", "--workers", str(cores), "--cpus-per-worker", "1"]}


def run(name: str, options: list[str], model: Path, inputs: dict[str, Path], out: Path, env: dict, *,
        small: bool) -> float:
    shutil.rmtree(out, ignore_errors=True)
    ray = "--ray" in options
    source = inputs["one-folder" if small else "folder"] if ray else inputs["one" if small else "all"]
    target = out if ray else out.with_suffix(".ar")
    if not ray:
        target.unlink(missing_ok=True)
    report = out.with_name(out.name + ".report.jsonl")
    return mtrepair(["translate", "-q", "--from", "ar", "--to", "en", "--model", str(model), *DECODING, *options,
                     str(source), "-o", str(target), "--report", str(report)], env)


def outputs_agree(work: Path, names: list[str]) -> bool:
    single = (work / "out-0.ar").read_text(encoding="utf-8")
    for k in range(1, len(names)):
        parts = sorted((work / f"out-{k}").glob("part*.ar"))
        if "".join(p.read_text(encoding="utf-8") for p in parts) != single:
            return False
    return True


def driver_rate(work: Path, lines: list[str], report: Path) -> float:
    """Records per second of the driver's own work (translate.jobs.ray_driver._finish_file): read and
    check the input again, decode each chunk's translations and report rows, render and write
    the output, write the report rows; on 50 copies of the lines and of a real run's report."""
    from translate.common.formats import read_document, write_document
    from translate.common.outputs import write_lines

    copies = 50
    path = work / "inputs" / "long.ar"
    path.write_text("\n".join(lines * copies) + "\n", encoding="utf-8")
    rows = report.read_text(encoding="utf-8").splitlines()
    per_record = len(rows) / len(lines)
    chunks = [(json.dumps(lines[s : s + CHUNK], ensure_ascii=False),
               "[" + ",".join(rows[int(s * per_record) : int((s + CHUNK) * per_record)]) + "]")
              for s in range(0, len(lines), CHUNK)] * copies
    times = []
    for _ in range(3):
        started = time.perf_counter()
        document = read_document(str(path))
        translations, report_rows = [], []
        for texts, chunk_rows in chunks:
            translations.extend(json.loads(texts))
            report_rows.extend({"file": "long.ar", **row} for row in json.loads(chunk_rows))
        write_document(str(work / "long.out"), document, [document.render(i, t) for i, t in enumerate(translations)])
        write_lines(str(work / "long.report"), [json.dumps(r, ensure_ascii=False) for r in report_rows])
        times.append(time.perf_counter() - started)
    return len(lines) * copies / statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=997, help="FLORES dev lines (default: all 997)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="32 lines, one repeat")
    parser.add_argument("--work", type=Path, default=ROOT / "bench-out" / "ray")
    args = parser.parse_args()
    if args.quick:
        args.lines, args.repeats = 32, 1
    cores = os.cpu_count() or 1
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    model = ensure_model(ROOT / "bench-out" / "model-sizes", "base")
    lines = [line for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()][: args.lines]
    inputs = prepare(work, lines)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "MTREPAIR_CACHE": str(work / "cache")}
    chosen = configs(cores)
    names = list(chosen)
    run(names[0], chosen[names[0]], model, inputs, work / "warm", env, small=True)  # the int8 conversion, untimed
    timings: dict[str, dict[str, list[float]]] = {n: {"full": [], "fixed": []} for n in names}
    for repeat in range(args.repeats):
        for k, name in enumerate(names):
            for small in (True, False):
                seconds = run(name, chosen[name], model, inputs, work / f"out-{k}", env, small=small)
                timings[name]["fixed" if small else "full"].append(seconds)
                print(f"repeat {repeat + 1} {name} {'1 line' if small else f'{len(lines)} lines'}: {seconds:.1f} s",
                      file=sys.stderr)
    same = outputs_agree(work, names)
    rows = []
    for name in names:
        full, fixed = statistics.median(timings[name]["full"]), statistics.median(timings[name]["fixed"])
        rows.append({"run": name, "full_s": full, "fixed_s": fixed,
                     "throughput": (len(lines) - 1) / (full - fixed), "end_to_end": len(lines) / full})
    base = rows[0]
    print(f"\n{len(lines)} FLORES dev lines (ar→en), {cores} cores, beam 4, ≤24 tokens, ctranslate2 int8, "
          f"medians of {args.repeats}; outputs byte-identical across runs: {'yes' if same else 'NO'}\n")
    print("| run | time on N lines, s | fixed cost (1 line), s | records/s after start-up | vs single | "
          "records/s end to end |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['run']} | {row['full_s']:.1f} | {row['fixed_s']:.1f} | {row['throughput']:.1f} | "
              f"{row['throughput'] / base['throughput']:.2f}× | {row['end_to_end']:.1f} |")
    per_worker = rows[-1]["throughput"] / cores
    driver = driver_rate(work, lines, work / "out-0.report.jsonl")
    print(f"\nper worker (1 CPU each, from '{rows[-1]['run']}'): {per_worker:.1f} records/s; "
          f"driver (read, render, write): {driver:,.0f} records/s")
    (work / "results.json").write_text(json.dumps({"rows": rows, "timings": timings, "per_worker": per_worker,
                                                   "driver": driver, "same": same, "lines": len(lines)},
                                                  indent=1) + "\n")


if __name__ == "__main__":
    main()

"""Every candidate fix that reaches repair's decision stage on the dev data, labelled right or wrong.

The data (benchmarks/devdata.py): six systems' FLORES-101 dev output with
names-dev.tsv (machine output: a candidate is right when the benchmarks' judge,
benchmarks/judge.py, says the fix alone is right and clean), and the human
translations of four corpora (FLORES-101 dev, TICO-19 dev, NTREX-128, PUD)
with levant-news, names-dev.tsv and the Wikidata name words (text that needs
no repair: every candidate is wrong), both directions, both modes.  Each
candidate carries its *unit*: the system for machine output, the corpus for a
human translation, so that models and thresholds can be chosen leaving one
unit out (benchmarks/fit_confidence.py).

Target-only repair with the 64,796 Wikidata words is slow (issue 24): it reads
every --wikidata-every-th line of each corpus (default 10).

    python benchmarks/candidates.py [--workers 2]     # writes bench-out/candidates.jsonl (about 10 minutes)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from multiprocessing import Pool

from devdata import MODES, ROOT, glossary, machine_runs, misaligned_lines, reference_runs
from judge import Judge, shifted

from glossary.confidence import Calibration
from glossary.invariants import apply_fixes
from glossary.repair import Fix, Repairer

OUT = ROOT / "bench-out"
CANDIDATES = OUT / "candidates.jsonl"
WIKIDATA_TARGET_ONLY_EVERY = 10
# Every candidate that reaches the decision stage is collected: nothing applied for its confidence alone.
COLLECT = Calibration({}, apply_threshold=0.0, suggest_from=0.0, fitted={"note": "collecting candidates"})


def runs() -> list:
    return machine_runs() + reference_runs()


def collect_run(index: int, wikidata_every: int = WIKIDATA_TARGET_ONLY_EVERY) -> list[dict]:
    """The candidates of one run (``runs()[index]``), both modes."""
    run = runs()[index]
    g = glossary(run.glossary)
    entries = {e.id: e for e in g.entries}
    repairer = Repairer(g, run.src, run.tgt, calibration=COLLECT)
    judge = None if run.needs_no_repair else Judge(g, run.src, run.tgt)
    unjudged = frozenset() if run.needs_no_repair else misaligned_lines(run.src, run.tgt)
    rows = []
    for mode in MODES:
        every = wikidata_every if run.glossary == "wikidata" and mode == "target-only" else 1
        for number, (source, output, reference) in enumerate(zip(run.sources, run.outputs, run.references), 1):
            if number in unjudged or (number - 1) % every:
                continue  # a reference that is no translation of its source cannot judge a fix
            decided = repairer.candidates(output, source if mode == "source-aware" else None)
            # A fix is judged on the line with every other fix of it applied (a line can need two),
            # anything else on the line with it alone.
            fixes = [Fix(number, c.start, c.end, output[c.start:c.end], c.after, c.entry.id, c.evidence.method,
                         d.confidence) for c, d, _ in decided if d.kind == "fix"]
            together = apply_fixes(output, fixes)
            placed = {(f.start, f.end, f.entry_id): f for f in shifted(fixes)}
            for candidate, decision, _ in decided:
                before = output[candidate.start:candidate.end]
                fix = placed.get((candidate.start, candidate.end, candidate.entry.id))
                repaired = together if fix is not None and decision.kind == "fix" else None
                if repaired is None:
                    fix = Fix(number, candidate.start, candidate.end, before, candidate.after, candidate.entry.id,
                              candidate.evidence.method, decision.confidence)
                    repaired = apply_fixes(output, [fix])
                right, problems = False, ()
                if judge is not None:
                    verdict = judge.verdict(output, repaired, fix, reference, entries[candidate.entry.id])
                    right, problems = verdict.right, verdict.problems
                rows.append({
                    "unit": run.corpus if run.needs_no_repair else run.system, "human": run.needs_no_repair,
                    "run": run.name, "glossary": run.glossary, "mode": mode, "src": run.src, "tgt": run.tgt,
                    "line": number, "lines": len(run.outputs) // every, "entry": candidate.entry.id,
                    "type": candidate.entry.type, "before": before, "after": candidate.after,
                    "evidence": asdict(candidate.evidence), "decision": decision.kind, "why": decision.why,
                    "right": right, "problems": list(problems)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    started = time.perf_counter()
    total = len(runs())
    with Pool(args.workers) as pool, open(CANDIDATES, "w", encoding="utf-8") as out:
        # Longest runs first (the Wikidata glossary's), so the workers finish together.
        order = sorted(range(total), key=lambda i: runs()[i].glossary != "wikidata")
        for done, rows in enumerate(pool.imap_unordered(collect_run, order), 1):
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            print(f"{done}/{total} runs, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    print(f"wrote {CANDIDATES}")


if __name__ == "__main__":
    main()

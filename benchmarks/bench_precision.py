"""Does repair damage correct text?  Precision-first figures for glossary repair (issue 11).

1. Reference invariance: the human translations of FLORES-101 dev and
   TICO-19 dev (text that needs no repair) repaired with levant-news and
   with names-dev.tsv, source-aware and target-only: changed lines per
   1,000 and lines whose numbers changed (goal: at most 1 per 1,000 in every
   run, and no number changed).
2. Machine output: six systems' FLORES-101 dev output, both directions, both
   modes, with names-dev.tsv: fixes applied and the share that are right
   (the reference names the fix's entry; "clean" also asks that no word the
   reference keeps was replaced; fixes on the few lines whose reference is no
   translation of the source, devdata.misaligned_lines, are not judged), suggestions, name accuracy before -> after
   (shared/README's plain measure), chrF before -> after (sacrebleu).
   Goals: >= 99 % of fixes right in every run; source-aware accuracy >= 95 %
   for OPUS-MT both ways and >= 93 % for every system; target-only >= 85 %
   OPUS-MT en->ar, >= 80 % ar->en; chrF never lower.
3. Ordinary words: the 50,000 most frequent words of each language (wordfreq),
   20 to a line, repaired without a source (the mode with the least to go
   on) with each glossary: how many are changed.  English words are given
   capitals, as names have: the hardest case for the capitals rule.
4. Long lines: one sentence repeated up to 160 times on one line (linear time).
5. Cost: ms per line, this code against another checkout side by side
   (--baseline DIR: a checkout of the code to compare with).

Confidence models: by default each half of the lines (odd / even) is
repaired with the model fitted on the other half (benchmarks/fit_confidence.py
writes bench-out/confidence-{odd,even}.json), so no line is scored by a model
or threshold chosen on it; --shipped uses glossary/data/confidence.json (fitted
on all lines) instead.

    python benchmarks/bench_precision.py [--shipped] [--skip-cost] [--skip-sweep] [--baseline ../old-checkout]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from devdata import (FLORES, HALVES, MODES, ROOT, ReferenceNames, glossary, in_half, machine_runs,
                     misaligned_lines, reference_runs)

from glossary.confidence import load_calibration
from glossary.invariants import numbers
from glossary.normalize import fold
from glossary.repair import Repairer

OUT = ROOT / "bench-out"


def repairers(run, shipped: bool) -> dict[str | None, Repairer]:
    """The repairer for each half's lines: fitted on the other half (or the shipped one for both)."""
    g = glossary(run.glossary)
    if shipped:
        one = Repairer(g, run.src, run.tgt)
        return {"odd": one, "even": one}
    return {half: Repairer(g, run.src, run.tgt, calibration=load_calibration(str(OUT / f"confidence-{other}.json")))
            for half, other in (("odd", "even"), ("even", "odd"))}


def repair_run(run, mode: str, by_half: dict) -> list:
    results = []
    for number, (source, output) in enumerate(zip(run.sources, run.outputs), 1):
        repairer = by_half["odd" if in_half(number, "odd") else "even"]
        results.append(repairer.repair(output, source if mode == "source-aware" else None, line=number))
    return results


def plain_accuracy(entries, outputs: list[str], lang: str) -> float:
    """shared/README's measure: a listed line counts when it holds one of the entry's forms (folded substring)."""
    hits = total = 0
    for entry in entries:
        forms = [fold(f) for f in entry.forms(lang)]
        for number in entry.extra["lines"].split(","):
            total += 1
            hits += any(f in fold(outputs[int(number) - 1]) for f in forms)
    return 100 * hits / total


def invariance_table(shipped: bool) -> list[dict]:
    print("\n### Text that needs no repair (human translations)\n")
    print("| corpus | direction | glossary | mode | lines | changed lines | per 1,000 | numbers changed | suggestions |")
    print("|---|---|---|---|---|---|---|---|---|")
    rows = []
    for run in reference_runs():
        by_half = repairers(run, shipped)
        for mode in MODES:
            results = repair_run(run, mode, by_half)
            changed = [r for r in results if r.repaired != r.text]
            renumbered = [r for r in results if numbers(r.repaired) != numbers(r.text)]
            suggestions = sum(len(r.suggestions) for r in results)
            per = 1000 * len(changed) / len(results)
            rows.append({"run": run, "mode": mode, "changed": changed, "per": per, "numbers": len(renumbered)})
            print(f"| {run.corpus} | {run.src}→{run.tgt} | {run.glossary} | {mode} | {len(results)} | {len(changed)} "
                  f"| {per:.1f} | {len(renumbered)} | {suggestions} |", flush=True)
    return rows


def machine_table(shipped: bool) -> list[dict]:
    from sacrebleu.metrics import CHRF

    print("\n### Machine output (FLORES-101 dev, names-dev.tsv)\n")
    print("| mode | direction | system | fixes | right | clean | suggestions | names before → after | chrF before → after |")
    print("|---|---|---|---|---|---|---|---|---|")
    rows = []
    for mode in MODES:
        for run in machine_runs():
            g = glossary(run.glossary)
            names = ReferenceNames(g, run.src, run.tgt)
            results = repair_run(run, mode, repairers(run, shipped))
            unjudged = misaligned_lines(run.src, run.tgt)
            fixes = [(r.line, f) for r in results for f in r.fixes if r.line not in unjudged]
            right = [(n, f) for n, f in fixes if names.names(run.references[n - 1], f.entry_id)]
            clean = [(n, f) for n, f in right if names.clean(run.references[n - 1], f.before, f.after)]
            repaired = [r.repaired for r in results]
            before, after = plain_accuracy(g.entries, list(run.outputs), run.tgt), plain_accuracy(g.entries, repaired, run.tgt)
            chrf0 = CHRF().corpus_score(list(run.outputs), [list(run.references)]).score
            chrf1 = CHRF().corpus_score(repaired, [list(run.references)]).score
            share = 100 * len(right) / len(fixes) if fixes else 100.0
            rows.append({"run": run, "mode": mode, "fixes": len(fixes), "right": len(right), "share": share,
                         "before": before, "after": after, "chrf": (chrf0, chrf1),
                         "wrong": [(n, f) for n, f in fixes if (n, f) not in right]})
            print(f"| {mode} | {run.src}→{run.tgt} | {run.system} | {len(fixes)} | {len(right)} ({share:.1f} %) "
                  f"| {len(clean)} | {sum(len(r.suggestions) for r in results)} | {before:.1f} → {after:.1f} "
                  f"| {chrf0:.2f} → {chrf1:.2f} |", flush=True)
    return rows


def halves_table(shipped: bool) -> None:
    """The machine-output goals on each half alone (each half repaired by the model fitted on the other)."""
    print("\n### Each half alone (OPUS-MT; right fixes and name accuracy)\n")
    print("| mode | direction | half | fixes | right | names before → after |")
    print("|---|---|---|---|---|---|")
    for mode in MODES:
        for run in machine_runs(("opusmt",)):
            g = glossary(run.glossary)
            names = ReferenceNames(g, run.src, run.tgt)
            results = repair_run(run, mode, repairers(run, shipped))
            unjudged = misaligned_lines(run.src, run.tgt)
            for half in HALVES:
                mine = [r for r in results if in_half(r.line, half)]
                fixes = [(r.line, f) for r in mine for f in r.fixes if r.line not in unjudged]
                right = sum(1 for n, f in fixes if names.names(run.references[n - 1], f.entry_id))
                entries = [e for e in g.entries]
                kept = set(r.line for r in mine)
                hits = total = hits0 = 0
                for entry in entries:
                    forms = [fold(f) for f in entry.forms(run.tgt)]
                    for number in map(int, entry.extra["lines"].split(",")):
                        if number in kept:
                            total += 1
                            hits0 += any(f in fold(run.outputs[number - 1]) for f in forms)
                            hits += any(f in fold(results[number - 1].repaired) for f in forms)
                print(f"| {mode} | {run.src}→{run.tgt} | {half} | {len(fixes)} | {right} "
                      f"({100 * right / max(len(fixes), 1):.1f} %) | {100 * hits0 / total:.1f} → {100 * hits / total:.1f} |")


def sweep_table(size: int = 50_000) -> None:
    from wordfreq import top_n_list

    print(f"\n### Ordinary words ({size:,} most frequent words of each language, target-only)\n")
    print("| words | glossary | lines | words changed | per 10,000 | suggestions | changed |")
    print("|---|---|---|---|---|---|---|")
    for lang, src in (("ar", "en"), ("en", "ar")):
        words = [w for w in top_n_list(lang, size * 2) if w.isalpha()][:size]
        if lang == "en":
            lines = ["They said " + ", ".join(w.capitalize() for w in words[i:i + 20]) + " today."
                     for i in range(0, len(words), 20)]
        else:
            lines = [" ، ".join(words[i:i + 20]) for i in range(0, len(words), 20)]
        for name in ("levant-news", "names-dev"):
            repairer = Repairer(glossary(name), src, lang)
            results = [repairer.repair(line) for line in lines]
            fixes = [f for r in results for f in r.fixes]
            shown = ", ".join(f"{f.before} → {f.after}" for f in fixes[:6]) + (" ..." if len(fixes) > 6 else "")
            print(f"| {lang} | {name} | {len(lines):,} | {len(fixes)} | {10_000 * len(fixes) / len(words):.1f} "
                  f"| {sum(len(r.suggestions) for r in results)} | {shown} |", flush=True)


def long_lines_table() -> None:
    """One line made of a news sentence repeated: repair time must grow with the line, not faster."""
    arabic = "نفذت القوات عمليات في موسول وقصفت مواقع قرب الرقة ودير الزور وحلب يوم الثلاثاء. "
    english = "Forces operated in Mosul and shelled positions near Raqqa, Deir ez-Zor and Aleppo on Tuesday. "
    repairer = Repairer(glossary("levant-news"), "en", "ar")
    print("\n### Long lines (levant-news, en→ar: one sentence repeated on one line)\n")
    print("| repeats | characters | source-aware s | target-only s | fixes |")
    print("|---|---|---|---|---|")
    for n in (5, 20, 80, 160):
        times, fixes = [], 0
        for source in (english * n, None):
            started = time.perf_counter()
            result = repairer.repair(arabic * n, source)
            times.append(time.perf_counter() - started)
            fixes = len(result.fixes)
        print(f"| {n} | {len(arabic) * n:,} | {times[0]:.2f} | {times[1]:.2f} | {fixes} |", flush=True)


COST_SCRIPT = """
import statistics, sys, time
sys.path.insert(0, sys.argv[1])
from glossary.files import load_glossary
from glossary.repair import Repairer
shared = sys.argv[2]
g = load_glossary(shared + "/data/names-dev.tsv")
for src, tgt in (("en", "ar"), ("ar", "en")):
    sources = open(f"{shared}/data/flores101-dev/dev.{src}", encoding="utf-8").read().split("\\n")[:-1]
    outputs = open(f"{shared}/data/flores101-dev/dev.{src}-{tgt}.opusmt.{tgt}", encoding="utf-8").read().split("\\n")[:-1]
    r = Repairer(g, src, tgt)
    r.repair(outputs[0], sources[0]); r.repair(outputs[0])
    for mode in ("source-aware", "target-only"):
        times = []
        for _ in range(3):
            started = time.perf_counter()
            for s, o in zip(sources, outputs):
                r.repair(o, s if mode == "source-aware" else None)
            times.append(time.perf_counter() - started)
        print(src, tgt, mode, 1000 * statistics.median(times) / len(outputs))
"""


def cost_table(baseline: str | None) -> None:
    print("\n### Cost (OPUS-MT output, names-dev.tsv, ms per line, median of 3 passes over 997 lines)\n")
    trees = [("this code", str(ROOT))] + ([("baseline", baseline)] if baseline else [])
    measured: dict[str, dict[tuple, float]] = {}
    for label, tree in trees:
        done = subprocess.run([sys.executable, "-c", COST_SCRIPT, tree, str(FLORES.parent.parent)],
                              capture_output=True, text=True, check=True, cwd=tree)
        measured[label] = {(a, b, c): float(d) for a, b, c, d in (line.split() for line in done.stdout.splitlines())}
    print("| direction | mode | " + " | ".join(label for label, _ in trees) + (" | ratio |" if baseline else " |"))
    print("|---|---|" + "---|" * len(trees) + ("---|" if baseline else ""))
    for key, ms in measured["this code"].items():
        cells = [f"{measured[label][key]:.2f}" for label, _ in trees]
        ratio = f" | {ms / measured['baseline'][key]:.2f}×" if baseline else ""
        print(f"| {key[0]}→{key[1]} | {key[2]} | " + " | ".join(cells) + ratio + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shipped", action="store_true", help="repair every line with the shipped model")
    parser.add_argument("--skip-cost", action="store_true")
    parser.add_argument("--skip-sweep", action="store_true", help="skip the ordinary-words sweep (about 3 minutes)")
    parser.add_argument("--baseline", metavar="DIR", help="a checkout to compare repair cost with")
    parser.add_argument("--show-wrong", action="store_true", help="list every changed human line and wrong fix")
    args = parser.parse_args()
    started = time.perf_counter()
    print(f"models: {'shipped (fitted on all lines)' if args.shipped else 'each half repaired by the model fitted on the other half'}")
    invariance = invariance_table(args.shipped)
    machine = machine_table(args.shipped)
    halves_table(args.shipped)
    worst = max(invariance, key=lambda r: r["per"])
    print(f"\nworst human-translation run: {worst['run'].name} {worst['mode']}: {worst['per']:.1f} per 1,000; "
          f"numbers changed: {sum(r['numbers'] for r in invariance)}")
    lowest = min(machine, key=lambda r: r["share"])
    print(f"lowest share of right fixes: {lowest['run'].name} {lowest['mode']}: {lowest['share']:.1f} %; "
          f"chrF lower in {sum(1 for r in machine if r['chrf'][1] < r['chrf'][0] - 1e-9)} runs")
    if args.show_wrong:
        for r in invariance:
            for result in r["changed"]:
                for f in result.fixes:
                    print(f"  changed {r['run'].name} {r['mode']} line {result.line}: {f.before!r} -> {f.after!r} "
                          f"({f.method}, {f.confidence})")
        for r in machine:
            for n, f in r["wrong"]:
                print(f"  wrong {r['run'].name} {r['mode']} line {n}: {f.before!r} -> {f.after!r} ({f.method}, {f.confidence})")
    if not args.skip_sweep:
        sweep_table()
        long_lines_table()
    if not args.skip_cost:
        cost_table(args.baseline)
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()

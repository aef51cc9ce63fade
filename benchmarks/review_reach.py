"""How far name accuracy goes once an editor has reviewed the suggestions (issue 21).

Repair applies a fix only when it is sure (precision first: a name left unfixed is listed, a
damaged line is not forgiven) and lists the rest as suggestions for the editor's review.  This
script measures, for each system's FLORES-101 dev output (names-dev.tsv, source-aware, each system
repaired with the confidence model fitted without it, as benchmarks/bench_precision.py does):

- name accuracy as repaired (the fixes applied alone);
- name accuracy once an editor accepts every suggestion that benchmarks/judge.py judges right and
  clean (an editor who reads the source), and how many suggestions that is, and how many
  suggestions were wrong (an editor turns them down).

The second figure is the reach of the candidates repair finds today without lowering its
precision; the gap between the two is what the review adds.

    python benchmarks/fit_confidence.py     # the left-out models (bench-out/confidence-without-*.json)
    python benchmarks/review_reach.py
"""

from __future__ import annotations

from bench_precision import accuracy, repair_run, repairer
from devdata import glossary, machine_runs
from judge import Judge, shifted

from glossary.stages.invariants import apply_fixes


def reviewed(result, judge: Judge, reference: str, entries: dict) -> tuple[str, int, int]:
    """The line with the suggestions an editor who reads the source would accept (the judge's right
    ones), in order, none overlapping a fix; and how many were accepted and turned down."""
    fixes, accepted, declined = list(result.fixes), 0, 0
    for suggestion in result.suggestions:
        if any(suggestion.start < f.end and f.start < suggestion.end for f in fixes):
            continue
        trial = fixes + [suggestion]
        placed = next(f for f in shifted(trial) if f.start == suggestion.start and f.after == suggestion.after)
        verdict = judge.verdict(result.text, apply_fixes(result.text, trial), placed, reference,
                                entries[suggestion.entry_id])
        if verdict.right:
            fixes.append(suggestion)
            accepted += 1
        else:
            declined += 1
    return apply_fixes(result.text, fixes), accepted, declined


def main() -> None:
    print("| direction | system | names as repaired | after review | suggestions accepted | turned down |")
    print("|---|---|---|---|---|---|")
    for run in machine_runs():
        g = glossary(run.glossary)
        entries = {e.id: e for e in g.entries}
        judge = Judge(g, run.src, run.tgt)
        results = repair_run(run, "source-aware", repairer(run, run.system, False))
        lines, accepted, declined = [], 0, 0
        for result in results:
            line, yes, no = reviewed(result, judge, run.references[result.line - 1], entries)
            lines.append(line)
            accepted, declined = accepted + yes, declined + no
        before = accuracy(g.entries, [r.repaired for r in results], run.tgt, "variants")
        after = accuracy(g.entries, lines, run.tgt, "variants")
        print(f"| {run.src}→{run.tgt} | {run.system} | {before:.1f} | {after:.1f} | {accepted} | {declined} |",
              flush=True)


if __name__ == "__main__":
    main()

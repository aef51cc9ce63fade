"""One whole process of repair, to be timed from outside against another checkout (issue 21's cost goal).

Loads names-dev.tsv and repairs OPUS-MT's FLORES-101 dev output PASSES times
with the glossary code of the checkout TREE (0 passes: loading alone).  Time
it as a whole process, this checkout against an older one, in turn (A B A B)
and quote the median ratio, e.g. with ``/usr/bin/time -v`` or hyperfine:

    python benchmarks/bench_repair_cost.py . en ar source-aware 3
    python benchmarks/bench_repair_cost.py ../old-checkout en ar source-aware 3
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tree", help="the checkout whose glossary/ package repairs")
    parser.add_argument("src", choices=["en", "ar"])
    parser.add_argument("tgt", choices=["en", "ar"])
    parser.add_argument("mode", choices=["source-aware", "target-only"])
    parser.add_argument("passes", type=int)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(args.tree).resolve()))
    from glossary.files import load_glossary
    from glossary.repair import Repairer

    flores = SHARED / "flores101-dev"
    sources = (flores / f"dev.{args.src}").read_text(encoding="utf-8").split("\n")[:-1]
    outputs = (flores / f"dev.{args.src}-{args.tgt}.opusmt.{args.tgt}").read_text(encoding="utf-8").split("\n")[:-1]
    repairer = Repairer(load_glossary(str(SHARED / "names-dev.tsv"), args.src, args.tgt), args.src, args.tgt)
    for _ in range(args.passes):
        for source, output in zip(sources, outputs):
            repairer.repair(output, source if args.mode == "source-aware" else None)


if __name__ == "__main__":
    main()

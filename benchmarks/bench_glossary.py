"""Glossary repair on FLORES-101 dev: name accuracy, BLEU/chrF, and matching speed.

1. For the six systems in ``../shared/data/flores101-dev/`` and both
   directions, with ``names-dev.tsv`` as the glossary: name accuracy before
   -> after repair (source-aware and target-only), the share of fixes that
   are correct, and BLEU/chrF before -> after with sacrebleu's paired
   bootstrap test (1000 resamples, p < 0.05 marks a significant change).

   Name accuracy follows ``../shared/README.md``: for every entry and every
   line listed in its ``lines`` column, the name counts when the output
   line holds one of the entry's forms.  Two readings are printed: "plain"
   (substring after light normalisation, as in the README) and "aware"
   (mtrepair's matcher: clitics, inflection, word boundaries).  A fix is
   correct when the human reference line names its entry, in a glossary
   form of either language (references keep some names in Latin script).

2. Matching speed: glossaries of 1,000 and 10,000 entries (the shipped and
   dev glossaries plus generated names), over 1x, 4x and 16x of 62,500
   words of dev text (up to 1 million words); prints words/s.

3. Repair throughput: OPUS-MT output repaired (both modes), 1x/4x/16x the
   dev text; prints words/s.

    python benchmarks/bench_glossary.py [--skip-speed] [--skip-accuracy] [--skip-matching]
        [--mode source-aware|target-only] [--systems opusmt,google]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("MTREPAIR_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "data" / "flores101-dev"
NAMES = SHARED / "data" / "names-dev.tsv"
SYSTEMS = ("google", "microsoft", "bergamot-base", "opusmt", "nllb", "argos")

from glossary.entry import Glossary, GlossaryEntry  # noqa: E402
from glossary.files import default_glossary_path, load_glossary  # noqa: E402
from glossary.matcher import TermMatcher  # noqa: E402
from glossary.normalize import fold  # noqa: E402
from glossary.repair import Repairer  # noqa: E402


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def accuracy(glossary: Glossary, matcher: TermMatcher, outputs: list[str], lang: str) -> tuple[float, float]:
    plain = aware = total = 0
    for entry in glossary.entries:
        forms = [fold(f) for f in entry.forms(lang)]
        for number in entry.extra["lines"].split(","):
            line = outputs[int(number) - 1]
            total += 1
            plain += any(f in fold(line) for f in forms)
            aware += any(entry in m.entries for m in matcher.find(line))
    return 100 * plain / total, 100 * aware / total


def names_entry(reference: str, entry: GlossaryEntry, matchers: tuple[TermMatcher, ...]) -> bool:
    return any(entry in m.entries for matcher in matchers for m in matcher.find(reference))


def significance(before: list[str], after: list[str], references: list[str]) -> dict[str, tuple[float, float, float]]:
    from sacrebleu.metrics import BLEU, CHRF
    from sacrebleu.significance import PairedTest

    metrics = {"BLEU": BLEU(), "chrF2": CHRF()}
    test = PairedTest([("before", before), ("after", after)], metrics, [references], test_type="bs", n_samples=1000)
    _, scores = test()
    out = {}
    for name, results in scores.items():
        if name == "System":
            continue
        out[name.split("+")[0]] = (results[0].score, results[1].score, results[1].p_value)
    return out


def accuracy_table(mode: str, systems: tuple[str, ...] = SYSTEMS) -> None:
    glossary = load_glossary(str(NAMES))
    print(f"\n## {mode} repair (names-dev.tsv, {len(glossary)} entries)\n")
    print("| direction | system | names plain before -> after | names aware before -> after | fixes | correct fixes "
          "| BLEU before -> after (p) | chrF before -> after (p) | seconds |")
    print("|---|---|---|---|---|---|---|---|---|")
    for src, tgt in (("en", "ar"), ("ar", "en")):
        sources, references = lines(DEV / f"dev.{src}"), lines(DEV / f"dev.{tgt}")
        matcher = TermMatcher(glossary, tgt)
        # The reference may keep a name in the source's script ("AOL" in an Arabic line).
        reference_matchers = (matcher, TermMatcher(glossary, src))
        repairer = Repairer(glossary, src, tgt)

        for system in systems:
            outputs = lines(DEV / f"dev.{src}-{tgt}.{system}.{tgt}")
            started = time.perf_counter()
            results = list(repairer.repair_lines(outputs, sources if mode == "source-aware" else None))
            seconds = time.perf_counter() - started
            repaired = [r.repaired for r in results]
            plain0, aware0 = accuracy(glossary, matcher, outputs, tgt)
            plain1, aware1 = accuracy(glossary, matcher, repaired, tgt)
            by_id = {e.id: e for e in glossary.entries}
            fixes = [(r.line, f) for r in results for f in r.fixes]
            correct = sum(1 for line, f in fixes if names_entry(references[line - 1], by_id[f.entry_id], reference_matchers))
            scores = significance(outputs, repaired, references)
            b, c = scores["BLEU"], scores["chrF2"]
            share = f"{100 * correct / len(fixes):.1f} %" if fixes else "-"
            print(f"| {src}→{tgt} | {system} | {plain0:.1f} → {plain1:.1f} | {aware0:.1f} → {aware1:.1f} | {len(fixes)} "
                  f"| {correct} ({share}) | {b[0]:.1f} → {b[1]:.1f} ({b[2]:.3f}) | {c[0]:.1f} → {c[1]:.1f} ({c[2]:.3f}) "
                  f"| {seconds:.2f} |", flush=True)


def synthetic_glossary(size: int) -> Glossary:
    """Real entries first, then generated two-word names in both scripts (fixed seed)."""
    real = list(load_glossary(default_glossary_path()).entries) + list(load_glossary(str(NAMES)).entries)
    rng = random.Random(0)
    latin, arabic = "bdfghklmnrstz", "بدفغهكلمنرستز"
    vowels = "aeiou"

    def name() -> tuple[str, str]:
        en_words, ar_words = [], []
        for _ in range(2):
            idx = [rng.randrange(len(latin)) for _ in range(rng.randint(3, 5))]
            en_words.append("".join(latin[i] + rng.choice(vowels) for i in idx).capitalize())
            ar_words.append("".join(arabic[i] + rng.choice("اوي") for i in idx))
        return " ".join(en_words), " ".join(ar_words)

    entries = real[:size]
    while len(entries) < size:
        en, ar = name()
        entries.append(GlossaryEntry(id=f"gen-{len(entries)}", terms={"en": (en,), "ar": (ar,)}, type="PER"))
    return Glossary(tuple(entries), ("en", "ar"))


def speed_table(repeats: int = 3) -> None:
    print("\n## Matching speed (TermMatcher.find over every line; median of 3 runs)\n")
    print("| language | glossary entries | automaton spellings | build s | words | seconds | words/s |")
    print("|---|---|---|---|---|---|---|")
    for lang in ("ar", "en"):
        base = lines(DEV / f"dev.{lang}")
        words_per_copy = sum(len(line.split()) for line in base)
        copies = -(-62_500 // words_per_copy)  # ceiling: at least 62,500 words
        for size in (1_000, 10_000):
            glossary = synthetic_glossary(size)
            started = time.perf_counter()
            matcher = TermMatcher(glossary, lang)
            build = time.perf_counter() - started
            for scale in (1, 4, 16):
                text = base * (copies * scale)
                words = sum(len(line.split()) for line in text)
                timings = []
                for _ in range(repeats if scale < 16 else 1):
                    started = time.perf_counter()
                    for line in text:
                        matcher.find(line)
                    timings.append(time.perf_counter() - started)
                seconds = statistics.median(timings)
                print(f"| {lang} | {size:,} | {matcher.size:,} | {build:.1f} | {words:,} | {seconds:.2f} | {words / seconds:,.0f} |",
                      flush=True)


def repair_speed_table() -> None:
    """Repair throughput: OPUS-MT output of dev repaired with names-dev.tsv, 1x / 4x / 16x the text."""
    glossary = load_glossary(str(NAMES))
    print("\n## Repair throughput (OPUS-MT output, names-dev.tsv)\n")
    print("| direction | mode | lines | words | seconds | words/s | ms/line |")
    print("|---|---|---|---|---|---|---|")
    for src, tgt in (("en", "ar"), ("ar", "en")):
        sources, outputs = lines(DEV / f"dev.{src}"), lines(DEV / f"dev.{src}-{tgt}.opusmt.{tgt}")
        repairer = Repairer(glossary, src, tgt)
        repairer.repair(outputs[0], sources[0])  # warm-up: lazy indexes, caches
        for mode in ("source-aware", "target-only"):
            for scale in (1, 4, 16):
                texts, given = outputs * scale, sources * scale
                words = sum(len(t.split()) for t in texts)
                started = time.perf_counter()
                for _ in repairer.repair_lines(texts, given if mode == "source-aware" else None):
                    pass
                seconds = time.perf_counter() - started
                print(f"| {src}→{tgt} | {mode} | {len(texts):,} | {words:,} | {seconds:.2f} | {words / seconds:,.0f} "
                      f"| {1000 * seconds / len(texts):.2f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-accuracy", action="store_true")
    parser.add_argument("--skip-speed", action="store_true", help="skip matching speed and repair throughput")
    parser.add_argument("--skip-matching", action="store_true", help="skip matching speed (keep repair throughput)")
    parser.add_argument("--mode", choices=("source-aware", "target-only"), help="only this repair mode (default both)")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated systems (default all six)")
    args = parser.parse_args()
    systems = tuple(s.strip() for s in args.systems.split(",") if s.strip())
    unknown = set(systems) - set(SYSTEMS)
    if unknown:
        parser.error(f"unknown systems: {', '.join(sorted(unknown))} (choose from {', '.join(SYSTEMS)})")
    print(f"machine: {os.cpu_count()} CPUs, python {sys.version.split()[0]}")
    if not args.skip_accuracy:
        for mode in (args.mode,) if args.mode else ("source-aware", "target-only"):
            accuracy_table(mode, systems)
    if not args.skip_speed:
        if not args.skip_matching:
            speed_table()
        repair_speed_table()


if __name__ == "__main__":
    main()

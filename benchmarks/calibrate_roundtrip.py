"""Choose the round-trip flag thresholds from data (FLORES-101 dev).

A round trip compares the source with the back-translation of its
translation.  Its chrF is low when the translation lost meaning, but also
when the back-translating model is weak or words it differently, so the
threshold must be set where *correct* translations are rarely flagged.

Without back-translations of machine output (no model weights here), the
human translation stands in for a correct forward translation: the six
systems' real translations of the human Arabic (or English) are what a
back-translating model returns for it.  Two corruptions stand in for a
translation that lost meaning:

* unrelated: the back-translation of another line (everything lost);
* half wrong: the first half of the right back-translation followed by the
  second half of another line's (part of the meaning lost).

For each direction and back-translating system the script prints the share
of lines flagged at several thresholds, and the share of correct lines the
number check (a number of 11 or more in neither translation nor
back-translation) flags.

    python benchmarks/calibrate_roundtrip.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("MTREPAIR_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "data" / "flores101-dev"
THRESHOLDS = (30, 35, 40, 45, 50)
BACK_SYSTEMS = ("google", "opusmt", "argos")

from eval.metrics import SentenceScorer  # noqa: E402
from eval.numbers import lost_numbers  # noqa: E402
from eval.roundtrip import DEFAULT_THRESHOLDS  # noqa: E402


def lines(name: str) -> list[str]:
    return (DEV / name).read_text(encoding="utf-8").split("\n")[:-1]


def share(values, threshold) -> str:
    return f"{100 * sum(v < threshold for v in values) / len(values):.1f}"


def main() -> None:
    scorer = SentenceScorer()
    print("| round trip | back-translated by | lines | " + " | ".join(f"chrF < {t}: correct / half wrong / unrelated"
                                                             for t in THRESHOLDS) + " | number check on correct lines |")
    print("|---|---|---|" + "---|" * len(THRESHOLDS) + "---|")
    for source_lang, target_lang in (("en", "ar"), ("ar", "en")):
        sources, human = lines(f"dev.{source_lang}"), lines(f"dev.{target_lang}")
        for system in BACK_SYSTEMS:
            back = lines(f"dev.{target_lang}-{source_lang}.{system}.{source_lang}")
            n = len(sources)
            correct = [scorer(b, s)[0] for b, s in zip(back, sources)]
            unrelated = [scorer(back[(i + 1) % n], s)[0] for i, s in enumerate(sources)]
            half = []
            for i, s in enumerate(sources):
                own, other = back[i].split(), back[(i + 1) % n].split()
                half.append(scorer(" ".join(own[: len(own) // 2] + other[len(other) // 2:]), s)[0])
            numbers = sum(bool(lost_numbers(s, h, b)) for s, h, b in zip(sources, human, back))
            cells = [f"{share(correct, t)} / {share(half, t)} / {share(unrelated, t)}" for t in THRESHOLDS]
            print(f"| {source_lang}→{target_lang}→{source_lang} | {system} | {n} | " + " | ".join(cells)
                  + f" | {100 * numbers / n:.1f} % |", flush=True)
    print("\nDefaults in eval/roundtrip.py (by the language translated back into): "
          + ", ".join(f"{lang}: chrF < {value:g}" for lang, value in DEFAULT_THRESHOLDS.items()))


if __name__ == "__main__":
    main()

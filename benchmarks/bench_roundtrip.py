"""Round trip on real MT output: end to end, cost per line, growth with input size.

Takes the real OPUS-MT (and Google) English->Arabic output of FLORES-101 dev
as ``--mt``, repairs it with ``names-dev.tsv`` and back-translates it with a
model of the real OPUS-MT ar-en size (random weights, seed 0: weights cannot
be downloaded here, so the back-translations are nonsense and every line is
flagged; the cost is real).  ``--max-length 32`` caps each back-translation
near the real mean output length, as in bench_translate.py.

Prints, for 1x, 4x and 16x the input (62, 248, 992 lines): seconds per line
for the whole round trip and for its parts (repair, back-translation,
scoring and name checks), and the peak memory of the process.

    python benchmarks/bench_roundtrip.py [--system opusmt] [--beam-size 4] [--max-length 32] [--engine ctranslate2]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from measure import peak_rss_mb  # noqa: E402
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("MTREPAIR_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "data" / "flores101-dev"
TEMPLATE = SHARED / "models" / "opus-mt-ar-en-tokenizer"
MODEL = ROOT / "models" / "opus-mt-ar-en-random"
BASE_LINES = 62


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--system", default="opusmt")
    parser.add_argument("--beam-size", type=int, default=4)
    parser.add_argument("--max-length", type=int, default=32)
    parser.add_argument("--engine", choices=("transformers", "ctranslate2"), default="transformers")
    args = parser.parse_args()
    from eval.roundtrip import RoundTrip
    from glossary.files import load_glossary
    from glossary.repair import Repairer
    from tools.random_model import build_random_model
    from translate.engines.base import DecodingOptions
    from translate.engines.spec import make_translator
    from translate.pipeline import translate_texts

    if not (MODEL / "model.safetensors").exists():
        build_random_model(TEMPLATE, MODEL)
    glossary = load_glossary(str(SHARED / "data" / "names-dev.tsv"))
    back = make_translator(str(MODEL), engine=args.engine, device="cpu",
                           options=DecodingOptions(args.beam_size, args.max_length))
    trip = RoundTrip("en", "ar", backward=back, translate_texts=translate_texts, glossary=glossary)
    sources, mt = lines(DEV / "dev.en"), lines(DEV / f"dev.en-ar.{args.system}.ar")
    print(f"machine: {os.cpu_count()} CPUs, python {sys.version.split()[0]}; --mt {args.system}, back model: "
          f"real-size OPUS-MT ar-en (random weights), {args.engine}, beam {args.beam_size}, max length {args.max_length}\n")
    print("| lines | round trip s | s/line | repair s/line | back-translation s/line | scoring+names s/line "
          "| fixes | flagged | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for scale in (1, 4, 16):
        n = BASE_LINES * scale
        src, hyp = sources[:n], mt[:n]
        started = time.perf_counter()
        report = trip.check(src, hyp)
        total = time.perf_counter() - started
        started = time.perf_counter()
        repairer = Repairer(glossary, "en", "ar")
        repaired = [r.repaired for r in repairer.repair_lines(hyp, src)]
        repair = time.perf_counter() - started
        started = time.perf_counter()
        for s, r, b in zip(src, repaired, (x.back_translation for x in report.sentences)):
            trip._sentence(0, s, r, r, b, ())
        scoring = time.perf_counter() - started
        backward = total - repair - scoring
        peak = peak_rss_mb()
        print(f"| {n} | {total:.1f} | {total / n:.3f} | {repair / n:.4f} | {backward / n:.3f} | {scoring / n:.4f} "
              f"| {sum(len(s.fixes) for s in report.sentences)} | {len(report.flagged)} | {peak:,.0f} |", flush=True)


if __name__ == "__main__":
    main()

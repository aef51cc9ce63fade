"""``mtrepair score`` and ``mtrepair roundtrip``."""

from __future__ import annotations

import argparse
import json
import sys

from eval.metrics import DEFAULT_METRICS, METRICS, parse_metrics
from translate.arguments import (add_apply_threshold_argument, add_document_arguments, language, number_between,
                                 positive_int)
from translate.common.errors import MtrepairError
from translate.common.languages import guess_language
from translate.common.outputs import STDOUT, check_paths, together, write_lines, write_text

SCORE_DESCRIPTION = """\
Score one or more translations against a reference with sacrebleu (the
numbers equal the sacrebleu command line's), each with its signature and a
95 % bootstrap confidence interval; with two or more --hyp files, every file
is compared with the first by sacrebleu's paired bootstrap test (or
approximate randomisation with --paired-ar).  With --source and --glossary,
also name accuracy per system: the WMT21 terminology exact-match accuracy
and an Arabic-aware variant (clitics, inflection, spelling variants), by
entry type, with the names each system missed.

examples:
  mtrepair score --ref dev.ar --hyp google.ar
  mtrepair score --ref dev.ar --hyp opusmt.ar --hyp google.ar argos.ar --metrics bleu,chrf,ter
  mtrepair score --ref dev.ar --hyp opusmt.ar repaired.ar --source dev.en --glossary names.tsv --format markdown
"""


ROUNDTRIP_DESCRIPTION = """\
Translate INPUT (or take the given translation, --mt), repair glossary names
(--glossary), translate the result back with the reverse model, and compare
the back-translation with the source line by line.  A line is flagged for a
human when its back-translation chrF falls below --threshold, a glossary name
is missing or does not come back, or a number was lost.  The summary
(Markdown) goes to standard output, flagged lines first; --report, --html and
--markdown save the full per-line results.

examples:
  mtrepair roundtrip --from en --to ar news.en --glossary levant-news --html check.html
  mtrepair roundtrip --from en --to ar dev.en --mt google.ar --back-model ./opus-mt-ar-en --report check.jsonl
  mtrepair roundtrip --from ar --to en articles.jsonl --field body -o articles.en.jsonl --markdown check.md

thresholds (back-translation chrF): {thresholds}; chosen on FLORES-101 dev
(see BENCHMARKS.md).
"""


def add_score_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = SCORE_DESCRIPTION
    parser.add_argument("--ref", required=True, metavar="REF", help="reference translation, one line per segment")
    parser.add_argument("--hyp", required=True, action="extend", nargs="+", metavar="HYP",
                        help="system output(s), line-aligned with REF; repeat or list several; the first is the baseline")
    parser.add_argument("--metrics", type=_metric_list, default=DEFAULT_METRICS, metavar="LIST",
                        help=f"comma-separated, from {','.join(METRICS)} (default: {','.join(DEFAULT_METRICS)})")
    parser.add_argument("--source", metavar="SRC", help="the source text (for name accuracy, with --glossary)")
    parser.add_argument("--glossary", metavar="G", help="glossary for name accuracy (.tsv .csv .tbx .json or 'levant-news')")
    parser.add_argument("--from", dest="source_lang", type=language, metavar="SRC_LANG",
                        help="source language (default: guessed from the script of --source)")
    parser.add_argument("--to", dest="target_lang", type=language, metavar="TGT_LANG",
                        help="target language (default: guessed from the script of --ref)")
    parser.add_argument("--format", choices=("table", "json", "markdown", "html"), default="table",
                        help="table (terminal), json, markdown or html (a self-contained page; default: table)")
    parser.add_argument("-o", "--output", metavar="OUT", help="write the scores here (default: standard output)")
    parser.add_argument("--sentences", metavar="OUT.jsonl",
                        help="one JSON record per system and line: sentence chrF and BLEU, missed names")
    parser.add_argument("--paired-ar", action="store_true",
                        help="approximate randomisation instead of paired bootstrap for the significance test")
    parser.add_argument("--samples", type=positive_int, metavar="N",
                        help="bootstrap resamples (confidence intervals, paired bootstrap) or randomisation trials "
                             "(--paired-ar); default: sacrebleu's, 1000 / 10000")
    parser.add_argument("--tokenize", metavar="TOK", help="BLEU tokenizer, as sacrebleu -tok (default: 13a)")
    parser.add_argument("--normalize-digits", action="store_true",
                        help="write Eastern Arabic digits (٠-٩) as 0-9 in every file before scoring")
    parser.set_defaults(run=run_score)


def _metric_list(text: str) -> tuple[str, ...]:
    try:
        return parse_metrics(text)
    except MtrepairError as error:
        raise argparse.ArgumentTypeError(error.message.removeprefix("--metrics: ")) from None


def run_score(args: argparse.Namespace) -> int:
    from eval.html_report import score_html
    from eval.render import score_json, score_markdown, score_table, sentence_rows
    from eval.scoring import ScoreSettings, score_files
    from eval.texts import read_lines

    if [args.ref, *args.hyp, args.source].count("-") > 1:
        raise MtrepairError("standard input (-) can stand for one file only")
    if args.sentences == "-":
        raise MtrepairError("--sentences needs a file name (standard output carries the scores)")
    check_paths({"-o": args.output, "--sentences": args.sentences},
                {"--ref": args.ref, "--hyp": args.hyp, "--source": args.source, "--glossary": args.glossary})
    reference = read_lines(args.ref)
    hypotheses = [read_lines(path) for path in args.hyp]
    source = read_lines(args.source) if args.source else None
    glossary = source_lang = target_lang = None
    if args.glossary:
        if source is None:
            raise MtrepairError("--glossary needs --source: names are looked up in the source lines")
        from glossary.files import load_glossary

        source_lang = args.source_lang or guess_language(source.lines, args.source)
        target_lang = args.target_lang or guess_language(reference.lines, args.ref)
        glossary = load_glossary(args.glossary, source_lang, target_lang)
    elif args.source:
        raise MtrepairError("--source is only used with --glossary (for name accuracy)")
    if args.tokenize:
        from eval.metrics import bleu_metric

        bleu_metric(args.tokenize)  # fail now, not after reading every file
    settings = ScoreSettings(
        metrics=args.metrics, test="ar" if args.paired_ar else "bs", samples=args.samples or 0,
        tokenize=args.tokenize, normalize_digits=args.normalize_digits,
        confidence_samples=args.samples or 1000,
    )
    report = score_files(reference, hypotheses, settings, source=source, glossary=glossary,
                         source_lang=source_lang, target_lang=target_lang)
    text = {"table": score_table, "json": score_json, "markdown": score_markdown, "html": score_html}[args.format](report)
    with together():  # the scores and the sentences: both or neither
        if args.output and args.output != "-":
            write_text(args.output, text.rstrip("\n") + "\n")
        else:
            write_text(STDOUT, text)
        if args.sentences:
            from eval.metrics import SentenceScorer
            from eval.scoring import prepared_lines

            rows = sentence_rows(report, [prepared_lines(h, settings) for h in hypotheses],
                                 prepared_lines(reference, settings), SentenceScorer())
            write_lines(args.sentences, [json.dumps(row, ensure_ascii=False) for row in rows])
    if args.format != "table":
        for warning in report.warnings:
            print(f"mtrepair: warning: {warning}", file=sys.stderr)
    return 0


def add_roundtrip_arguments(parser: argparse.ArgumentParser) -> None:
    from eval.roundtrip import DEFAULT_THRESHOLDS

    from .translate import add_decoding_arguments

    thresholds = ", ".join(f"{v:g} back into {k}" for k, v in DEFAULT_THRESHOLDS.items())
    parser.description = ROUNDTRIP_DESCRIPTION.format(thresholds=thresholds)
    parser.add_argument("input", metavar="INPUT", help="source text (txt/jsonl/tsv/csv), or - for standard input")
    parser.add_argument("--from", dest="source_lang", type=language, required=True, metavar="SRC", help="language of INPUT")
    parser.add_argument("--to", dest="target_lang", type=language, required=True, metavar="TGT", help="language to translate into")
    parser.add_argument("--mt", metavar="EXISTING_MT", help="an existing translation of INPUT, line-aligned: skip the forward model")
    parser.add_argument("--glossary", metavar="G", help="repair glossary names before translating back (.tsv .csv .tbx .json or 'levant-news')")
    parser.add_argument("--model", metavar="ID_OR_FOLDER", help="forward model SRC->TGT (default: as for translate)")
    parser.add_argument("--back-model", metavar="ID_OR_FOLDER", help="reverse model TGT->SRC (default: as for translate)")
    parser.add_argument("--threshold", type=number_between(0, 100), metavar="CHRF", help="flag lines whose back-translation chrF is below this (0-100)")
    add_apply_threshold_argument(parser)
    parser.add_argument("-o", "--output", metavar="OUT", help="write the (repaired) translation here, in INPUT's format")
    parser.add_argument("--report", metavar="R.jsonl",
                        help="a summary record (models, threshold, corpus scores), then one record per line, flagged first")
    parser.add_argument("--markdown", metavar="R.md", help="save the Markdown summary (counts and the first 50 flagged lines)")
    parser.add_argument("--html", metavar="R.html", help="a self-contained HTML report with every line, fixes and lost names highlighted")
    add_document_arguments(parser, "INPUT and --mt")
    add_decoding_arguments(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    parser.set_defaults(run=run_roundtrip)


def run_roundtrip(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from eval.render import roundtrip_markdown
    from eval.roundtrip import RoundTrip
    from translate.pipeline import translate_texts

    if args.source_lang == args.target_lang:
        raise MtrepairError(f"--from and --to are both {args.source_lang!r}")
    if args.input == "-" and args.mt == "-":
        raise MtrepairError("standard input (-) can stand for INPUT or --mt, not both")
    if args.mt and args.model:
        raise MtrepairError("--mt gives the translation, so --model (the forward model) is not used; drop one of them")
    check_paths({"-o": args.output, "--report": args.report, "--markdown": args.markdown, "--html": args.html,
                 "the summary": None if args.quiet else "-"},
                {"INPUT": args.input, "--mt": args.mt, "--glossary": args.glossary})
    # Check every input before loading a model: bad input fails in a second.
    document, translations = _roundtrip_inputs(args)
    glossary = None
    if args.glossary:
        from glossary.files import load_glossary

        glossary = load_glossary(args.glossary, args.source_lang, args.target_lang)
    forward, backward = _roundtrip_translators(args, need_forward=translations is None)
    trip = RoundTrip(args.source_lang, args.target_lang, backward=backward, forward=forward,
                     translate_texts=translate_texts, glossary=glossary, threshold=args.threshold,
                     apply_threshold=args.apply_threshold, house_style=args.house_style)
    with tqdm(unit="sent", desc="round trip", disable=args.quiet, file=sys.stderr,
              dynamic_ncols=True) as bar:
        report = trip.check([r.text for r in document.records], translations, given=f"given: {args.mt}",
                            on_batch=bar.update, file_lines=[r.line for r in document.records])
    summary = roundtrip_markdown(report)
    _write_roundtrip(args, document, report, summary)
    if not args.quiet:
        sys.stdout.write(summary)
    return 0


def _roundtrip_inputs(args: argparse.Namespace):
    """INPUT's document, and the lines of --mt (None without it), checked to be line-aligned with INPUT."""
    from eval.texts import plural
    from translate.common.errors import InputError, where
    from translate.common.formats import read_document

    document = read_document(args.input, args.format, field=args.field, column=args.column)
    if not args.mt:
        return document, None
    mt = read_document(args.mt, args.format, field=args.field, column=args.column)
    count = len(document.records)
    if len(mt.records) != count:
        shorter = min(len(mt.records), count)
        line = mt.records[shorter].line if shorter < len(mt.records) else (mt.records[-1].line + 1 if mt.records else 1)
        raise InputError(f"{where(args.mt, line)}: --mt has {plural(len(mt.records), 'record')} but INPUT "
                         f"{document.path} has {count}; it must be line-aligned with INPUT")
    return document, [r.text for r in mt.records]


def _roundtrip_translators(args: argparse.Namespace, need_forward: bool):
    """The forward translator (None when --mt gives the translation) and the backward one."""
    from translate.common.errors import ModelUnavailableError
    from translate.engines.models import model_for_pair

    from .translate import translator_from_args

    try:
        backward = translator_from_args(model_for_pair(args.target_lang, args.source_lang, args.back_model), args,
                                        args.target_lang, args.source_lang)
    except ModelUnavailableError as error:  # its advice names --model; here the reverse model is --back-model
        raise ModelUnavailableError(error.message.replace("--model", "--back-model")) from None
    forward = None
    if need_forward:
        forward = translator_from_args(model_for_pair(args.source_lang, args.target_lang, args.model), args,
                                       args.source_lang, args.target_lang, args.target_token)
    return forward, backward


def _write_roundtrip(args: argparse.Namespace, document, report, summary: str) -> None:
    """-o (the repaired translation in INPUT's format), --report, --markdown and --html."""
    from eval.render import roundtrip_rows, roundtrip_summary
    from translate.common.formats import write_document

    with together():  # every output or none
        if args.output:
            write_document(args.output, document, [document.render(i, s.repaired) for i, s in enumerate(report.sentences)])
        if args.report:
            rows = [roundtrip_summary(report), *roundtrip_rows(report)]
            write_lines(args.report, [json.dumps(row, ensure_ascii=False) for row in rows])
        if args.markdown:
            write_text(args.markdown, summary.rstrip("\n") + "\n")
        if args.html:
            from eval.html_report import roundtrip_html

            write_text(args.html, roundtrip_html(report).rstrip("\n") + "\n")

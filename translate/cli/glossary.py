"""``mtrepair repair`` and ``mtrepair glossary check|convert``."""

from __future__ import annotations

import argparse
import json
import sys

from glossary.files import DEFAULT_GLOSSARY, load_glossary, read_glossary, save_glossary
from translate.arguments import add_apply_threshold_argument, add_document_arguments, language
from translate.common.errors import InputError, MtrepairError
from translate.common.formats import read_document, write_document
from translate.common.outputs import check_paths, together, write_lines

REPAIR_DESCRIPTION = f"""\
Repair glossary names in machine translation output (made by mtrepair or any
other system) and report every change: line, span, before, after, entry,
method and confidence.

With --source (the text that was translated, line-aligned), every glossary
name in a source line must appear in the translation in an accepted form;
a name that was mistransliterated, misspelled or left untranslated is found
and replaced by the preferred form, keeping Arabic clitics (و ب ل ...) and
agreeing with the ending found.  Without --source, near-misses of glossary
names are replaced.  Each change has a confidence, the estimated probability
that it is right; below --apply-threshold it is not applied but reported as a
suggestion.  Nothing outside a fixed name changes: not a digit, not a line
ending.

examples:
  mtrepair repair --glossary {DEFAULT_GLOSSARY} --from en --to ar --source news.en news.mt.ar -o news.ar
  mtrepair repair --glossary names.tsv --from ar --to en google.en --report fixes.jsonl
"""


def add_repair_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = REPAIR_DESCRIPTION
    parser.add_argument("input", metavar="INPUT", help="translations to repair (txt/jsonl/tsv/csv), or - for standard input")
    parser.add_argument("--glossary", required=True, metavar="G",
                        help=f"glossary file (.tsv .csv .tbx .json) or '{DEFAULT_GLOSSARY}' for the built-in one")
    parser.add_argument("--from", dest="source_lang", type=language, required=True, metavar="SRC", help="language translated from")
    parser.add_argument("--to", dest="target_lang", type=language, required=True, metavar="TGT", help="language of INPUT")
    parser.add_argument("--source", metavar="SRC_FILE", help="the source text, line-aligned with INPUT (source-aware repair)")
    parser.add_argument("-o", "--output", metavar="OUTPUT", help="repaired file (default: standard output)")
    parser.add_argument("--report", metavar="R.jsonl", help="one JSON record per fix and per name still missing")
    add_apply_threshold_argument(parser)
    add_document_arguments(parser)
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar (shown on a terminal) and no summary line")
    parser.set_defaults(run=run_repair)


def add_glossary_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Check a glossary file for problems, or convert it between formats."
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    check = actions.add_parser("check", help="list every problem in a glossary file (file, line, reason)",
                               description="Print one line per problem: FILE:LINE: reason.  Exit 0 when there is none, "
                                           "1 when there are only warnings, 2 when the file cannot be used (no entries, "
                                           "no --from/--to terms, a line that cannot be read).  Warnings: duplicate "
                                           "ids, duplicate or conflicting terms, languages other than en/ar.  Entries "
                                           "that are an acronym and its full form (IOC, International Olympic "
                                           "Committee) are read as alternatives and listed as notes.  Also lists "
                                           "the terms that repair treats as ambiguous (ordinary words too: «سنة» year "
                                           "and Sunnis), marked in the file's ambiguity column or found from word "
                                           "frequencies; those notes do not change the exit code.")
    check.add_argument("file", metavar="FILE", help="the glossary file to check (.tsv .csv .tbx .json)")
    check.add_argument("--from", dest="source_lang", type=language, metavar="SRC", help="source language (needed for two-column files)")
    check.add_argument("--to", dest="target_lang", type=language, metavar="TGT", help="target language (needed for two-column files)")
    check.set_defaults(run=run_check)
    convert = actions.add_parser("convert", help="convert between TSV, CSV, TBX and JSON (by extension)",
                                 description="examples:\n  mtrepair glossary convert names.tsv names.tbx\n"
                                             "  mtrepair glossary convert deepl.csv names.json --from en --to ar")
    convert.add_argument("input", metavar="IN", help="the glossary to read (.tsv .csv .tbx .json)")
    convert.add_argument("output", metavar="OUT", help="the file to write; its extension chooses the format")
    convert.add_argument("--from", dest="source_lang", type=language, metavar="SRC",
                         help="language of IN's first term column (needed for two-column files without a header)")
    convert.add_argument("--to", dest="target_lang", type=language, metavar="TGT",
                         help="language of IN's second term column (needed for two-column files without a header)")
    convert.set_defaults(run=run_convert)


def run_repair(args: argparse.Namespace) -> int:
    from glossary.repair import Repairer
    from glossary.report import RepairSummary, report_records

    if args.source_lang == args.target_lang:
        raise MtrepairError(f"--from and --to are both {args.source_lang!r}")
    check_paths({"-o": args.output or "-", "--report": args.report},
                {"INPUT": args.input, "--source": args.source, "--glossary": args.glossary})
    glossary = load_glossary(args.glossary, args.source_lang, args.target_lang)
    document = read_document(args.input, args.format, field=args.field, column=args.column, purpose="repair")
    sources = None
    if args.source:
        source_document = read_document(args.source, args.format, field=args.field, column=args.column,
                                        purpose="repair")
        if len(source_document.records) != len(document.records):
            raise InputError(f"{args.source}: {len(source_document.records)} records but {document.path} has "
                             f"{len(document.records)}; the source must be line-aligned with the translation")
        sources = [r.text for r in source_document.records]
    repairer = Repairer(glossary, args.source_lang, args.target_lang, apply_threshold=args.apply_threshold,
                        house_style=args.house_style)
    from tqdm import tqdm

    # Progress in characters, as a long line takes as long as many short ones (shown only on a terminal).
    bar = tqdm(total=sum(len(r.text) for r in document.records), unit="char", unit_scale=True, desc="repairing",
               disable=True if args.quiet else None, file=sys.stderr, dynamic_ncols=True)
    results = []
    for record, result in zip(document.records, repairer.repair_lines((r.text for r in document.records), sources)):
        results.append(result)
        bar.update(len(record.text))
    bar.close()
    rendered = [document.render(i, r.repaired) for i, r in enumerate(results)]
    with together():  # the repaired text and the report: both or neither
        write_document(args.output or "-", document, rendered)
        if args.report:
            # Fix lines count records; the report also gives the line in the file.
            records = report_records(results, [record.line for record in document.records])
            write_lines(args.report, [json.dumps(row, ensure_ascii=False) for row in records])
    if not args.quiet:
        summary = RepairSummary.of(results, repairer.apply_threshold, source_aware=bool(sources))
        print(summary.line(args.output or "standard output"), file=sys.stderr)
    return 0


def run_check(args: argparse.Namespace) -> int:
    from glossary.checks import describe

    glossary, problems = read_glossary(args.file, args.source_lang, args.target_lang)
    for problem in problems:
        print(describe(problem))
    if any(p.fatal for p in problems):
        return 2
    _print_ambiguous(glossary, args.file)
    warnings = [p for p in problems if not p.note]
    print(f"{args.file}: {_entries(len(glossary))}, languages {', '.join(glossary.languages)}"
          f"{', ' + str(len(warnings)) + (' warning' if len(warnings) == 1 else ' warnings') if warnings else ', no problems'}", file=sys.stderr)
    return 1 if warnings else 0


def _print_ambiguous(glossary, path: str) -> None:
    """List the terms that repair treats as ambiguous (glossary.ambiguity): information, not problems."""
    from glossary.ambiguity import AmbiguityJudge

    if not {"en", "ar"} <= set(glossary.languages):
        return
    judge = AmbiguityJudge("en", "ar")
    for entry in glossary.entries:
        forms = judge.ambiguous_forms(entry)
        if forms:
            why = "marked in the glossary" if entry.ambiguity == "ambiguous" else "from word frequencies"
            shown = ", ".join(f"{form!r} ({lang})" for lang, form in forms)
            print(f"{path}:{entry.line}: {entry.id} treated as ambiguous ({why}): {shown}; in a source it asks for "
                  f"the name only when the translation shows it (note)")


def run_convert(args: argparse.Namespace) -> int:
    check_paths({"OUT": args.output}, {"IN": args.input})
    glossary = load_glossary(args.input, args.source_lang, args.target_lang)
    save_glossary(glossary, args.output)
    print(f"wrote {_entries(len(glossary))} to {args.output}", file=sys.stderr)
    return 0


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"

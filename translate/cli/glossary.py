"""``mtrepair repair`` and ``mtrepair glossary check|convert|from-wikidata``."""

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
    parser.description = "Check a glossary file for problems, convert it between formats, or build one from Wikidata."
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    check = actions.add_parser("check", help="list every problem in a glossary file (file, line, reason)",
                               description="Print one line per problem: FILE:LINE: reason.  Exit 0 when there is none, "
                                           "1 when there are only warnings, 2 when the file cannot be used (no entries, "
                                           "no --from/--to terms, a line that cannot be read).  Warnings: duplicate "
                                           "ids, duplicate or conflicting terms, languages other than en/ar, Wikidata-style "
                                           "noise in a form ('_' for spaces, a disambiguator in parentheses such as "
                                           "'Aleppo (city)', Latin letters in an Arabic form or Arabic letters in an "
                                           "English one, a form that is only an item id such as Q41183).  Entries "
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
    _add_from_wikidata_arguments(actions)


FROM_WIKIDATA_DESCRIPTION = """\
Build a glossary from Wikidata: a query result as downloaded from the
Wikidata Query Service (JSON, CSV or TSV), a dump excerpt (Special:EntityData
JSON, or one entity per line), or the result of running --query.  English
and Arabic labels are the preferred forms, aliases alternatives; the class
(instance of, or a type column) becomes the type (human -> PER, city,
governorate -> LOC, armed organization, political party -> ORG ...), the
item id the id, and forms that word frequencies call ordinary words are
marked ambiguous.  Noise is cleaned: '_' for spaces, a disambiguator in
parentheses ("Aleppo (city)", «حلب (مدينة)») removed; a form in the wrong
script or that is only an item id dropped; an item without an English or
Arabic form dropped; items with the same forms merged.  Standard error
counts what was cleaned, dropped and merged, with examples; --report lists
every change.  Label columns: enLabel, arLabel (aliases: enAliases,
arAliases, several in one cell separated by '|'); the item column: item.

examples:
  mtrepair glossary from-wikidata governorates.json -o governorates.tsv
  mtrepair glossary from-wikidata towns.csv people.tsv -o levant.tbx --report dropped.tsv
  mtrepair glossary from-wikidata --query examples/wikidata/armed-groups-syria.rq -o groups.tsv
  mtrepair glossary from-wikidata Q41183.json dump-excerpt.jsonl -o names.json
"""


def _add_from_wikidata_arguments(actions) -> None:
    build = actions.add_parser("from-wikidata", help="build a glossary from Wikidata query results or a dump "
                                                     "excerpt", description=FROM_WIKIDATA_DESCRIPTION)
    build.add_argument("inputs", nargs="*", metavar="INPUT",
                       help="downloaded query results (.json .csv .tsv) or dump excerpts (.json .jsonl)")
    build.add_argument("-o", "--output", required=True, metavar="OUT",
                       help="the glossary to write; its extension chooses the format (.tsv .csv .tbx .json)")
    build.add_argument("--query", metavar="FILE.rq",
                       help="run this SPARQL query on the Wikidata Query Service (online; set MTREPAIR_CONTACT "
                            "to an e-mail address or web page for its User-Agent) and read its result")
    build.add_argument("--report", metavar="FILE.tsv", help="every form cleaned or dropped and every merge, as TSV")
    build.set_defaults(run=run_from_wikidata)


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


def run_from_wikidata(args: argparse.Namespace) -> int:
    from glossary.formats.files import glossary_format
    from glossary.formats.wikidata import read_query_result, read_wikidata
    from glossary.formats.wikidata_clean import entries_from_items, report_rows, summary_lines

    if not args.inputs and not args.query:
        raise MtrepairError("give downloaded query results (INPUT ...) or --query FILE.rq")
    check_paths({"-o": args.output, "--report": args.report}, {"INPUT": args.inputs, "--query": args.query})
    glossary_format(args.output)  # a wrong extension is refused before any work
    items = [item for path in args.inputs for item in read_wikidata(path)]
    if args.query:
        from glossary.formats.wdqs import read_query, run_query

        answer = run_query(read_query(args.query), args.query)
        items += read_query_result(answer, f"{args.query} (the service's answer)")
    glossary, changes = entries_from_items(items, args.output)
    if not glossary.entries:
        raise InputError(f"{', '.join(args.inputs + ([args.query] if args.query else []))}: no item has both an "
                         f"English and an Arabic form ({len(items)} read); nothing to write")
    with together():
        save_glossary(glossary, args.output)
        if args.report:
            write_lines(args.report, report_rows(changes))
    for line in summary_lines(changes):
        print(line, file=sys.stderr)
    print(f"wrote {_entries(len(glossary))} to {args.output} from {len(items)} Wikidata item{'' if len(items) == 1 else 's'}", file=sys.stderr)
    return 0


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"

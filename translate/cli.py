"""The ``mtrepair`` command line.

Each subcommand lives beside the code it drives and registers itself here;
this module only parses arguments and turns :class:`MtrepairError` (and
Ctrl-C) into one line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .errors import MtrepairError

EPILOG = """\
exit codes: 0 success, 1 unexpected failure, 2 bad input or options,
3 translation model not available, 130 interrupted (resume with --resume)."""


def build_parser() -> argparse.ArgumentParser:
    from eval import commands as eval_commands
    from glossary import commands as glossary_commands

    from . import convert, translate_command

    parser = argparse.ArgumentParser(
        prog="mtrepair",
        description="Arabic<->English machine translation with glossary name repair.\n\n"
        "  mtrepair translate   translate a txt/jsonl/tsv/csv file\n"
        "  mtrepair repair      repair glossary names in existing translations\n"
        "  mtrepair glossary    check or convert glossary files\n"
        "  mtrepair score       sacrebleu scores, significance and name accuracy\n"
        "  mtrepair roundtrip   translate, back-translate and flag lines that lost meaning\n"
        "  mtrepair convert     convert a model for the fast ctranslate2 engine",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND")
    subcommands.required = True
    translate_command.register(subcommands)
    convert.register(subcommands)
    glossary_commands.register(subcommands)
    eval_commands.register(subcommands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args) or 0
    except MtrepairError as error:
        print(f"mtrepair: error: {error.message}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("mtrepair: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `mtrepair translate ... | head`: the reader left; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())

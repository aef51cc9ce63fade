"""The ``mtrepair`` command line.

Every subcommand is a module of this package (``translate``, ``convert``,
``glossary``: repair and glossary; ``evaluation``: score and roundtrip), a
thin wrapper over library code; this module only parses arguments and turns
:class:`MtrepairError` (and Ctrl-C) into one line on stderr and a non-zero
exit code, never a traceback.

A command's module is imported only when that command runs (or shows its
help): ``mtrepair --help`` lists the commands from :data:`COMMANDS` alone,
and each module imports the libraries it needs (PyTorch, the glossary,
sacrebleu, Ray ...) inside the function that runs it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from importlib import import_module

from translate.common.errors import MtrepairError
from translate.common.signals import Terminated, terminate_like_interrupt

from .parser import Parser, VersionAction

EPILOG = """\
exit codes: 0 success, 1 unexpected failure, 2 bad input or options,
3 translation model not available, 130 interrupted (Ctrl-C), 143 terminated
(SIGTERM); an interrupted translate -o run resumes with --resume."""

# Each command: the function of this package that adds its options to its parser, and its line in
# `mtrepair --help`, in the order listed there.
COMMANDS = {
    "translate": ("translate:add_translate_arguments", "translate a txt/jsonl/tsv/csv file"),
    "convert": ("convert:add_convert_arguments", "convert a model for the ctranslate2 engine ahead of time"),
    "repair": ("glossary:add_repair_arguments", "repair glossary names in existing translations"),
    "glossary": ("glossary:add_glossary_arguments", "check or convert glossary files, or build one from Wikidata"),
    "score": ("evaluation:add_score_arguments", "sacrebleu scores, significance and name accuracy"),
    "roundtrip": ("evaluation:add_roundtrip_arguments",
                  "translate, back-translate and flag lines that lost meaning"),
}


def version() -> str:
    """The installed distribution's version (pyproject.toml)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("mtrepair")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def build_parser(only: str | None = None) -> Parser:
    """The ``mtrepair`` parser: every command's options, or with ``only`` just that command's.

    The other commands are still listed, with their one-line help, but their
    modules are not imported.
    """
    parser = Parser(
        prog="mtrepair",
        description="Arabic<->English machine translation with glossary name repair.\n"
        "'mtrepair COMMAND --help' shows a command's options.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action=VersionAction, version_of=lambda: f"mtrepair {version()}")
    # One listing of the commands, each with its one-line help (argparse's own).
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    subcommands.required = True
    for name, (where, summary) in COMMANDS.items():
        command = subcommands.add_parser(name, help=summary)
        if only is None or only == name:
            module, function = where.split(":")
            getattr(import_module(f"{__name__}.{module}"), function)(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # The command is the first word that is not an option (mtrepair's own options take no value).
    command = next((word for word in argv if not word.startswith("-")), None)
    args = build_parser(only=command if command in COMMANDS else "").parse_args(argv)
    try:
        with terminate_like_interrupt():
            return args.run(args) or 0
    except MtrepairError as error:
        print(f"mtrepair: error: {error.message}", file=sys.stderr)
        return error.exit_code
    except Terminated:
        print("mtrepair: terminated", file=sys.stderr)
        return Terminated.exit_code
    except KeyboardInterrupt:
        print("mtrepair: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `mtrepair translate ... | head`: the reader left; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0

"""The ``mtrepair`` command line.

Every subcommand is a module of this package that registers itself here
(``translate``, ``convert``, ``glossary``: repair and glossary;
``evaluation``: score and roundtrip), a thin wrapper over library code;
this module only parses arguments and turns :class:`MtrepairError` (and
Ctrl-C) into one line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from translate.common.errors import MtrepairError
from translate.common.signals import Terminated, terminate_like_interrupt

EPILOG = """\
exit codes: 0 success, 1 unexpected failure, 2 bad input or options,
3 translation model not available, 130 interrupted (Ctrl-C), 143 terminated
(SIGTERM); an interrupted translate -o run resumes with --resume."""


def version() -> str:
    """The installed distribution's version (pyproject.toml)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("mtrepair")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


class _CommandListFormatter(argparse.RawDescriptionHelpFormatter):
    """Each command and its help on one line: argparse measures the commands one indent short."""

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if isinstance(action, argparse._SubParsersAction):
            longest = max((len(name) for name in action.choices), default=0)
            self._action_max_length = max(self._action_max_length, longest + 2 * self._indent_increment)


def build_parser() -> argparse.ArgumentParser:
    from . import convert, evaluation, glossary, translate

    parser = argparse.ArgumentParser(
        prog="mtrepair",
        description="Arabic<->English machine translation with glossary name repair.\n"
        "'mtrepair COMMAND --help' shows a command's options.",
        epilog=EPILOG,
        formatter_class=_CommandListFormatter,
    )
    parser.add_argument("--version", action="version", version=f"mtrepair {version()}")
    # One listing of the commands, each with its one-line help (argparse's own).
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    subcommands.required = True
    translate.register(subcommands)
    convert.register(subcommands)
    glossary.register(subcommands)
    evaluation.register(subcommands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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


"""The argparse of the front door: help that fits the terminal, and a bad option in one line.

:class:`Parser` is the ``ArgumentParser`` of ``mtrepair`` and of every
subcommand (argparse gives a subcommand its parent's class).  A mistake on
the command line gets one line and a pointer to the help, not the whole
usage::

    mtrepair translate: error: argument --beam-size: 0 must be 1 or more
    (see: mtrepair translate --help)

:class:`HelpFormatter` wraps every help text to the terminal's width (as
argparse measures it: ``COLUMNS``, else the terminal, less 2).  A
description is written as paragraphs: lines that start at the margin are
prose, kept as written when they fit and filled to the width when one does
not; indented lines (examples) keep their layout, and an example command
wider than the terminal continues on the next line after `` \\`` (before
an option, never between an option and its value), so that it can still be
pasted into a shell.
"""

from __future__ import annotations

import argparse
import re
import textwrap

CONTINUATION = " \\"  # a shell command that goes on on the next line
CONTINUED_INDENT = 4  # how much deeper the continued part of an example is indented
_KEEP = "\x00"  # a space that an example is not broken at


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Prose filled to the width, examples kept, each command of a command list on one line."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines, prose = [], []
        for line in text.splitlines():
            if line and not line[0].isspace():
                prose.append(line)
                continue
            lines += _filled(prose, width, indent)
            prose = []
            lines += _example(line, width, indent) if line.strip() else [""]
        lines += _filled(prose, width, indent)
        return "\n".join(lines) + ("\n" if text.endswith("\n") else "")

    def start_section(self, heading: str | None) -> None:
        # A group's title is printed with a colon after it, unwrapped by argparse.
        if heading and len(heading) + 1 > self._width - self._current_indent:
            heading = "\n".join(textwrap.wrap(heading, self._width - self._current_indent - 1,
                                              break_on_hyphens=False))
        super().start_section(heading)

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if isinstance(action, argparse._SubParsersAction):
            # argparse measures the commands one indent short: a long name would push its help to the next line.
            longest = max((len(name) for name in action.choices), default=0)
            self._action_max_length = max(self._action_max_length, longest + 2 * self._indent_increment)


def _filled(prose: list[str], width: int, indent: str) -> list[str]:
    """Lines at the margin, one paragraph: as written if every line fits, else filled to ``width``."""
    if all(len(indent + line.rstrip()) <= width for line in prose):
        return [indent + line.rstrip() for line in prose]
    return textwrap.wrap(" ".join(line.strip() for line in prose), width, initial_indent=indent,
                         subsequent_indent=indent, break_on_hyphens=False, break_long_words=False)


def _example(line: str, width: int, indent: str) -> list[str]:
    """An indented line (an example command): as written, or continued after `` \\`` when it is too wide.

    A trailing ``# comment`` is never split: it stays on the command's last
    line when it fits there, else it goes on a line of its own above it.
    """
    line = indent + line.rstrip()
    if len(line) <= width:
        return [line]
    margin = line[:len(line) - len(line.lstrip())]
    command, mark, comment = line.strip().partition(" # ")
    # An option and the words after it (its value) stay together: a line breaks only before an option.
    groups = re.split(r" +(?=-)", command.rstrip())
    parts = textwrap.wrap(" ".join(group.replace(" ", _KEEP) for group in groups), width - len(CONTINUATION),
                          initial_indent=margin, subsequent_indent=margin + " " * CONTINUED_INDENT,
                          break_on_hyphens=False, break_long_words=False)
    parts = [part.replace(_KEEP, " ") for part in parts]
    wrapped = [part + CONTINUATION for part in parts[:-1]] + [parts[-1]]
    if not mark:
        return wrapped
    with_comment = f"{wrapped[-1]}   # {comment.strip()}"
    if len(with_comment) <= width:
        return wrapped[:-1] + [with_comment]
    return [f"{margin}# {comment.strip()}"] + wrapped


class Parser(argparse.ArgumentParser):
    """``mtrepair``'s parser: :class:`HelpFormatter`, and a bad option value in one line with a hint."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):
        """One line saying what is wrong, one pointing to the help; exit code 2 (bad input or options)."""
        self.exit(2, f"{self.prog}: error: {message}\n(see: {self.prog} --help)\n")


class VersionAction(argparse._VersionAction):
    """``--version``: the version looked up when asked for, not each time the parser is built."""

    def __init__(self, option_strings, version_of, **kwargs) -> None:
        super().__init__(option_strings, **kwargs)
        self.version_of = version_of

    def __call__(self, parser, namespace, values, option_string=None):
        self.version = self.version_of()
        super().__call__(parser, namespace, values, option_string)

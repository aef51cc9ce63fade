"""Argument types shared by mtrepair's subcommands (argparse ``type=`` callables)."""

from __future__ import annotations

import argparse

from .common.languages import LANGUAGES, normalise_language  # (normalise_language: old import path)


def add_document_arguments(parser: argparse.ArgumentParser, what: str = "INPUT") -> None:
    """--format, --field and --column: how to read a txt/jsonl/tsv/csv/parquet document (see translate.common.formats)."""
    from .common.formats import FORMATS

    parser.add_argument("--format", choices=FORMATS, help=f"format of {what} (default: from the extension, else txt)")
    parser.add_argument("--field", metavar="NAME", help="JSONL field holding the text (default: text)")
    parser.add_argument("--column", metavar="NAME", help="TSV/CSV/Parquet column holding the text (needed with several columns)")


def language(text: str) -> str:
    """``--from`` / ``--to``: :func:`normalise_language`, and only the languages mtrepair works in."""
    code = normalise_language(text)
    if code not in LANGUAGES:
        known = ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
        raise argparse.ArgumentTypeError(f"unsupported language {text!r}; mtrepair translates between {known}")
    return code


def positive_int(text: str) -> int:
    """A whole number of 1 or more (batch sizes, beam widths, lengths)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be 1 or more")
    return value


def number_between(low: float, high: float):
    """An argparse type for a number from ``low`` to ``high`` (confidences, thresholds)."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value:g} is not between {low:g} and {high:g}")
        return value

    return parse


fraction = number_between(0, 1)  # confidences


def add_apply_threshold_argument(parser: argparse.ArgumentParser) -> None:
    """--apply-threshold: how sure a glossary fix must be to be applied (glossary.confidence)."""
    parser.add_argument("--apply-threshold", type=fraction, metavar="P",
                        help="apply a glossary fix only when its confidence (the estimated probability that it is "
                             "right, 0-1) is at least P; less sure ones are reported as suggestions "
                             "(default: the fitted threshold, see README)")
    # The option's name before confidences were calibrated probabilities.
    parser.add_argument("--min-confidence", dest="apply_threshold", type=fraction, help=argparse.SUPPRESS)
    parser.add_argument("--house-style", action="store_true",
                        help="also apply 'spelling' changes: another spelling of a name in use («شيلي» for the "
                             "glossary's «تشيلي») becomes the glossary's; without this they are suggestions")

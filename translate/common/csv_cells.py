"""Every CSV/TSV reader of mtrepair (inputs and glossaries) is made here, so that all allow the same cells.

The csv module refuses a cell over 131,072 characters by default (``field
larger than field limit``); a paragraph pasted into a spreadsheet cell, or a
whole article, can be longer.  mtrepair raises the limit to
:data:`CELL_LIMIT`, the largest the csv module takes on every platform (a C
``long`` on Windows): in practice no limit, the file's size being the bound.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable

CELL_LIMIT = 2**31 - 1


def reader(lines: Iterable[str], **options):
    """``csv.reader(lines, **options)`` with cells up to :data:`CELL_LIMIT` characters."""
    if csv.field_size_limit() < CELL_LIMIT:
        csv.field_size_limit(CELL_LIMIT)
    return csv.reader(lines, **options)

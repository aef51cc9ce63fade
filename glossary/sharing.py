"""Repairers shared between requests, within a memory budget.

A server (the page) repairs for many visitors with a few glossaries.
Building a repairer compiles its glossary (automata, indexes), and a big
glossary's take hundreds of megabytes: one is kept per glossary content and
language pair, whatever apply threshold or house style a request asks for
(:meth:`Repairer.deciding`), and the kept ones are bounded by their estimated
bytes, not their number.

Budgets (megabytes; environment variables so that an operator sets them
for a server):

* ``MTREPAIR_GLOSSARY_BUDGET_MB`` (default 1536, about 130,000 entries):
  the most one glossary's repairer may take; a bigger glossary is refused in
  one sentence.
* ``MTREPAIR_GLOSSARY_CACHE_MB`` (default 3072): the most all kept
  repairers take together; the least recently used go first.

The estimate is ``BYTES_PER_ENTRY`` per entry, measured with
benchmarks/bench_glossary_scale.py (BENCHMARKS.md).
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict

from .entry import Glossary
from .formats.problems import GlossaryError
from .repair import Repairer

# Measured (BENCHMARKS.md, issue 24): a repairer used without a source, the costlier mode, took about
# 11 KB per entry beyond the process's own at 100,000 entries (7.5 KB with the one-word Wikidata names).
BYTES_PER_ENTRY = 12_000
MEGABYTE = 1 << 20

_KEPT: OrderedDict[tuple, tuple[Repairer, int]] = OrderedDict()  # (fingerprint, languages) -> (repairer, bytes)
_DECIDING: dict[tuple, Repairer] = {}  # (the above, threshold, house style) -> a repairer deciding so
_LOCK = threading.Lock()
log = logging.getLogger("mtrepair")


class GlossaryTooLarge(GlossaryError):
    """A glossary whose repairer would not fit the memory budget."""


def budget_bytes(variable: str, default_mb: int) -> int:
    value = os.environ.get(variable) or str(default_mb)
    try:
        return int(float(value) * MEGABYTE)
    except ValueError:
        log.warning("%s=%r is no number of megabytes; using %d", variable, value, default_mb)
        return default_mb * MEGABYTE


def estimated_bytes(glossary: Glossary) -> int:
    return len(glossary.entries) * BYTES_PER_ENTRY


def shared_repairer(glossary: Glossary, source_lang: str, target_lang: str,
                    apply_threshold: float | None = None, house_style: bool = False) -> Repairer:
    """A :class:`Repairer` for the glossary's content and languages, built once and shared; asked with
    another threshold or house style it is the same repairer deciding otherwise.  Raises
    :class:`GlossaryTooLarge` when the glossary's estimated size is over the budget."""
    size = estimated_bytes(glossary)
    budget = budget_bytes("MTREPAIR_GLOSSARY_BUDGET_MB", 1536)
    if size > budget:
        raise GlossaryTooLarge(
            f"This glossary has {len(glossary.entries):,} entries, more than this server can hold "
            f"(about {budget // BYTES_PER_ENTRY:,}); split it, or keep the names your texts need.")
    key = (glossary.fingerprint, source_lang, target_lang)
    with _LOCK:
        kept = _KEPT.get(key)
        if kept is not None:
            _KEPT.move_to_end(key)
    if kept is None:
        kept = (Repairer(glossary, source_lang, target_lang), size)
        with _LOCK:
            _KEPT[key] = kept
            _KEPT.move_to_end(key)
            total = budget_bytes("MTREPAIR_GLOSSARY_CACHE_MB", 3072)
            while len(_KEPT) > 1 and sum(bytes_ for _, bytes_ in _KEPT.values()) > total:
                old, _ = _KEPT.popitem(last=False)
                for deciding in [k for k in _DECIDING if k[0] == old]:
                    del _DECIDING[deciding]
    base = kept[0]
    if apply_threshold is None and not house_style:
        return base
    with _LOCK:
        repairer = _DECIDING.get((key, apply_threshold, house_style))
        if repairer is None:
            repairer = _DECIDING[(key, apply_threshold, house_style)] = base.deciding(apply_threshold, house_style)
            while len(_DECIDING) > 64:  # (each is a few hundred bytes: a bound on visitors typing thresholds)
                _DECIDING.pop(next(iter(_DECIDING)))
    return repairer


def kept_repairers() -> list[tuple[tuple, int]]:
    """The kept repairers' keys and estimated bytes, least recently used first (for tests and logs)."""
    with _LOCK:
        return [(key, size) for key, (_, size) in _KEPT.items()]

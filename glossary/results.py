"""What repair says of a line: each change made or proposed (:class:`Fix`), what became of each
name of the source (:class:`NameCheck`), and the line repaired (:class:`RepairResult`).

These cross every boundary (the command line, the page, reports, the review), so they live apart
from the repair that makes them; ``from glossary.repair import Fix`` works as before.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fix:
    """One change made to a line (``kind`` "fix") or proposed (``kind`` "suggestion"), with its evidence."""

    line: int  # 1-based line number in the input
    start: int  # character span in the line before repair
    end: int
    before: str
    after: str
    entry_id: str
    method: str  # "near-miss", "transliteration", "untranslated" or "completion" (see glossary.stages.evidence)
    confidence: float  # the estimated probability that the change is right (glossary.stages.confidence)
    source: str | None = None  # the source-text name that called for it (source-aware mode)
    kind: str = "fix"  # "fix" (applied) or "suggestion" (listed, not applied)
    evidence: str = ""  # the evidence, in words
    reason: str = ""  # a suggestion: why it was not applied


@dataclass(frozen=True)
class NameCheck:
    """A glossary name found in the source line and what became of it in the translation."""

    entry_id: str
    source: str
    status: str  # "correct", "repaired", "suggested" (a suggestion, not applied) or "missing"
    target: str | None


@dataclass(frozen=True)
class RepairResult:
    line: int
    text: str
    repaired: str
    fixes: tuple[Fix, ...]
    names: tuple[NameCheck, ...]
    suggestions: tuple[Fix, ...] = ()

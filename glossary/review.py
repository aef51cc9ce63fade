"""An editor's review of repairs: accept or reject each fix and suggestion, get the text as decided.

mtrepair's own decision is the starting point: its fixes accepted, its
suggestions not.  A person then changes any of them; the text follows, and
the report records each decision beside mtrepair's.  Two changes of one
line can cover the same words (a fix and a suggestion for the same span):
accepting one sets the other aside, so the text is always one of the
renderings on offer, never both at once.

The text is made by :func:`glossary.invariants.apply_fixes`, the one place
where changes are written into a line: outside the accepted spans every
character stays as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .invariants import apply_fixes
from .decision import FIX
from .repair import Fix, NameCheck
from .report import change_record, missing_record

ACCEPTED, REJECTED = "accepted", "rejected"


@dataclass(frozen=True)
class ReviewedLine:
    """One line under review: its text before any change and every change offered for it."""

    line: int  # 1-based record number
    text: str  # before repair
    changes: tuple[Fix, ...]  # fixes and suggestions, by position
    missing: tuple[NameCheck, ...] = ()  # names of the source still missing (source-aware)


@dataclass(frozen=True)
class Review:
    """Every change offered for a text, numbered 1.. in reading order, and whether each is accepted."""

    lines: tuple[ReviewedLine, ...]
    accepted: tuple[bool, ...]  # one per change, in the order of :meth:`changes`

    @classmethod
    def of(cls, results: Iterable) -> "Review":
        """The review of repair results (glossary.repair.RepairResult, or round-trip sentences: anything
        with ``line``, the text before repair as ``text`` or ``translation``, ``fixes`` and
        ``suggestions``), starting from mtrepair's decisions."""
        lines = []
        for result in results:
            text = result.text if hasattr(result, "text") else result.translation
            changes = tuple(sorted(tuple(result.fixes) + tuple(result.suggestions), key=lambda f: (f.start, f.end)))
            lines.append(ReviewedLine(result.line, text, changes, _missing(getattr(result, "names", ()))))
        return cls(tuple(lines), tuple(change.kind == FIX for line in lines for change in line.changes))

    @property
    def changes(self) -> tuple[Fix, ...]:
        return tuple(change for line in self.lines for change in line.changes)

    def decide(self, number: int, accept: bool) -> tuple["Review", list[int]]:
        """Change ``number`` (1-based) accepted or rejected; returns the review and the numbers of the
        changes set aside because they cover the same words as the one just accepted."""
        changes = self.changes
        if not 1 <= number <= len(changes):
            raise ValueError(f"no change {number} (there are {len(changes)})")
        accepted = list(self.accepted)
        accepted[number - 1] = accept
        set_aside = []
        if accept:
            chosen = changes[number - 1]
            for other, change in enumerate(changes, start=1):
                if other != number and accepted[other - 1] and _same_words(chosen, change):
                    accepted[other - 1] = False
                    set_aside.append(other)
        return Review(self.lines, tuple(accepted)), set_aside

    def with_decisions(self, wanted: dict[int, bool]) -> tuple["Review", list[int]]:
        """The decisions in ``wanted`` (change number -> accept) taken one by one: where two accepted
        changes cover the same words, the one that changed last wins.  Returns the numbers set aside."""
        # Only what differs from the decisions so far counts (a table sends every row's tick, the
        # rival still ticked among them); rejections first, so that the newly accepted one wins.
        changed = sorted(((n, a) for n, a in wanted.items() if self.accepted[n - 1] != a), key=lambda item: item[1])
        review, set_aside = self, []
        for number, accept in changed:
            review, aside = review.decide(number, accept)
            set_aside += aside
        return review, set_aside

    def accept_where(self, keep) -> "Review":
        """Accept exactly the changes for which ``keep(change)`` is true (rivals: the surer one)."""
        review = Review(self.lines, (False,) * len(self.accepted))
        ranked = sorted(enumerate(self.changes, start=1), key=lambda item: -item[1].confidence)
        for number, change in ranked:
            if keep(change) and not any(_same_words(change, other) for other in review.accepted_changes()):
                review, _ = review.decide(number, True)
        return review

    def accepted_changes(self) -> list[Fix]:
        return [change for change, accept in zip(self.changes, self.accepted) if accept]

    def texts(self) -> list[str]:
        """Each line as decided: the accepted changes written in, nothing else touched."""
        return [apply_fixes(line.text, accepted) for line, accepted in self.per_line()]

    def per_line(self) -> list[tuple[ReviewedLine, list[Fix]]]:
        """Each line with its accepted changes."""
        out, flags = [], iter(self.accepted)
        for line in self.lines:
            out.append((line, [change for change in line.changes if next(flags)]))
        return out

    def records(self, file_lines: Sequence[int] | None = None) -> list[dict]:
        """The report: one JSON-ready record per change, as ``mtrepair repair --report`` writes it, with
        ``decision`` (accepted / rejected) and ``by_editor`` (the decision differs from mtrepair's),
        then one per name still missing."""
        records, missing, flags = [], [], iter(self.accepted)
        for index, line in enumerate(self.lines):
            file_line = file_lines[index] if file_lines else line.line
            for change in line.changes:
                accept = next(flags)
                records.append({**change_record(change, line.line, file_line),
                                "decision": ACCEPTED if accept else REJECTED,
                                "by_editor": accept != (change.kind == FIX)})
            missing += [missing_record(name, line.line, file_line) for name in line.missing]
        return records + missing

    def counts(self) -> dict[str, int]:
        changes = self.changes
        return {"accepted": sum(self.accepted), "rejected": len(changes) - sum(self.accepted),
                "by_editor": sum(a != (c.kind == FIX) for a, c in zip(self.accepted, changes))}


def _missing(names) -> tuple[NameCheck, ...]:
    """The names still missing, as repair reports them: from its NameChecks, or from a round trip's
    NameSurvivals (a name not in the translation)."""
    out = []
    for name in names:
        if isinstance(name, NameCheck):
            if name.status == "missing":
                out.append(name)
        elif not name.in_translation:
            out.append(NameCheck(name.entry_id, name.source, "missing", None))
    return tuple(out)


def _same_words(one: Fix, other: Fix) -> bool:
    """Two changes of one line whose spans share a character (or are the same empty span)."""
    if one.line != other.line:
        return False
    if one.start == one.end or other.start == other.end:
        return one.start == other.start and one.end == other.end
    return one.start < other.end and other.start < one.end

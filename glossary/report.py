"""What a repair says about itself: one report record per change and per name still missing, and
the summary of a whole text.

``mtrepair repair`` (``--report`` and its summary line) and the web page (its Repair tab's summary)
both take them from here, so that the two never count or word a repair differently.

>>> results = list(repairer.repair_lines(["نفذت القوات عمليات في موسول"],
...                                        ["Forces operated in Mosul"]))        # doctest: +SKIP
>>> report_records(results)[0]["after"]                                         # doctest: +SKIP
'الموصل'
>>> RepairSummary.of(results, 0.95, source_aware=True).paragraph()              # doctest: +SKIP
'1 name repaired in 1 of 1 lines (source-aware).'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

MISSING = "missing"


def change_record(change, line: int, file_line: int) -> dict:
    """A fix or a suggestion (glossary.repair.Fix) as a report record: its fields, its record number
    (``line``) and its line in the file (``file_line``)."""
    return {**asdict(change), "line": line, "file_line": file_line}


def missing_record(name, line: int, file_line: int) -> dict:
    """A name of the source still missing from the translation (glossary.repair.NameCheck)."""
    return {"kind": MISSING, "line": line, "file_line": file_line, **asdict(name)}


def report_records(results: Iterable, file_lines: Sequence[int] | None = None) -> list[dict]:
    """The report of repair results (glossary.repair.RepairResult), line by line: each change in the
    order of the text, then each name still missing.  ``file_lines``: the line in the file of each
    result (a JSONL or CSV record can start on another line than its number); default: its number."""
    records = []
    for index, result in enumerate(results):
        file_line = result.line if file_lines is None else file_lines[index]
        for change in sorted(result.fixes + result.suggestions, key=lambda f: f.start):
            records.append(change_record(change, result.line, file_line))
        records += [missing_record(name, result.line, file_line) for name in result.names if name.status == MISSING]
    return records


@dataclass(frozen=True)
class RepairSummary:
    """The counts of a repaired text: lines, lines changed, fixes applied, suggestions left, names
    already right and names still missing (source-aware)."""

    lines: int
    changed: int  # lines with at least one fix
    fixes: int
    suggested: int
    correct: int
    missing: tuple[tuple[int, str], ...]  # (line, source name) of each name still missing
    apply_threshold: float
    source_aware: bool

    @classmethod
    def of(cls, results: Iterable, apply_threshold: float, source_aware: bool) -> "RepairSummary":
        results = list(results)
        names = [(r.line, n) for r in results for n in r.names]
        return cls(lines=len(results), changed=sum(1 for r in results if r.fixes),
                   fixes=sum(len(r.fixes) for r in results), suggested=sum(len(r.suggestions) for r in results),
                   correct=sum(n.status == "correct" for _, n in names),
                   missing=tuple((line, n.source) for line, n in names if n.status == MISSING),
                   apply_threshold=apply_threshold, source_aware=source_aware)

    def line(self, destination: str) -> str:
        """One line, as ``mtrepair repair`` ends with on standard error."""
        checked = (f"; {self.correct} names already right, {len(self.missing)} missing") if self.source_aware else ""
        return (f"repaired {self.fixes} names in {self.changed} of {self.lines} lines, {self.suggested} suggestions "
                f"(confidence below {self.apply_threshold:g}){checked} -> {destination}")

    def paragraph(self) -> str:
        """A paragraph in Markdown for a person reviewing the changes, then the names still missing."""
        text = f"{self.fixes} name{_s(self.fixes)} repaired in {self.changed} of {self.lines} lines"
        text += " (source-aware)" if self.source_aware else " (target-only: no source given)"
        text += (f"; {self.suggested} suggestion{_s(self.suggested)} not applied (apply threshold "
                 f"{self.apply_threshold:g}; tick one in the review to apply it)." if self.suggested else ".")
        if self.missing:
            text += "\n\n**Names of the source still missing:**\n" + "\n".join(
                f"- line {line}: {source}" for line, source in self.missing)
        return text


def _s(count: int) -> str:
    return "s" if count != 1 else ""

"""Text renderings of evaluation results: a terminal table, Markdown and JSON.

The HTML report is in :mod:`eval.html_report`; every rendering reads the
same :mod:`eval.results` structures.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from .metrics import TESTS
from .results import MetricScore, NameAccuracy, RoundTripReport, ScoreReport, SentenceCheck


def _cell(score: MetricScore) -> str:
    text = f"{score.score:.1f}"
    if score.ci_half_width is not None:
        text += f" ± {score.ci_half_width:.1f}"
    if score.p_value is not None:
        text += f" (p = {score.p_value:.4f}){'*' if score.significant() else ''}"
    return text


def ranking(report: ScoreReport) -> list[int]:
    """1-based rank of each system by the first metric (lower TER is better)."""
    first = report.metrics[0]
    values = [s.score(first).score for s in report.systems]
    sign = 1 if report.systems[0].score(first).higher_is_better else -1
    order = sorted(range(len(values)), key=lambda i: -sign * values[i])
    ranks = [0] * len(values)
    for rank, index in enumerate(order, start=1):
        ranks[index] = rank
    return ranks


def score_rows(report: ScoreReport) -> tuple[list[str], list[list[str]]]:
    """The score table: header and one row of cells per system (rank, name, metrics, names)."""
    header = ["rank", "system", *report.metrics]
    with_names = any(s.names is not None for s in report.systems)
    if with_names:
        header += ["names exact", "names aware"]
    rows = []
    for rank, system in zip(ranking(report), report.systems):
        row = [str(rank), system.name + (" (baseline)" if report.test and system is report.systems[0] else "")]
        row += [_cell(s) for s in system.scores]
        if with_names and system.names is not None:
            n = system.names
            if n.total:
                row += [f"{n.exact_percent:.1f} % ({n.exact}/{n.total})", f"{n.aware_percent:.1f} % ({n.aware}/{n.total})"]
            else:
                row += ["n/a (no glossary name in the source and reference)"] * 2
        rows.append(row)
    return header, rows


def _footer(report: ScoreReport) -> list[str]:
    lines = [f"reference: {report.reference}"]
    if report.normalized_digits:
        lines.append("digits: Eastern Arabic digits written as 0-9 in every file before scoring (--normalize-digits)")
    for metric in report.metrics:
        lines.append(f"{metric} signature: {report.systems[0].score(metric).signature}")
    if report.test:
        lines.append(f"p: {TESTS[report.test]} against the first system ({report.samples} samples); "
                     "* marks p < 0.05; ± is half the 95 % bootstrap interval")
    else:
        lines.append("± is half the 95 % bootstrap confidence interval")
    return lines


def _table(header: list[str], rows: list[list[str]], markdown: bool) -> list[str]:
    if markdown:
        return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + ["| " + " | ".join(r) + " |" for r in rows]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    return lines + ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]


def score_table(report: ScoreReport) -> str:
    """An aligned plain-text table for the terminal."""
    out = _table(*score_rows(report), markdown=False) + [""] + _footer(report)
    out += _names_text(report, markdown=False, shown=10)
    out += [f"warning: {w}" for w in report.warnings]
    return "\n".join(out) + "\n"


def score_markdown(report: ScoreReport) -> str:
    out = _table(*score_rows(report), markdown=True) + [""] + [f"- {line}" for line in _footer(report)]
    out += _names_text(report, markdown=True, shown=20)
    out += [f"- warning: {w}" for w in report.warnings]
    return "\n".join(out) + "\n"


def _names_text(report: ScoreReport, *, markdown: bool, shown: int) -> list[str]:
    """Accuracy by entry type, then each system's missed names (the first ``shown``)."""
    systems = [s for s in report.systems if s.names is not None and s.names.total]
    if not systems:
        return []
    title = "Name accuracy by entry type (aware %, expected names in brackets)"
    out = ["", f"### {title}" if markdown else f"{title}:", ""]
    header = ["system", *(f"{t.type} ({t.total})" for t in systems[0].names.by_type)]
    rows = [[s.name] + [f"{100 * t.aware / t.total:.1f}" for t in s.names.by_type] for s in systems]
    out += _table(header, rows, markdown)
    bullet = "- " if markdown else "  "
    for system in systems:
        missed = system.names.missed
        if not missed:
            continue
        out += ["", f"{'### ' if markdown else ''}Missed names in {system.name} ({len(missed)}):", ""]
        out += [f"{bullet}line {m.line}: {m.source} -> {m.expected[0]} ({m.entry_id}, {m.type or '-'})"
                for m in missed[:shown]]
        if len(missed) > shown:
            out.append(f"{bullet}... {len(missed) - shown} more (all in --format json and --sentences)")
    return out


def score_json(report: ScoreReport) -> str:
    data = asdict(report)
    for system, raw in zip(report.systems, data["systems"]):
        if system.names is not None:
            raw["names"].update(exact_percent=system.names.exact_percent, aware_percent=system.names.aware_percent)
    data["ranks"] = ranking(report)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def sentence_rows(report: ScoreReport, hypotheses, references, scorer) -> list[dict]:
    """One JSON-ready row per system and line: sentence scores and names missed there."""
    rows = []
    for system, lines in zip(report.systems, hypotheses):
        missed = _missed_by_line(system.names)
        for number, (hypothesis, reference) in enumerate(zip(lines, references), start=1):
            chrf, bleu = scorer(hypothesis, reference)
            rows.append({"system": system.name, "line": number, "chrf": round(chrf, 2), "bleu": round(bleu, 2),
                         "hypothesis": hypothesis, "reference": reference,
                         "missed_names": missed.get(number, [])})
    return rows


def _missed_by_line(names: NameAccuracy | None) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for m in names.missed if names else ():
        out.setdefault(m.line, []).append({"entry": m.entry_id, "source": m.source, "expected": m.expected[0]})
    return out


# -- round trip -------------------------------------------------------------

def roundtrip_markdown(report: RoundTripReport, shown: int = 50) -> str:
    """A summary a person reads first: counts, corpus scores, then the flagged sentences."""
    total, flagged = len(report.sentences), report.flagged
    fixes = sum(len(s.fixes) for s in report.sentences)
    names = [n for s in report.sentences for n in s.names]
    out = [
        f"# Round trip {report.source_lang} → {report.target_lang} → {report.source_lang}",
        "",
        f"- forward: {report.forward}; back: {report.backward}; glossary: {report.glossary or 'none'}",
        f"- {total} lines, **{len(flagged)} flagged** (back-translation chrF < {report.threshold:g}, "
        "a glossary name lost, or a number changed)",
        f"- {fixes} glossary fixes, {sum(len(s.suggestions) for s in report.sentences)} suggestions (not applied); "
        f"{sum(n.survived for n in names)} of {len(names)} glossary names survived the round trip",
    ]
    out += [f"- corpus {s.metric} of the back-translation against the source: {s.score:.1f}" for s in report.corpus]
    if flagged:
        out += ["", "## Flagged lines", "",
                "| line | chrF | BLEU | why | source | translation | repaired translation | back-translation |",
                "|---|---|---|---|---|---|---|---|"]
        for s in flagged[:shown]:
            repaired = _md(s.repaired) if s.fixes else "(unchanged)"
            out.append(f"| {s.file_line or s.line} | {s.chrf:.1f} | {s.bleu:.1f} | {_md('; '.join(s.reasons))} "
                       f"| {_md(s.source)} | {_md(s.translation)} | {repaired} | {_md(s.back_translation)} |")
        if len(flagged) > shown:
            out.append(f"\n… {len(flagged) - shown} more flagged lines in the full report.")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def roundtrip_summary(report: RoundTripReport) -> dict:
    """The first record of ``--report``: what the per-line records were measured with."""
    return {
        "kind": "summary", "source_lang": report.source_lang, "target_lang": report.target_lang,
        "forward": report.forward, "backward": report.backward, "glossary": report.glossary,
        "threshold": report.threshold, "lines": len(report.sentences), "flagged": len(report.flagged),
        "corpus": [asdict(score) for score in report.corpus],
    }


def roundtrip_rows(report: RoundTripReport) -> list[dict]:
    """JSON-ready rows for ``--report``: flagged sentences first."""
    return [_sentence_row(s) for s in report.ordered()]


def _sentence_row(sentence: SentenceCheck) -> dict:
    row = {"kind": "line", **asdict(sentence)}
    row["file_line"] = sentence.file_line or sentence.line
    row["chrf"], row["bleu"] = round(sentence.chrf, 2), round(sentence.bleu, 2)
    row["flagged"] = sentence.flagged
    row["lost_names"] = [n.source for n in sentence.lost_names]
    return row


"""Self-contained HTML reports (one file, no external resources) from :mod:`eval.results`.

Templates are Jinja2 with autoescaping, so text from the documents can never
inject markup; highlighting is prepared here as a list of pieces
(:class:`Piece`) that the template wraps in ``<mark>`` elements.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache

from .render import ranking
from .results import RoundTripReport, ScoreReport, SentenceCheck

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})


@dataclass(frozen=True)
class Piece:
    """A run of text, plain (``kind`` "") or highlighted ("fix", "lost", "kept") with a tooltip."""

    text: str
    kind: str = ""
    title: str = ""


def fixed_pieces(text: str, fixes) -> list[Piece]:
    """``text`` repaired by ``fixes`` (glossary.repair.Fix, spans in ``text``), each fix marked
    (tooltip: what was there, entry, method, confidence)."""
    pieces, position = [], 0
    for fix in sorted(fixes, key=lambda f: f.start):
        pieces.append(Piece(text[position:fix.start]))
        pieces.append(Piece(fix.after, "fix", f"was «{fix.before}» — {fix.entry_id}, {fix.method}, "
                                              f"confidence {fix.confidence:.2f}"))
        position = fix.end
    pieces.append(Piece(text[position:]))
    return [p for p in pieces if p.text]


def name_pieces(sentence: SentenceCheck) -> list[Piece]:
    """The source with its glossary names marked where the matcher found them: lost ones red, kept ones green."""
    pieces, position = [], 0
    for name in sorted(sentence.names, key=lambda n: n.start):
        if name.start < position:
            continue
        if name.survived:
            kind, title = "kept", "survived the round trip"
        elif not name.in_translation:
            kind, title = "lost", "missing in the translation"
        else:
            kind, title = "lost", "not recovered by the back-translation"
        pieces += [Piece(sentence.source[position:name.start]),
                   Piece(sentence.source[name.start:name.end], kind, f"{name.entry_id}: {title}")]
        position = name.end
    pieces.append(Piece(sentence.source[position:]))
    return [p for p in pieces if p.text]


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("eval", "templates"), autoescape=select_autoescape(default=True),
                       trim_blocks=True, lstrip_blocks=True)


def _direction(lang: str) -> str:
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


def roundtrip_html(report: RoundTripReport) -> str:
    rows = [{"s": s, "source": name_pieces(s), "repaired": fixed_pieces(s.translation, s.fixes)} for s in report.ordered()]
    return _environment().get_template("roundtrip.html").render(
        report=report, rows=rows, created=_now(),
        source_dir=_direction(report.source_lang), target_dir=_direction(report.target_lang),
        fixes=sum(len(s.fixes) for s in report.sentences),
        names=[n for s in report.sentences for n in s.names],
    )


def score_html(report: ScoreReport) -> str:
    return _environment().get_template("score.html").render(
        report=report, ranks=ranking(report), created=_now(),
        with_names=any(s.names is not None for s in report.systems),
    )


def _now() -> str:
    return _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")

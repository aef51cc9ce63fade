"""Long lines (issue 13, item 5): a long line is repaired as its sentences are, and what repair reads
near a span (the words before and after it, a sentence start, the names already placed) is what it
would read in the whole line.  (No test here is timed: benchmarks/bench_long_lines.py measures.)"""

from __future__ import annotations

import io
import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from glossary.ambiguity import _SENTENCE_START, _at_sentence_start
from glossary.evidence import _LEFT_WORD, _left_word
from glossary.files import load_glossary
from glossary.normalize import fold
from glossary.readings import (
    TOKEN, SpanSet, first_visible, folded_words_after, folded_words_before, last_visible, overlaps, tokens_after,
    tokens_before,
)
from glossary.repair import Repairer
from translate.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "glossary"

# One news sentence each way, three of its four names mangled as machine translation mangles them.
SENTENCES = {
    ("en", "ar"): (("Local sources said Hayat Tahrir al-Sham fighters entered the city of Idlib on Tuesday, while "
                    "forces operated in Mosul and shelled positions near Raqqa, Deir ez-Zor and Latakia."),
                   ("قالت مصادر محلية إن مقاتلي هايات تحرير الشام دخلوا مدينة إدليب يوم الثلاثاء، بينما نفذت القوات "
                    "عمليات في موسول وقصفت مواقع قرب الرقة ودير الزور ولاتاكيا.")),
    ("ar", "en"): (("قالت مصادر محلية إن مقاتلي هيئة تحرير الشام دخلوا مدينة إدلب يوم الثلاثاء، بينما نفذت القوات "
                    "عمليات في الموصل وقصفت مواقع قرب الرقة ودير الزور واللاذقية."),
                   ("Local sources said that fighters of Hayat Tahrir al-Sham entered the city of Idleb on Tuesday, "
                    "while the forces carried out operations in Mousul and bombed positions near Raqa, Deir Ezzor "
                    "and Lattakiya.")),
}
SENTENCES_ON_THE_LINE = 2000


@pytest.mark.parametrize("mode", ["source-aware", "target-only"])
@pytest.mark.parametrize("direction", list(SENTENCES), ids=lambda d: f"{d[0]}-{d[1]}")
def test_a_long_line_is_repaired_as_each_of_its_sentences(direction, mode):
    src, tgt = direction
    source, translation = SENTENCES[direction]
    repairer = Repairer(load_glossary("levant-news", src, tgt), src, tgt)
    aware = mode == "source-aware"
    alone = repairer.repair(translation, source if aware else None)
    assert alone.fixes  # the sentence needs repair
    n = SENTENCES_ON_THE_LINE
    line = repairer.repair(" ".join([translation] * n), " ".join([source] * n) if aware else None)
    step = len(translation) + 1

    def shifted(fixes):
        return [replace(f, start=f.start + i * step, end=f.end + i * step, confidence=0.0) for i in range(n)
                for f in fixes]

    def placed(fixes):
        return [replace(f, confidence=0.0) for f in fixes]

    # The same changes, each as sure within a hundredth (confidence reads where a span sits in its line).
    assert placed(line.fixes) == shifted(alone.fixes)
    assert placed(line.suggestions) == shifted(alone.suggestions)
    sure = {(f.before, f.after): f.confidence for f in alone.fixes + alone.suggestions}
    assert all(abs(f.confidence - sure[(f.before, f.after)]) <= 0.01 for f in line.fixes + line.suggestions)
    assert line.repaired == " ".join([alone.repaired] * n)
    assert list(line.names) == list(alone.names) * n


def _random_texts(seed: int, count: int):
    """Short texts of the characters that make word and sentence edges hard: Arabic and Latin letters,
    marks that fold away, tatweel, a presentation form that folds to two letters, digits, quotes."""
    alphabet = list("ab مو-  \n.\u200c\u064e\u0640\ufe70ﻻ_1٣'’‘“”ß\t\u200e(\")[]«»?!:;") + ["Ab", "ال"]
    rng = random.Random(seed)
    for _ in range(count):
        text = "".join(rng.choice(alphabet) for _ in range(rng.choice([3, 30, 200, 900])))
        yield text, rng.randint(0, len(text))


def test_the_words_read_beside_a_span_are_those_of_the_whole_line():
    for text, position in _random_texts(11, 2500):
        for count in (1, 2, 3):
            assert tokens_before(text, position, count) == [m.span() for m in TOKEN.finditer(text, 0, position)][-count:]
            assert tokens_after(text, position, count) == [m.span() for m in TOKEN.finditer(text, position)][:count]
            assert folded_words_before(text, position, count) == TOKEN.findall(fold(text[:position]))[-count:]
            assert folded_words_after(text, position, count) == TOKEN.findall(fold(text[position:]))[:count]
        assert last_visible(text, position) == len(text[:position].rstrip())
        assert first_visible(text, position) == len(text) - len(text[position:].lstrip())
        near, whole = _left_word(text, position), _LEFT_WORD.search(text, 0, position)
        assert (near and (near.span(), near.group(1))) == (whole and (whole.span(), whole.group(1)))
        assert _at_sentence_start(text, position) == bool(_SENTENCE_START.search(text[:position]))


def test_a_span_set_overlaps_as_a_list_of_spans_does():
    rng = random.Random(5)
    for _ in range(500):
        spans = [(s, s + rng.randint(0, 30)) for s in (rng.randint(0, 300) for _ in range(rng.randint(0, 40)))]
        excluded = set(rng.sample(spans, min(len(spans), rng.randint(0, 3))))
        indexed = SpanSet(spans)
        for _ in range(30):
            start = rng.randint(0, 330)
            end = start + rng.randint(0, 40)
            assert overlaps(start, end, indexed) == overlaps(start, end, spans)
            assert overlaps(start, end, indexed.without(excluded)) == overlaps(
                start, end, [s for s in spans if s not in excluded])


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("quiet", [False, True])
def test_repair_shows_its_progress_on_a_terminal_unless_quiet(tmp_path, monkeypatch, quiet):
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    code = main(["repair", "--glossary", str(FIXTURES / "repair-names.tsv"), "--from", "en", "--to", "ar",
                 "--source", str(FIXTURES / "repair-source.en"), str(FIXTURES / "repair-translation.ar"),
                 "-o", str(tmp_path / "out.ar")] + (["-q"] if quiet else []))
    assert code == 0
    shown = terminal.getvalue()
    if quiet:
        assert shown == ""
    else:
        assert re.search(r"repairing: 100%.*char", shown), shown
        assert "repaired 2 names in 2 of 6 lines" in shown

"""A Levant news article with the six names a newsroom needs most, mangled as machine translation
spells them letter by letter (tests/fixtures/levant/article, written for this test): repaired with the
built-in glossary, with and without the source, both directions, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.files import load_glossary
from glossary.repair import Repairer

ARTICLE = Path(__file__).parent / "fixtures" / "levant" / "article"


def lines(name: str) -> list[str]:
    return (ARTICLE / name).read_text(encoding="utf-8").split("\n")[:-1]


# Held back as suggestions just below the fitted apply threshold (0.95), so the line keeps its words:
# strict, so that the day these pass, the marks go.
HELD_BACK = pytest.mark.xfail(strict=True, reason="«مقاطعة صلاح» (line 9, with the source) and «مقاطعة صلاح الدين» "
                                                  "(line 11, without) are suggestions at 0.91-0.94 (BENCHMARKS.md)")


@pytest.mark.parametrize("with_source", [True, False], ids=["source-aware", "target-only"])
@pytest.mark.parametrize("src, tgt", [pytest.param("en", "ar", id="en-ar", marks=HELD_BACK), ("ar", "en")],
                         ids=["en-ar", "ar-en"])
def test_the_article_is_repaired_byte_for_byte(src, tgt, with_source):
    repairer = Repairer(load_glossary("levant-news", src, tgt), src, tgt)
    # Without a source, two kinds of mangling stay (expected-target-only.*, README.md there).
    expected_file = f"expected.{tgt}" if with_source else f"expected-target-only.{tgt}"
    sources, translation, expected = lines(f"article.{src}"), lines(f"mt.{tgt}"), lines(expected_file)
    assert len(sources) == len(translation) == len(expected)
    repaired = [repairer.repair(line, source if with_source else None, number).repaired
                for number, (source, line) in enumerate(zip(sources, translation), 1)]
    assert [(n, got) for n, (got, want) in enumerate(zip(repaired, expected), 1) if got != want] == []


def test_what_the_article_holds_back_is_suggested_with_the_right_words():
    """The two spans held back at the default threshold are suggested with the glossary's form, and a
    threshold of 0.9 applies them: the article then comes out byte for byte as expected."""
    repairer = Repairer(load_glossary("levant-news", "en", "ar"), "en", "ar", apply_threshold=0.9)
    for with_source, expected_file in ((True, "expected.ar"), (False, "expected-target-only.ar")):
        repaired = [repairer.repair(line, source if with_source else None, number).repaired
                    for number, (source, line) in enumerate(zip(lines("article.en"), lines("mt.ar")), 1)]
        assert repaired == lines(expected_file)

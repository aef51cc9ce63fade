"""A server keeps one repairer per glossary content and language pair, within a memory budget."""

from __future__ import annotations

import pytest

from glossary import sharing
from glossary.entry import Glossary
from glossary.files import load_glossary
from glossary.sharing import GlossaryTooLarge, shared_repairer

MOSUL = ("نفذت القوات عمليات في موسول", "Forces operated in Mosul")


@pytest.fixture(autouse=True)
def empty_cache(monkeypatch):
    monkeypatch.setattr(sharing, "_KEPT", type(sharing._KEPT)())
    monkeypatch.setattr(sharing, "_DECIDING", {})


def test_every_threshold_shares_one_compiled_glossary_and_decides_by_its_own():
    glossary = load_glossary("levant-news")
    strict = shared_repairer(glossary, "en", "ar", apply_threshold=1.0)
    default = shared_repairer(glossary, "en", "ar")
    assert strict.finder is default.finder and strict.target_matcher is default.target_matcher
    text, source = MOSUL
    assert default.repair(text, source).repaired == "نفذت القوات عمليات في الموصل"
    assert strict.repair(text, source).repaired == text  # nothing reaches 1.0: suggested only
    assert strict.repair(text, source).suggestions
    assert len(sharing.kept_repairers()) == 1


def test_three_uploads_of_one_file_use_one_copy():
    uploads = [load_glossary("levant-news") for _ in range(3)]  # three objects, one content
    assert len({id(glossary) for glossary in uploads}) == 3
    finders = {id(shared_repairer(glossary, "en", "ar", apply_threshold=0.9).finder) for glossary in uploads}
    assert len(finders) == 1 and len(sharing.kept_repairers()) == 1


def test_a_glossary_over_the_budget_is_refused_in_a_sentence(monkeypatch):
    glossary = load_glossary("levant-news")
    monkeypatch.setenv("MTREPAIR_GLOSSARY_BUDGET_MB", str(sharing.estimated_bytes(glossary) / sharing.MEGABYTE / 2))
    with pytest.raises(GlossaryTooLarge) as refused:
        shared_repairer(glossary, "en", "ar")
    message = str(refused.value)
    assert f"{len(glossary.entries):,} entries" in message and "\n" not in message
    assert sharing.kept_repairers() == []


def test_kept_repairers_are_bounded_by_bytes_least_recently_used_first(monkeypatch):
    levant = load_glossary("levant-news")
    small = Glossary.from_pairs([("Mosul", "الموصل")], "en", "ar")
    monkeypatch.setenv("MTREPAIR_GLOSSARY_CACHE_MB", str(sharing.estimated_bytes(levant) * 1.5 / sharing.MEGABYTE))
    shared_repairer(levant, "en", "ar")
    shared_repairer(small, "en", "ar")  # fits beside it
    assert len(sharing.kept_repairers()) == 2
    shared_repairer(levant, "ar", "en")  # a second big one: the least recently used goes
    kept = sharing.kept_repairers()
    assert sum(size for _, size in kept) <= sharing.estimated_bytes(levant) * 1.5
    assert (levant.fingerprint, "en", "ar") not in [key for key, _ in kept]
    assert (levant.fingerprint, "ar", "en") in [key for key, _ in kept]

"""What the glossary repair tests share: a small Levant glossary, a glossary from rows, and the invariants
every repair must keep (tests/test_glossary_repair*.py)."""

from __future__ import annotations

from glossary.entry import Glossary, GlossaryEntry
from glossary.repair import RepairResult, Repairer

HTS = GlossaryEntry("hts", {"en": ("Hayat Tahrir al-Sham", "HTS"), "ar": ("هيئة تحرير الشام", "تحرير الشام")}, type="ORG")
ALAWITE = GlossaryEntry("alawite", {"en": ("Alawite", "Alawites"), "ar": ("العلويين",)}, type="GRP")
SALAH_PROVINCE = GlossaryEntry("salah-province", {"en": ("Salah al-Din province", "Saladin province"),
                                                  "ar": ("محافظة صلاح الدين",)}, type="LOC")
MOSUL = GlossaryEntry("mosul", {"en": ("Mosul",), "ar": ("الموصل",)}, type="LOC")
LATAKIA = GlossaryEntry("latakia", {"en": ("Latakia", "Lattakia"), "ar": ("اللاذقية",)}, type="LOC")
AUGUSTUS = GlossaryEntry("augustus", {"en": ("Augustus",), "ar": ("أوغسطس",)}, type="PER")
GLOSSARY = Glossary((HTS, ALAWITE, SALAH_PROVINCE, MOSUL, LATAKIA, AUGUSTUS), ("en", "ar"), "test")


def small_glossary(name: str, *rows: tuple[str, str, str, str]) -> Glossary:
    """A glossary from (id, English, Arabic, type) rows; alternatives separated by " | " as in a TSV."""
    return Glossary(tuple(GlossaryEntry(id_, {"en": tuple(en.split(" | ")), "ar": tuple(ar.split(" | "))}, type=type_)
                          for id_, en, ar, type_ in rows), ("en", "ar"), name)


def check_invariants(result: RepairResult, repairer: Repairer, source: str | None = None) -> None:
    """What must hold for any repair: spans are exact, nothing else changes, a second pass is a no-op."""
    text = result.text
    previous_end = 0
    for fix in result.fixes:
        assert fix.before == text[fix.start:fix.end]
        assert fix.start >= previous_end, "fixes overlap or are out of order"
        assert fix.after != fix.before
        assert 0 <= fix.confidence <= 1
        previous_end = fix.end
    # Undo every fix in the repaired text: the original must come back, so
    # nothing outside the fixed spans changed.
    # Left to right: once the fixes before it are undone, a fix's ``after``
    # sits at its original ``start``.
    undone = result.repaired
    for fix in result.fixes:
        assert undone[fix.start:fix.start + len(fix.after)] == fix.after
        undone = undone[:fix.start] + fix.before + undone[fix.start + len(fix.after):]
    assert undone == text
    if not result.fixes:
        assert result.repaired == text
    again = repairer.repair(result.repaired, source)
    assert again.fixes == ()
    assert again.repaired == result.repaired

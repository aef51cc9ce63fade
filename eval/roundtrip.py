"""Round trip: translate (or take given MT), repair names, translate back, compare with the source.

Without a reference there is still a check: a translation whose
back-translation says something else than the source has probably lost
meaning.  Each line gets the back-translation's sentence chrF and BLEU
against the source, the glossary names that survived, and the numbers that
did not; a line is *flagged* for a human when

* its back-translation chrF is below the threshold (default by the
  language translated back into, chosen on FLORES-101 dev: see
  ``benchmarks/calibrate_roundtrip.py`` and BENCHMARKS.md),
* a glossary name of the source is missing from the (repaired) translation
  or does not come back in the back-translation, or
* a number of the source (11 or more, or with decimals) is in neither the
  translation nor the back-translation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from translate.common.errors import MtrepairError

from .metrics import SentenceScorer, score_one
from .numbers import lost_numbers
from .results import NameSurvival, RoundTripReport, SentenceCheck

if TYPE_CHECKING:
    from glossary.entry import Glossary

# How texts are translated: ``translate_texts(texts, translator, source_lang, on_batch=...)`` returns one
# record per text with its ``.translation``, as ``translate.pipeline.translate_texts`` does (sentence by
# sentence, the layout kept).  The caller passes it in, so that eval imports nothing of translate but
# its ground floor.
TranslateTexts = Callable[..., Sequence[Any]]

# Back-translation chrF below which a line is flagged, by the language the
# text is translated back into.  On FLORES-101 dev with the human translation
# as the forward step and OPUS-MT translating back, these flag about 6 % of
# correct lines and 40-56 % of lines whose second half says something else.
DEFAULT_THRESHOLDS = {"en": 40.0, "ar": 30.0}
FALLBACK_THRESHOLD = 35.0


def default_threshold(source_lang: str) -> float:
    return DEFAULT_THRESHOLDS.get(source_lang, FALLBACK_THRESHOLD)


class RoundTrip:
    """Check translations ``source_lang -> target_lang`` by translating them back.

    Build it once (the reverse model is loaded once) and call :meth:`check`
    for each text; ``translate_texts`` is how the translators are run on
    texts (:data:`TranslateTexts`):

    >>> from translate import Translator, translate_texts                              # doctest: +SKIP
    >>> trip = RoundTrip("en", "ar", backward=Translator("Helsinki-NLP/opus-mt-ar-en"),   # doctest: +SKIP
    ...                  forward=Translator("Helsinki-NLP/opus-mt-en-ar"), glossary=glossary,
    ...                  translate_texts=translate_texts)
    >>> report = trip.check(["Forces entered Mosul on Monday."])                       # doctest: +SKIP
    >>> [s.reasons for s in report.flagged]                                             # doctest: +SKIP
    """

    def __init__(self, source_lang: str, target_lang: str, *, backward, translate_texts: TranslateTexts,
                 forward=None, glossary: Glossary | None = None, threshold: float | None = None,
                 apply_threshold: float | None = None, house_style: bool = False) -> None:
        self.source_lang, self.target_lang = source_lang, target_lang
        self.forward, self.backward = forward, backward
        self._translate_texts = translate_texts
        self.glossary = glossary
        self.threshold = default_threshold(source_lang) if threshold is None else threshold
        self.repairer = self.names = None
        if glossary is not None:
            from glossary.repair import Repairer

            from .names import NameScorer

            self.repairer = Repairer(glossary, source_lang, target_lang, apply_threshold=apply_threshold,
                                     house_style=house_style)
            self.names = NameScorer(glossary, source_lang, target_lang)
        self._scorer = SentenceScorer()

    def check(self, sources: Sequence[str], translations: Sequence[str] | None = None, *,
              given: str = "given translation", on_batch: Callable[[int], None] | None = None,
              file_lines: Sequence[int] | None = None) -> RoundTripReport:
        """Round-trip every line of ``sources``; ``translations`` (line-aligned) skips the forward step.

        ``file_lines`` says where each source record starts in its file
        (a table's header or a multi-line CSV cell shifts them), for reports.
        """
        if translations is None:
            if self.forward is None:
                raise MtrepairError("no forward model and no translations to check")
            translations = [r.translation for r in self._translate_texts(sources, self.forward, self.source_lang,
                                                                          on_batch=on_batch)]
            forward_name = self.forward.model_id
        else:
            if len(translations) != len(sources):
                raise MtrepairError(f"{len(translations)} translations for {len(sources)} source lines")
            forward_name = given
        repairs = [self.repairer.repair(t, s, line=n) if self.repairer else None
                   for n, (s, t) in enumerate(zip(sources, translations), start=1)]
        repaired = [r.repaired if r else t for r, t in zip(repairs, translations)]
        backs = [r.translation for r in self._translate_texts(repaired, self.backward, self.target_lang,
                                                              on_batch=on_batch)]
        lines = file_lines or range(1, len(sources) + 1)
        sentences = tuple(
            replace(self._sentence(n, s, t, r, b, repair.fixes if repair else ()), file_line=file_line,
                    suggestions=repair.suggestions if repair else ())
            for n, (s, t, r, b, repair, file_line)
            in enumerate(zip(sources, translations, repaired, backs, repairs, lines), start=1)
        )
        return RoundTripReport(
            self.source_lang, self.target_lang, forward_name, self.backward.model_id,
            getattr(self.glossary, "path", None), self.threshold, sentences,
            score_one(backs, sources, ("chrf", "bleu"), samples=1),
        )

    def _sentence(self, line, source, translation, repaired, back, fixes) -> SentenceCheck:
        if not source.strip():
            return SentenceCheck(line, source, translation, repaired, back, 100.0, 100.0, tuple(fixes))
        chrf, bleu = self._scorer(back, source)
        names = self._names(source, repaired, back)
        reasons = []
        if chrf < self.threshold:
            reasons.append(f"back-translation chrF {chrf:.1f} < {self.threshold:g}")
        for name in names:
            if not name.in_translation:
                reasons.append(f"name missing in translation: {name.source}")
            elif not name.in_back_translation:
                reasons.append(f"name not recovered by back-translation: {name.source}")
        for number in lost_numbers(source, repaired, back):
            reasons.append(f"number {number} missing")
        return SentenceCheck(line, source, translation, repaired, back, chrf, bleu, tuple(fixes), names, tuple(reasons))

    def _names(self, source: str, translation: str, back: str) -> tuple[NameSurvival, ...]:
        """Each glossary name of the source, and whether the matcher finds it again.

        Only the matcher decides here, not the substring test of name
        accuracy: «إيرانيون» (Iranians) holds «إيران» (Iran) but is not it.
        """
        if self.names is None:
            return ()
        in_translation = {e.id for m in self.names.target_matcher.find(translation) for e in m.entries}
        in_back = {e.id for m in self.names.source_matcher.find(back) for e in m.entries}
        survivals, seen = [], set()
        for match in self.names.source_matcher.find(source):
            entry = match.entries[0]
            if entry.id in seen:
                continue
            seen.add(entry.id)
            ids = {e.id for e in match.entries}
            survivals.append(NameSurvival(entry.id, match.text, match.start, match.end,
                                          bool(ids & in_translation), bool(ids & in_back)))
        return tuple(survivals)

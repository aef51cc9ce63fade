"""Hunt for damage: generated text that is correct and needs no repair, repaired by mtrepair.

Every sentence this script builds is a correct sentence (or a correct
translation of its source), so every change that repair *applies* (a fix; not
a suggestion) is a false fix.  The sentences come from templates, several per
class, in Arabic and English, filled with words built from the glossary under
test:

1. ``derived``: words derived from an entry: English demonyms, adjectives, person
   nouns and plurals made by rules (Syria -> Syrian, Lebanon -> Lebanese,
   Christianity -> Christian, France -> French ...), kept only when wordfreq
   knows them (zipf >= 1.5) and they are not far more frequent than their
   base; Arabic nisba forms of place and group names (العراق -> العراقي /
   العراقية / العراقيين / العراقيون), with and without the article, and plurals
   with the clitics و / ب.  Not for people's names (so not for the untyped
   wikidata glossary).  Source-aware cases use the sentence in the other
   language with the BASE name ("forces from Syria" for «القوات السورية»).
   Some rule-made words are real words that are no derivation (Hama ->
   Haman, الطبقة -> الطبقية): read the JSONL before blaming repair.
2. ``glued``: a word written without a space next to a name («رئيسالعراق»,
   «بغدادفي», "inBaghdad"), a glued preposition beside a name («منأجل»), two names
   glued («بغدادودمشق»).  Table column "glue lost": changed cases where the
   glued word is gone from the repaired text (the fix swallowed it).
3. ``longer``: an entry's name inside a longer, different name ("New {X}",
   "{X} University", "{X-adj} Democratic Forces", «مجلس التعاون {X-nisba}»), and
   glossary names that contain a shorter entry's name.
4. ``near-words``: for each one-word form, the most frequent real words
   (wordfreq top 100,000) within Levenshtein distance 1-2 (1 for forms of up to
   4 letters), not the name with a clitic: in quoting templates (target-only),
   and in the real human-translated sentences of ../shared (FLORES-101 dev,
   TICO-19 dev, NTREX, PUD) that contain them, with their aligned source.
5. ``person-names``: Wikidata name words (../shared/data/wikidata-name-words) as
   a person's first and last name ("Minister {First} {Last} said ..."), half
   of them chosen because they are close to a word of a glossary form; names
   equal to a glossary form in either language are left out (there the
   glossary may rightly enforce its form).
6. ``variants``: every accepted non-preferred form of an entry, alone and (Arabic)
   with the clitics و / ب.  Accepted forms are never to be touched.

Each case is repaired target-only and, where a natural source exists,
source-aware.  Glossaries: ``levant-news`` (built in), ``names-dev``
(../shared/data/names-dev.tsv) and ``wikidata``: a seeded random sample of
--wiki-size entries (default 3,000) of the 64,796 Wikidata name words, because
target-only repair with all of them is too slow for a hunt; for person-names
with this glossary, the text uses name words outside the sample.  --limit
caps the cases per class and glossary (a seeded sample).

Output: a table per class, glossary, direction and mode (cases, changed cases,
changed per 1,000, fixes, suggestions, "off-slot": fixes outside the generated
span, "glue lost", errors: exceptions raised by repair), then five example
changes per class (most confident first, one per entry); every false fix is
written to --out as one JSON line (the case, its source, the repaired text and
the fix with its evidence).  Sampling is seeded: the same code gives the same
figures.  The whole hunt takes about 5 minutes on 2 cores (under 1 GB).

    .venv/bin/python benchmarks/damage_hunt.py [--glossary all|levant-news|names-dev|wikidata]
        [--classes derived,glued,longer,near-words,person-names,variants] [--limit 30000]
        [--wiki-size 3000] [--seed 1] [--workers 2] [--out bench-out/damage-hunt.jsonl]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache
from multiprocessing import Pool
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from wordfreq import top_n_list

from devdata import FLORES, NAMES, ROOT, SHARED, TICO, lines
from damage_cases import (  # the generated cases of classes 1-3
    ARABIC_PREFIXES, FRAMES, OTHER, WORD, Case, Pair, both_modes, derived_cases, display, glue_survived, glued_cases,
    key, longer_cases,
)

from glossary.entry import Glossary
from glossary.files import load_glossary
from glossary.repair import Repairer

WIKI = SHARED / "data" / "wikidata-name-words" / "names.tsv"
CORPORA = ((FLORES / "dev.en", FLORES / "dev.ar"), (TICO / "dev.en", TICO / "dev.ar"),
           (SHARED / "data/ntrex/ntrex.en", SHARED / "data/ntrex/ntrex.ar"),
           (SHARED / "data/pud/pud.en", SHARED / "data/pud/pud.ar"))
GLOSSARIES = ("levant-news", "names-dev", "wikidata")
CLASSES = ("derived", "glued", "longer", "near-words", "person-names", "variants")
NEAR_WORDS_PER_FORM = 3
CHUNK = 100  # cases per worker task: small enough to keep both workers busy to the end


# -- class 4: real words close to names -------------------------------------------------------------

QUOTING = {
    "en": ('The sign on the door read "{X}".', 'He repeated the word "{X}" several times during the interview.',
           '"{X}" was written in large letters on every banner.'),
    "ar": ("كُتبت على اللافتة كلمة «{X}».", "كرر كلمة «{X}» عدة مرات خلال المقابلة.", "كُتبت «{X}» بخط كبير على كل لافتة."),
}


def clitic_of(word: str, names: set[str]) -> bool:
    """«وحمص», «بالموصل»: the name with a clitic or the article, not another word."""
    return any(word.startswith(p) and (word[len(p):] in names or "ال" + word[len(p):] in names)
               for p in ARABIC_PREFIXES)


@dataclass(frozen=True)
class Vocabulary:
    """wordfreq's 100,000 most frequent words of a language (letters only), grouped by folded length."""

    lang: str
    by_length: dict[int, tuple[list[str], list[str]]]  # length -> (folded words, words), most frequent first
    rank: dict[str, int]


@lru_cache(maxsize=None)
def vocabulary(lang: str) -> Vocabulary:
    words = [w for w in top_n_list(lang, 100_000) if w.isalpha() and len(w) >= 3]
    by_length: dict[int, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for word in words:
        folded, plain = by_length[len(key(word))]
        folded.append(key(word))
        plain.append(word)
    return Vocabulary(lang, dict(by_length), {w: n for n, w in enumerate(words)})


def near_words(form: str, vocab: Vocabulary, names: set[str]) -> list[str]:
    """The most frequent real words within distance 1-2 of ``form`` that are no form of any entry."""
    folded = key(form)
    limit = 1 if len(folded) <= 4 else 2
    found = []
    for length in range(len(folded) - limit, len(folded) + limit + 1):
        keys, words = vocab.by_length.get(length, ([], []))
        for _, distance, n in process.extract(folded, keys, scorer=Levenshtein.distance, score_cutoff=limit,
                                              limit=None):
            if distance > 0 and keys[n] not in names and not (vocab.lang == "ar" and clitic_of(keys[n], names)):
                found.append(words[n])
    return sorted(found, key=vocab.rank.__getitem__)[:NEAR_WORDS_PER_FORM]


@lru_cache(maxsize=None)
def corpus_lines(lang: str) -> list[tuple[str, str]]:
    """(text in ``lang``, its human translation) from every corpus in ../shared."""
    out = []
    for en_path, ar_path in CORPORA:
        en, ar = lines(en_path), lines(ar_path)
        out += list(zip(en, ar) if lang == "en" else zip(ar, en))
    return out


@lru_cache(maxsize=None)
def corpus_index(lang: str) -> dict[str, list[int]]:
    """Lower-cased word -> the corpus lines of ``lang`` that hold it."""
    index: dict[str, list[int]] = defaultdict(list)
    for n, (text, _) in enumerate(corpus_lines(lang)):
        for word in dict.fromkeys(WORD.findall(text.lower())):
            index[word].append(n)
    return index


def glossary_words(glossary: Glossary, lang: str) -> set[str]:
    return {key(f) for e in glossary.entries for f in e.forms(lang)}


def near_word_cases(gloss: str, glossary: Glossary) -> Iterator[list[Case]]:
    for lang in ("en", "ar"):
        vocab, names = vocabulary(lang), glossary_words(glossary, lang)
        pairs, index = corpus_lines(lang), corpus_index(lang)
        used: set[int] = set()  # each corpus line once: its fixes are counted once
        for entry in glossary.covering("en", "ar"):
            for form in entry.forms(lang):
                if " " in form or len(key(form)) < 3:
                    continue
                for word in near_words(form, vocab, names):
                    note = f"{form} ~ {word}"
                    template = QUOTING[lang][len(word) % len(QUOTING[lang])]
                    shown = word.capitalize() if template.startswith('"') else word
                    yield both_modes("near-words", gloss, lang, template, shown, None, entry.id, note)
                    free = [n for n in index.get(word.lower(), ()) if n not in used][:1]
                    for n in free:
                        used.add(n)
                        yield corpus_cases(gloss, lang, pairs[n], word, entry.id, note)


def corpus_cases(gloss: str, lang: str, pair: tuple[str, str], word: str, entry_id: str, note: str) -> list[Case]:
    text, source = pair
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
    slot = (found.start(), found.end()) if found else (0, len(text))
    return [Case("near-words", gloss, lang, text, None, slot, entry_id, note + " (corpus)"),
            Case("near-words", gloss, lang, text, source, slot, entry_id, note + " (corpus)")]


# -- class 5: Wikidata names in person slots --------------------------------------------------------

PERSON_TEMPLATES = (
    Pair("Minister {X} said the talks would resume next week.", "قال الوزير {X} إن المحادثات ستستأنف الأسبوع المقبل."),
    Pair("{X}, a spokesman for the ministry, declined to comment.", "ورفض {X}، المتحدث باسم الوزارة، التعليق."),
    Pair("The award went to {X} of the national team.", "ذهبت الجائزة إلى {X} من المنتخب الوطني."),
    Pair("Police said {X} was released on Monday.", "قالت الشرطة إن {X} أُفرج عنه يوم الاثنين."),
)


def wiki_pairs() -> list[tuple[str, str]]:
    return [tuple(line.split("\t")[:2]) for line in lines(WIKI) if line.count("\t") >= 1]


def wiki_split(size: int, seed: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The seeded sample that is the ``wikidata`` glossary, and the name words outside it."""
    pairs = wiki_pairs()
    chosen = set(random.Random(f"wiki-{seed}").sample(range(len(pairs)), size))
    return [p for n, p in enumerate(pairs) if n in chosen], [p for n, p in enumerate(pairs) if n not in chosen]


def glossary_name_words(glossary: Glossary, lang: str) -> list[str]:
    """Every word of four letters or more in the glossary's forms (a person's name may be near one)."""
    words = {w for e in glossary.entries for f in e.forms(lang) for w in key(f).split() if len(w) >= 4}
    return sorted(words)


def near_names(words: list[str], names: list[str]) -> list[int]:
    """Indexes of ``names`` within one edit of one of ``words`` (up to NEAR_WORDS_PER_FORM per word)."""
    by_length: dict[int, list[int]] = defaultdict(list)
    for n, name in enumerate(names):
        by_length[len(name)].append(n)
    near: dict[int, None] = {}
    for word in words:
        pool = [n for length in (len(word) - 1, len(word), len(word) + 1) for n in by_length.get(length, ())]
        found = process.extract(word, [names[n] for n in pool], scorer=Levenshtein.distance, score_cutoff=1,
                                limit=NEAR_WORDS_PER_FORM)
        near.update((pool[i], None) for _, _, i in found)
    return list(near)


def person_name_cases(gloss: str, glossary: Glossary, outside: list[tuple[str, str]], rng: random.Random,
                      count: int) -> Iterator[list[Case]]:
    """Name words near a glossary word (the hunt) and random ones, half and half; both languages."""
    taken = {lang: glossary_words(glossary, lang) for lang in ("en", "ar")}
    names = [(en, ar) for en, ar in outside if key(en) not in taken["en"] and key(ar) not in taken["ar"]]
    for lang, index in (("en", 0), ("ar", 1)):
        near = near_names(glossary_name_words(glossary, lang), [key(p[index]) for p in names])
        each = count // 8  # names per kind and language; two modes each: count cases in all
        picked = rng.sample(near, min(len(near), each)) + rng.sample(range(len(names)), min(len(names), each))
        is_near = set(near)
        for n in picked:
            first, last = (names[n], rng.choice(names)) if rng.random() < 0.5 else (rng.choice(names), names[n])
            value = {lg: f"{display(first[i], lg)} {display(last[i], lg)}" for lg, i in (("en", 0), ("ar", 1))}
            template = PERSON_TEMPLATES[n % len(PERSON_TEMPLATES)]
            yield both_modes("person-names", gloss, lang, template, value[lang], value[OTHER[lang]], "",
                             f"{names[n][index]} ({'near' if n in is_near else 'random'})")


# -- class 6: accepted variant forms ----------------------------------------------------------------

CLITIC_FRAMES = ((Pair("The minister visited Amman and {X} last week.", "زار الوزير عمّان {X} الأسبوع الماضي."), "و"),
                 (Pair("The meeting was held in {X} yesterday.", "عُقد الاجتماع {X} أمس."), "ب"))


def variant_cases(gloss: str, glossary: Glossary) -> Iterator[list[Case]]:
    for entry in glossary.covering("en", "ar"):
        for lang in ("en", "ar"):
            source = display(entry.preferred(OTHER[lang]), OTHER[lang])
            for form in entry.forms(lang)[1:]:
                shown = display(form, lang)
                yield both_modes("variants", gloss, lang, FRAMES[len(form) % len(FRAMES)], shown, source, entry.id,
                                 f"{entry.preferred(lang)} / {form}")
                for frame, clitic in CLITIC_FRAMES if lang == "ar" else ():
                    yield both_modes("variants", gloss, lang, frame, clitic + shown, source, entry.id,
                                     f"{entry.preferred(lang)} / {clitic}+{form}")


# -- glossaries and repair (in the workers) ---------------------------------------------------------

_LOADED: dict[str, Glossary] = {}
_REPAIRERS: dict[tuple[str, str], Repairer] = {}
_WIKI_SETTINGS: dict[str, int] = {}


def init_worker(wiki_size: int, seed: int) -> None:
    _WIKI_SETTINGS.update(size=wiki_size, seed=seed)


def glossary_named(name: str) -> Glossary:
    if name not in _LOADED:
        if name == "wikidata":
            sample, _ = wiki_split(_WIKI_SETTINGS["size"], _WIKI_SETTINGS["seed"])
            _LOADED[name] = Glossary.from_pairs(sample, "en", "ar")
        else:
            _LOADED[name] = load_glossary(str(NAMES) if name == "names-dev" else name)
    return _LOADED[name]


def repairer(gloss: str, lang: str) -> Repairer:
    if (gloss, lang) not in _REPAIRERS:
        _REPAIRERS[(gloss, lang)] = Repairer(glossary_named(gloss), OTHER[lang], lang)
    return _REPAIRERS[(gloss, lang)]


def repair_chunk(cases: list[Case]) -> list[dict]:
    """Each case's fixes (as dicts), suggestion count and repaired text; an exception is an error."""
    out = []
    for case in cases:
        try:
            result = repairer(case.glossary, case.lang).repair(case.text, source=case.source)
        except Exception as error:  # noqa: BLE001 -- the code under test changes; a crash is a finding
            out.append({"error": repr(error), "fixes": [], "suggestions": 0, "repaired": case.text})
            continue
        fixes = [{"start": f.start, "end": f.end, "before": f.before, "after": f.after, "entry_id": f.entry_id,
                  "method": f.method, "confidence": f.confidence, "source_name": f.source, "evidence": f.evidence}
                 for f in result.fixes]
        out.append({"fixes": fixes, "suggestions": len(result.suggestions), "repaired": result.repaired})
    return out


# -- the hunt ---------------------------------------------------------------------------------------

def generate(cls: str, gloss: str, glossary: Glossary, args: argparse.Namespace,
             outside: list[tuple[str, str]]) -> list[Case]:
    """The class's cases for one glossary: all generated, deduplicated, then a seeded sample of --limit."""
    rng = random.Random(f"{args.seed}-{cls}-{gloss}")
    groups: Iterable[list[Case]] = {
        "derived": lambda: derived_cases(gloss, glossary),
        "glued": lambda: glued_cases(gloss, glossary, rng),
        "longer": lambda: longer_cases(gloss, glossary),
        "near-words": lambda: near_word_cases(gloss, glossary),
        "person-names": lambda: person_name_cases(gloss, glossary, outside, rng, args.limit),
        "variants": lambda: variant_cases(gloss, glossary),
    }[cls]()
    seen: set[tuple] = set()
    unique = []
    for group in groups:
        group = [c for c in group if (c.lang, c.text, c.source) not in seen]
        seen.update((c.lang, c.text, c.source) for c in group)
        if group:
            unique.append(group)
    rng.shuffle(unique)  # sample whole groups, so a sentence keeps both its modes
    cases = [c for group in unique for c in group]
    return cases[:args.limit]


def chunks(cases: list[Case]) -> list[list[Case]]:
    """Cases of one glossary and language per chunk (a worker keeps one repairer per pair)."""
    by_repairer: dict[tuple[str, str], list[Case]] = defaultdict(list)
    for case in cases:
        by_repairer[(case.glossary, case.lang)].append(case)
    return [group[i:i + CHUNK] for group in by_repairer.values() for i in range(0, len(group), CHUNK)]


@dataclass
class Tally:
    cases: int = 0
    changed: int = 0
    fixes: int = 0
    suggestions: int = 0
    off_slot: int = 0
    glue_lost: int = 0
    errors: int = 0

    def add(self, other: Tally) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)


def off_slot(case: Case, fix: dict) -> bool:
    return fix["end"] <= case.slot[0] or fix["start"] >= case.slot[1]


def tally(case: Case, result: dict) -> Tally:
    fixes = result["fixes"]
    changed = bool(fixes)
    return Tally(cases=1, changed=int(changed), fixes=len(fixes), suggestions=result["suggestions"],
                 off_slot=sum(off_slot(case, f) for f in fixes),
                 glue_lost=int(changed and bool(case.glued) and not glue_survived(case, result["repaired"])),
                 errors=int("error" in result))


def records(case: Case, result: dict) -> Iterator[dict]:
    """One JSON record per false fix (or error) of a case."""
    base = {"class": case.cls, "glossary": case.glossary, "direction": case.direction, "mode": case.mode,
            "built_from": case.entry_id, "note": case.note, "text": case.text, "source": case.source,
            "repaired": result["repaired"], "slot": list(case.slot)}
    if case.glued:
        base["glued"], base["glued_survived"] = case.glued, glue_survived(case, result["repaired"])
    if "error" in result:
        yield {**base, "error": result["error"]}
    for fix in result["fixes"]:
        yield {**base, "fix": fix, "off_slot": off_slot(case, fix)}


def print_table(tallies: dict[tuple, Tally], classes: list[str]) -> None:
    header = (f"{'class':<13} {'glossary':<12} {'dir':<6} {'mode':<13} {'cases':>7} {'changed':>8} "
              f"{'/1000':>7} {'fixes':>6} {'sugg':>6} {'off-slot':>8} {'glue lost':>9} {'errors':>6}")
    print(header)
    print("-" * len(header))
    for cls in classes:
        total = Tally()
        rows = sorted(k for k in tallies if k[0] == cls)
        for row in rows:
            print_row(row, tallies[row])
            total.add(tallies[row])
        print_row((cls, "ALL", "", ""), total)
        print()


def print_row(row: tuple, t: Tally) -> None:
    cls, gloss, direction, mode = row
    rate = 1000 * t.changed / t.cases if t.cases else 0.0
    print(f"{cls:<13} {gloss:<12} {direction:<6} {mode:<13} {t.cases:>7} {t.changed:>8} {rate:>7.1f} "
          f"{t.fixes:>6} {t.suggestions:>6} {t.off_slot:>8} {t.glue_lost:>9} {t.errors:>6}")


def print_examples(examples: dict[str, list[dict]]) -> None:
    """Five changes per class, one per entry: the most confident of each glossary, direction and mode
    in turn, so that one template's many fixes do not hide the others."""
    for cls, found in examples.items():
        print(f"{cls}: examples")
        for record in pick_examples(found, 5):
            fix = record["fix"]
            print(f"  {fix['before']!r} -> {fix['after']!r}  [{fix['entry_id']}, {fix['method']}, "
                  f"{fix['confidence']:.3f}; {record['glossary']} {record['direction']} {record['mode']}]  "
                  f"in: {record['text']}")
        print()


def pick_examples(found: list[dict], count: int) -> list[dict]:
    by_run: dict[tuple, list[dict]] = defaultdict(list)
    for record in sorted(found, key=lambda r: -r["fix"]["confidence"]):
        by_run[(record["glossary"], record["direction"], record["mode"])].append(record)
    queues = [by_run[run] for run in sorted(by_run)]
    picked: list[dict] = []
    entries: set[str] = set()
    while len(picked) < count and any(queues):
        for queue in queues:
            while queue and queue[0]["fix"]["entry_id"] in entries:
                queue.pop(0)
            if queue and len(picked) < count:
                picked.append(queue.pop(0))
                entries.add(picked[-1]["fix"]["entry_id"])
    return picked


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--glossary", default="all", choices=("all", *GLOSSARIES))
    parser.add_argument("--classes", default=",".join(CLASSES), help="comma-separated, of: " + ", ".join(CLASSES))
    parser.add_argument("--limit", type=int, default=30000, help="cases per class and glossary (seeded sample)")
    parser.add_argument("--wiki-size", type=int, default=3000, help="entries of the wikidata glossary sample")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "bench-out" / "damage-hunt.jsonl"))
    args = parser.parse_args()
    args.classes = [c.strip() for c in args.classes.split(",") if c.strip()]
    unknown = set(args.classes) - set(CLASSES)
    if unknown:
        parser.error(f"unknown classes: {', '.join(sorted(unknown))}")
    return args


def main() -> None:
    args = parse_args()
    started = time.perf_counter()
    init_worker(args.wiki_size, args.seed)
    glossaries = list(GLOSSARIES) if args.glossary == "all" else [args.glossary]
    _, outside = wiki_split(args.wiki_size, args.seed)
    cases = [c for cls in args.classes for gloss in glossaries
             for c in generate(cls, gloss, glossary_named(gloss), args, outside)]
    generated = time.perf_counter()
    print(f"{len(cases)} cases generated in {generated - started:.0f} s; repairing with {args.workers} workers "
          f"(wikidata: a {args.wiki_size}-entry sample, seed {args.seed})\n")
    work = chunks(cases)
    tallies: dict[tuple, Tally] = defaultdict(Tally)
    examples: dict[str, list[dict]] = {cls: [] for cls in args.classes}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with Pool(args.workers, initializer=init_worker, initargs=(args.wiki_size, args.seed)) as pool, \
            out.open("w", encoding="utf-8") as sink:
        for group, results in zip(work, pool.imap(repair_chunk, work)):
            for case, result in zip(group, results):
                tallies[(case.cls, case.glossary, case.direction, case.mode)].add(tally(case, result))
                for record in records(case, result):
                    sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                    if "fix" in record:
                        examples[case.cls].append(record)
    print_table(tallies, args.classes)
    print_examples(examples)
    print(f"false fixes written to {out}; {time.perf_counter() - started:.0f} s in all "
          f"({time.perf_counter() - generated:.0f} s repairing)")


if __name__ == "__main__":
    main()

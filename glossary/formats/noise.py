"""Wikidata-style noise in a glossary form: what a label copied from Wikidata often carries.

Used twice: ``mtrepair glossary from-wikidata`` cleans it away
(glossary.formats.wikidata_clean), and ``mtrepair glossary check`` warns
about it in any glossary (glossary.formats.checks), so that one list says
what noise is.

* ``_`` for spaces: a page title ("Idlib_Governorate"), not a name;
* a parenthesised disambiguator at the end: «حلب (مدينة)», "Aleppo (city)";
  a name never carries it in running text, so repair would never see it
  (an acronym in parentheses, "Islamic State (ISIS)", is a gloss: left);
* Latin letters in an Arabic form ("Jabhat al-Nusra" as an Arabic label, where
  Wikidata had no Arabic one) and Arabic letters in an English form;
* a form that is only an item id ("Q12345"): the label service's answer
  for an item with no label in that language.
"""

from __future__ import annotations

import re

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_QID = re.compile(r"^Q[1-9][0-9]*$")
# A trailing "(...)" after some text (the bracketed part short: a disambiguator, not a clause).
_DISAMBIGUATOR = re.compile(r"^(?P<name>.*\S)\s*[(（](?P<what>[^()（）]{1,60})[)）]$")
_ACRONYM = re.compile(r"^[A-Z0-9.&\-]{2,}$")

UNDERSCORE, DISAMBIGUATOR, WRONG_SCRIPT, ITEM_ID = "underscore", "disambiguator", "wrong script", "item id"


def has_underscore(form: str) -> bool:
    return "_" in form


def without_underscores(form: str) -> str:
    return " ".join(form.replace("_", " ").split())


def disambiguator(form: str) -> str | None:
    """The parenthesised disambiguator at the end of ``form`` («مدينة» in «حلب (مدينة)»), or None."""
    found = _DISAMBIGUATOR.match(form.strip())
    if not found or _ACRONYM.match(found.group("what").strip()):
        return None
    return found.group("what").strip()


def without_disambiguator(form: str) -> str:
    found = _DISAMBIGUATOR.match(form.strip())
    return found.group("name") if found and disambiguator(form) is not None else form.strip()


def wrong_script(form: str, lang: str) -> bool:
    """Latin letters in an Arabic form, Arabic letters in an English one."""
    if lang == "ar":
        return bool(_LATIN.search(form))
    if lang == "en":
        return bool(_ARABIC.search(form))
    return False


def is_item_id(form: str) -> bool:
    return bool(_QID.match(form.strip()))


def noise(form: str, lang: str) -> list[tuple[str, str]]:
    """``(kind, what is wrong)`` for each kind of noise in ``form`` of language ``lang``."""
    found = []
    if is_item_id(form):
        return [(ITEM_ID, f"{form!r} is only a Wikidata item id, not a name")]
    if has_underscore(form):
        found.append((UNDERSCORE, f"{form!r} has '_' for spaces (a page title?)"))
    what = disambiguator(form)
    if what is not None:
        found.append((DISAMBIGUATOR, f"{form!r} ends in a disambiguator ({what}), which a text never writes"))
    if wrong_script(form, lang):
        script = "Latin" if lang == "ar" else "Arabic"
        found.append((WRONG_SCRIPT, f"the {lang} form {form!r} has {script} letters"))
    return found

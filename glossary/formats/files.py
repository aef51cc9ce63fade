"""Load and save glossaries in any supported format, chosen by extension.

=========  ==========================================================
``.tsv``   header with language codes (``id en ar type note``), or two
``.csv``   columns without header (DeepL style; give the languages)
``.tbx``   TBX-Basic (v2 ``martif`` or v3 ``tbx``)
``.json``  mtrepair's JSON export
=========  ==========================================================
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from translate.common.outputs import write_text

from ..entry import Glossary
from .checks import glossary_problems
from .json_format import format_json, read_json
from .problems import GlossaryError, Problem, raise_first_fatal
from .tabular import format_table, read_table
from .tbx import format_tbx, read_tbx

GLOSSARY_FORMATS = ("tsv", "csv", "tbx", "json")
DEFAULT_GLOSSARY = "levant-news"


def default_glossary_path() -> str:
    """The glossary shipped with mtrepair: Iraq/Syria/Levant news names."""
    return str(resources.files("glossary") / "data" / f"{DEFAULT_GLOSSARY}.tsv")


def glossary_format(path: str, format: str | None = None) -> str:
    format = format or {".tsv": "tsv", ".txt": "tsv", ".csv": "csv", ".tbx": "tbx", ".xml": "tbx",
                        ".json": "json"}.get(Path(path).suffix.lower())
    if format not in GLOSSARY_FORMATS:
        raise GlossaryError(f"{path}: cannot tell the glossary format; name it .tsv, .csv, .tbx or .json")
    return format


def read_glossary(path: str, source_lang: str | None = None, target_lang: str | None = None,
                  format: str | None = None) -> tuple[Glossary, list[Problem]]:
    """A glossary and every problem found in it (for ``mtrepair glossary check``)."""
    if path == DEFAULT_GLOSSARY:
        path = default_glossary_path()
    format = glossary_format(path, format)
    if format in ("tsv", "csv"):
        glossary, problems = read_table(path, source_lang, target_lang)
    elif format == "tbx":
        glossary, problems = read_tbx(path)
    else:
        glossary, problems = read_json(path)
    return glossary, problems + glossary_problems(glossary, problems, source_lang, target_lang,
                                                  checks_languages=format not in ("tsv", "csv"))


def load_glossary(path: str, source_lang: str | None = None, target_lang: str | None = None,
                  format: str | None = None) -> Glossary:
    """A glossary ready to use; the first fatal problem stops with a one-line error.

    ``path`` may be ``levant-news`` for the glossary shipped with mtrepair.
    """
    glossary, problems = read_glossary(path, source_lang, target_lang, format)
    raise_first_fatal(problems)
    return glossary


def save_glossary(glossary: Glossary, path: str, format: str | None = None) -> None:
    """Write ``glossary`` so that :func:`read_glossary` gives the same entries back (glossary.formats.cells).

    The whole file is made first, then written through translate.common.outputs: a
    glossary a format cannot hold is refused with the old file untouched."""
    format = glossary_format(path, format)
    if format in ("tsv", "csv"):
        text = format_table(glossary, "," if format == "csv" else "\t")
    elif format == "tbx":
        text = format_tbx(glossary)
    else:
        text = format_json(glossary)
    write_text(path, text)

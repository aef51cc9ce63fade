"""Old import paths (before translate/ grew its engines and jobs sub-packages) still work, for one release.

Each is the very module of its new path, so patching one patches the other.
"""

import importlib

import pytest

MOVED = {
    "translate.batching": "translate.engines.base",
    "translate.engine": "translate.engines.transformers",
    "translate.ct2_engine": "translate.engines.ctranslate2",
    "translate.factory": "translate.engines.spec",
    "translate.models": "translate.engines.models",
    "translate.language_tokens": "translate.engines.language_tokens",
    "translate.convert": "translate.engines.conversion",
    "translate.library_logs": "translate.engines.library_logs",
    "translate.batch": "translate.jobs.document",
    "translate.checkpoint": "translate.jobs.checkpoint",
    "translate.inputs": "translate.jobs.inputs",
    "translate.ray_job": "translate.jobs.ray_driver",
    "translate.ray_worker": "translate.jobs.ray_worker",
}


@pytest.mark.parametrize("old", sorted(MOVED))
def test_an_old_path_is_the_new_module(old):
    assert importlib.import_module(old) is importlib.import_module(MOVED[old])


def test_the_package_names_still_work():
    from translate import DecodingOptions, Hypothesis, MtrepairError, Translator, TranslatorSpec, translate_texts

    assert DecodingOptions().beam_size == TranslatorSpec("model").options.beam_size
    assert Translator.__module__ == "translate.engines.transformers"
    assert {Hypothesis.__module__, MtrepairError.__module__, translate_texts.__module__} == {
        "translate.engines.base", "translate.common.errors", "translate.pipeline"}

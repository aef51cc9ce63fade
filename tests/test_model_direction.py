"""Models checked against the direction (translate.engines.direction): a model that says it translates
other languages than --from/--to is refused in one line; one that says nothing is used with a warning."""

from __future__ import annotations

import json

import pytest

from translate.engines.direction import check_direction, declared_direction
from translate.errors import MtrepairError


def folder_with(tmp_path, tokenizer: dict | None = None, name_or_path: str | None = None, name: str = "model"):
    folder = tmp_path / name
    folder.mkdir()
    if tokenizer is not None:
        (folder / "tokenizer_config.json").write_text(json.dumps(tokenizer), encoding="utf-8")
    (folder / "config.json").write_text(json.dumps({"_name_or_path": name_or_path} if name_or_path else {}))
    return folder


@pytest.mark.parametrize("tokenizer, name_or_path, name, expected", [
    ({"source_lang": "ar", "target_lang": "en"}, None, "m", ("ar", "en", "tokenizer_config.json")),
    ({"source_lang": "eng", "target_lang": "ara"}, None, "m", ("en", "ar", "tokenizer_config.json")),
    (None, "/tmp/Helsinki-NLP/opus-mt-ar-en", "m", ("ar", "en", "opus-mt-ar-en")),
    (None, None, "opus-mt-tc-big-en-ar", ("en", "ar", "opus-mt-tc-big-en-ar")),
    ({"source_lang": "en", "target_lang": "mul"}, None, "m", ("en", None, "tokenizer_config.json")),
])
def test_what_a_model_says_it_translates(tmp_path, tokenizer, name_or_path, name, expected):
    folder = folder_with(tmp_path, tokenizer, name_or_path, name)
    said = declared_direction(str(folder), folder / "tokenizer_config.json", folder / "config.json")
    assert (said.source, said.target) == expected[:2] and expected[2] in said.evidence


def test_a_hub_id_names_its_pair(tmp_path):
    folder = folder_with(tmp_path)  # a hub snapshot folder is named by a hash
    said = declared_direction("Helsinki-NLP/opus-mt-ar-en", folder / "tokenizer_config.json", folder / "config.json")
    assert (said.source, said.target) == ("ar", "en")


def test_an_ar_en_model_for_en_ar_is_refused_in_one_line(tmp_path):
    folder = folder_with(tmp_path, {"source_lang": "ar", "target_lang": "en"})
    with pytest.raises(MtrepairError) as caught:
        check_direction("opus-ar-en", folder, folder / "config.json", "en", "ar", labelled=False)
    assert caught.value.message == (
        "model opus-ar-en translates ar->en (its tokenizer_config.json says source_lang 'ar', target_lang 'en'), "
        "not en->ar; choose a model for en->ar with --model or MTREPAIR_MODEL_EN_AR")
    check_direction("opus-ar-en", folder, folder / "config.json", "ar", "en", labelled=False)  # the right way: fine


def test_a_labelled_model_is_checked_on_its_source_only(tmp_path):
    folder = folder_with(tmp_path, {"source_lang": "en", "target_lang": "ar"})
    check_direction("labelled", folder, folder / "config.json", "en", "ar", labelled=True)
    with pytest.raises(MtrepairError, match="translates en->ar"):
        check_direction("labelled", folder, folder / "config.json", "ar", "en", labelled=True)


def test_a_model_that_says_nothing_is_used_with_a_warning(tmp_path, capsys):
    folder = folder_with(tmp_path, {"tokenizer_class": "MarianTokenizer"})
    check_direction("custom", folder, folder / "config.json", "en", "ar", labelled=False)
    err = capsys.readouterr().err
    assert err.startswith("mtrepair: warning: model custom does not say which languages it translates")
    assert err.count("\n") == 1 and "make sure it translates en->ar" in err
    check_direction("multilingual", folder, folder / "config.json", "en", "ar", labelled=True)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("engine", ["transformers", "ctranslate2"])
def test_the_command_line_refuses_the_tiny_ar_en_model_for_en_ar(cli, tiny_model, ct2_cache, tmp_path, engine):
    source = tmp_path / "news.en"
    source.write_text("Clashes erupted in Mosul.\n", encoding="utf-8")
    done = cli("translate", "--from", "en", "--to", "ar", str(source), "-o", str(tmp_path / "out.ar"),
               "--model", str(tiny_model), "--engine", engine, env={"MTREPAIR_CACHE": str(ct2_cache)})
    err = done.stderr.decode()
    assert done.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert f"model {tiny_model} translates ar->en (its tokenizer_config.json says" in err
    assert not (tmp_path / "out.ar").exists() and not (tmp_path / "out.ar.mtrepair-progress").exists()


def test_the_en_ar_twin_translates_en_ar(cli, tiny_model_en_ar, tmp_path):
    source = tmp_path / "news.en"
    source.write_text("Clashes erupted in Mosul.\n", encoding="utf-8")
    done = cli("translate", "--from", "en", "--to", "ar", str(source), "--model", str(tiny_model_en_ar),
               "--engine", "transformers", "--max-length", "4", "-q")
    assert done.returncode == 0 and done.stderr.decode() == "", done.stderr.decode()

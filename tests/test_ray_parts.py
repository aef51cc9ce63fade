"""The parts of the Ray batch job that need no Ray: finding inputs, Parquet, failed records, state.

The job itself, on a local Ray and on a two-node cluster, is in test_ray_job.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from translate.engines.spec import TranslatorSpec
from translate.errors import InputError, OutputError
from translate.formats import read_document
from translate.jobs.document import JobSettings, digest_of, job_facts
from translate.jobs.inputs import find_inputs, search_root
from translate.jobs.ray_driver import JobState, RayJobSummary, _finish_file, _read_chunks, plan_files
from translate.jobs.ray_worker import ChunkTranslator, WorkerSettings
from translate.pipeline import translate_texts

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def _tree(root: Path) -> None:
    (root / "2024" / "03").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "b.ar").write_text("ب\n", encoding="utf-8")
    (root / "a.jsonl").write_text('{"text": "أ"}\n', encoding="utf-8")
    (root / "2024" / "03" / "c.txt").write_text("ج\n", encoding="utf-8")
    (root / ".notes").write_text("x\n", encoding="utf-8")
    (root / ".hidden" / "d.txt").write_text("د\n", encoding="utf-8")


def test_a_folder_gives_its_files_sorted_by_relative_name_without_hidden_ones(tmp_path):
    _tree(tmp_path)
    files, single = find_inputs(str(tmp_path))
    assert not single
    assert [f.name for f in files] == ["2024/03/c.txt", "a.jsonl", "b.ar"]


def test_a_glob_names_files_relative_to_its_fixed_part(tmp_path):
    _tree(tmp_path)
    files, single = find_inputs(str(tmp_path / "**" / "*.txt"))
    assert not single and [f.name for f in files] == ["2024/03/c.txt"]
    files, _ = find_inputs(str(tmp_path / "*.*"))
    assert [f.name for f in files] == ["a.jsonl", "b.ar"]


def test_one_file_is_single(tmp_path):
    _tree(tmp_path)
    files, single = find_inputs(str(tmp_path / "b.ar"))
    assert single and [(f.path, f.name) for f in files] == [(str(tmp_path / "b.ar"), "b.ar")]


@pytest.mark.parametrize("spec, message", [("missing-folder", "no such file or folder"),
                                           ("missing-*.txt", "no file matches"),
                                           ("-", "not standard input")])
def test_inputs_that_name_nothing_fail_in_one_line(tmp_path, spec, message):
    with pytest.raises(InputError, match=message):
        find_inputs(str(tmp_path / spec) if spec != "-" else spec)


@pytest.mark.parametrize("spec", ["{root}", "{root}/**/*.txt"])
def test_an_output_folder_inside_what_input_searches_is_refused_on_the_first_run_too(tmp_path, spec):
    _tree(tmp_path)
    spec = spec.format(root=tmp_path)
    files, single = find_inputs(spec)
    with pytest.raises(OutputError, match="inside .* which INPUT searches"):
        plan_files(files, str(tmp_path / "en"), single, format=None, field=None, column=None,
                   input_root=search_root(spec))


def test_an_output_that_is_an_input_through_a_link_is_refused(tmp_path):
    (tmp_path / "src" / "sub").mkdir(parents=True)
    (tmp_path / "src" / "sub" / "keep.txt").write_text("نص\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "sub").symlink_to(tmp_path / "src" / "sub")
    files, single = find_inputs(str(tmp_path / "src"))
    with pytest.raises(OutputError, match="would destroy an input"):
        plan_files(files, str(tmp_path / "out"), single, format=None, field=None, column=None,
                   input_root=str(tmp_path / "src"))
    assert (tmp_path / "src" / "sub" / "keep.txt").read_text(encoding="utf-8") == "نص\n"


def test_a_report_that_is_one_of_the_outputs_is_refused(tmp_path):
    _tree(tmp_path / "in")
    files, single = find_inputs(str(tmp_path / "in"))
    with pytest.raises(OutputError, match="--report .* is the output of"):
        plan_files(files, str(tmp_path / "out"), single, format=None, field=None, column=None,
                   report=str(tmp_path / "out" / "b.ar"))


def test_a_file_reached_twice_by_a_glob_or_a_link_is_taken_once(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("س\n", encoding="utf-8")
    (tmp_path / "a" / "y.txt").write_text("ص\n", encoding="utf-8")
    (tmp_path / "a" / "z.txt").symlink_to(tmp_path / "a" / "y.txt")
    files, _ = find_inputs(str(tmp_path / "**" / "**" / "*.txt"))
    assert [f.name for f in files] == ["a/b/x.txt", "a/y.txt"]


def test_bad_input_fails_before_anything_runs_naming_file_and_line(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("نص\n", encoding="utf-8")
    (tmp_path / "in" / "bad.jsonl").write_text('{"text": "أ"}\n{"text": 3}\n', encoding="utf-8")
    files, single = find_inputs(str(tmp_path / "in"))
    with pytest.raises(InputError, match=r"bad.jsonl:2: field 'text' is a number"):
        plan_files(files, str(tmp_path / "out"), single, format=None, field=None, column=None)
    assert not (tmp_path / "out").exists()


# Parquet ---------------------------------------------------------------------------------------


def _parquet(path: Path) -> None:
    table = pa.table({"id": pa.array([7, 8, 9], pa.int64()),
                      "body": pa.array(["نص أول.", None, "نص ثالث."], pa.string()),
                      "when": pa.array(["2024-01-01", "2024-01-02", "2024-01-03"])})
    pq.write_table(table.replace_schema_metadata({"source": "wire"}), path)


def test_parquet_keeps_other_columns_nulls_and_metadata(tmp_path, cli, tiny_model):
    _parquet(tmp_path / "in.parquet")
    result = cli("translate", "-q", "--from", "ar", "--to", "en", "--model", str(tiny_model), "--max-length", "8",
                 "--column", "body", str(tmp_path / "in.parquet"), "-o", str(tmp_path / "out.parquet"))
    assert result.returncode == 0, result.stderr.decode()
    before, after = pq.read_table(tmp_path / "in.parquet"), pq.read_table(tmp_path / "out.parquet")
    assert after.schema == before.schema and after.schema.metadata[b"source"] == b"wire"
    assert after.column("id").to_pylist() == [7, 8, 9]
    assert after.column("when").to_pylist() == before.column("when").to_pylist()
    body = after.column("body").to_pylist()
    assert body[1] is None  # nothing to translate: still null, not ""
    assert body[0] and body[2] and body[0] != "نص أول."


@pytest.mark.parametrize("column, message", [(None, "3 columns"), ("id", "holds int64, not text"),
                                             ("nope", "no column 'nope'")])
def test_parquet_column_problems_are_one_line(tmp_path, column, message):
    _parquet(tmp_path / "in.parquet")
    with pytest.raises(InputError, match=message):
        read_document(str(tmp_path / "in.parquet"), column=column)


def test_a_file_that_is_not_parquet_says_so(tmp_path):
    (tmp_path / "x.parquet").write_text("not parquet\n", encoding="utf-8")
    with pytest.raises(InputError, match="x.parquet: not a readable Parquet file"):
        read_document(str(tmp_path / "x.parquet"))


# A worker's chunks and failed records ------------------------------------------------------------


class _FailsOn:
    """The tiny model's translator, except that any batch holding ``bad`` raises, as a broken
    record or an out-of-memory batch would."""

    def __init__(self, translator, bad: str) -> None:
        self._translator, self._bad = translator, bad

    def __getattr__(self, name):
        return getattr(self._translator, name)

    def translate_iterable(self, sentences, **hooks):
        if any(self._bad in s for s in sentences):
            raise RuntimeError(f"cannot translate a batch with {self._bad}\nsecond line")
        return self._translator.translate_iterable(sentences, **hooks)


def _settings() -> WorkerSettings:
    return WorkerSettings(TranslatorSpec("unused"), "ar", "en")


def test_a_chunk_translates_as_the_single_machine_job_does(translator):
    texts = ["هذا نص أول.", "", "هذا نص أول. وجملة ثانية.", "123"]
    worker = ChunkTranslator(_settings(), translator=translator)
    translations, report, errors = worker.translate_chunk(64, texts, [65, 66, 67, 68])
    expected = translate_texts(texts, translator, "ar", first_record=64)
    assert translations == [r.translation for r in expected]
    lines = {64: 65, 65: 66, 66: 67, 67: 68}
    wanted = [s.report_row() | {"line": lines[r.record]} for r in expected for s in r.segments]
    assert [_untimed(row) for row in report] == [_untimed(row) for row in wanted]
    assert [row["record"] for row in report] == [64, 66, 66, 67]  # a blank line has no sentence
    assert errors == []


def _untimed(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in ("seconds", "batch_seconds")}


def test_a_record_that_cannot_be_translated_becomes_an_error_record_and_the_rest_are_translated(translator):
    texts = ["هذا نص أول.", "نص فيه خلل BOOM.", "وجملة ثالثة."]
    worker = ChunkTranslator(_settings(), translator=_FailsOn(translator, "BOOM"))
    translations, report, errors = worker.translate_chunk(0, texts, [10, 11, 12])
    assert errors == [{"kind": "error", "record": 1, "line": 11,
                       "error": "RuntimeError: cannot translate a batch with BOOM"}]
    assert translations[1] == texts[1]  # kept as it was: no line lost
    alone = [translate_texts([t], translator, "ar", first_record=i)[0].translation for i, t in enumerate(texts)]
    assert translations[0] == alone[0] and translations[2] == alone[2]
    assert {row["record"] for row in report} == {0, 2}


def _one_input(tmp_path: Path, text: str):
    """``in.txt`` holding ``text``, planned as a one-file job to ``out.txt``."""
    source = tmp_path / "in.txt"
    source.write_text(text, encoding="utf-8")
    files, single = find_inputs(str(source))
    [planned] = plan_files(files, str(tmp_path / "out.txt"), single, format=None, field=None, column=None)
    return source, planned, single


def test_an_output_with_failed_records_is_written_but_not_finished(tmp_path, translator):
    source, planned, single = _one_input(tmp_path, "سطر أول.\nسطر فيه BOOM.\nسطر ثالث.\n")
    worker = ChunkTranslator(_settings(), translator=_FailsOn(translator, "BOOM"))
    [chunk] = _read_chunks({"file": 0, "path": str(source), "digest": planned.header.digest},
                           format=None, field=None, column=None, chunk=64)
    out = worker({key: [value] for key, value in chunk.items()})
    row = {key: values[0] for key, values in out.items()}
    state = JobState.for_output(str(tmp_path / "out.txt"), single)
    job = JobSettings("ar", "en", report=str(tmp_path / "r.jsonl"))
    summary = RayJobSummary()
    facts = json.loads(row["facts"])
    fingerprint = digest_of(job_facts(planned.header, facts, job))
    _finish_file(planned, {0: row}, state, job, fingerprint, row["facts"], summary, None, None, None)
    lines = (tmp_path / "out.txt").read_text(encoding="utf-8").split("\n")
    assert lines[1] == "سطر فيه BOOM." and len(lines) == 4 and lines[3] == ""
    assert [(e["file"], e["record"], e["line"]) for e in summary.errors] == [("in.txt", 1, 2)]
    assert not state.complete(planned, fingerprint, with_report=True)  # the next run tries it again
    reported = [json.loads(x) for x in state.report_path("in.txt").read_text(encoding="utf-8").splitlines()]
    assert [r.get("kind", "sentence") for r in reported] == ["sentence", "error", "sentence"]


def test_a_finished_output_is_skipped_only_while_it_and_its_settings_are_unchanged(tmp_path):
    source, planned, single = _one_input(tmp_path, "سطر.\n")
    (tmp_path / "out.txt").write_text("line.\n", encoding="utf-8")
    state = JobState.for_output(str(tmp_path / "out.txt"), single)
    state.finish(planned, "print-1", None)
    again = JobState.for_output(str(tmp_path / "out.txt"), single)  # as the next run reads it
    assert again.complete(planned, "print-1", with_report=False)
    assert not again.complete(planned, "print-2", with_report=False)  # another model, glossary, ...
    assert not again.complete(planned, "print-1", with_report=True)  # no report kept for it
    (tmp_path / "out.txt").write_text("edited.\n", encoding="utf-8")
    assert not again.complete(planned, "print-1", with_report=False)


def test_a_report_kept_by_an_earlier_run_is_not_served_for_other_settings(tmp_path):
    source, planned, single = _one_input(tmp_path, "سطر.\n")
    (tmp_path / "out.txt").write_text("line.\n", encoding="utf-8")
    state = JobState.for_output(str(tmp_path / "out.txt"), single)
    state.finish(planned, "old-model", ['{"translation": "by the old model"}'])
    state.finish(planned, "new-model", None)  # run 2: other settings, no --report
    again = JobState.for_output(str(tmp_path / "out.txt"), single)
    assert again.complete(planned, "new-model", with_report=False)
    assert not again.complete(planned, "new-model", with_report=True)  # run 3 with --report: done again
    state.forget(planned)
    assert not JobState.for_output(str(tmp_path / "out.txt"), single).complete(planned, "new-model", False)


def test_without_ray_the_option_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    import sys

    from translate.cli import main

    (tmp_path / "in.txt").write_text("سطر.\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "ray", None)  # as if Ray were not installed
    code = main(["translate", "--from", "ar", "--to", "en", str(tmp_path / "in.txt"), "-o", str(tmp_path / "o"),
                 "--ray", "local"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().splitlines() == ["mtrepair: error: --ray needs Ray, which is not installed: "
                                        "pip install 'mtrepair[ray]'"]


def test_a_file_that_changed_since_it_was_checked_is_one_error_row_not_a_dead_job(tmp_path):
    source, planned, single = _one_input(tmp_path, "سطر.\n")
    source.write_text("سطر آخر.\n", encoding="utf-8")
    rows = _read_chunks({"file": 0, "path": str(source), "digest": planned.header.digest},
                        format=None, field=None, column=None, chunk=64)
    assert rows == [{"file": 0, "start": -1, "texts": "[]", "lines": "[]",
                     "error": f"{source}: changed while the job was running"}]

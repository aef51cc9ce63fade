"""``mtrepair translate --ray`` on a local Ray and on a two-node cluster on this machine.

Every output must be byte-identical to ``mtrepair translate`` on the same
file, records in input order, each exactly once, also when a worker process
is killed in the middle of the job.  The model is the tiny random one (its
words are nonsense; the bytes are what is compared).
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FLORES, ROOT, run_cli

ray = pytest.importorskip("ray")
pq = pytest.importorskip("pyarrow.parquet")
pa = pytest.importorskip("pyarrow")

ARABIC = (FLORES / "dev.ar").read_text(encoding="utf-8").splitlines()
DECODING = ["--max-length", "12", "--beam-size", "2"]


def _archive(root: Path) -> list[str]:
    """Files of every format, nested, with CRLF endings and a last line without one."""
    (root / "2024" / "03").mkdir(parents=True)
    (root / "2024" / "03" / "wire.ar").write_bytes("\r\n".join(ARABIC[:70]).encode("utf-8"))  # no final newline
    (root / "2024" / "notes.txt").write_text("\n".join(ARABIC[70:75] + ["", "2024", ARABIC[75]]) + "\n",
                                             encoding="utf-8")
    with open(root / "articles.jsonl", "w", encoding="utf-8") as out:
        for n, line in enumerate(ARABIC[80:150]):
            out.write(json.dumps({"id": n, "body": line, "tags": ["x"]}, ensure_ascii=False) + "\n")
    table = io.StringIO()
    writer = csv.writer(table, lineterminator="\r\n")
    writer.writerow(["id", "body"])
    writer.writerows([n, line] for n, line in enumerate(ARABIC[150:160]))
    (root / "table.csv").write_text(table.getvalue(), encoding="utf-8", newline="")
    pq.write_table(pa.table({"id": list(range(12)), "body": ARABIC[160:172]}), root / "feed.parquet")
    return ["2024/03/wire.ar", "2024/notes.txt", "articles.jsonl", "feed.parquet", "table.csv"]


def _options(name: str) -> list[str]:
    return {"articles.jsonl": ["--field", "body"], "table.csv": ["--column", "body"],
            "feed.parquet": ["--column", "body"]}.get(name, [])


@pytest.fixture(scope="module")
def archive(tmp_path_factory, tiny_model):
    """The input folder, and each file's output and report rows from the single-machine command."""
    root = tmp_path_factory.mktemp("archive")
    names = _archive(root / "in")
    expected, reports = {}, {}
    for name in names:
        out, report = root / "single" / name, root / "single" / (name + ".report")
        out.parent.mkdir(parents=True, exist_ok=True)
        result = run_cli("translate", "-q", "--from", "ar", "--to", "en", "--model", str(tiny_model), *DECODING,
                         *_options(name), str(root / "in" / name), "-o", str(out), "--report", str(report))
        assert result.returncode == 0, result.stderr.decode()
        expected[name] = out.read_bytes()
        reports[name] = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    return root, names, expected, reports


def _ray_translate(tiny_model, inputs: str, output: Path, *extra: str, address="local", popen=False, report=None):
    args = ["translate", "--from", "ar", "--to", "en", "--model", str(tiny_model), *DECODING,
            inputs, "-o", str(output), "--ray", address, *extra]
    if report:
        args += ["--report", str(report)]
    if popen:
        environment = {**os.environ, "HF_HUB_OFFLINE": "1"}
        return subprocess.Popen([sys.executable, "-m", "translate.cli", *args], cwd=ROOT, env=environment,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return run_cli(*args, timeout=600)


def _untimed(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in ("seconds", "batch_seconds", "file")}


def _folder_of_one_format(archive, name: str, where: Path) -> Path:
    """A folder holding one input, so that its --field/--column apply."""
    root, *_ = archive
    (where / Path(name).parent).mkdir(parents=True, exist_ok=True)
    (where / name).write_bytes((root / "in" / name).read_bytes())
    return where


def test_local_ray_writes_what_the_single_machine_command_writes_and_skips_finished_outputs(archive, tiny_model,
                                                                                         tmp_path):
    _, _, expected, reports = archive
    # jsonl, csv and parquet need their --field/--column: the txt files go as one folder, each other alone.
    texts = tmp_path / "texts"
    for name in ("2024/03/wire.ar", "2024/notes.txt"):
        _folder_of_one_format(archive, name, texts)
    result = _ray_translate(tiny_model, str(texts), tmp_path / "out", "--workers", "2", report=tmp_path / "r.jsonl")
    assert result.returncode == 0, result.stderr.decode()
    assert "in 2 of 2 files on 2 Ray worker(s)" in result.stderr.decode()
    for name in ("2024/03/wire.ar", "2024/notes.txt"):
        assert (tmp_path / "out" / name).read_bytes() == expected[name], name
    rows = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    # The report: each file's rows in input order (files sorted by name), as the single run wrote them.
    assert [r["file"] for r in rows] == ["2024/03/wire.ar"] * len(reports["2024/03/wire.ar"]) + \
        ["2024/notes.txt"] * len(reports["2024/notes.txt"])
    assert [_untimed(r) for r in rows] == [_untimed(r) for r in reports["2024/03/wire.ar"] + reports["2024/notes.txt"]]

    # The same command again: nothing to do, the same report.
    again = _ray_translate(tiny_model, str(texts), tmp_path / "out", "--workers", "2", report=tmp_path / "r2.jsonl")
    assert again.returncode == 0, again.stderr.decode()
    assert "in 0 of 2 files, 2 skipped" in again.stderr.decode()
    assert (tmp_path / "r2.jsonl").read_bytes() == (tmp_path / "r.jsonl").read_bytes()

    # A changed input is done again, alone; an output edited by hand is written again.
    (texts / "2024" / "notes.txt").write_text(ARABIC[300] + "\n", encoding="utf-8")
    (tmp_path / "out" / "2024" / "03" / "wire.ar").write_text("edited\n", encoding="utf-8")
    third = _ray_translate(tiny_model, str(texts), tmp_path / "out", "--workers", "1")
    assert third.returncode == 0, third.stderr.decode()
    assert "in 2 of 2 files" in third.stderr.decode()
    assert (tmp_path / "out" / "2024" / "03" / "wire.ar").read_bytes() == expected["2024/03/wire.ar"]
    fourth = _ray_translate(tiny_model, str(texts), tmp_path / "out", "--workers", "1", "--beam-size", "1")
    assert "in 2 of 2 files" in fourth.stderr.decode()  # other decoding settings: nothing counts as finished


@pytest.mark.parametrize("name", ["articles.jsonl", "table.csv", "feed.parquet"])
def test_one_file_of_each_table_format_gives_the_single_machine_bytes(archive, tiny_model, tmp_path, name):
    root, _, expected, _ = archive
    result = _ray_translate(tiny_model, str(root / "in" / name), tmp_path / name, *_options(name), "--workers", "1")
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / name).read_bytes() == expected[name]


@pytest.fixture(scope="module")
def two_nodes():
    """A Ray cluster of two nodes (one CPU each) on this machine, as Ray's own tests make one."""
    from ray.cluster_utils import Cluster

    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False})
    cluster.add_node(num_cpus=1)
    cluster.wait_for_nodes()
    yield cluster
    cluster.shutdown()


def _map_workers() -> list[int]:
    """The process ids of this machine's Ray Data translation workers."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if command.startswith(b"ray::MapWorker") and b"ChunkTranslator" in command:
                found.append(int(entry.name))
    return found


def _copies_of_wire(root: Path, folder: Path, count: int = 24) -> Path:
    """``folder`` holding ``count`` copies of the archive's wire file, part00.ar, part01.ar, ..."""
    folder.mkdir()
    wire = (root / "in" / "2024" / "03" / "wire.ar").read_bytes()
    for n in range(count):
        (folder / f"part{n:02d}.ar").write_bytes(wire)
    return folder


def test_a_two_node_cluster_survives_a_killed_worker_with_every_record_once(archive, tiny_model, tmp_path,
                                                                            two_nodes):
    root, _, expected, reports = archive
    # Many small files, so that the kill lands with most of the work still to do.
    inputs = _copies_of_wire(root, tmp_path / "in")
    job = _ray_translate(tiny_model, str(inputs), tmp_path / "out", address=two_nodes.address, popen=True,
                         report=tmp_path / "r.jsonl")
    killed = None
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and job.poll() is None:
        workers = _map_workers()
        if len(workers) == 2 and (tmp_path / "out" / "part00.ar").exists():
            done = sum((tmp_path / "out" / f"part{n:02d}.ar").exists() for n in range(24))
            killed = workers[0]
            os.kill(killed, signal.SIGKILL)
            break
        time.sleep(0.05)
    _, err = job.communicate(timeout=600)
    assert job.returncode == 0, err.decode()
    assert killed is not None and done < 24, "the worker was not killed in the middle of the job"
    assert "1 worker process(es) restarted after a failure" in err.decode()
    for n in range(24):
        assert (tmp_path / "out" / f"part{n:02d}.ar").read_bytes() == expected["2024/03/wire.ar"]
    rows = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    ids = [(r["file"], r["record"], r["index"]) for r in rows]
    assert len(ids) == len(set(ids)) == 24 * len(reports["2024/03/wire.ar"])  # each sentence of each file once



def test_sigterm_stops_the_job_with_143_and_the_same_command_finishes_it(archive, tiny_model, tmp_path):
    root, _, expected, _ = archive
    inputs = _copies_of_wire(root, tmp_path / "in")
    job = _ray_translate(tiny_model, str(inputs), tmp_path / "out", "--workers", "1", popen=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and job.poll() is None and not (tmp_path / "out" / "part00.ar").exists():
        time.sleep(0.05)
    job.send_signal(signal.SIGTERM)
    _, err = job.communicate(timeout=300)
    assert job.returncode == 143, err.decode()
    assert "terminated after" in err.decode() and "run the same command again" in err.decode()
    finished = sum((tmp_path / "out" / f"part{n:02d}.ar").exists() for n in range(24))
    assert 0 < finished < 24
    again = _ray_translate(tiny_model, str(inputs), tmp_path / "out", "--workers", "1")
    assert again.returncode == 0, again.stderr.decode()
    assert f"{24 - finished} of 24 files, {finished} skipped" in again.stderr.decode()
    for n in range(24):
        assert (tmp_path / "out" / f"part{n:02d}.ar").read_bytes() == expected["2024/03/wire.ar"]

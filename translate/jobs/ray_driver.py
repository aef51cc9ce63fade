"""``mtrepair translate --ray``: the batch job on a Ray cluster, with Ray Data.

The driver (this module) checks every input file first, as the
single-machine command does, then asks one worker to build the translator
(a clear one-line error if the model cannot be had, and the facts each
output's fingerprint is made of).  Ray Data then reads the files on the
workers in chunks of records (the chunks :func:`translate.jobs.document.run_job`
uses), ``map_batches`` runs :class:`~translate.jobs.ray_worker.ChunkTranslator`
on a fixed pool of actors, and the driver puts each file's chunks back in
order by their stable id (file, first record) and writes the file as soon
as its last chunk is in.  Ray does not keep order, and may run a chunk
again after a worker dies: a chunk already in is not taken twice.

Finished outputs are listed, with their fingerprints, in the job's state
folder (``OUTPUT/.mtrepair``, or ``.NAME.mtrepair`` beside a single output
file); running the same command again skips them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import signal
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from tqdm import tqdm

from ..common.errors import InputError, MtrepairError, OutputError, first_line
from ..common.formats import Document, read_document, write_document
from ..common.outputs import write_lines
from ..common.signals import Terminated
from .document import Interrupted, JobSettings, digest_of, job_facts
from .inputs import InputFile
from .ray_worker import ChunkTranslator, WorkerSettings, probe

RAY_INSTALL = "pip install 'mtrepair[ray]'"
STATE_FOLDER = ".mtrepair"
TASK_RETRIES = 3  # runs of one chunk after its worker died, before the job gives up
FILE_ERROR = -1  # the "start" of the row that says a whole file could not be read
# The environment a worker must share with the driver: mtrepair's model settings and
# cache, and the hub's (the workers load the models).
_FORWARDED = ("MTREPAIR_", "HF_", "HUGGINGFACE_", "TRANSFORMERS_")


@dataclass(frozen=True)
class RaySettings:
    address: str  # "local", "auto" or a cluster address (ray.init's own meaning)
    workers: int | None = None  # None: as many as the cluster's CPUs (or GPUs) allow
    cpus_per_worker: int = 1


@dataclass(frozen=True)
class PlannedFile:
    index: int
    input: InputFile
    output: str
    records: int
    header: Document  # the document without its records: what its fingerprint needs


@dataclass
class RayJobSummary:
    files: int = 0
    skipped_files: int = 0
    records: int = 0
    segments: int = 0
    errors: list = field(default_factory=list)  # the error records, in input order
    workers: int = 0
    processes: int = 0  # worker processes that returned work
    restarts: int = 0  # translation workers Ray restarted after they died
    mixed_settings: list = field(default_factory=list)  # outputs whose chunks came from differing workers


def import_ray():
    # Ray's own log lines (an INFO line per dataset, a warning about actor constructor arguments
    # that Ray Data always prints) are noise next to mtrepair's progress bar and one-line errors;
    # set these variables to see them.
    os.environ.setdefault("RAY_DATA_LOG_LEVEL", "ERROR")
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    try:
        import ray
        import ray.data
    except ImportError:
        raise MtrepairError(f"--ray needs Ray, which is not installed: {RAY_INSTALL}") from None
    return ray


def plan_files(inputs: list[InputFile], output: str, single: bool, *, format: str | None,
               field: str | None, column: str | None, input_root: str | None = None,
               report: str | None = None) -> list[PlannedFile]:
    """Read and check every input (bad input fails before Ray starts) and choose each output.

    Refused: an output folder inside the folder or glob INPUT searches (the
    next run would read the outputs as inputs), an output that is an input
    (through a link too), and a --report that is one of the outputs.
    """
    out = Path(output)
    if single:
        if out.is_dir():
            raise OutputError(f"-o {output} is a folder; INPUT is one file, so -o names the output file")
    elif out.exists() and not out.is_dir():
        raise OutputError(f"-o {output} is a file; INPUT names several files, so -o must be a folder")
    root = out.resolve()
    if input_root is not None and not single:
        searched = Path(input_root).resolve()
        if root == searched or searched in root.parents:
            raise OutputError(f"-o {output} is inside {input_root}, which INPUT searches: the next run would take "
                              f"the outputs for inputs; write them somewhere INPUT does not reach")
    identities = {_identity(source.path) for source in inputs}
    reported = _identity(report) if report else None
    planned = []
    for index, source in enumerate(inputs):
        target = str(out) if single else str(out / source.name)
        existing = _identity(target)
        if existing is not None and existing in identities:
            raise OutputError(f"the output {target} is the input file {source.path} or another input (a link?): "
                              f"writing it would destroy an input; choose another -o")
        if report and ((existing is not None and existing == reported)
                       or os.path.abspath(target) == os.path.abspath(report)):
            raise OutputError(f"--report {report} is the output of {source.path}; give the report its own file")
        document = read_document(source.path, format, field=field, column=column)
        header = replace(document, records=[], _rows=[], _lines=[], _table=None)
        planned.append(PlannedFile(index, source, target, len(document.records), header))
    return planned


def _identity(path: str) -> tuple[int, int] | None:
    """The file a path names (links followed), or None when there is none."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


class JobState:
    """Which outputs are finished, and by what settings.

    The state folder's ``state.jsonl`` gets one line per finished (or no
    longer finished) output, appended and forced to disk; the last line for
    a file wins.  Appending keeps the cost per file constant for archives of
    many files, and a line cut short by a crash is ignored.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / "state.jsonl"
        self.files: dict[str, dict] = {}
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, ValueError):  # none yet, or unreadable: nothing counts as done
            lines = []
        for line in lines:
            try:
                entry = json.loads(line)
                name = entry["file"]
            except (ValueError, KeyError, TypeError):
                continue
            if entry.get("fingerprint"):
                self.files[name] = entry
            else:
                self.files.pop(name, None)

    @classmethod
    def for_output(cls, output: str, single: bool) -> JobState:
        out = Path(output)
        return cls(out.parent / f".{out.name}{STATE_FOLDER}" if single else out / STATE_FOLDER)

    def report_path(self, name: str) -> Path:
        return self.folder / "reports" / (hashlib.sha256(name.encode()).hexdigest()[:24] + ".jsonl")

    def complete(self, planned: PlannedFile, fingerprint: str, with_report: bool) -> bool:
        entry = self.files.get(planned.input.name)
        if not entry or entry.get("fingerprint") != fingerprint:
            return False
        if with_report and not self.report_path(planned.input.name).is_file():
            return False
        return _sha256(planned.output) == entry.get("output")

    def keep_report(self, name: str, report: list[str] | None) -> None:
        """The file's report rows for the job's --report; None removes an older run's."""
        path = self.report_path(name)
        if report is not None:
            write_lines(str(path), report)
        else:
            try:
                path.unlink(missing_ok=True)
            except OSError as error:
                raise OutputError(f"{path}: cannot remove an old report ({error.strerror})") from None

    def finish(self, planned: PlannedFile, fingerprint: str, report: list[str] | None) -> None:
        self.keep_report(planned.input.name, report)
        entry = {"file": planned.input.name, "fingerprint": fingerprint, "output": _sha256(planned.output)}
        self.files[planned.input.name] = entry
        self._append(entry)

    def forget(self, planned: PlannedFile) -> None:
        if self.files.pop(planned.input.name, None) is not None:
            self._append({"file": planned.input.name, "fingerprint": None})

    def _append(self, entry: dict) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as log:
                log.write(json.dumps(entry, ensure_ascii=True) + "\n")
                log.flush()
                os.fsync(log.fileno())
        except OSError as error:
            raise OutputError(f"{self.path}: cannot write the job's state ({error.strerror})") from None


def _sha256(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def run_ray_job(planned: list[PlannedFile], state: JobState, worker: WorkerSettings, job: JobSettings,
                ray_settings: RaySettings, *, format: str | None, field: str | None, column: str | None
                ) -> RayJobSummary:
    """Translate the ``planned`` files on Ray; write each output, the state and ``job.report``."""
    ray = import_ray()
    # Under `ray job submit` the job's own runtime environment already reaches the workers, and Ray
    # refuses a second one naming the same variables.
    env = {k: v for k, v in os.environ.items() if k.startswith(_FORWARDED)}
    in_job = "RAY_JOB_CONFIG_JSON_ENV_VAR" in os.environ
    try:
        ray.init(address=ray_settings.address, include_dashboard=False, log_to_driver=False,
                 logging_level=logging.ERROR, runtime_env={"env_vars": env} if env and not in_job else None)
    except Exception as error:  # ConnectionError, TimeoutError, ValueError ...: all mean the same to a person
        raise MtrepairError(f"--ray {ray_settings.address}: cannot start or join Ray ({first_line(error)})") from None
    # ray.init makes SIGTERM exit at once; mtrepair's own handler says how far the job got (exit 143).
    previous = _sigterm_like_interrupt()
    try:
        return _run(ray, planned, state, worker, job, ray_settings, format=format, field=field, column=column)
    except ray.exceptions.RayError as error:
        raise _one_line(error) from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        ray.shutdown()


def _sigterm_like_interrupt():
    from ..common.signals import _raise

    try:
        return signal.signal(signal.SIGTERM, _raise)
    except ValueError:  # not the main thread
        return None


def _one_line(error: BaseException, failed: str = "the Ray job failed: {}") -> MtrepairError:
    """A Ray error as mtrepair's one-line error: the mtrepair error inside it, or ``failed`` with the
    cause's first line."""
    seen, cause = set(), error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, MtrepairError):
            return cause
        seen.add(id(cause))
        cause = getattr(cause, "cause", None) or cause.__cause__
    inner = getattr(error, "cause", None) or error.__cause__ or error
    return MtrepairError(failed.format(first_line(inner)))


def _resources(ray, worker: WorkerSettings, ray_settings: RaySettings) -> tuple[int, int]:
    """Workers and GPUs per worker: GPU workers wherever the cluster has GPUs (unless --device cpu)."""
    cluster = ray.cluster_resources()
    cpus, gpus = int(cluster.get("CPU", 0)), int(cluster.get("GPU", 0))
    if worker.spec.device == "cuda" and not gpus:
        raise MtrepairError("--device cuda was asked for but the Ray cluster has no GPU")
    use_gpu = bool(gpus) and worker.spec.device != "cpu"
    # A worker must fit on one node, or the job would wait for it for ever.
    biggest = max((int(node.get("Resources", {}).get("CPU", 0)) for node in ray.nodes() if node.get("Alive")),
                  default=cpus)
    if ray_settings.cpus_per_worker > biggest:
        raise MtrepairError(f"--cpus-per-worker {ray_settings.cpus_per_worker}: no node of the Ray cluster has more "
                            f"than {biggest} CPUs")
    workers = ray_settings.workers or (gpus if use_gpu else max(1, cpus // ray_settings.cpus_per_worker))
    if ray_settings.address == "local" and not use_gpu and workers * ray_settings.cpus_per_worker > cpus:
        raise MtrepairError(f"--workers {workers} with --cpus-per-worker {ray_settings.cpus_per_worker} needs "
                            f"{workers * ray_settings.cpus_per_worker} CPUs; this machine has {cpus}")
    return workers, 1 if use_gpu else 0


def _run(ray, planned, state, worker, job, ray_settings, *, format, field, column) -> RayJobSummary:
    workers, gpus = _resources(ray, worker, ray_settings)
    options = {"num_cpus": ray_settings.cpus_per_worker, "num_gpus": gpus}
    try:
        facts = ray.get(ray.remote(max_retries=1, **options)(probe).remote(worker))
    except ray.exceptions.RayError as error:
        raise _one_line(error, "a Ray worker could not load the model ({})") from None
    prints = {p.index: digest_of(job_facts(p.header, facts, job)) for p in planned}
    want_report = job.report is not None
    todo = [p for p in planned if not state.complete(p, prints[p.index], want_report)]
    summary = RayJobSummary(files=len(planned), skipped_files=len(planned) - len(todo), workers=workers)
    if todo:
        _translate(ray, todo, state, worker, job, facts, prints, summary, workers, options,
                   format=format, field=field, column=column)
    if want_report:
        rows = []
        for p in planned:
            path = state.report_path(p.input.name)
            rows.extend(path.read_text(encoding="utf-8").splitlines() if path.is_file() else [])
        write_lines(job.report, rows)
    return summary


def _translate(ray, todo, state, worker, job, facts, prints, summary, workers, options, *, format, field, column):
    from ray.data import ActorPoolStrategy, DataContext, TaskPoolStrategy

    context = DataContext.get_current()
    context.enable_progress_bars = False  # mtrepair's own bar counts records
    context.print_on_execution_start = False
    chunk = job.chunk_records
    items = [{"file": p.index, "path": p.input.path, "digest": p.header.digest} for p in todo]
    dataset = (
        # A block per file up to a thousand files; past that a read task takes several.
        ray.data.from_items(items, override_num_blocks=min(len(items), 1000))
        # Reading is light next to translating: it takes no CPU of the workers' share.
        .flat_map(_read_chunks, fn_kwargs={"format": format, "field": field, "column": column, "chunk": chunk},
                  num_cpus=0, compute=TaskPoolStrategy(size=max(1, min(len(items), workers))))
        # A worker that dies is restarted and its chunk run again, but a chunk that kills every worker
        # it is given (a crash inside the engine) ends the job after a few tries instead of looping.
        .map_batches(ChunkTranslator, fn_constructor_kwargs={"settings": worker}, batch_size=1,
                     compute=ActorPoolStrategy(size=workers), batch_format="numpy",
                     max_restarts=-1, max_task_retries=TASK_RETRIES, **options)
    )
    expected = json.dumps(facts, sort_keys=True)
    by_index = {p.index: p for p in todo}
    pending: dict[int, dict[int, dict]] = {p.index: {} for p in todo}
    processes: set[str] = set()
    bar = tqdm(total=sum(p.records for p in todo), unit="rec", desc="translating", disable=job.quiet,
               file=sys.stderr, dynamic_ncols=True)
    try:
        for row in dataset.iter_rows():
            index, start = int(row["file"]), int(row["start"])
            processes.add(str(row["worker"]))
            chunks = pending.get(index)
            if chunks is None or start in chunks:  # a chunk Ray ran twice (after a worker died) counts once
                continue
            planned = by_index[index]
            if start == FILE_ERROR:
                del pending[index]
                bar.update(planned.records)
                _fail_file(planned, str(row["error"]), state, job, summary)
                continue
            chunks[start] = row
            bar.update(min(chunk, planned.records - start))
            if len(chunks) * chunk >= planned.records:
                del pending[index]
                try:
                    _finish_file(planned, chunks, state, job, prints[index], expected, summary, format, field, column)
                except InputError as error:  # the file changed since the workers read it
                    _fail_file(planned, error.message, state, job, summary)
    except KeyboardInterrupt as stop:
        bar.close()
        what, code = ("terminated", 143) if isinstance(stop, Terminated) else ("interrupted", 130)
        done = len(todo) - len(pending)
        raise Interrupted(f"{what} after {done} of {len(todo)} files; run the same command again to continue "
                          f"(finished outputs are kept and skipped)", code) from None
    bar.close()
    summary.processes = len(processes)
    summary.restarts = max(_restarts(ray), len(processes) - workers)
    if pending:
        names = ", ".join(by_index[i].input.name for i in pending)
        raise MtrepairError(f"Ray returned no result for some records of {names}; run the same command again")


def _restarts(ray) -> int:
    """How many times Ray restarted this job's translation workers after they died.

    Read from the cluster's actor table: the public state API (ray.util.state)
    needs the dashboard, which the job does not start.  Should the private
    call change, the driver's own count (worker processes that returned work,
    beyond the pool's size) still stands.
    """
    try:
        from ray._private.state import actors

        job = ray.get_runtime_context().get_job_id()
        return sum(int(actor.get("NumRestarts") or 0) for actor in actors().values()
                   if "MapWorker" in str(actor.get("ActorClassName")) and actor.get("JobID") == job)
    except Exception:
        return 0


def _read_chunks(item: dict, *, format, field, column, chunk: int) -> list[dict]:
    """The chunk rows of one input file (run on a worker); a file that cannot be read there
    (not on this node's file system, changed since the driver checked it) is one error row."""
    try:
        document = read_document(item["path"], format, field=field, column=column)
        if document.digest != item["digest"]:
            raise InputError(f"{item['path']}: changed while the job was running")
    except MtrepairError as error:
        return [{"file": item["file"], "start": FILE_ERROR, "texts": "[]", "lines": "[]", "error": error.message}]
    rows = []
    for start in range(0, len(document.records), chunk):
        records = document.records[start : start + chunk]
        # JSON with ASCII escapes: a lone surrogate (from a JSONL escape) travels through Arrow unharmed.
        rows.append({"file": item["file"], "start": start, "error": "",
                     "texts": json.dumps([r.text for r in records]), "lines": json.dumps([r.line for r in records])})
    return rows


def _fail_file(planned: PlannedFile, message: str, state: JobState, job: JobSettings,
               summary: RayJobSummary) -> None:
    """A file none of whose records could be translated: an error record; no output; not finished."""
    error = {"file": planned.input.name, "kind": "error", "record": None, "line": None, "error": message}
    summary.errors.append(error)
    state.keep_report(planned.input.name, [json.dumps(error, ensure_ascii=False)] if job.report is not None else None)
    state.forget(planned)


def _finish_file(planned: PlannedFile, chunks: dict[int, dict], state: JobState, job: JobSettings,
                 fingerprint: str, expected_facts: str, summary: RayJobSummary, format, field, column) -> None:
    """Write one output from its chunks, in record order, and record it as finished."""
    document = read_document(planned.input.path, format, field=field, column=column)
    if document.digest != planned.header.digest:
        raise InputError(f"{planned.input.path}: changed while the job was running")
    translations, report, errors = [], [], []
    same_settings = True
    for start in sorted(chunks):
        row = chunks[start]
        translations.extend(json.loads(row["translations"]))
        report.extend(json.loads(row["report"]))
        errors.extend(json.loads(row["errors"]))
        same_settings &= row["facts"] == expected_facts
    if len(translations) != planned.records:
        raise MtrepairError(f"{planned.input.path}: {len(translations)} translations for {planned.records} records")
    write_document(planned.output, document, [document.render(i, t) for i, t in enumerate(translations)])
    named = [{"file": planned.input.name, **row} for row in report]
    failed = [{"file": planned.input.name, **error} for error in errors]
    rows = sorted(named + failed, key=lambda r: r["record"])  # error records where their record is
    summary.records += planned.records
    summary.segments += len(report)
    summary.errors.extend(failed)
    if not same_settings:
        summary.mixed_settings.append(planned.input.name)
    lines = [json.dumps(r, ensure_ascii=False) for r in rows] if job.report is not None else None
    if errors or not same_settings:  # written, but not finished: the next run tries it again
        state.keep_report(planned.input.name, lines)
        state.forget(planned)
    else:
        state.finish(planned, fingerprint, lines)

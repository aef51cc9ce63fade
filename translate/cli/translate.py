"""``mtrepair translate``: translate a file (txt, jsonl, tsv, csv) line by line."""

from __future__ import annotations

import argparse
import sys

from translate.arguments import add_apply_threshold_argument, add_document_arguments, language, positive_int
from translate.common.errors import MtrepairError, RecordsFailed
from translate.common.outputs import STDOUT, check_paths, is_stream
from translate.engines.base import (DEFAULT_BATCH_SIZE, DEFAULT_BEAM_SIZE, DEFAULT_DEVICE, DEFAULT_MAX_LENGTH,
                                    DecodingOptions)
from translate.engines.conversion import DEFAULT_QUANTIZATION, QUANTIZATIONS
from translate.engines.models import DEFAULT_MODELS, env_variable, model_for_pair
from translate.engines.spec import DEFAULT_ENGINE, ENGINES, TranslatorSpec

# The engines themselves (PyTorch, CTranslate2), the document job and the glossary are imported by the
# functions that use them: `mtrepair translate --help` and a run without --glossary do not wait for them.

DESCRIPTION = """\
Translate every line (or JSONL field, or table column) of INPUT and write the
result in the same format and order, one output line per input line.

examples:
  mtrepair translate --from ar --to en news.ar -o news.en
  mtrepair translate --from en --to ar articles.jsonl --field body -o articles.ar.jsonl
  mtrepair translate --from ar --to en export.tsv --column text -o export.en.tsv --report report.jsonl
  cat news.ar | mtrepair translate --from ar --to en - > news.en
  mtrepair translate --from ar --to en big.ar -o big.en --resume   # after Ctrl-C or a crash
  mtrepair translate --from ar --to en archive/ -o archive-en/ --ray local   # an archive, on Ray

models: {defaults} (--model opus-mt-big); --model opus-mt for the smaller,
faster OPUS-MT models, nllb for NLLB-200, or any Hugging Face seq2seq model
by id or folder; or the environment variable MTREPAIR_MODEL_<SRC>_<TGT>
(e.g. {example}). See the README, "Models".
"""


def add_translate_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = ", ".join(f"{s}->{t}: {m}" for (s, t), m in DEFAULT_MODELS.items())
    parser.description = DESCRIPTION.format(defaults=defaults, example=env_variable("ar", "en"))
    parser.add_argument("input", metavar="INPUT", help="file to translate, or - for standard input "
                        "(with --ray: also a folder or a quoted glob)")
    parser.add_argument("--from", dest="source_lang", type=language, required=True, metavar="SRC", help="source language (ar, en)")
    parser.add_argument("--to", dest="target_lang", type=language, required=True, metavar="TGT", help="target language (ar, en)")
    parser.add_argument("-o", "--output", metavar="OUTPUT", help="output file (default: standard output)")
    parser.add_argument("--model", metavar="ID_OR_FOLDER",
                        help="opus-mt-big (default), opus-mt, nllb, a Hugging Face model id or a local model folder")
    add_document_arguments(parser)
    parser.add_argument("--resume", action="store_true", help="continue an interrupted run with the same -o OUTPUT")
    parser.add_argument("--report", metavar="R.jsonl", help="write one JSON record per sentence (timings, model, lengths, glossary fixes)")
    parser.add_argument("--glossary", metavar="G", help="enforce a glossary's preferred names (.tsv .csv .tbx .json, "
                        "or 'levant-news' for the built-in one); fixes and suggestions are listed in --report")
    add_apply_threshold_argument(parser)
    add_decoding_arguments(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    scale = parser.add_argument_group("scale-out on Ray",
                                      "pip install 'mtrepair[ray]'; see the README, \"Archives on a Ray cluster\"")
    scale.add_argument("--ray", metavar="ADDRESS",
                       help="run on Ray: local (start one on this machine), auto (join the running cluster) or "
                            "the cluster's address; INPUT may then be a folder or a quoted glob and -o is a folder; "
                            "running the same command again skips the outputs already finished")
    scale.add_argument("--workers", type=positive_int, metavar="N",
                       help="worker processes, each with its own model (default: the cluster's CPUs divided by "
                            "--cpus-per-worker, or one per GPU)")
    scale.add_argument("--cpus-per-worker", type=positive_int, metavar="C",
                       help="CPU cores per worker, also its inference threads (default: 1)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from translate.common.formats import read_document
    from translate.jobs.checkpoint import progress_path
    from translate.jobs.document import JobSettings, run_job
    from translate.jobs.progress_lock import refuse_if_running

    if args.source_lang == args.target_lang:
        raise MtrepairError(f"--from and --to are both {args.source_lang!r}")
    if args.ray:
        return run_on_ray(args)
    if args.workers or args.cpus_per_worker:
        raise MtrepairError(f"{'--workers' if args.workers else '--cpus-per-worker'} needs --ray")
    output = None if args.output == STDOUT else args.output
    if args.resume and not output:
        raise MtrepairError("--resume needs -o OUTPUT (a run to standard output cannot be resumed)")
    # A FIFO or device is written in place at the end; no progress file goes beside it (in /dev).
    stream = is_stream(output)
    if args.resume and stream:
        raise MtrepairError(f"--resume needs -o OUTPUT to be a file; {output} is a FIFO or device")
    check_paths({"-o": output or STDOUT, "--report": args.report,
                 "the progress file of -o": None if not output or stream else str(progress_path(output))},
                {"INPUT": args.input, "--glossary": args.glossary})
    if output and not stream:
        refuse_if_running(progress_path(output))  # another run on this output: say so before loading a model
    # Check all input before loading a model: bad input fails in a second.
    document = read_document(args.input, args.format, field=args.field, column=args.column)
    repairer, glossary_digest = _glossary_repairer(args)
    translator = translator_from_args(model_for_pair(args.source_lang, args.target_lang, args.model), args,
                                      args.source_lang, args.target_lang, args.target_token)
    summary = run_job(
        document,
        translator,
        JobSettings(
            args.source_lang, args.target_lang, output=output, report=args.report,
            resume=args.resume, quiet=args.quiet, repairer=repairer, glossary_digest=glossary_digest,
            checkpoint=not stream,
        ),
    )
    if not args.quiet:
        resumed = f" ({summary.resumed_records} resumed from an earlier run)" if summary.resumed_records else ""
        where = output or "standard output"
        print(f"translated {summary.records} records, {summary.segments} sentences{resumed} -> {where}", file=sys.stderr)
    return 0


def run_on_ray(args: argparse.Namespace) -> int:
    """``translate --ray``: the files of INPUT on a Ray cluster (translate.jobs.ray_driver)."""
    from translate.jobs.document import JobSettings
    from translate.jobs.inputs import find_inputs, search_root
    from translate.jobs.ray_driver import JobState, RaySettings, import_ray, plan_files, run_ray_job
    from translate.jobs.ray_worker import WorkerSettings

    if not args.output or args.output == STDOUT:
        raise MtrepairError("--ray needs -o OUTPUT (a folder, or a file when INPUT is one file)")
    if is_stream(args.output):
        raise MtrepairError(f"--ray needs -o OUTPUT to be a file or folder; {args.output} is a FIFO or device")
    import_ray()  # says how to install it before any input is read
    inputs, single = find_inputs(args.input)
    if single:
        check_paths({"-o": args.output, "--report": args.report}, {"INPUT": args.input, "--glossary": args.glossary})
    else:
        check_paths({"--report": args.report}, {"INPUT": [f.path for f in inputs], "--glossary": args.glossary})
    state = JobState.for_output(args.output, single)
    check_paths({"the job's state file": str(state.path)})  # -o can be written: refused now, not after a file
    planned = plan_files(inputs, args.output, single, format=args.format, field=args.field, column=args.column,
                         input_root=None if single else search_root(args.input), report=args.report)
    glossary, digest, threshold = None, "", None
    if args.glossary:
        repairer, digest = _glossary_repairer(args)
        glossary, threshold = repairer.glossary, repairer.apply_threshold
    model = model_for_pair(args.source_lang, args.target_lang, args.model)
    cpus = args.cpus_per_worker or 1
    worker = WorkerSettings(spec_from_args(model, args, args.source_lang, args.target_lang, args.target_token,
                                           threads=cpus),
                            args.source_lang, args.target_lang, glossary=glossary, apply_threshold=threshold,
                            house_style=args.house_style)
    job = JobSettings(args.source_lang, args.target_lang, output=args.output, report=args.report, quiet=args.quiet,
                      glossary_digest=digest)
    summary = run_ray_job(planned, state, worker, job, RaySettings(args.ray, args.workers, cpus),
                          format=args.format, field=args.field, column=args.column)
    if not args.quiet:
        skipped = f", {summary.skipped_files} skipped (finished by an earlier run)" if summary.skipped_files else ""
        restarted = (f"; {summary.restarts} worker process(es) restarted after a failure, their work done again"
                     if summary.restarts else "")
        print(f"translated {summary.records} records, {summary.segments} sentences in "
              f"{summary.files - summary.skipped_files} of {summary.files} files{skipped} on {summary.workers} "
              f"Ray worker(s){restarted} -> {args.output}", file=sys.stderr)
    if summary.mixed_settings:
        print(f"mtrepair: workers ran with different settings (device or model files) for "
              f"{', '.join(summary.mixed_settings[:3])}{' ...' if len(summary.mixed_settings) > 3 else ''}; "
              f"these outputs are written but not counted as finished", file=sys.stderr)
    if summary.errors:
        for error in summary.errors[:5]:
            place = f"{error['file']}:{error['line']}" if error["line"] is not None else error["file"]
            print(f"mtrepair: {place}: {error['error']}", file=sys.stderr)
        more = " (the first 5 above)" if len(summary.errors) > 5 else ""
        listed = f"; all are in {args.report}" if args.report else ""
        raise RecordsFailed(f"{len(summary.errors)} records or files could not be translated{more}{listed}; a failed "
                            f"record keeps its source text in the output, an unreadable file has no output; run the "
                            f"same command again to retry them")
    return 0


def _glossary_repairer(args: argparse.Namespace):
    """Glossary enforcement for ``--glossary``: repair after decoding.

    transformers 5 removed constrained beam search, and CTranslate2 has no
    lexical constraints either; repairing each translated sentence against
    its source sentence works with every engine, keeps the model's own
    wording around the name, and reports each change.
    """
    if not args.glossary:
        return None, ""
    import hashlib

    from glossary.files import load_glossary
    from glossary.repair import Repairer

    glossary = load_glossary(args.glossary, args.source_lang, args.target_lang)
    repairer = Repairer(glossary, args.source_lang, args.target_lang, apply_threshold=args.apply_threshold,
                        house_style=args.house_style)
    # What decides the repaired bytes: the glossary, the threshold, house style and the fitted confidence model.
    digest = hashlib.sha256(glossary.fingerprint.encode() + f"|{repairer.apply_threshold}|{args.house_style}|".encode()
                            + repr(repairer.calibration.to_json()).encode()).hexdigest()
    return repairer, digest


def add_decoding_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of every command that runs a translation model."""
    decoding = parser.add_argument_group("decoding")
    decoding.add_argument("--beam-size", type=positive_int, default=DEFAULT_BEAM_SIZE,
                          help=f"beam width; 1 is greedy search (default: {DEFAULT_BEAM_SIZE})")
    decoding.add_argument("--max-length", type=positive_int, default=DEFAULT_MAX_LENGTH,
                          help=f"most tokens per translated sentence (default: {DEFAULT_MAX_LENGTH})")
    decoding.add_argument("--batch-size", type=positive_int, default=DEFAULT_BATCH_SIZE,
                          help=f"sentences per batch (default: {DEFAULT_BATCH_SIZE})")
    decoding.add_argument("--device", choices=("auto", "cpu", "cuda"), default=DEFAULT_DEVICE,
                          help="default: cuda if present, else cpu")
    decoding.add_argument("--threads", type=positive_int,
                          help="CPU threads for inference (default: PyTorch's choice; ctranslate2: all cores)")
    decoding.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE,
                          help="auto: ctranslate2 (the model converted to int8 once, several times faster on a CPU), "
                               "transformers for a model ctranslate2 cannot convert; "
                               f"transformers: PyTorch, the model's exact fp32 output (default: {DEFAULT_ENGINE})")
    decoding.add_argument("--quantization", choices=QUANTIZATIONS, default=DEFAULT_QUANTIZATION,
                          help=f"weights of the ctranslate2 engine (default: {DEFAULT_QUANTIZATION})")
    decoding.add_argument("--target-token", metavar="TOKEN",
                          help="target-language token of a multilingual model: arz (Egyptian) for opus-mt-en-ar, "
                               "apc_Arab (Levantine) for NLLB ... (default: chosen from --to, Modern Standard Arabic "
                               "or English; single-pair models need none)")


def translator_from_args(model: str, args: argparse.Namespace, source_lang: str, target_lang: str,
                         target_token: str | None = None):
    """A translator for ``model`` (``source_lang -> target_lang``) with the options of ``add_decoding_arguments``."""
    from translate.engines.library_logs import quiet_libraries

    quiet_libraries(args.quiet)
    return spec_from_args(model, args, source_lang, target_lang, target_token).build()


def spec_from_args(model: str, args: argparse.Namespace, source_lang: str, target_lang: str,
                   target_token: str | None = None, threads: int | None = None):
    """The :class:`~translate.engines.spec.TranslatorSpec` of ``add_decoding_arguments``' options."""
    return TranslatorSpec(
        model, engine=args.engine, device=args.device,
        options=DecodingOptions(beam_size=args.beam_size, max_length=args.max_length),
        batch_size=args.batch_size, threads=args.threads or threads, quantization=args.quantization,
        source_lang=source_lang, target_lang=target_lang, target_token=target_token,
    )

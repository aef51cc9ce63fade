"""What the benchmark scripts measure the same way."""

from __future__ import annotations

import os
import resource
from pathlib import Path

# Where the benchmarks that translate find their text and their local model (random weights with
# OPUS-MT ar-en's configuration and real tokenizer: model weights cannot be downloaded here).
ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MTREPAIR_SHARED", ROOT.parent / "shared"))
TEMPLATE = SHARED / "models" / "opus-mt-ar-en-tokenizer"
SOURCE = SHARED / "data" / "flores101-dev" / "dev.ar"
MODEL = ROOT / "models" / "opus-mt-ar-en-random"
CACHE = ROOT / "models" / "ct2-cache"


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM).  Not getrusage's ru_maxrss: Linux carries
    that over from the parent through fork and exec, so a worker would report at least the
    parent's peak."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_json_worker(command: list[str], *, env: dict[str, str] | None = None, cwd: str | Path | None = None,
                    what: str = "worker") -> dict:
    """Run ``command`` (a benchmark's worker process) and return the JSON object on its last stdout line.

    Each measured variant runs in a process of its own so that its peak memory
    (:func:`peak_rss_mb`, which the worker reports) is its own; a failed worker
    stops the benchmark with the end of its stderr, since a missing row would
    make the comparison void."""
    import json
    import subprocess
    import sys

    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        sys.exit(f"{what} failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])

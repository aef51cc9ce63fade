"""Load test of the web page: N simultaneous requests to its repair endpoint on loopback.

Starts ``python app.py`` (no translation model needed for repair), then for
N = 10, 25 and 50 simultaneous users (each connected once, as a visitor
opens the page) sends each user's request at the same moment through
gradio_client (the page's own queue and API, as a browser uses them) and
prints: requests, failures (an error, a wrong answer, or no answer within
30 s), wall time, and median / 95th-percentile / slowest latency.  Every request repairs an Arabic line with three mangled names of
the built-in glossary (source-aware: Mosul and Latakia are repaired; «هتس», for HTS, is not taken for the
name and is reported missing) and its answer is checked, not just counted.

    python benchmarks/bench_app_load.py [--users 10 25 50] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server() -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "MTREPAIR_MODEL_AR_EN": "/nonexistent", "MTREPAIR_MODEL_EN_AR": "/nonexistent"}
    process = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(240):
        try:
            with urllib.request.urlopen(url, timeout=2):
                return process, url
        except OSError:
            time.sleep(0.5)
    process.kill()
    sys.exit("app.py did not start")


REQUEST_TIMEOUT_S = 30  # a request slower than this counts as failed


def one_request(client, source: str, mt: str) -> tuple[float, str | None]:
    started = time.perf_counter()
    try:
        job = client.submit("English → Arabic", mt, source, "", api_name="/repair")
        *_, summary = outputs = job.result(timeout=REQUEST_TIMEOUT_S)
        text = outputs[2]  # the text as decided (README, "Use it from a program")
        if not summary.startswith("2 names repaired") or "في الموصل واللاذقية" not in text:
            return time.perf_counter() - started, f"wrong answer: {summary[:80]}"
        return time.perf_counter() - started, None
    except Exception as error:  # a failed request is what this measures
        return time.perf_counter() - started, f"{type(error).__name__}: {error}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, nargs="+", default=[10, 25, 50])
    parser.add_argument("--rounds", type=int, default=3, help="bursts per N (latencies pooled)")
    args = parser.parse_args()
    source = "Clashes erupted in Mosul and Latakia after HTS fighters advanced."
    mt = "اندلعت اشتباكات في موسول ولاتاكيا بعد تقدم مقاتلي هتس."
    process, url = start_server()
    try:
        from gradio_client import Client

        # Each simulated user opens the page once (a client), then sends a request in the burst.
        clients = [Client(url, verbose=False) for _ in range(max(args.users))]
        one_request(clients[0], source, mt)  # warm-up: glossary compiled, queue started
        print(f"machine: {os.cpu_count()} CPUs; server: app.py on loopback; endpoint /repair (the light group, page/common.py)\n")
        print("| simultaneous users | requests | failed | wall s (median burst) | latency median s | p95 s | max s |")
        print("|---|---|---|---|---|---|---|")
        for users in args.users:
            latencies, failures, walls = [], [], []
            for _ in range(args.rounds):
                started = time.perf_counter()
                with ThreadPoolExecutor(users) as pool:
                    results = list(pool.map(lambda client: one_request(client, source, mt), clients[:users]))
                walls.append(time.perf_counter() - started)
                latencies += [seconds for seconds, _ in results]
                failures += [error for _, error in results if error]
            latencies.sort()
            p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
            print(f"| {users} | {len(latencies)} | {len(failures)} | {statistics.median(walls):.2f} "
                  f"| {statistics.median(latencies):.2f} | {p95:.2f} | {latencies[-1]:.2f} |", flush=True)
            for failure in failures[:3]:
                print(f"  failure: {failure}")
    finally:
        process.terminate()
        process.wait(timeout=30)


if __name__ == "__main__":
    main()

"""Requests per second for the restricted-period feed (full and 304) beside fixed bytes on waitress.

Run: .venv/bin/python -m tests.benchmarks.bench_ical [--requests 2000] [--clients 4] [--threads 4]
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUARD = Path(sys.executable).with_name("guard")
HOST = "127.0.0.1"
FEED = "/ical/restricted-periods.ics"
# A fixed-bytes WSGI app on waitress, in a process of its own like `guard serve`, so that
# neither server shares the benchmark clients' interpreter lock.
FIXED_SERVER = """
import sys, waitress
size, port, threads = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
body = b"x" * size
def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/calendar; charset=utf-8"),
                              ("Content-Length", str(size))])
    return [body]
waitress.serve(app, host="127.0.0.1", port=port, threads=threads, _quiet=True)
"""
EXTRA_ELECTIONS = [
    ("Derbyshire PCC election", "pcc", "2028-05-04", []),
    ("Heanor West by-election", "local", "2027-09-02", ["Heanor West"]),
    ("Neighbourhood plan referendum", "referendum", "2027-11-18", []),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def guard(env: Mapping[str, str], *args: str) -> None:
    subprocess.run([str(GUARD), *args], env=env, check=True, capture_output=True, cwd=ROOT)


def wait_until_up(port: int, path: str, deadline: float = 20.0) -> None:
    stop = time.monotonic() + deadline
    while time.monotonic() < stop:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", path)
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"no server on {HOST}:{port} after {deadline}s")


def fetch(port: int, path: str, headers: Mapping[str, str] | None = None):
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    connection.request("GET", path, headers=dict(headers or {}))
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def measure(
    port: int, path: str, *, requests: int, clients: int, headers=None, expect: int = 200
) -> float:
    """Requests per second over ``clients`` keep-alive connections, ``requests`` in all."""
    per_client = requests // clients
    failures: list[str] = []
    start_line = threading.Barrier(clients + 1)

    def client() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
        start_line.wait()
        for _ in range(per_client):
            connection.request("GET", path, headers=dict(headers or {}))
            response = connection.getresponse()
            response.read()
            if response.status != expect:
                failures.append(f"{path}: {response.status}")
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    start_line.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if failures:
        raise RuntimeError(f"{len(failures)} unexpected responses, e.g. {failures[0]}")
    return per_client * clients / elapsed


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4, help="waitress threads, both servers")
    args = parser.parse_args(argv)
    measure_args = {"requests": args.requests, "clients": args.clients}

    with tempfile.TemporaryDirectory(prefix="guard-bench-") as folder:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GUARD_")}
        env["GUARD_CONFIG"] = str(ROOT / "config.example.toml")
        env["GUARD_DATABASE_URL"] = f"sqlite:///{folder}/guard.db"
        guard(env, "db", "upgrade")
        guard(env, "demo")
        for title, kind, poll, wards in EXTRA_ELECTIONS:
            ward_args = [arg for ward in wards for arg in ("--ward", ward)]
            guard(env, "elections", "add", "--title", title, "--kind", kind, "--poll-date", poll,
                  *ward_args)  # fmt: skip

        guard_port, fixed_port = free_port(), free_port()
        serve = [str(GUARD), "serve", "--host", HOST, "--port", str(guard_port)]
        server = subprocess.Popen(
            [*serve, "--threads", str(args.threads)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        fixed = None
        try:
            wait_until_up(guard_port, "/healthz")
            response, body = fetch(guard_port, FEED)
            etag = response.getheader("ETag")
            assert response.status == 200 and etag, (response.status, etag)
            fixed = subprocess.Popen(
                [sys.executable, "-c", FIXED_SERVER, str(len(body)), str(fixed_port),
                 str(args.threads)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            wait_until_up(fixed_port, "/")
            measure(guard_port, FEED, requests=200, clients=args.clients)  # warm-up
            full = measure(guard_port, FEED, **measure_args)
            not_modified = measure(
                guard_port, FEED, headers={"If-None-Match": etag}, expect=304, **measure_args
            )
            baseline = measure(fixed_port, "/", **measure_args)
        finally:
            stop(server)
            if fixed is not None:
                stop(fixed)

    print(f"{args.requests} requests over {args.clients} keep-alive clients per figure")
    print(f"waitress with {args.threads} threads; feed of {len(body)} bytes")
    print(f"  fixed {len(body)} bytes on bare waitress (floor): {baseline:8.0f} req/s")
    for label, rate, bar in (("200", full, 0.5), ("304, ETag", not_modified, 0.8)):
        ratio = rate / baseline
        verdict = "meets" if ratio >= bar else "MISSES"
        print(
            f"  GET {FEED} ({label}): {rate:8.0f} req/s = {ratio:.2f}x the floor "
            f"(bar {bar}x: {verdict})"
        )


if __name__ == "__main__":
    main()

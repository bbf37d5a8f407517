"""The command line beside its floors: start-up, a content plan through `guard check --jsonl`,
a content plan through `guard posts import`, `guard audit verify`'s memory at 50,000 and
500,000 records, and an unchanged register.

Floors, measured in the same run: `python -c pass` for start-up; for the plan, a script that
reads a JSON line, runs one Aho-Corasick scan over the register's names and writes a JSON line.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlmodel import Session

from guard.services.posts import context as guard_context
from guard.services.record import audit
from guard.services.register import import_csv
from guard.settings import load_settings
from guard.store.db import make_engine, upgrade
from guard.store.guard_reads import mark_register_changed

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT.parent / "shared" / "fixtures"
GUARD = Path(sys.executable).with_name("guard")
PLAN_POSTS = 20_000
IMPORT_BAR = 1000.0  # posts a second
FLOOR_SCRIPT = """
import json, sys, ahocorasick
names = json.loads(sys.argv[1])
automaton = ahocorasick.Automaton()
for name in names:
    automaton.add_word(name.lower(), name)
automaton.make_automaton()
out = sys.stdout
for line in sys.stdin:
    item = json.loads(line)
    hits = [value for _, value in automaton.iter(item["text"].lower())]
    out.write(json.dumps({"outcome": "flag" if hits else "allow", "hits": hits}) + "\\n")
"""


def run(args: list[str], env: dict[str, str], stdin: Path | None = None) -> tuple[float, int]:
    """Wall time and peak memory (KiB) of one process."""
    began = time.perf_counter()
    with open(stdin or os.devnull, "rb") as source:
        process = subprocess.Popen(args, env=env, stdin=source, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 3):
        raise RuntimeError(f"{args[:3]} exited {process.returncode}")
    return elapsed, usage.ru_maxrss


def in_turn(
    commands: list[list[str]], env: dict[str, str], stdin: Path | None = None, runs: int = 5
) -> list[float]:
    """Each command's fastest of ``runs``, the commands taking turns: all see the same load
    (other processes come and go; times taken one after the other would drift apart)."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for args, spent in zip(commands, times, strict=True):
            spent.append(run(args, env, stdin)[0])
    return [min(spent) for spent in times]


def add_audit(engine, count: int, now: dt.datetime) -> None:
    with Session(engine) as session:
        for start in range(0, count, 10_000):
            records = [
                {"action": "bench.note", "subject_type": "post", "subject_id": n,
                 "summary": {"n": n, "words": "a record of moderate size for the bench"}}
                for n in range(start, min(count, start + 10_000))
            ]  # fmt: skip
            audit.record_many(session, records, actor="bench", now=now)
            session.commit()


def add_councillors(engine, count: int, now: dt.datetime) -> None:
    from guard.store.models import CouncillorRow

    with Session(engine) as session:
        for n in range(count):
            session.add(
                CouncillorRow(
                    name=f"Bench Councillor {n}", ward="Heanor East", x_handles=[f"CllrBench{n}"],
                    created_at=now, updated_at=now,
                )
            )  # fmt: skip
        session.flush()
        mark_register_changed(session.connection(), now=now)
        session.commit()


def ratio(label: str, value: float, floor: float, bar: float, unit: str = "s") -> None:
    times = value / floor
    verdict = "meets" if times <= bar else "MISSES"
    print(f"  {label}: {value:.3f} {unit} vs floor {floor:.3f} {unit} = {times:.2f}x "
          f"(bar {bar}x: {verdict})")  # fmt: skip


def main() -> None:
    now = dt.datetime.now(dt.UTC)
    with tempfile.TemporaryDirectory(prefix="guard-bench-") as folder:
        url = f"sqlite:///{folder}/guard.db"
        env = {k: v for k, v in os.environ.items() if not k.startswith("GUARD_")}
        env.update(GUARD_CONFIG=str(ROOT / "config.example.toml"), GUARD_DATABASE_URL=url)
        settings = load_settings(ROOT / "config.example.toml", environ={"GUARD_DATABASE_URL": url})
        upgrade(url)
        engine = make_engine(url)
        with Session(engine) as session:
            import_csv(session, settings, (FIXTURES / "councillors.csv").read_text(), now=now)
            session.commit()
        subprocess.run(
            [str(GUARD), "elections", "add", "--title", "Town council elections", "--kind",
             "local", "--poll-date", f"{now.year + 1}-05-06"],
            env=env, check=True, capture_output=True,
        )  # fmt: skip

        print("start-up (fastest of 5, in turn with the floor):")
        check_text = [str(GUARD), "check", "Bins are collected on Tuesday."]
        floor, start = in_turn([[sys.executable, "-c", "pass"], check_text], env)
        verdict = "meets" if start <= 0.4 else "MISSES"
        load = os.getloadavg()[0]
        print(
            f"  guard check TEXT: {start * 1000:.0f} ms = {start / floor:.1f}x `python -c pass` "
            f"({floor * 1000:.0f} ms); bar 400 ms: {verdict} (load average {load:.1f})"
        )

        plan = Path(folder) / "plan.jsonl"
        with Session(engine) as session, engine.connect() as connection:
            names = [c.name for c in guard_context.load_register(connection, settings).councillors]
        at = f"{now.year + 1}-04-{{day:02d}}T10:00"
        with plan.open("w") as out:
            for n in range(PLAN_POSTS):
                name = names[n % len(names)] if n % 10 == 0 else "the library"
                text = f"Post {n}: thanks to {name} for opening the fete on Saturday."
                out.write(json.dumps({"text": text, "at": at.format(day=n % 28 + 1),
                                      "platform": "x" if n % 2 else None}) + "\n")  # fmt: skip
        print(f"a content plan of {PLAN_POSTS:,} posts (fastest of 5, in turn with the floor):")
        floor_script = [sys.executable, "-c", FLOOR_SCRIPT, json.dumps(names)]
        check_plan = [str(GUARD), "check", "--jsonl"]
        floor_time, check_time = in_turn([floor_script, check_plan], env, plan)
        ratio("guard check --jsonl", check_time, floor_time, 8)
        print(f"    {check_time / PLAN_POSTS * 1e6:.0f} µs a post with start-up")

        print(f"guard posts import, a plan of {PLAN_POSTS:,} posts (SQLite, start-up included):")
        import_plan = Path(folder) / "import.jsonl"
        with import_plan.open("w") as out:
            for n in range(PLAN_POSTS):
                text = f"Bin collection update {n}: please put your bins out by 7am on the day."
                when = f"{now.year + 2}-{n % 12 + 1:02d}-{n % 28 + 1:02d}T{n % 10 + 8:02d}:00"
                out.write(json.dumps({"text": text, "at": when, "to": "x,facebook"}) + "\n")
        elapsed, _ = run([str(GUARD), "posts", "import", str(import_plan)], env)
        rate = PLAN_POSTS / elapsed
        verdict = "meets" if rate >= IMPORT_BAR else "MISSES"
        print(f"  {rate:,.0f} posts/s ({elapsed:.2f} s) = {rate / IMPORT_BAR:.2f}x the bar of "
              f"{IMPORT_BAR:,.0f}/s ({verdict})")  # fmt: skip

        print("the register of 1,000 councillors, unchanged, in a long-running process:")
        add_councillors(engine, 1000, now)
        with engine.connect() as connection:
            guard_context._registers.clear()
            began = time.perf_counter()
            guard_context.load_register(connection, settings)
            first = time.perf_counter() - began
            began = time.perf_counter()
            for _ in range(100):
                guard_context.load_register(connection, settings)
            again = (time.perf_counter() - began) / 100
        print(f"  first load {first * 1000:.2f} ms; unchanged {again * 1000:.3f} ms "
              f"= {again / first:.3f}x of a reload (one query for the version)")  # fmt: skip
        print("guard audit verify, peak memory:")
        add_audit(engine, 50_000, now)
        _, small = run([str(GUARD), "audit", "verify"], env)
        add_audit(engine, 450_000, now)
        elapsed, large = run([str(GUARD), "audit", "verify"], env)
        ratio("500,000 records vs 50,000", large / 1024, small / 1024, 1.2, "MiB")
        print(f"    verified 500,000 records in {elapsed:.1f} s")

        engine.dispose()


if __name__ == "__main__":
    main()

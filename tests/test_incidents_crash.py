"""Nothing lost: a process killed (SIGKILL) while it saves a draft, and two processes at once.

The worker (tests/incident_worker.py) prints the number of each change after
the store has committed it. Whatever was printed before the kill must be in
the database afterwards; the change in flight may be there or not.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from smassist.core.incidents.create import new_incident
from smassist.core.incidents.store import Store
from tests.incident_helpers import finished_walk
from tests.incident_worker import TEXT_FIELDS, changed_from, operation, value_for

WORKER = Path(__file__).parent / "incident_worker.py"
ROOT = Path(__file__).resolve().parent.parent
RUNS = 30

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and POSIX file modes")


def start_worker(*args: str, wait: bool = False) -> subprocess.Popen:
    command = [sys.executable, str(WORKER), *args] + (["--wait"] if wait else [])
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def read_line(process: subprocess.Popen) -> str:
    line = process.stdout.readline()
    if not line:
        process.wait()
        raise AssertionError(f"worker stopped early (exit {process.returncode}): {process.stderr.read()[-2000:]}")
    return line.strip()


def make_incident(db: Path) -> int:
    with Store(db) as store:
        return store.add(new_incident(finished_walk().result(), now=store.now())).id


def current_state(store: Store, incident_id: int) -> dict[tuple[str, object], str]:
    incident = store.get(incident_id)
    state: dict[tuple[str, object], str] = {("field", k): v for k, v in incident.report.items() if k in TEXT_FIELDS}
    state.update({("note", item.position): item.note for item in incident.checklist if item.note})
    return state


def test_killed_while_saving_a_draft_loses_at_most_the_change_in_flight(tmp_path):
    db = tmp_path / "data" / "incidents.db"
    incident_id = make_incident(db)
    rng = random.Random(20261122)
    expected: dict[tuple[str, object], str] = {}  # what every change reported as saved left behind
    first = 0
    in_flight_seen = 0
    for run in range(RUNS):
        worker = start_worker("edit", str(db), str(incident_id), str(first))
        assert read_line(worker) == "ready"
        target = rng.randint(0, 40)  # 0: kill during opening or the first change
        last = first - 1
        while last - first + 1 < target:
            last = int(read_line(worker))
        # a random moment inside the next change (each takes about one fsync)
        pause_until = time.perf_counter() + rng.random() * 0.004
        while time.perf_counter() < pause_until:
            pass
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        assert worker.returncode == -signal.SIGKILL
        # changes reported while the kill was under way were committed too
        for line in worker.stdout.read().splitlines():
            last = int(line)
        worker.stdout.close()
        worker.stderr.close()
        worker.stdin.close()
        for i in range(first, last + 1):
            kind, key, value = operation(i)
            expected[(kind, key)] = value

        with Store(db) as store:
            assert store.notice is None, "a database left by a killed process must never be moved aside"
            assert store.integrity() == ["ok"]
            state = current_state(store, incident_id)
        flight_kind, flight_key, flight_value = operation(last + 1)
        for key, value in expected.items():
            if key == (flight_kind, flight_key) and state.get(key) == flight_value:
                in_flight_seen += 1
                expected[key] = flight_value  # the change in flight made it: it is now the saved value
                continue
            assert state.get(key) == value, (
                f"run {run}: change {changed_from(value)} to {key} was reported saved but the database has "
                f"{changed_from(state[key]) if key in state else 'nothing'}"
            )
        extra = set(state) - set(expected) - {(flight_kind, flight_key)}
        assert not extra
        if (flight_kind, flight_key) in state and (flight_kind, flight_key) not in expected:
            assert state[(flight_kind, flight_key)] == flight_value
            expected[(flight_kind, flight_key)] = flight_value
        first = last + 2  # never reuse a change number
    assert expected, "the workers saved nothing before being killed"


def test_two_processes_opening_a_new_database_at_once_both_write_everything(tmp_path):
    db = tmp_path / "data" / "incidents.db"
    workers = [start_worker("create", str(db), "0", str(base), "25", wait=True) for base in (1000, 2000)]
    for worker in workers:
        assert read_line(worker) == "ready"
    for worker in workers:  # both open the (not yet existing) database and write at the same moment
        worker.stdin.write("go\n")
        worker.stdin.flush()
    made: dict[int, str] = {}
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err[-2000:]
        for line in out.strip().splitlines():
            change, incident_id = (int(part) for part in line.split())
            made[incident_id] = value_for(change)
    assert len(made) == 50
    with Store(db) as store:
        assert store.notice is None
        assert store.integrity() == ["ok"]
        assert len(store.list_incidents()) == 50
        for incident_id, value in made.items():
            assert store.get(incident_id).report["reporter"] == value


def test_two_processes_editing_the_same_incident_keep_all_changes(tmp_path):
    db = tmp_path / "data" / "incidents.db"
    incident_id = make_incident(db)
    # each worker has its own fields, so the last value of every field is known
    plans = {"reporter,platform": 10_000, "what_happened,evidence_links": 20_000}
    workers = [start_worker("edit", str(db), str(incident_id), str(base), "120", fields, wait=True)
               for fields, base in plans.items()]
    for worker in workers:
        assert read_line(worker) == "ready"
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err[-2000:]
        assert len(out.split()) == 120
    with Store(db) as store:
        assert store.integrity() == ["ok"]
        report = store.get(incident_id).report
    for fields, base in plans.items():
        names = tuple(fields.split(","))
        for name in names:
            last = max(i for i in range(base, base + 120) if operation(i, names) == ("field", name, value_for(i)))
            assert report[name] == value_for(last)

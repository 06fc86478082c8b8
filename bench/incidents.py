"""Figures for the incident register (prints; asserts nothing).

Save latency per change (every change is its own fsynced transaction), the
time to list, open and get with 1,000 incidents, and the cost of keeping the
walk in progress on disk (walk_draft: once per key typed into the facts form). Runs in a temporary
SMASSIST_HOME, never on the user's own register.

Run: .venv/bin/python bench/incidents.py [--incidents 1000] [--changes 500]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main(incidents: int, changes: int) -> None:
    from smassist.core.incidents.create import new_incident
    from smassist.core.incidents.store import Store
    from tests.incident_helpers import complete_report, finished_walk

    template = new_incident(finished_walk().result())
    report = complete_report()
    with Store() as store:
        fill_start = time.perf_counter()
        ids = []
        for number in range(incidents):
            template.report = {**report, "what_happened": f"Incident {number}: " + report["what_happened"]}
            ids.append(store.add(template).id)
        fill = time.perf_counter() - fill_start
        print(f"created {incidents} complete incidents in {fill:.1f} s ({ms(fill / incidents)} each, one transaction each)")

        target = ids[len(ids) // 2]
        saves = [timed(lambda i=i: store.save_field(target, "what_happened", f"versie {i}: " + "tekst " * 40))
                 for i in range(changes)]
        print(f"save one field (synchronous=FULL, WAL): median {ms(statistics.median(saves))}, "
              f"p95 {ms(percentile(saves, 0.95))}, max {ms(max(saves))} over {changes} changes")
        notes = [timed(lambda i=i: store.save_step_note(target, 1 + i % 3, f"notitie {i}")) for i in range(changes // 2)]
        print(f"save a step note: median {ms(statistics.median(notes))}, p95 {ms(percentile(notes, 0.95))}")
        draft_saves(changes)

        listing = [timed(store.list_incidents) for _ in range(20)]
        print(f"list {incidents} incidents: median {ms(statistics.median(listing))}, p95 {ms(percentile(listing, 0.95))}")
        gets = [timed(lambda: store.get(target)) for _ in range(200)]
        print(f"get one incident: median {ms(statistics.median(gets))}")
        path = store.path
    opens = []
    for _ in range(10):
        start = time.perf_counter()
        Store().close()
        opens.append(time.perf_counter() - start)
    print(f"open the register (quick_check included): median {ms(statistics.median(opens))}")
    print(f"database file: {path.stat().st_size / 2**20:.1f} MiB for {incidents} incidents")
    exe = shutil.which("smassist", path=str(Path(sys.executable).parent))
    if exe:
        runs = [timed(lambda: subprocess.run([exe, "incidents", "list"], check=True, capture_output=True)) for _ in range(5)]
        print(f"`smassist incidents list` (process, {incidents} incidents): median {ms(statistics.median(runs))}")


def draft_saves(changes: int) -> None:
    """save_draft as the question screen calls it on every key: the walk plus the form being typed."""
    from smassist.core.walk_draft import clear_draft, load_draft, save_draft
    from tests.incident_helpers import finished_walk, incident_catalog

    catalog = incident_catalog()
    walk = finished_walk(catalog)
    walk.back()  # on the facts form again
    text = "tekst " * 80
    saves = [timed(lambda i=i: save_draft(walk, {"details": {"date": "01-02-2026", "platform": "TikTok",
                                                          "remark": text[: 40 + i % 400]}}))
             for i in range(changes)]
    loads = [timed(lambda: load_draft(catalog)) for _ in range(50)]
    clear_draft()
    print(f"save the walk in progress (walk_draft, one fsync, every key): median {ms(statistics.median(saves))}, "
          f"p95 {ms(percentile(saves, 0.95))}, max {ms(max(saves))} over {changes} saves; "
          f"load median {ms(statistics.median(loads))}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="smassist-bench-") as home:
        os.environ["SMASSIST_HOME"] = home
        main(args.incidents, args.changes)

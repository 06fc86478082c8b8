"""Figures for loading and validating the bundled data (prints; asserts nothing).

Run: .venv/bin/python bench/load.py [--runs N]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path


def validate_command(runs: int) -> None:
    exe = shutil.which("smassist", path=str(Path(sys.executable).parent)) or "smassist"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([exe, "validate"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"smassist validate (process): median {statistics.median(times) * 1000:.0f} ms over {runs} runs, "
          f"min {min(times) * 1000:.0f} ms; peak RSS {peak_mib:.1f} MiB")


def load_in_process(runs: int, render_documents: bool) -> None:
    from smassist.core.catalog import load_catalog
    from smassist.core.paths import decision_trees_dir, templates_dir

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        catalog = load_catalog(decision_trees_dir(), templates_dir(), render_documents=render_documents)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    load_catalog(decision_trees_dir(), templates_dir(), render_documents=render_documents)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    articles = sum(len(p.articles) for p in catalog.protocols.values())
    what = "full validation (renders every offered document)" if render_documents else "load + checks as the app starts"
    print(f"{what}, in-process: median {statistics.median(times) * 1000:.1f} ms over {runs} runs "
          f"({len(catalog.trees)} trees, {len(catalog.protocols)} protocols, {articles} articles); "
          f"peak Python allocation {peak / 2**20:.1f} MiB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    load_in_process(args.runs, render_documents=False)
    load_in_process(args.runs, render_documents=True)
    validate_command(args.runs)

"""Figures for making documents: render time per format (prints; asserts nothing).

Run: .venv/bin/python bench/render.py [--runs N]

For each document (with sample data, on the protocol that has rules for it)
the time to build the context and render the template, then the time of each
output format: txt, md, html and pdf.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from smassist.core.catalog import load_catalog  # noqa: E402
from smassist.core.documents import DOCUMENTS, FORMATS, DocumentError, make, sample_data  # noqa: E402
from smassist.core.documents.checks import SAMPLE_PROFILE  # noqa: E402
from smassist.core.paths import decision_trees_dir, templates_dir  # noqa: E402


def timed(function, runs: int) -> tuple[float, object]:
    times, value = [], None
    for _ in range(runs):
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    catalog = load_catalog(decision_trees_dir(), templates_dir())
    start = time.perf_counter()
    make("disclaimer", catalog.protocol("quadraam"), SAMPLE_PROFILE, trees=catalog.trees)
    print(f"first document in this process (Jinja import + template compile): {(time.perf_counter() - start) * 1000:.0f} ms")
    print(f"median of {args.runs} runs, in ms")
    print(f"{'document':<18} {'protocol':<13} {'make':>6} " + " ".join(f"{f:>7}" for f in FORMATS) + "   pdf size")
    for spec in DOCUMENTS.values():
        for protocol_id in ("buitengewoon", "quadraam"):
            protocol = catalog.protocol(protocol_id)
            data = sample_data(spec)

            def build(spec=spec, protocol=protocol, data=data):
                return make(spec.id, protocol, SAMPLE_PROFILE, trees=catalog.trees, data=data)

            try:
                make_ms, rendered = timed(build, args.runs)
            except DocumentError:
                continue
            cells, size = [], 0
            for fmt in FORMATS:
                ms, output = timed(lambda fmt=fmt: rendered.output(fmt), args.runs if fmt != "pdf" else max(1, args.runs // 2))
                cells.append(f"{ms:7.1f}")
                if fmt == "pdf":
                    size = len(output)
            print(f"{spec.id:<18} {protocol_id:<13} {make_ms:6.1f} " + " ".join(cells) + f"   {size / 1024:.0f} KiB")
            break


if __name__ == "__main__":
    main()

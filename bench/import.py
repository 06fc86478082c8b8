"""Leave-one-out measure of `smassist import` over the five bundled protocols (see docs/protocols.md).

    python bench/import.py

For each protocol: import its own source text (tests/data/seeds/) with that protocol
left out of the catalogue, and compare the draft with the curated file. "ceiling": the
outcomes some other known protocol could carry "same" with the curated verdict and
citations at all (smassist/core/importing/measure.py says how); "same correct" can
never pass it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from smassist.core.catalog import load_catalog  # noqa: E402
from smassist.core.importing.measure import leave_one_out  # noqa: E402
from smassist.core.paths import decision_trees_dir  # noqa: E402


def main() -> int:
    catalog = load_catalog(decision_trees_dir())
    seeds = ROOT / "tests" / "data" / "seeds"
    header = (f"{'protocol':14} {'articles':>14} {'same correct':>16} {'ceiling':>15} {'same':>5} {'of same':>8} {'wrong':>5} "
              f"{'changed':>7} {'open':>5} {'time':>7}")
    print(header)
    print("-" * len(header))
    for protocol_id in sorted(catalog.protocols):
        r = leave_one_out(catalog, protocol_id, seeds)
        print(f"{r.protocol:14} {r.articles_equal:>3}/{r.articles:<3} {r.article_share:>6.0%} "
              f"{r.same_correct:>3}/{r.rulings:<3} {r.ruling_share:>7.0%} {r.ceiling:>3}/{r.rulings:<3} {r.ceiling_share:>6.0%} {r.same:>5} {r.same_precision:>8.0%} {r.same_wrong_verdict:>5} "
              f"{r.changed:>7} {r.open:>5} {r.seconds:>6.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

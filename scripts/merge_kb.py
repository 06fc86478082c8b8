"""Merge knowledge-base fragments (rulings and scenarios per tree) into the protocol files.

Several people write rulings for different trees at once; each writes
kb_fragments/<tree>/<protocol>.yaml (a mapping `<tree>: {outcome: ruling}`) and
kb_fragments/<tree>/scenarios/<protocol>.yaml (a list of scenarios). This
script appends them under `rulings:` / `scenarios:` (both are the last key of
their files).

  python scripts/merge_kb.py --check [TREE ...]   merge into a temporary copy, validate, run scenarios
  python scripts/merge_kb.py --apply TREE ...     write into decision_trees/ and remove the fragments
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from smassist.core.catalog import load_catalog  # noqa: E402
from smassist.core.scenarios import run_folder  # noqa: E402

FRAGMENTS = ROOT / "kb_fragments"


def indented(text: str) -> str:
    return "".join(("  " + line if line.strip() else line) for line in text.splitlines(keepends=True))


def merge_into(data_root: Path, trees: list[str]) -> None:
    for tree in trees:
        folder = FRAGMENTS / tree
        tree_file = folder / f"{tree}.yaml"
        if tree_file.exists():
            shutil.copy(tree_file, data_root / f"{tree}.yaml")
        for fragment in sorted(folder.glob("*.yaml")):
            if fragment.name == f"{tree}.yaml":
                continue
            target = data_root / "protocols" / fragment.name
            text = target.read_text(encoding="utf-8").rstrip("\n") + "\n"
            target.write_text(text + indented(fragment.read_text(encoding="utf-8")).rstrip("\n") + "\n", encoding="utf-8")
        for fragment in sorted((folder / "scenarios").glob("*.yaml")):
            target = data_root / "scenarios" / fragment.name
            text = target.read_text(encoding="utf-8").rstrip("\n") + "\n"
            target.write_text(text + indented(fragment.read_text(encoding="utf-8")).rstrip("\n") + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--apply", action="store_true")
    parser.add_argument("trees", nargs="*")
    args = parser.parse_args()
    trees = args.trees or sorted(p.name for p in FRAGMENTS.iterdir() if p.is_dir())
    if args.apply:
        merge_into(ROOT / "decision_trees", trees)
        for tree in trees:
            shutil.rmtree(FRAGMENTS / tree)
        print(f"merged: {', '.join(trees)}")
        return 0
    with tempfile.TemporaryDirectory() as temp:
        data_root = Path(temp) / "decision_trees"
        shutil.copytree(ROOT / "decision_trees", data_root)
        merge_into(data_root, trees)
        catalog = load_catalog(data_root, ROOT / "templates")
        own = set(trees)
        problems = [p for p in catalog.problems if p.file.stem in own or p.file.parent.name == "protocols"]
        for problem in problems:
            print(problem)
        outcomes, scenario_problems = run_folder(data_root / "scenarios", catalog)
        for problem in scenario_problems:
            print(problem)
        failed = [o for o in outcomes if o.failure and o.scenario.tree in own]
        for outcome in failed:
            print(outcome)
        mine = [o for o in outcomes if o.scenario.tree in own]
        print(f"{len(problems)} data problems; scenarios for {', '.join(trees)}: {len(mine) - len(failed)} passed, {len(failed)} failed")
        return 1 if problems or failed or scenario_problems else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How many questions the walk leaves out per protocol because the answer cannot change the advice.

For every path through every tree (every role, every combination of answers),
counts the questions a user is asked under each protocol against the questions
on that path. Prints figures; asserts nothing.

Run: .venv/bin/python bench/questions_saved.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from smassist.core.catalog import load_catalog  # noqa: E402
from smassist.core.paths import decision_trees_dir  # noqa: E402
from smassist.core.walk import Walk  # noqa: E402


def paths(tree, role):
    def extend(node_id, answers, depth):
        node = tree.nodes[node_id]
        if node.kind == "input":
            filled = {**answers, node_id: {f.id: "x" for f in node.fields}}
            yield from ([(filled, depth + 1)] if node.outcome else extend(node.next, filled, depth + 1))
            return
        for option in node.options_for(role):
            chosen = {**answers, node_id: option.id}
            yield from ([(chosen, depth + 1)] if option.outcome else extend(option.next, chosen, depth + 1))
    yield from extend(tree.start[role], {}, 0)


def main() -> None:
    catalog = load_catalog(decision_trees_dir())
    print(f"{'protocol':<14}{'paths':>7}{'questions on paths':>20}{'asked':>8}{'saved':>8}{'saved %':>9}")
    for protocol in catalog.protocols.values():
        total = asked = count = 0
        for tree in catalog.trees.values():
            for role in tree.roles:
                for answers, depth in paths(tree, role):
                    walk = Walk(tree, protocol, role)
                    walk.answers.update({k: v for k, v in answers.items() if isinstance(v, str)})
                    walk.inputs.update({k: v for k, v in answers.items() if isinstance(v, dict)})
                    walk.fast_forward()
                    count += 1
                    total += depth
                    asked += sum(1 for step in walk.path if not step.skipped)
        print(f"{protocol.id:<14}{count:>7}{total:>20}{asked:>8}{total - asked:>8}{100 * (total - asked) / total:>8.1f}%")


if __name__ == "__main__":
    main()

"""Small helpers that turn core objects into what a screen shows (no Textual widgets here).

Nothing here decides an answer: that is the walk's job.
"""

from __future__ import annotations

from pathlib import Path

from smassist.core.models import Tree
from smassist.core.problems import Problem

TYPE_CHECKING = False  # the start screen uses problem_line; the walk's code is loaded when a topic opens
if TYPE_CHECKING:
    from smassist.core.walk import PathStep


def problem_line(problem: Problem, root: Path) -> str:
    """file:line: message, with the file relative to the data folder so it fits a screen."""
    file = problem.file
    for base in (root, root.parent):
        try:
            file = problem.file.relative_to(base)
            break
        except ValueError:
            continue
    where = f"{file}:{problem.line}" if problem.line else f"{file}"
    return f"{where}: {problem.message}"


def questions_at_most(tree: Tree, node_id: str, role: str) -> int:
    """The most questions still to come from this node on (for "vraag 2 van hoogstens 4")."""
    memo: dict[str, int] = {}

    def most(current: str) -> int:
        if current not in memo:
            node = tree.nodes.get(current)
            if node is None:
                memo[current] = 0
            elif node.kind == "input":
                memo[current] = 1 + (most(node.next) if node.next else 0)
            else:
                memo[current] = 1 + max((most(o.next) if o.next else 0 for o in node.options_for(role)), default=0)
        return memo[current]

    return most(node_id)


def step_answer(step: PathStep) -> str:
    """An answer as the user gave it: details from a form with their labels, else the walk's own text."""
    if step.values is not None and not step.skipped:
        labels = {f.id: f.label for f in step.node.fields}
        # a value's own full stop would print ".;" before the next one
        return "; ".join(f"{labels.get(k, k)}: {v.rstrip(' .;')}" for k, v in step.values.items() if v.rstrip(' .;'))
    return step.answer_text()


def latest_answers(answers: list[str], room: int) -> str:
    """The answers so far in `room` characters: the latest whole answers, "…" for those left out.

    Cut between answers, never inside a word ("…oep 7" is no answer anyone gave).
    """
    kept = list(answers)
    while len(kept) > 1 and len(" › ".join(kept)) > room:
        kept.pop(0)
    trail = " › ".join(kept)
    prefix = "… › " if len(kept) < len(answers) else ""
    if len(trail) > room:  # one answer longer than the room: its end, from a word on
        tail = trail[-room:]
        trail = tail.split(" ", 1)[1] if " " in tail else tail
        prefix = "…"
    return prefix + trail

"""Structural checks of one tree: links resolve, nothing unreachable, no cycles, every path ends."""

from __future__ import annotations

from smassist.core.models import Tree
from smassist.core.problems import Problem


def check_tree(tree: Tree) -> list[Problem]:
    problems: list[Problem] = []

    def report(line: int, message: str) -> None:
        problems.append(Problem(tree.path, line, message))

    for role, start in tree.start.items():
        if start not in tree.nodes:
            report(tree.line, f"de beginvraag '{start}' voor rol '{role}' bestaat niet; kies een van: {', '.join(tree.nodes)}")
    for node in tree.nodes.values():
        for option in node.options:
            if option.next and option.next not in tree.nodes:
                report(option.line, f"antwoord '{option.id}' van vraag '{node.id}' verwijst naar '{option.next}', maar die vraag bestaat niet")
            for role in option.roles:
                if role not in tree.roles:
                    report(option.line, f"antwoord '{option.id}' noemt rol '{role}', die niet in 'roles' van de boom staat")
        if node.next and node.next not in tree.nodes:
            report(node.line, f"vraag '{node.id}' verwijst met 'next' naar '{node.next}', maar die vraag bestaat niet")
    if problems:
        return problems

    for role in tree.roles:
        start = tree.start.get(role)
        if start:
            _walk_role(tree, role, start, report)
    reachable = {node_id for role in tree.roles for node_id in _reachable(tree, role)}
    for node in tree.nodes.values():
        if node.id not in reachable:
            report(node.line, f"vraag '{node.id}' is vanaf het begin niet te bereiken; verwijs ernaar of verwijder haar")
    return problems


def _successors(tree: Tree, node_id: str, role: str) -> list[str]:
    node = tree.nodes[node_id]
    if node.kind == "input":
        return [node.next] if node.next else []
    return [o.next for o in node.options_for(role) if o.next]


def _reachable(tree: Tree, role: str) -> set[str]:
    start = tree.start.get(role)
    seen: set[str] = set()
    stack = [start] if start in tree.nodes else []
    while stack:
        node_id = stack.pop()
        if node_id in seen:
            continue
        seen.add(node_id)
        stack.extend(_successors(tree, node_id, role))
    return seen


def _walk_role(tree: Tree, role: str, start: str, report) -> None:
    """Depth-first over one role's paths: find cycles and questions without answers."""
    state: dict[str, str] = {}  # node id -> "open" while on the stack, "done" after

    def visit(node_id: str, trail: list[str]) -> None:
        state[node_id] = "open"
        node = tree.nodes[node_id]
        if node.kind == "question" and not node.options_for(role):
            report(node.line, f"vraag '{node_id}' heeft geen antwoorden voor de rol '{role}'; geef een antwoord zonder 'roles' of met '{role}'")
        for successor in _successors(tree, node_id, role):
            if state.get(successor) == "open":
                path = trail + [node_id]
                loop = " → ".join(path[path.index(successor):] + [successor])
                report(node.line, f"kringloop: {loop}; een pad moet altijd bij een uitkomst eindigen")
            elif successor not in state:
                visit(successor, trail + [node_id])
        state[node_id] = "done"

    visit(start, [])

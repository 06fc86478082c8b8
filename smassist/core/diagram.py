"""A tree as a diagram (Mermaid or Graphviz dot) for slides and handouts.

Questions become boxes, answers become arrows, outcomes become leaves that
show the verdict of the chosen protocol when one is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from smassist.core.models import Protocol, Ruling, Tree


def _nodes(tree: Tree, role: str | None):
    """The questions a role can reach (all of them without a role), in file order."""
    if role is None:
        return list(tree.nodes.values())
    seen: set[str] = set()
    stack = [tree.start[role]]
    while stack:
        node_id = stack.pop()
        if node_id in seen:
            continue
        seen.add(node_id)
        node = tree.nodes[node_id]
        stack.extend([node.next] if node.kind == "input" and node.next else [o.next for o in node.options_for(role) if o.next])
    return [n for n in tree.nodes.values() if n.id in seen]


def _edges(tree: Tree, role: str | None):
    """(from node, label, to node or None, outcome or None) for every answer a role can give."""
    for node in _nodes(tree, role):
        if node.kind == "input":
            yield node.id, "gegevens invullen", node.next, node.outcome
            continue
        for option in node.options:
            if role and not option.serves(role):
                continue
            yield node.id, option.text, option.next, option.outcome


def _leaf_label(outcome: str, protocol: Protocol | None, tree: Tree) -> str:
    if protocol is None:
        return outcome
    ruling = protocol.ruling(tree.id, outcome)
    if ruling is None:
        return f"{outcome}: geen uitspraak"
    return f"{ruling.verdict.display} ({', '.join(ruling.cites)})"


def _clean(text: str) -> str:
    return text.replace('"', "'").replace("\n", " ")


def _graph(tree: Tree, protocol: Protocol | None, role: str | None):
    """The diagram as items: ("node", id, text), ("leaf", id, text), ("edge", from, text, to)."""
    for node in _nodes(tree, role):
        yield "node", node.id, _clean(node.text_for_role(role) if role else node.text)
    outcomes: set[str] = set()
    for source, label, target, outcome in _edges(tree, role):
        if outcome:
            target = f"out_{outcome}"
            if outcome not in outcomes:
                outcomes.add(outcome)
                yield "leaf", target, _clean(_leaf_label(outcome, protocol, tree))
        yield "edge", source, _clean(label), target


def mermaid(tree: Tree, protocol: Protocol | None = None, role: str | None = None) -> str:
    shapes = {"node": '  {0}["{1}"]', "leaf": '  {0}(["{1}"])', "edge": '  {0} -->|"{1}"| {2}'}
    lines = ["flowchart TD", f"  %% {_clean(tree.title)}"]
    lines += [shapes[kind].format(*rest) for kind, *rest in _graph(tree, protocol, role)]
    return "\n".join(lines) + "\n"


def dot(tree: Tree, protocol: Protocol | None = None, role: str | None = None) -> str:
    shapes = {"node": '  "{0}" [label="{1}"];', "leaf": '  "{0}" [shape=ellipse, label="{1}"];',
              "edge": '  "{0}" -> "{2}" [label="{1}"];'}
    lines = [f'digraph "{tree.id}" {{', f'  label="{_clean(tree.title)}";', '  node [shape=box, fontname="Helvetica"];']
    lines += [shapes[kind].format(*rest) for kind, *rest in _graph(tree, protocol, role)]
    lines.append("}")
    return "\n".join(lines) + "\n"


# -- an outline for a collapsible tree on screen --------------------------------------


@dataclass(frozen=True)
class OutlineItem:
    """One line of the tree map: a question, an answer to it, or where that answer ends.

    kind is "question", "input" (details collected for a document), "option" or
    "outcome"; an outcome carries the chosen protocol's ruling (None without a
    protocol, or when the protocol has none).
    """

    kind: str
    text: str
    id: str
    children: tuple[OutlineItem, ...] = ()
    ruling: Ruling | None = None

    def count(self) -> int:
        return 1 + sum(child.count() for child in self.children)


def outline(tree: Tree, role: str, protocol: Protocol | None = None) -> OutlineItem:
    """The tree as one role meets it: questions → answers → next question or outcome."""

    def outcome(key: str) -> OutlineItem:
        ruling = protocol.ruling(tree.id, key) if protocol else None
        return OutlineItem("outcome", key, key, ruling=ruling)

    def question(node_id: str, above: frozenset[str]) -> OutlineItem:
        node = tree.nodes[node_id]
        if node_id in above:  # validation rejects cycles; never loop on broken data
            return OutlineItem(node.kind, node.text_for_role(role), node.id)
        above = above | {node_id}
        if node.kind == "input":
            children = [question(node.next, above)] if node.next else [outcome(node.outcome)] if node.outcome else []
            return OutlineItem("input", node.text_for_role(role), node.id, tuple(children))
        answers = []
        for option in node.options_for(role):
            below = outcome(option.outcome) if option.outcome else question(option.next, above)
            answers.append(OutlineItem("option", option.text, f"{node.id}={option.id}", (below,)))
        return OutlineItem("question", node.text_for_role(role), node.id, tuple(answers))

    return question(tree.start[role], frozenset())

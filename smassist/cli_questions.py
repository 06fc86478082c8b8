"""`smassist ask TREE --protocol P` with no answers: the questions, in Dutch, ids beside them."""

from __future__ import annotations

from smassist.core.models import Tree
from smassist.core.roles import ROLES


def _reachable(tree: Tree, role: str) -> list[str]:
    """Question ids in the order a walk meets them for this role (breadth first)."""
    order: list[str] = []
    queue = [tree.start[role]] if role in tree.start else []
    while queue:
        node_id = queue.pop(0)
        if node_id in order or node_id not in tree.nodes:
            continue
        order.append(node_id)
        node = tree.nodes[node_id]
        queue.extend(o.next for o in node.options_for(role) if o.next)
        if node.next:
            queue.append(node.next)
    return order


def print_questions(tree: Tree, role: str | None) -> int:
    roles = [role] if role else list(tree.roles)
    print(f"{tree.title} ({tree.id})")
    first = None
    for each in roles:
        print()
        print(f"Vragen voor {ROLES.get(each, each)} (--role {each}):")
        for node_id in _reachable(tree, each):
            node = tree.nodes[node_id]
            print(f"  {node_id}: {node.text_for_role(each)}")
            if node.kind == "input":
                for f in node.fields:
                    print(f"      {node_id}.{f.id}=…  {f.label}")
                continue
            options = node.options_for(each)
            width = max((len(o.id) for o in options), default=0) + len(node_id) + 1
            for option in options:
                print(f"      {f'{node_id}={option.id}'.ljust(width)}  {option.text}")
                first = first or f"{node_id}={option.id}"
    print()
    print("Geef je antwoorden met --answer VRAAG=ANTWOORD (het id of de tekst van het antwoord),"
          f" bijvoorbeeld --answer {first or 'VRAAG=ANTWOORD'}.")
    return 0

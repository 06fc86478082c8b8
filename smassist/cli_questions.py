"""`smassist ask TREE --protocol P` with no answers: the questions, in Dutch, ids beside them."""

from __future__ import annotations

from smassist.core.models import Tree
from smassist.core.roles import ROLES


def print_questions(tree: Tree, role: str | None) -> int:
    roles = [role] if role else list(tree.roles)
    print(f"{tree.title} ({tree.id})")
    first = None
    for each in roles:
        print()
        print(f"Vragen voor {ROLES.get(each, each)} (--role {each}):")
        for node_id in tree.reachable(each):
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

"""Questions a protocol leaves out, and ruling texts that speak of another branch's situation.

A question is left out under a protocol when every answer to it leads to rulings
that read the same (see `Walk._settled`). That is only right when the shared
text fits every answer. The check here is deliberately narrow so it does not
drown a reader in noise: a tree names, per answer, the words that describe that
answer's circumstance (`keywords:` on an option, e.g. "vrije tijd" for "Buiten
mijn werk"). A ruling reached through one answer whose text uses a keyword of a
sibling answer, while a ruling under that sibling has the same verdict, is
flagged: the text speaks of a situation the user's own answer excludes. Not
flagged: a ruling reached through both answers (a shared outcome key), and a text
that also names its own answer's circumstance (it sets the two side by side,
"not during lessons, nor in the break"). Only what the ruling asks the user to
meet or do is read (conditions, steps); answer and explanation may contrast.
"""

from __future__ import annotations

from dataclasses import dataclass

from smassist.core.models import Node, Protocol, Ruling, Tree
from smassist.core.problems import Problem
from smassist.core.roles import ROLES
from smassist.core.walk import Walk

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing on every command
if TYPE_CHECKING:
    from smassist.core.catalog import Catalog


@dataclass(frozen=True)
class SkippedQuestion:
    """A question a protocol leaves out: every answer to it leads to the same advice."""

    protocol: Protocol
    tree: Tree
    node: Node
    roles: tuple[str, ...]
    outcomes: tuple[str, ...]

    def __str__(self) -> str:
        who = ", ".join(ROLES[r] for r in self.roles)
        # In the words the app shows (topic title), never tree or outcome ids: coordinators read validate too.
        return (f"informatie: {self.protocol.path.name}: de vraag '{self.node.text}' (onderwerp '{self.tree.title}', "
                f"voor {who}) wordt niet gesteld: elk antwoord geeft hetzelfde advies")


def directive_text(ruling: Ruling) -> str:
    """What a ruling asks the user to meet or do (conditions, steps), lower case.

    The answer and the explanation are left out: they quote the articles and may
    rightly set situations side by side ("this protocol only rules on lessons, not
    on the break"); a condition or a step is always about the user's own situation.
    """
    parts = [*ruling.conditions, *(s.text for s in ruling.steps)]
    return "\n".join(parts).lower()


def mentions(text: str, keyword: str) -> bool:
    """keyword in text as a whole word: what re's (?<!\\w)keyword(?!\\w) finds, without compiling a
    pattern per keyword (validate asks ~2,300 times; compiling was most of branch_mentions)."""
    word = keyword.lower()
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if (start == 0 or not _word_char(text[start - 1])) and (end == len(text) or not _word_char(text[end])):
            return True
        start = text.find(word, start + 1)
    return False


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # re's \w for str patterns


def skipped_questions(catalog: Catalog) -> list[SkippedQuestion]:
    """Each question that a protocol leaves out, where a user would otherwise meet it."""
    found: dict[tuple[str, str, str], SkippedQuestion] = {}
    for protocol in catalog.protocols.values():
        for tree in catalog.trees.values():
            if set(tree.outcomes()) - set(protocol.rulings.get(tree.id, {})):
                continue  # a missing ruling is reported elsewhere
            for role in tree.roles:
                walk = Walk(tree, protocol, role)
                for node in _asked_or_skipped(walk):
                    key = (protocol.id, tree.id, node.id)
                    previous = found.get(key)
                    roles = (previous.roles if previous else ()) + (role,)
                    found[key] = SkippedQuestion(protocol, tree, node, roles, walk.outcomes_below(node.id))
    return list(found.values())


def _asked_or_skipped(walk: Walk) -> list[Node]:
    """The outermost left-out questions a role can meet (questions below them are never reached)."""
    skipped: list[Node] = []
    seen: set[str] = set()
    stack = [walk.tree.start[walk.role]]
    while stack:
        node_id = stack.pop()
        if node_id in seen:
            continue
        seen.add(node_id)
        node = walk.tree.nodes[node_id]
        if node.kind == "question" and walk._settled(node_id) is not None:
            skipped.append(node)
            continue
        if node.kind == "input":
            stack.extend([node.next] if node.next else [])
        else:
            stack.extend(o.next for o in node.options_for(walk.role) if o.next)
    return sorted(skipped, key=lambda n: n.line)


def branch_mentions(catalog: Catalog) -> list[Problem]:
    """Rulings whose text names the circumstance of a sibling answer with the same verdict."""
    problems: dict[tuple, Problem] = {}
    for protocol in catalog.protocols.values():
        for tree in catalog.trees.values():
            ruled = protocol.rulings.get(tree.id, {})
            for role in tree.roles:
                walk = Walk(tree, protocol, role)
                for node in tree.nodes.values():
                    options = node.options_for(role)
                    if not any(o.keywords for o in options):
                        continue
                    below = {o.id: _outcomes_through(walk, o) for o in options}
                    for option in options:
                        for other in options:
                            if other is option or not other.keywords:
                                continue
                            verdicts = {ruled[o].verdict for o in below[other.id] if o in ruled}
                            for outcome in below[option.id] - below[other.id]:
                                ruling = ruled.get(outcome)
                                if ruling is None or ruling.verdict not in verdicts:
                                    continue
                                text = directive_text(ruling)
                                words = [k for k in other.keywords if mentions(text, k)]
                                if words and not any(mentions(text, k) for k in option.keywords):
                                    problems.setdefault((protocol.id, tree.id, outcome, node.id), Problem(
                                        protocol.path, ruling.line,
                                        f"uitspraak {tree.id}/{outcome} geldt bij het antwoord '{option.text}' op de vraag "
                                        f"'{node.text}', maar de tekst noemt '{words[0]}' (de situatie van het andere antwoord "
                                        f"'{other.text}'); schrijf een tekst die bij '{option.text}' past"))
    return list(problems.values())


def _outcomes_through(walk: Walk, option) -> set[str]:
    if option.outcome:
        return {option.outcome}
    return set(walk.outcomes_below(option.next))

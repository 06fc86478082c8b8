"""The walk: one person's way through one tree under one protocol.

A plain state machine the TUI, the CLI and the tests all drive. Answers are
remembered per question; the cursor says how many of them are accepted, so
going back keeps later answers and offers them again where they still apply.
"""

from __future__ import annotations

from smassist.core.record import FrozenRecord

from smassist.core.models import Article, Node, Option, Protocol, Ruling, Tree

SCHEMA_VERSION = 1


def _advice(ruling: Ruling) -> tuple:
    """What a reader is told: two rulings with the same advice are interchangeable."""
    return (ruling.verdict, ruling.answer, ruling.explanation, ruling.conditions, ruling.steps,
            tuple(ruling.cites), ruling.documents, tuple(sorted(ruling.passages.items())), ruling.note)


class WalkError(ValueError):
    """An answer that does not fit the question (the message is for the user)."""


SKIPPED_TEXT = "niet gevraagd: in dit protocol geeft elk antwoord hetzelfde advies"


class PathStep(FrozenRecord):
    """A question on the walked path and the answer given (or the values typed)."""

    node: Node
    option: Option | None  # None for an input node or a question not asked
    values: dict[str, str] | None = None
    skipped: bool = False

    def answer_text(self) -> str:
        if self.skipped:
            return SKIPPED_TEXT
        if self.option is not None:
            return self.option.text
        return "; ".join(f"{k}: {v}" for k, v in (self.values or {}).items() if v)


class Citation(FrozenRecord):
    """An article an answer rests on, with the passage that carries the rule."""

    protocol: Protocol
    article: Article
    passage: str | None = None  # the part of the article the answer rests on, if it bundles rules

    def text(self, profile: dict[str, str] | None = None) -> str:
        return self.protocol.fill(self.article.text, profile)

    def highlighted(self, profile: dict[str, str] | None = None) -> str | None:
        return self.protocol.fill(self.passage, profile) if self.passage else None


class Result(FrozenRecord):
    """Where a walk ended: the ruling for the outcome, the path taken, the citations."""

    tree: Tree
    protocol: Protocol
    role: str
    ruling: Ruling
    citations: tuple[Citation, ...]
    path: tuple[PathStep, ...]
    # Every outcome the answers lead to: one, unless a question was left out because
    # all its answers get the same advice; then each outcome below it.
    outcomes: tuple[str, ...] = ()

    @property
    def outcome(self) -> str | None:
        """The one outcome the user's answers lead to; None when a question was left out."""
        return self.outcomes[0] if len(self.outcomes) == 1 else None

    @property
    def inputs(self) -> dict[str, dict[str, str]]:
        return {step.node.id: dict(step.values) for step in self.path if step.values is not None}


class Walk:
    def __init__(self, tree: Tree, protocol: Protocol, role: str):
        if role not in tree.roles:
            raise WalkError(f"de beslisboom '{tree.id}' is niet voor de rol '{role}'; wel voor: {', '.join(tree.roles)}")
        self.tree = tree
        self.protocol = protocol
        self.role = role
        self.answers: dict[str, str] = {}
        self.inputs: dict[str, dict[str, str]] = {}
        self.cursor = 0
        self._settled_cache: dict[str, str | None] = {}

    # -- reading the state -------------------------------------------------

    def _trail(self) -> tuple[list[PathStep], Node | None, str | None, Node | None]:
        """Follow remembered answers from the start.

        Returns the answered steps, the first open node, the outcome reached, and
        the question left out because every answer to it leads to the same ruling.
        """
        steps: list[PathStep] = []
        node = self.tree.nodes[self.tree.start[self.role]]
        while True:
            settled = self._settled(node.id)
            if settled is not None and not self._answered(node):
                return steps, None, settled, node
            if node.kind == "input":
                if node.id not in self.inputs:
                    return steps, node, None, None
                steps.append(PathStep(node, None, self.inputs[node.id]))
                target_next, target_outcome = node.next, node.outcome
            else:
                option = node.option(self.answers.get(node.id, ""))
                if option is None or not option.serves(self.role):
                    return steps, node, None, None
                steps.append(PathStep(node, option))
                target_next, target_outcome = option.next, option.outcome
            if target_outcome:
                return steps, None, target_outcome, None
            node = self.tree.nodes[target_next]

    def _answered(self, node: Node) -> bool:
        """The user gave an answer to this question (on the command line, in a saved walk or
        under another protocol): it is then kept and followed, even where it cannot change the
        advice, so the path and the outcome are the ones the user's answers lead to."""
        option = node.option(self.answers.get(node.id, ""))
        return option is not None and option.serves(self.role)

    def outcomes_below(self, node_id: str) -> tuple[str, ...]:
        """Every outcome key a role can reach from this question, in tree order."""
        found: list[str] = []

        def visit(node: Node) -> None:
            for option in node.options_for(self.role):
                if option.outcome:
                    found.append(option.outcome)
                else:
                    visit(self.tree.nodes[option.next])
            if node.outcome:
                found.append(node.outcome)
            elif node.kind == "input" and node.next:
                visit(self.tree.nodes[node.next])

        visit(self.tree.nodes[node_id])
        return tuple(dict.fromkeys(found))

    def _settled(self, node_id: str) -> str | None:
        """An outcome key when every path below this question gets the same ruling.

        Such a question is not asked: its answer cannot change the advice under
        this protocol. Parts of a tree that collect details are always asked.
        """
        if node_id not in self._settled_cache:
            self._settled_cache[node_id] = None
            rulings: dict[tuple, str] = {}
            if self._collect_rulings(node_id, rulings) and len(rulings) == 1:
                self._settled_cache[node_id] = next(iter(rulings.values()))
        return self._settled_cache[node_id]

    def _collect_rulings(self, node_id: str, found: dict[tuple, str], above: frozenset = frozenset()) -> bool:
        node = self.tree.nodes.get(node_id)
        if node is None or node_id in above:
            return False  # a broken tree (validate reports the missing node or the cycle): nothing is settled
        if node.kind == "input":
            return False
        for option in node.options_for(self.role):
            if option.outcome:
                ruling = self.protocol.ruling(self.tree.id, option.outcome)
                if ruling is None:
                    return False
                found.setdefault(_advice(ruling), option.outcome)
            elif not self._collect_rulings(option.next, found, above | {node_id}):
                return False
            if len(found) > 1:
                return False
        return True

    @property
    def path(self) -> tuple[PathStep, ...]:
        steps, _, _, skipped = self._trail()
        accepted = steps[: self.cursor]
        if skipped is not None and self.cursor >= len(steps):
            accepted.append(PathStep(skipped, None, skipped=True))
        return tuple(accepted)

    @property
    def current(self) -> Node | None:
        """The question to answer now, or None when the walk has reached an outcome."""
        steps, open_node, _, _ = self._trail()
        if self.cursor < len(steps):
            return steps[self.cursor].node
        return open_node

    @property
    def finished(self) -> bool:
        return self.current is None

    @property
    def outcome(self) -> str | None:
        steps, _, outcome, _ = self._trail()
        return outcome if self.cursor >= len(steps) else None

    def options(self) -> tuple[Option, ...]:
        node = self.current
        return node.options_for(self.role) if node else ()

    def remembered(self) -> str | None:
        """The earlier answer to the current question, if the user gave one before going back."""
        node = self.current
        return self.answers.get(node.id) if node else None

    def question_text(self) -> str:
        node = self.current
        return node.text_for_role(self.role) if node else ""

    # -- changing the state --------------------------------------------------

    def answer(self, option_id: str) -> None:
        node = self._require_open("question")
        choices = node.options_for(self.role)
        if not any(o.id == option_id for o in choices):
            raise WalkError(f"'{option_id}' is geen antwoord op '{node.id}'; kies uit: {', '.join(o.id for o in choices)}")
        self.answers[node.id] = option_id
        self.cursor += 1

    def fill(self, values: dict[str, str]) -> None:
        node = self._require_open("input")
        known = {f.id for f in node.fields}
        unknown = sorted(set(values) - known)
        if unknown:
            raise WalkError(f"onbekend veld {', '.join(unknown)} bij '{node.id}'; velden: {', '.join(sorted(known))}")
        missing = [f.label for f in node.fields if f.required and not str(values.get(f.id, "")).strip()]
        if missing:
            raise WalkError(f"vul nog in: {', '.join(missing)}")
        for f in node.fields:
            if f.kind == "choice" and values.get(f.id) and values[f.id] not in f.choices:
                raise WalkError(f"'{values[f.id]}' past niet bij {f.label}; kies uit: {', '.join(f.choices)}")
        self.inputs[node.id] = {f.id: str(values.get(f.id, "")).strip() for f in node.fields}
        self.cursor += 1

    def back(self) -> bool:
        """Go back one question; False when already at the first."""
        if self.cursor == 0:
            return False
        self.cursor -= 1
        return True

    def restart(self) -> None:
        self.answers.clear()
        self.inputs.clear()
        self.cursor = 0

    def fast_forward(self) -> None:
        """Accept every remembered answer that lies on the path (used to replay a walk)."""
        steps, _, _, _ = self._trail()
        self.cursor = len(steps)

    def _require_open(self, kind: str) -> Node:
        node = self.current
        if node is None:
            raise WalkError("deze beslisboom is al afgerond; ga terug of begin opnieuw")
        if node.kind != kind:
            raise WalkError(f"'{node.id}' vraagt om {'een keuze' if node.kind == 'question' else 'gegevens'}")
        return node

    # -- the answer ----------------------------------------------------------

    def result(self) -> Result:
        outcome = self.outcome
        if outcome is None:
            raise WalkError("er is nog geen antwoord: beantwoord eerst alle vragen")
        ruling = self.protocol.ruling(self.tree.id, outcome)
        if ruling is None:
            raise WalkError(f"het protocol '{self.protocol.id}' heeft geen uitspraak voor '{self.tree.id}/{outcome}'; voer 'smassist validate' uit")
        citations = tuple(
            Citation(self.protocol, self.protocol.articles[a], ruling.passages.get(a))
            for a in ruling.cites if a in self.protocol.articles
        )
        path = self.path
        skipped = [step.node.id for step in path if step.skipped]
        outcomes = self.outcomes_below(skipped[-1]) if skipped else (outcome,)
        return Result(self.tree, self.protocol, self.role, ruling, citations, path, outcomes)

    # -- saving and resuming ---------------------------------------------------

    def to_dict(self) -> dict:
        return {
            "version": SCHEMA_VERSION,
            "tree": self.tree.id,
            "protocol": self.protocol.id,
            "role": self.role,
            "answers": dict(self.answers),
            "inputs": {k: dict(v) for k, v in self.inputs.items()},
            "cursor": self.cursor,
        }

    @classmethod
    def from_dict(cls, data: dict, trees: dict[str, Tree], protocols: dict[str, Protocol]) -> Walk:
        try:
            if data.get("version") != SCHEMA_VERSION:
                raise WalkError(f"onbekende versie {data.get('version')!r} van een opgeslagen beslisroute")
            tree = trees[data["tree"]]
            protocol = protocols[data["protocol"]]
            walk = cls(tree, protocol, data["role"])
            walk.answers = {str(k): str(v) for k, v in data.get("answers", {}).items()}
            walk.inputs = {str(k): {str(f): str(v) for f, v in vals.items()} for k, vals in data.get("inputs", {}).items()}
            steps, _, _, _ = walk._trail()
            walk.cursor = max(0, min(int(data.get("cursor", 0)), len(steps)))
        except KeyError as exc:
            raise WalkError(f"opgeslagen beslisroute verwijst naar iets onbekends: {exc.args[0]}") from None
        except (TypeError, ValueError, AttributeError, OverflowError) as exc:
            if isinstance(exc, WalkError):
                raise
            raise WalkError("opgeslagen beslisroute is beschadigd") from None
        return walk

"""Training: cases from the scenario files told as short stories, a quiz with a score.

ICT coordinators teach colleagues the protocol in a room. The cases come from
the scenario files (`decision_trees/scenarios/<protocol>.yaml`), so every quiz
answer is one the protocol really gives: each case is replayed through the
walk, and a scenario the protocol no longer answers as written is left out and
reported. The story is made from the scenario's name, role and the questions
and answers on its path; the choices are verdicts from the closed vocabulary.

Pure Python: the Textual screens only show what this module decides.
"""

from __future__ import annotations

import difflib
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from smassist.core.catalog import Catalog
from smassist.core.models import Node, Protocol, Tree
from smassist.core.problems import DataError, Problem
from smassist.core.roles import ROLES
from smassist.core.scenarios import Scenario, read_scenarios, run_scenario, scenario_files
from smassist.core.schema import Reader
from smassist.core.verdicts import Verdict
from smassist.core.walk import Result, Walk, WalkError
from smassist.core.yaml_source import LocatedList, load_yaml

# Who comes to you with the case, per role.
ASKER = {
    "staff": "Een collega",
    "pupil": "Een leerling",
    "parent": "Een ouder of verzorger",
}

# Offered besides the verdicts a tree can give, so there is always a real choice.
PADDING = (Verdict.ALLOWED, Verdict.NOT_ALLOWED, Verdict.NOT_REGULATED)
MIN_CHOICES = 3


# -- the situation a scenario describes ------------------------------------------------


@dataclass(frozen=True)
class StoryLine:
    question: str
    answer: str


def situation_lines(tree: Tree, role: str, answers: dict[str, object]) -> tuple[StoryLine, ...]:
    """The questions a scenario answers, in tree order, independent of any protocol.

    Parts that collect details for a document (input nodes) are passed over: they
    never decide a verdict. A question the scenario leaves open ends the story there.
    """
    lines: list[StoryLine] = []
    node: Node | None = tree.nodes.get(tree.start.get(role, ""))
    seen: set[str] = set()
    while node is not None and node.id not in seen:
        seen.add(node.id)
        if node.kind == "input":
            if node.id not in answers or node.outcome:
                break
            node = tree.nodes.get(node.next or "")
            continue
        option = node.option(str(answers.get(node.id, "")))
        if option is None or not option.serves(role):
            break
        lines.append(StoryLine(node.text_for_role(role), option.text))
        if option.outcome:
            break
        node = tree.nodes.get(option.next or "")
    return tuple(lines)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text[-1:] in ".?!…»\"'" else text + "."


def story(name: str, tree: Tree, role: str, answers: dict[str, object]) -> str:
    """The case as a short story in plain Dutch, for reading out in a room."""
    parts = [f"{ASKER.get(role, 'Iemand')} komt bij je met een vraag over "
             f"‘{tree.title.rstrip('.?!').lower()}’.", _sentence(name)]
    lines = situation_lines(tree, role, answers)
    if lines:
        parts.append("")
        parts.append("Wat je te horen krijgt:")
        parts.extend(f"• {line.question} — {_sentence(line.answer)}" for line in lines)
    return "\n".join(parts)


# -- the choices offered ------------------------------------------------------------------


def reachable_outcomes(tree: Tree, role: str) -> set[str]:
    """Every outcome a person in this role can reach in this tree."""
    found: set[str] = set()
    stack = [tree.start[role]] if role in tree.start else []
    seen: set[str] = set()
    while stack:
        node = tree.nodes.get(stack.pop())
        if node is None or node.id in seen:
            continue
        seen.add(node.id)
        if node.kind == "input":
            if node.outcome:
                found.add(node.outcome)
            if node.next:
                stack.append(node.next)
            continue
        for option in node.options_for(role):
            if option.outcome:
                found.add(option.outcome)
            elif option.next:
                stack.append(option.next)
    return found


def verdict_choices(tree: Tree, role: str, protocols: Iterable[Protocol], right: Verdict | None = None) -> tuple[Verdict, ...]:
    """The verdicts the room chooses from: those any protocol gives in this tree for this role.

    At least three, padded from the common ones; always in the vocabulary's order,
    so the same letter means the same verdict throughout a quiz on one tree.
    """
    found: set[Verdict] = set() if right is None else {right}
    outcomes = reachable_outcomes(tree, role)
    for protocol in protocols:
        for outcome in outcomes:
            ruling = protocol.ruling(tree.id, outcome)
            if ruling is not None:
                found.add(ruling.verdict)
    for verdict in PADDING:
        if len(found) >= MIN_CHOICES:
            break
        found.add(verdict)
    return tuple(v for v in Verdict if v in found)


# -- cases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    scenario: Scenario
    story: str
    choices: tuple[Verdict, ...]
    result: Result  # what the protocol says: verdict, short answer, cited articles

    @property
    def answer(self) -> Verdict:
        return self.result.ruling.verdict

    @property
    def name(self) -> str:
        return self.scenario.name


def load_scenarios(folder: Path) -> tuple[list[Scenario], list[Problem]]:
    """Every scenario in a folder; a broken file is reported and left out."""
    scenarios: list[Scenario] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return scenarios, [Problem(folder, None, "map met scenario's niet gevonden; de quiz haalt zijn gevallen daaruit")]
    for path in scenario_files(folder):
        try:
            scenarios.extend(read_scenarios(path))
        except DataError as exc:
            problems.extend(exc.problems)
    return scenarios, problems


def scenario_walk(scenario: Scenario, catalog: Catalog, protocol: Protocol | None = None) -> Walk:
    """The scenario's answers as a walk (under its own protocol, or another), fast-forwarded."""
    walk = Walk(catalog.tree(scenario.tree), protocol or catalog.protocol(scenario.protocol), scenario.role)
    for node_id, given in scenario.answers.items():
        if isinstance(given, dict):
            walk.inputs[node_id] = dict(given)
        else:
            walk.answers[node_id] = given
    walk.fast_forward()
    return walk


def make_case(scenario: Scenario, catalog: Catalog) -> Case:
    """One quiz case; raises WalkError (or LookupError) when the protocol does not answer the scenario as written."""
    outcome = run_scenario(scenario, catalog)
    if outcome.failure:
        raise WalkError(outcome.failure)
    walk = scenario_walk(scenario, catalog)
    result = walk.result()
    tree = result.tree
    return Case(
        scenario=scenario,
        story=story(scenario.name, tree, scenario.role, scenario.answers),
        choices=verdict_choices(tree, scenario.role, catalog.protocols.values(), result.ruling.verdict),
        result=result,
    )


@dataclass
class CasePool:
    """The cases of one protocol (optionally one role), in file order, and what was left out."""

    protocol: str
    role: str | None
    cases: list[Case] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def case_pool(scenarios: Iterable[Scenario], catalog: Catalog, protocol: str, role: str | None = None) -> CasePool:
    pool = CasePool(protocol, role)
    for scenario in scenarios:
        if scenario.protocol != protocol or (role is not None and scenario.role != role):
            continue
        try:
            pool.cases.append(make_case(scenario, catalog))
        except (WalkError, LookupError) as exc:
            pool.problems.append(Problem(scenario.path, scenario.line, f"niet in de quiz: {exc}"))
    return pool


def draw(cases: list[Case], count: int | None = None, seed: str | int | None = None) -> list[Case]:
    """Pick cases for a session: at random, or the same every time for the same code (seed)."""
    rng = random.Random(seed) if seed is not None and str(seed).strip() else random.Random()
    count = len(cases) if count is None else max(0, min(count, len(cases)))
    return rng.sample(cases, count)


# -- a fixed set, from a file -------------------------------------------------------------------


@dataclass(frozen=True)
class QuizSet:
    """An ordered list of scenario names for a session (a file the coordinator writes)."""

    path: Path
    names: tuple[str, ...]
    lines: tuple[int, ...]
    protocol: str | None = None
    role: str | None = None
    title: str | None = None


def read_quiz_set(path: Path) -> QuizSet:
    """Read a quiz-set file; every problem is reported with file and line (DataError)."""
    path = Path(path)
    reader = Reader(path)
    data = reader.mapping(load_yaml(path), 1, "een quizreeks")
    if data is None or not reader.keys(data, "de quizreeks", ("cases",), ("protocol", "role", "title")):
        raise DataError(reader.problems)
    protocol = reader.get(data, "protocol", str, "de quizreeks")
    role = reader.get(data, "role", str, "de quizreeks")
    title = reader.get(data, "title", str, "de quizreeks")
    if role is not None and role not in ROLES:
        reader.problem(data.line_of("role"), f"onbekende rol '{role}'; kies uit: {', '.join(ROLES)}")
    items = reader.get(data, "cases", list, "de quizreeks", default=LocatedList())
    names: list[str] = []
    lines: list[int] = []
    for index, item in enumerate(items):
        if isinstance(item, str) and item.strip():
            names.append(" ".join(item.split()))
            lines.append(items.line_of(index))
        else:
            reader.problem(items.line_of(index), "elk geval in 'cases' moet de naam van een scenario zijn (een tekst)")
    if not names and not reader.problems:
        reader.problem(data.line_of("cases"), "de quizreeks noemt geen gevallen; zet onder 'cases:' de namen van scenario's")
    if reader.problems:
        raise DataError(reader.problems)
    return QuizSet(path, tuple(names), tuple(lines), protocol, role, title)


def set_cases(quiz_set: QuizSet, pool: CasePool) -> list[Case]:
    """The set's cases in the set's order; an unknown name raises DataError with a suggestion."""
    by_name = {" ".join(case.name.split()).casefold(): case for case in pool.cases}
    chosen: list[Case] = []
    problems: list[Problem] = []
    for name, line in zip(quiz_set.names, quiz_set.lines):
        case = by_name.get(name.casefold())
        if case is not None:
            chosen.append(case)
            continue
        close = difflib.get_close_matches(name, [c.name for c in pool.cases], n=1, cutoff=0.6)
        hint = f"; bedoel je ‘{close[0]}’?" if close else ""
        where = f"protocol {pool.protocol}" + (f" voor {ROLES[pool.role]}" if pool.role in ROLES else "")
        problems.append(Problem(quiz_set.path, line, f"geen scenario ‘{name}’ in {where}{hint}"))
    if problems:
        raise DataError(problems)
    return chosen


# -- one quiz session -----------------------------------------------------------------------------


class QuizError(ValueError):
    """A step that does not fit the quiz's state (the message is for the user)."""


@dataclass
class Quiz:
    """A run through an ordered list of cases: pick, reveal, next; with a score."""

    cases: list[Case]
    picks: list[Verdict | None] = field(default_factory=list)
    index: int = 0

    def __post_init__(self) -> None:
        self.picks = [None] * len(self.cases)

    @property
    def current(self) -> Case | None:
        return self.cases[self.index] if self.index < len(self.cases) else None

    @property
    def revealed(self) -> bool:
        return self.current is not None and self.picks[self.index] is not None

    @property
    def finished(self) -> bool:
        return self.index >= len(self.cases)

    def pick(self, verdict: Verdict | str) -> bool:
        """The room's answer to the current case; True when it is right. Reveals the case."""
        case = self.current
        if case is None:
            raise QuizError("de quiz is afgelopen")
        if self.picks[self.index] is not None:
            raise QuizError("dit geval is al beantwoord; ga door naar het volgende")
        verdict = Verdict(verdict)
        if verdict not in case.choices:
            raise QuizError(f"‘{verdict.label}’ is hier geen keuze")
        self.picks[self.index] = verdict
        return verdict == case.answer

    def next(self) -> Case | None:
        """Go on to the next case (only after the reveal)."""
        if self.current is not None and not self.revealed:
            raise QuizError("kies eerst een antwoord")
        self.index += 1
        return self.current

    @property
    def right(self) -> int:
        return sum(1 for case, pick in zip(self.cases, self.picks) if pick == case.answer)

    @property
    def answered(self) -> int:
        return sum(1 for pick in self.picks if pick is not None)

    def score_text(self) -> str:
        return f"{self.right} van {self.answered} goed"

    def restart(self) -> None:
        self.picks = [None] * len(self.cases)
        self.index = 0


# -- situations for comparing schools ----------------------------------------------------------------


@dataclass(frozen=True)
class Situation:
    """A case to compare across protocols: a tree, a role, and answers (no protocol)."""

    name: str
    tree: str
    role: str
    answers: dict[str, str]
    inputs: dict[str, dict[str, str]]


def situations(scenarios: Iterable[Scenario], trees: dict[str, Tree] | None = None) -> list[Situation]:
    """The distinct situations in the scenario files (the same answers under one name), in file order."""
    found: list[Situation] = []
    seen: set[tuple] = set()
    for scenario in scenarios:
        if trees is not None and scenario.tree not in trees:
            continue
        answers = {k: v for k, v in scenario.answers.items() if isinstance(v, str)}
        inputs = {k: dict(v) for k, v in scenario.answers.items() if isinstance(v, dict)}
        key = (scenario.tree, scenario.role, tuple(sorted(answers.items())))
        if key in seen:
            continue
        seen.add(key)
        found.append(Situation(scenario.name, scenario.tree, scenario.role, answers, inputs))
    return found


__all__ = [
    "Case", "CasePool", "Quiz", "QuizError", "QuizSet", "Situation", "StoryLine",
    "case_pool", "draw", "load_scenarios", "make_case", "read_quiz_set", "reachable_outcomes",
    "scenario_walk", "set_cases", "situation_lines", "situations", "story", "verdict_choices",
]

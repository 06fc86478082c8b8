"""Scenario files: real cases with the verdict and articles a protocol must give.

Plain YAML that the people who maintain a protocol can read and extend; run by
pytest and by `smassist scenarios`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from smassist.core.catalog import Catalog
from smassist.core.problems import DataError, Problem
from smassist.core.schema import Reader
from smassist.core.walk import Walk, WalkError
from smassist.core.yaml_source import LocatedDict, LocatedList, load_yaml


@dataclass(frozen=True)
class Scenario:
    name: str
    protocol: str
    tree: str
    role: str
    answers: dict[str, str | dict[str, str]]  # option id, or field values for an input node
    verdict: str
    cites: tuple[str, ...]
    path: Path
    line: int
    # The audit of a verdict word: the article and its words that carry the verdict
    # ("niet toegestaan", "wordt afgeraden"), checked against the article's text; a reason
    # only where the words themselves do not forbid (the rule is one the article refers to).
    audit: tuple[str, str, str] | None = None


@dataclass(frozen=True)
class Outcome:
    scenario: Scenario
    failure: str | None  # None when the protocol answers as expected

    def __str__(self) -> str:
        where = f"{self.scenario.path}:{self.scenario.line}"
        return f"{where}: {'ok' if self.failure is None else 'FOUT'}: {self.scenario.name}" + (f" — {self.failure}" if self.failure else "")


def read_scenarios(path: Path) -> list[Scenario]:
    reader = Reader(path)
    data = reader.mapping(load_yaml(path), 1, "een scenariobestand")
    if data is None or not reader.keys(data, "het scenariobestand", ("protocol", "scenarios")):
        raise DataError(reader.problems)
    protocol = reader.get(data, "protocol", str, "het scenariobestand", default="")
    items = reader.get(data, "scenarios", list, "het scenariobestand", default=LocatedList())
    scenarios = []
    for index, raw in enumerate(items):
        line = items.line_of(index)
        raw = reader.mapping(raw, line, "een scenario")
        if raw is None or not reader.keys(raw, "een scenario", ("name", "tree", "role", "answers", "verdict", "cites"), ("audit",)):
            continue
        answers = reader.get(raw, "answers", dict, "een scenario", default=LocatedDict())
        scenarios.append(Scenario(
            name=reader.get(raw, "name", str, "een scenario", default=f"scenario {index + 1}"),
            protocol=protocol,
            tree=reader.get(raw, "tree", str, "een scenario", default=""),
            role=reader.get(raw, "role", str, "een scenario", default=""),
            answers={str(k): ({str(f): str(x) for f, x in v.items()} if isinstance(v, dict) else str(v)) for k, v in answers.items()},
            verdict=reader.get(raw, "verdict", str, "een scenario", default=""),
            cites=reader.text_list(raw, "cites", "een scenario"),
            path=path,
            line=line,
            audit=_read_audit(reader, raw),
        ))
    if reader.problems:
        raise DataError(reader.problems)
    return scenarios


def _read_audit(reader: Reader, raw: LocatedDict) -> tuple[str, str, str] | None:
    if "audit" not in raw:
        return None
    audit = reader.mapping(raw["audit"], raw.line_of("audit"), "de audit van een scenario")
    if audit is None or not reader.keys(audit, "de audit van een scenario", ("article", "words"), ("reason",)):
        return None
    return (reader.get(audit, "article", str, "de audit", default=""), reader.get(audit, "words", str, "de audit", default=""),
            reader.get(audit, "reason", str, "de audit", default=""))


# The words that may carry each strong verdict (docs/rulings-guide.md, "Verdict words").
VERDICT_WORDS = {
    "not_allowed": ("niet", "geen", "verboden", "nooit", "alleen"),
    "discouraged": ("wordt afgeraden", "afgeraden", "liever niet", "ga niet", "niet doen"),
}


def audit_failure(scenario: Scenario, result) -> str | None:
    """Why the recorded audit does not hold for this result, or None."""
    verdict = result.ruling.verdict.value
    if scenario.audit is None:
        return None
    article_id, words, reason = scenario.audit
    article = result.protocol.articles.get(article_id)
    if article is None or article_id not in result.ruling.cites:
        return f"audit: artikel {article_id} wordt door deze uitspraak niet geciteerd"
    if " ".join(words.split()) not in " ".join(article.text.split()):
        return f"audit: de woorden '{words}' staan niet letterlijk in artikel {article_id}"
    carrying = VERDICT_WORDS.get(verdict)
    if carrying and not reason and not any(_has_word(words, w) for w in carrying):
        return f"audit: bij oordeel '{verdict}' moeten de woorden een van deze bevatten: {', '.join(carrying)} (of zeg in 'reason' waarom niet)"
    return None


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None


def run_scenario(scenario: Scenario, catalog: Catalog) -> Outcome:
    def fail(message: str) -> Outcome:
        return Outcome(scenario, message)

    try:
        walk = Walk(catalog.tree(scenario.tree), catalog.protocol(scenario.protocol), scenario.role)
    except (LookupError, WalkError) as exc:
        return fail(str(exc))
    while not walk.finished:
        node = walk.current
        if node.id not in scenario.answers:
            return fail(f"geen antwoord op vraag '{node.id}' ({walk.question_text()})")
        given = scenario.answers[node.id]
        try:
            if node.kind == "input":
                walk.fill(given if isinstance(given, dict) else {})
            else:
                walk.answer(str(given))
        except WalkError as exc:
            return fail(str(exc))
    result = walk.result()
    unused = set(scenario.answers) - {step.node.id for step in result.path} - _below_skipped(result)
    if unused:
        return fail(f"antwoorden niet gebruikt (vraag ligt niet op de route): {', '.join(sorted(unused))}")
    if result.ruling.verdict.value != scenario.verdict:
        return fail(f"verwacht oordeel '{scenario.verdict}', maar het protocol zegt '{result.ruling.verdict.value}' (uitkomst {result.ruling.outcome})")
    cited = [c.article.id for c in result.citations]
    missing = [a for a in scenario.cites if a not in cited]
    if missing:
        return fail(f"verwacht dat artikel {', '.join(missing)} wordt geciteerd; geciteerd: {', '.join(cited)}")
    why = audit_failure(scenario, result)
    return fail(why) if why else Outcome(scenario, None)


def _below_skipped(result) -> set[str]:
    """Questions the walk left out because their answer cannot change the advice."""
    below: set[str] = set()
    stack = [step.node for step in result.path if step.skipped]
    while stack:
        node = stack.pop()
        if node.id in below:
            continue
        below.add(node.id)
        stack.extend(result.tree.nodes[o.next] for o in node.options if o.next)
    return below


def scenario_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml"))


def run_folder(folder: Path, catalog: Catalog) -> tuple[list[Outcome], list[Problem]]:
    outcomes: list[Outcome] = []
    problems: list[Problem] = []
    for path in scenario_files(folder):
        try:
            scenarios = read_scenarios(path)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        outcomes.extend(run_scenario(s, catalog) for s in scenarios)
    return outcomes, problems

"""Checks across files: every outcome ruled in every protocol, citations exist and are pinned."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from smassist.core.problems import Problem

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing on every command
if TYPE_CHECKING:
    from smassist.core.catalog import Catalog
    from smassist.core.models import Protocol


def _template_names(templates: Path) -> list[str]:
    try:
        return [p.name for p in templates.iterdir() if p.name.endswith(".j2")]
    except OSError:
        return []


def check_rulings(catalog: Catalog, templates: Path | None, render_documents: bool = False,
                  memo: Callable[[Protocol, Callable[[], list[Problem]]], list[Problem]] | None = None) -> list[Problem]:
    """Every protocol against the trees (and the templates); memo may reuse a protocol's earlier result."""
    check = _ProtocolCheck(catalog, templates, render_documents)
    problems: list[Problem] = []
    for protocol in catalog.protocols.values():
        problems.extend(memo(protocol, lambda p=protocol: check(p)) if memo else check(protocol))
    return problems


class _ProtocolCheck:
    def __init__(self, catalog: Catalog, templates: Path | None, render_documents: bool):
        self.catalog = catalog
        self.templates = templates
        self.render_documents = render_documents
        self.offers = None  # renders each offered document once with sample data (smassist.core.documents.checks)
        # the template folder is listed once, not once per offered document
        self.documents_with_template = (
            {name.split(".", 1)[0] for name in _template_names(templates) if name.count(".") >= 2}
            if templates is not None else set()
        )

    def __call__(self, protocol: Protocol) -> list[Problem]:
        catalog, templates, problems = self.catalog, self.templates, []

        def report(line: int, message: str) -> None:
            problems.append(Problem(protocol.path, line, message))

        for tree in catalog.trees.values():
            ruled = protocol.rulings.get(tree.id, {})
            for outcome in sorted(tree.outcomes() - set(ruled)):
                report(protocol.rulings_line, f"geen uitspraak voor uitkomst '{tree.id}/{outcome}' (uit {tree.path.name}); voeg onder rulings.{tree.id} een uitspraak '{outcome}' toe")
        for tree_id, ruled in protocol.rulings.items():
            tree = catalog.trees.get(tree_id)
            known_outcomes = tree.outcomes() if tree else set()
            for outcome, ruling in ruled.items():
                if tree is None:
                    if not any(p.file.parent == catalog.root for p in catalog.problems):
                        report(ruling.line, f"uitspraak voor onbekende beslisboom '{tree_id}'; bestaande bomen: {', '.join(sorted(catalog.trees))}")
                    break
                if outcome not in known_outcomes:
                    report(ruling.line, f"uitspraak '{tree_id}/{outcome}' hoort bij geen enkele uitkomst van de boom; verwijder haar of controleer de naam")
        for ruled in protocol.rulings.values():
            for ruling in ruled.values():
                where = f"{ruling.tree}/{ruling.outcome}"
                for article_id, pin in ruling.cites.items():
                    article = protocol.articles.get(article_id)
                    if article is None:
                        report(ruling.line, f"uitspraak {where} citeert artikel '{article_id}', dat niet in dit protocol staat")
                    elif not pin:
                        report(ruling.line, f"uitspraak {where}: de pin van artikel {article_id} ontbreekt; lees het artikel en zet '{article_id}': \"{article.hash}\"")
                    elif pin != article.hash:
                        report(ruling.line, f"uitspraak {where}: de tekst van artikel {article_id} is veranderd (pin {pin}, nu {article.hash}); lees de uitspraak opnieuw tegen de nieuwe tekst en zet daarna '{article_id}': \"{article.hash}\"")
                for article_id, passage in ruling.passages.items():
                    article = protocol.articles.get(article_id)
                    if article_id not in ruling.cites:
                        report(ruling.line, f"uitspraak {where} noemt een passage uit artikel '{article_id}', maar citeert dat artikel niet; zet het in 'cites' of haal de passage weg")
                    elif article is not None and passage not in article.text:
                        report(ruling.line, f"uitspraak {where}: de passage bij artikel {article_id} staat niet letterlijk in het artikel; kopieer haar precies uit de tekst (smassist article {protocol.id} {article_id})")
                for step in ruling.steps:
                    if step.article and step.article not in ruling.cites:
                        report(ruling.line, f"uitspraak {where}: een stap verwijst naar artikel '{step.article}', dat niet in 'cites' staat")
                if templates is not None:
                    for document in ruling.documents:
                        if document not in self.documents_with_template:
                            report(ruling.line, f"uitspraak {where} biedt document '{document}' aan, maar er is geen sjabloon {document}.*.j2 in {templates}")
                            continue
                        from smassist.core.documents.registry import DOCUMENTS  # noqa: PLC0415 - only when documents are offered

                        if document not in DOCUMENTS:
                            report(ruling.line, f"uitspraak {where} biedt document '{document}' aan, maar dat is een onbekend document; kies uit: {', '.join(DOCUMENTS)}")
                            continue
                        if not self.render_documents:
                            continue
                        if self.offers is None:
                            from smassist.core.documents.checks import OfferCheck  # noqa: PLC0415 - only when documents are offered

                            self.offers = OfferCheck(catalog.trees, templates)
                        why = self.offers.problem(document, protocol, ruling)
                        if why:
                            report(ruling.line, f"uitspraak {where} biedt document '{document}' aan, maar het lukt niet om het te maken: {why}")
        return problems

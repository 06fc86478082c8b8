"""The one Jinja environment every document is rendered with.

- StrictUndefined: a value a template uses and the context lacks is an error
  naming the template and the variable, never a blank on a printed form.
- Autoescaping for HTML templates; the document markup (.md.j2) escapes every
  value with `markup.escape`, so user text can never become markup there either.
- The loader only reads files inside templates/: `..`, absolute names and
  symbolic links that point elsewhere are refused.
- None is never printed: it is an error too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import jinja2

from smassist.core.documents import markup
from smassist.core.documents.dates import dutch_date


class TemplateProblem(Exception):
    """A template could not be rendered; the message names the template and what is wrong."""


class ConfinedLoader(jinja2.BaseLoader):
    """Loads templates from one folder and never from outside it."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()

    def get_source(self, environment: jinja2.Environment, template: str):
        pieces = [p for p in template.replace("\\", "/").split("/") if p not in ("", ".")]
        if template.startswith(("/", "\\")) or any(p == ".." for p in pieces) or ":" in template:
            raise jinja2.TemplateNotFound(f"{template} (sjablonen mogen alleen bestanden in {self.root} gebruiken)")
        path = self.root.joinpath(*pieces)
        try:
            resolved = path.resolve(strict=True)
        except (FileNotFoundError, RuntimeError, OSError):
            raise jinja2.TemplateNotFound(template) from None
        if not resolved.is_relative_to(self.root) or not resolved.is_file():
            raise jinja2.TemplateNotFound(f"{template} (verwijst naar een bestand buiten {self.root})")
        source = resolved.read_text(encoding="utf-8")
        mtime = resolved.stat().st_mtime
        return source, str(path), lambda: resolved.exists() and resolved.stat().st_mtime == mtime

    def list_templates(self) -> list[str]:
        return sorted(str(p.relative_to(self.root)) for p in self.root.rglob("*.j2") if p.is_file())


@jinja2.pass_context
def _finalize(context, value):
    if value is None:
        raise TemplateProblem(f"sjabloon {context.name}: een waarde is leeg (None); vul die aan of laat het blok weg")
    if isinstance(value, jinja2.Undefined):
        return value
    if (context.name or "").endswith(".md.j2"):
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)  # a number is never markup (e.g. '@vak 5 ...')
        return markup.escape(value)
    return value


@lru_cache(maxsize=4)
def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=ConfinedLoader(templates),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["datum"] = dutch_date
    env.filters["lijst"] = _dutch_list
    return env


def _dutch_list(items) -> str:
    """'a', 'a en b', 'a, b en c'."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


_UNDEFINED = (re.compile(r"has no attribute '([^']+)'"), re.compile(r"'([^']+)' is undefined"),
              re.compile(r"no element for key '?([^']+)'?"))


def render_template(templates: Path, name: str, context: dict) -> str:
    """Render one template; any failure becomes a TemplateProblem naming template, line and variable."""
    env = environment(Path(templates).resolve())
    try:
        return env.get_template(name).render(context)
    except jinja2.UndefinedError as exc:
        where = _location(exc, name)
        variable = next((m.group(1) for p in _UNDEFINED if (m := p.search(str(exc)))), str(exc))
        raise TemplateProblem(f"sjabloon {where}: de waarde '{variable}' ontbreekt") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateProblem(f"sjabloon {_location(exc, name)}: kan '{exc.message or exc.name}' niet laden") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"sjabloon {exc.name or name}, regel {exc.lineno}: {exc.message}") from None
    except TemplateProblem as exc:
        raise TemplateProblem(f"{exc} (bij {_location(exc, name)})") from None
    except markup.MarkupError as exc:
        raise TemplateProblem(f"sjabloon {name}: {exc}") from None


def _location(exc: BaseException, default: str) -> str:
    """The innermost template frame of a Jinja traceback: 'name, regel N'."""
    found = default
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = f"{Path(filename).name}, regel {tb.tb_lineno}"
        tb = tb.tb_next
    return found

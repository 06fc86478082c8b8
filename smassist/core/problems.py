"""Problems found in data files, reported as one line each: file:line: what and how to fix."""

from __future__ import annotations

from smassist.core.counting import counted
from smassist.core.record import FrozenRecord
from pathlib import Path


class Problem(FrozenRecord):
    """Something wrong in a file: where (file, line) and what to do, in Dutch."""

    file: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        return f"{where}: {self.message}"


def count_problems(count: int) -> str:
    return counted(count, "probleem", "problemen")


class DataError(Exception):
    """Raised when data cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

"""A bounded fuzz test: mutated user files through the real entry points, never a traceback or a hang.

Hypothesis mutates valid seed files (trees, protocols, the profile, --data and
--walk files, scenario files, the saved preferences and walk; see
tests/fuzz_inputs.py) and every input goes through the entry point a user
would reach: `smassist.cli.main` in-process, or the reader the app calls at
start for the state files. Each input must end in exit 0, 1 or 2 with at most
one line on stderr, never an exception; a time bound (an alarm, not a speed
assertion) turns a hang into a failure. Derandomized with no example database,
so CI runs the same inputs every time; a few run as real subprocesses too.

The long campaign with many more inputs is scripts/fuzz_campaign.py.
"""

from __future__ import annotations

import random
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz_inputs import KINDS, Edit, draft_seed, mutate, place, prepare, run, seeds
from tests.test_cli import smassist

TARGETS = ("tree", "protocol", "profile", "data", "walk", "scenario", "preferences", "draft", "import-txt", "import-docx")
BOUND = 20.0  # seconds for one input: far above the slowest (a deep render), far below a hang

edits = st.lists(st.builds(Edit, kind=st.sampled_from(KINDS), at=st.floats(0, 1), size=st.integers(0, 10_000)),
                 min_size=1, max_size=5)


@pytest.fixture
def workplace(tmp_path, isolated_home):
    prepare(tmp_path, isolated_home)
    return tmp_path, isolated_home


def seed_for(target: str, catalog) -> bytes:
    return draft_seed(catalog) if target == "draft" else seeds()[target]


@pytest.mark.parametrize("target", TARGETS)
def test_the_seed_itself_is_accepted(target, workplace, catalog):
    """The fuzz starts from valid files: a seed that failed would make every mutation trivially rejected."""
    work, home = workplace
    outcome = run(target, seed_for(target, catalog), work, home, catalog, BOUND)
    assert outcome.problem(cli=True) == "" and outcome.code == 0, (outcome.out, outcome.err)


def check_mutation(target, changes, workplace, catalog) -> None:
    work, home = workplace
    data = mutate(seed_for(target, catalog), changes)
    outcome = run(target, data, work, home, catalog, BOUND)
    assert outcome.problem(cli=target not in ("preferences", "draft")) == "", data[:300]


FUZZ = dict(derandomize=True, database=None, deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.mark.parametrize("target", [t for t in TARGETS if not t.startswith("import-")])
@settings(max_examples=16, **FUZZ)
@given(changes=edits)
def test_mutated_files_give_one_clear_line(target, changes, workplace, catalog):
    check_mutation(target, changes, workplace, catalog)


@pytest.mark.parametrize("target", ["import-txt", "import-docx"])
@settings(max_examples=6, **FUZZ)  # an import compares with every bundled protocol: fewer, slower inputs
@given(changes=edits)
def test_mutated_documents_to_import_give_one_clear_line(target, changes, workplace, catalog):
    check_mutation(target, changes, workplace, catalog)


@pytest.mark.parametrize("target", ("protocol", "profile", "data", "walk"))
def test_mutated_files_through_the_installed_command(target, workplace, catalog):
    """The same, as a user runs it: a separate process, bounded by a timeout."""
    work, home = workplace
    rng = random.Random(f"smassist-{target}")  # fixed: the same inputs every run
    changes = [Edit(rng.choice(KINDS), rng.random(), rng.randrange(10_000)) for _ in range(3)]
    argv = place(target, mutate(seed_for(target, catalog), changes), work, home)
    try:
        out = smassist(*argv, env={"SMASSIST_HOME": str(home)})
    except subprocess.TimeoutExpired:
        pytest.fail(f"{target}: no answer within the timeout")
    assert out.returncode in (0, 1, 2)
    assert "Traceback" not in out.stderr and out.stderr.count("\n") <= 1, out.stderr

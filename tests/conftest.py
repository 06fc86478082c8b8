from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from smassist.core.catalog import Catalog, load_catalog
from smassist.core.paths import decision_trees_dir, templates_dir

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The bundled trees and protocols, as users get them."""
    return load_catalog(decision_trees_dir(), templates_dir(), render_documents=True)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small valid test data set."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def mini_catalog() -> Catalog:
    return load_catalog(MINI)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user's profile, drafts or documents."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SMASSIST_HOME", str(home))
    return home

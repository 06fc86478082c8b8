"""Leave-one-out over the five seeds: the import must find the curated articles and never mark a wrong ruling safe."""

from pathlib import Path

import pytest

from smassist.core.catalog import load_catalog
from smassist.core.importing.measure import leave_one_out
from smassist.core.paths import decision_trees_dir

SEEDS = Path(__file__).parent / "data" / "seeds"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(decision_trees_dir())


@pytest.mark.parametrize("protocol_id", ["buitengewoon", "edu-ley", "kopwerk", "quadraam", "togtemaar"])
def test_leave_one_out(catalog, protocol_id):
    result = leave_one_out(catalog, protocol_id, SEEDS)
    # articles: same id and same text as the hand transcription, for at least 95 %
    assert result.article_share >= 0.95, f"{protocol_id}: {result.articles_equal}/{result.articles}"
    # a ruling marked safe ('same') must never carry a verdict the curated protocol does not give
    assert result.same_wrong_verdict == 0
    # every outcome of every tree gets a draft ruling
    assert result.same + result.changed + result.open == result.rulings


# Measured floors (bench/import.py); the goal of 80 % is out of reach on today's curated data: the
# ceiling (what any known protocol could carry 'same' with the curated verdict and citations at all) is
# 35 % / 56 % / 64 %, see docs/protocols.md.
@pytest.mark.parametrize("protocol_id, floor", [("edu-ley", 0.19), ("kopwerk", 0.5), ("togtemaar", 0.61)])
def test_model_family_carries_rulings(catalog, protocol_id, floor):
    """The three variants of one model text share many rulings word for word."""
    result = leave_one_out(catalog, protocol_id, SEEDS)
    assert result.ruling_share >= floor
    assert result.same_correct <= result.ceiling  # the ceiling bounds what can be carried right


# Of the rulings drafted 'same', the share whose verdict and citations equal the curated ones; edu-ley adds
# its own P.* articles that the curated rulings also cite, so a carried ruling there can be right in verdict
# but cite too little.
@pytest.mark.parametrize("protocol_id, floor", [("edu-ley", 0.64), ("kopwerk", 0.98), ("togtemaar", 0.98)])
def test_a_ruling_drafted_same_can_be_trusted(catalog, protocol_id, floor):
    result = leave_one_out(catalog, protocol_id, SEEDS)
    assert result.same and result.same_precision >= floor

"""An imported concept says so on every question; `n` in the protocol list explains itself and comes back."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from smassist.core.answer_export import CONCEPT_MARK
from smassist.tui.app import make_app
from tests.tui.conftest import choose_role_and_protocol, on_screen, open_topic, question_top, wait_for
from tests.tui.test_tui_review import draft_catalog  # noqa: F401 - the fixture

__all__ = ["draft_catalog"]


@pytest.mark.parametrize("protocol_id, marked", [("onzeschool", True), ("edu-ley", False)])
async def test_every_question_under_a_concept_shows_the_mark(draft_catalog, protocol_id, marked):  # noqa: F811
    catalog, _ = draft_catalog
    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role_and_protocol(pilot, 0, protocol_id)
        await open_topic(pilot, "befriend")
        assert (CONCEPT_MARK in question_top(app)[1]) is marked
        await pilot.press("1")  # the next question too
        await wait_for(pilot, lambda: len(app.screen.walk.path) == 1, "the second question")
        assert (CONCEPT_MARK in question_top(app)[1]) is marked


async def open_protocol_list(pilot, protocol_id: str):
    app = pilot.app
    await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
    await pilot.press("enter")
    await wait_for(pilot, lambda: on_screen(app, "ChooseProtocolScreen"), "the protocol dialog")
    ids = [p.id for p in app.screen.protocols]
    await pilot.press(*(["down"] * ids.index(protocol_id)))
    await wait_for(pilot, lambda: app.screen.query_one("#choices", OptionList).highlighted == ids.index(protocol_id),
                   "the protocol highlighted")
    return app.screen


async def test_n_on_a_protocol_that_is_no_concept_says_why(draft_catalog):  # noqa: F811
    catalog, _ = draft_catalog
    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        dialog = await open_protocol_list(pilot, "edu-ley")
        await pilot.press("n")
        await wait_for(pilot, lambda: app._notifications, "a message")
        message = list(app._notifications)[-1].message
        assert "meegeleverd en al nagekeken" in message and "Edu-Ley" in message
        assert app.screen is dialog  # still choosing


async def test_escape_from_the_review_returns_to_the_list_which_still_chooses(draft_catalog):  # noqa: F811
    catalog, _ = draft_catalog
    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_protocol_list(pilot, "onzeschool")
        await pilot.press("n")
        await wait_for(pilot, lambda: on_screen(app, "ReviewScreen"), "the review screen")
        await pilot.press("a")  # one decision: the list shows the new progress afterwards
        review = app.screen
        await wait_for(pilot, lambda: review.review.progress()[0] == 1, "the first decision")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is dialog, "back in the protocol list")
        choices = dialog.query_one("#choices", OptionList)
        assert "1 van" in choices.get_option("onzeschool").prompt.plain
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the protocol chosen")
        assert app.protocol.id == "onzeschool"

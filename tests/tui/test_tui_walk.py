"""Pilot tests: a user walks from the start screen to a cited answer, goes back, restarts."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from smassist.core.roles import ROLES
from smassist.core.walk import Walk
from tests.tui.conftest import (answer_questions, answer_short, answer_verdict, answer_view, choose_role_and_protocol,
                                on_screen, open_topic, question_top, showing_answer, showing_question, wait_for,
                                why_answers)

# One situation per role, as node -> option (like `smassist ask --answer`).
WALKS = {
    "staff": ("befriend", {"staff_with": "pupil", "staff_account": "private", "staff_urgent": "nee"}),
    "pupil": ("photo", {"school_related": "ja", "who": "pupils", "pupil_consent": "written", "age": "under16"}),
    "parent": ("befriend", {"parent_what": "message"}),
}


def expected_result(catalog, tree_id, protocol_id, role, answers):
    """What the core says for these answers, given one question at a time as on screen (a
    question the protocol leaves out is never asked there); the screen must show exactly this."""
    walk = Walk(catalog.tree(tree_id), catalog.protocol(protocol_id), role)
    while not walk.finished:
        walk.answer(answers[walk.current.id])
    return walk.result()


@pytest.mark.parametrize("role", list(WALKS))
@pytest.mark.parametrize("protocol_id", ["buitengewoon", "kopwerk"])
async def test_each_role_walks_from_start_to_a_cited_answer(app_factory, catalog, role, protocol_id):
    tree_id, answers = WALKS[role]
    expected = expected_result(catalog, tree_id, protocol_id, role, answers)
    assert expected.citations, "pick a situation whose ruling cites an article"
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role_and_protocol(pilot, list(ROLES).index(role), protocol_id)
        topics = app.screen.query_one("#topics", OptionList)
        index = topics.get_option_index(tree_id)
        if index < 9:
            await pilot.press(str(index + 1))  # the digit picks a topic directly
        else:
            await open_topic(pilot, tree_id)
        await answer_questions(pilot, answers)

        screen = app.screen
        assert answer_verdict(app) == expected.ruling.verdict.display
        profile = app.profile_values
        assert answer_short(app) == expected.protocol.fill(expected.ruling.answer, profile)
        shown = list(screen.query("CitationView"))
        assert [c.article for c in shown] == [c.article.id for c in expected.citations]
        for view, citation in zip(shown, expected.citations):
            heading, _, body = view.content.plain.partition("\n")
            assert body == citation.text(profile)  # verbatim, placeholders filled
            assert citation.article.reference in heading and citation.article.section in heading
            assert expected.protocol.organisation in heading
            screen.query_one("#answer").scroll_to_widget(view, animate=False)
            await wait_for(pilot, lambda: view.region.overlaps(screen.query_one("#answer").region),
                           "the citation scrolled into view")
        why = why_answers(app)
        assert why == [f"→ {step.answer_text()}" for step in expected.path]


async def befriend_answer(pilot) -> None:
    """Staff, buitengewoon: befriending a pupil on a private account, not urgent (an answer without documents)."""
    await choose_role_and_protocol(pilot, 0, "buitengewoon")
    await open_topic(pilot, "befriend")
    await answer_questions(pilot, {"staff_with": "pupil", "staff_account": "private", "staff_urgent": "nee"})


async def test_going_back_keeps_the_answers_that_still_apply(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await befriend_answer(pilot)
        walk = app.screen.walk

        def highlighted_option() -> str:
            options = app.screen.query_one("#options", OptionList)
            return options.get_option_at_index(options.highlighted).id

        await pilot.press("escape")  # from the answer back to the last question
        await wait_for(pilot, lambda: on_screen(app, "QuestionScreen") and walk.current.id == "staff_urgent",
                       "the last question")
        assert highlighted_option() == "nee"
        await pilot.press("escape")
        await wait_for(pilot, lambda: walk.current.id == "staff_account", "the account question")
        assert highlighted_option() == "private"
        assert "Een leerling" in question_top(app)[2]

        await pilot.press("enter")  # keep "private": the remembered answer further on is offered again
        await wait_for(pilot, lambda: walk.current.id == "staff_urgent", "the urgent question again")
        assert highlighted_option() == "nee"

        await pilot.press("escape")
        await wait_for(pilot, lambda: walk.current.id == "staff_account", "the account question")
        await pilot.press("1")  # change to a work account: the path follows the new answer
        await wait_for(pilot, lambda: walk.current.id == "staff_group", "the group question")
        assert [s.option.id for s in walk.path] == ["pupil", "work"]
        assert walk.answers["staff_urgent"] == "nee"  # still remembered, off the path now

        await pilot.press("escape", "escape", "escape")  # past the first question: back to the topics
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the topics")


async def test_restart_clears_the_answers_of_the_topic(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role_and_protocol(pilot, 0, "buitengewoon")
        await open_topic(pilot, "befriend")
        walk = app.screen.walk
        await pilot.press("1", "2")
        await wait_for(pilot, lambda: walk.current.id == "staff_urgent", "the third question")
        await pilot.press("r")
        await wait_for(pilot, lambda: walk.current.id == "staff_with", "the first question again")
        assert walk.path == () and walk.answers == {}
        assert question_top(app)[1].startswith("Vraag 1 ")
        assert len(question_top(app)) == 2, "no answers so far yet"

        # From the answer screen, r starts the topic again too.
        await answer_questions(pilot, {"staff_with": "parent", "staff_parent_urgent": "nee"})
        await pilot.press("r")
        await wait_for(pilot, lambda: showing_question(app) and walk.current.id == "staff_with",
                       "the first question after restarting from the answer")
        assert walk.answers == {}


async def test_the_screen_keeps_its_state_when_the_terminal_is_resized(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role_and_protocol(pilot, 0, "buitengewoon")
        await open_topic(pilot, "befriend")
        await pilot.press("1")
        walk = app.screen.walk
        await wait_for(pilot, lambda: walk.current.id == "staff_account", "the second question")
        await pilot.resize_terminal(120, 40)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert on_screen(app, "QuestionScreen") and walk.current.id == "staff_account"
        assert app.screen.query_one("#question").content.plain == walk.question_text()


async def test_d_on_an_answer_without_documents_says_so(app_factory):
    """A key that does nothing looks broken: `d` where no document goes with the answer explains why."""
    from smassist.core.documents.registry import offered_documents

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await befriend_answer(pilot)
        answer = answer_view(app)
        assert not offered_documents(answer.result)
        await pilot.press("d")
        await wait_for(pilot, lambda: any("geen document" in str(n.message) for n in app._notifications),
                       "the message that no document goes with this answer")
        assert app.screen is answer.screen and showing_answer(app)

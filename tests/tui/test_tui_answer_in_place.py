"""The answer shows in place of the last question (no screen of its own): to the user it looks and acts the same."""

from __future__ import annotations

from textual.color import Color

from tests.tui.conftest import (answer_head, answer_questions, answer_verdict, answer_view, choose_role_and_protocol,
                                open_topic, question_top, showing_answer, showing_question, wait_for, why_answers)
from tests.tui.conftest import footer_keys as shown_keys

# the theme colour of each verdict's box border (app.tcss)
VERDICT_COLOURS = {"allowed": "success", "allowed_if": "success", "discouraged": "warning", "not_allowed": "error",
                   "not_regulated": "secondary", "steps": "primary"}


def verdict_border_colour(app) -> Color:
    """The colour the verdict box's top-left corner is drawn in."""
    head = answer_view(app).query_one("#answer-head")
    top = next(i for i, line in enumerate(answer_head(app)) if line.lstrip().startswith("╭"))
    corner = next(s for s in head.render_line(top) if s.text.strip())
    return Color.from_rich_color(corner.style.color)

PARENT_URGENT = {"staff_with": "parent", "staff_parent_urgent": "ja"}  # an answer with a cited passage, no note
PRIVATE = {"staff_with": "pupil", "staff_account": "private", "staff_urgent": "nee"}


def footer_keys(app) -> list[str]:
    return [key.description for key in shown_keys(app)]


async def private_answer(pilot) -> None:
    """A staff member under Buitengewoon: befriend a pupil from a private account, not urgent (not allowed)."""
    await choose_role_and_protocol(pilot, 0, "buitengewoon")
    await open_topic(pilot, "befriend")
    await answer_questions(pilot, PRIVATE)


async def test_the_answer_replaces_the_question_and_escape_brings_the_question_back(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role_and_protocol(pilot, 0, "buitengewoon")
        await open_topic(pilot, "befriend")
        screen = app.screen
        walk = screen.walk
        await answer_questions(pilot, PRIVATE)
        view = answer_view(app)
        # the question's parts are gone, the answer's keys are in the footer and the answer has the focus
        assert not screen.query_one("#body").display and not screen.query_one("#top").display
        assert screen.sub_title == "Antwoord"
        await wait_for(pilot, lambda: "Kopiëren" in footer_keys(app), "the answer's keys in the footer")
        assert footer_keys(app)[:2] == ["Terug", "Help"] and "Onderwerpen" in footer_keys(app)
        assert "Opnieuw" not in footer_keys(app)  # the question's key, not offered on the answer
        assert app.focused is view

        # PageDown scrolls the answer
        await wait_for(pilot, lambda: view.max_scroll_y > 0, "an answer longer than the screen")
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: view.scroll_y > 0, "the answer scrolled down")

        # Escape: the last question again, the answer given highlighted, the question's keys back
        await pilot.press("escape")
        await wait_for(pilot, lambda: showing_question(app), "the last question")
        assert app.screen is screen and walk.current.id == "staff_urgent"
        options = screen.query_one("#options")
        assert options.highlighted == options.get_option_index("nee") and app.focused is options
        assert screen.sub_title == "Vraag" and not view.display
        await wait_for(pilot, lambda: "Opnieuw" in footer_keys(app), "the question's keys in the footer")
        assert "Kopiëren" not in footer_keys(app)

        # another answer in the same place: nothing of the first one is left over
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: walk.current.id == "staff_with", "the first question")
        await answer_questions(pilot, PARENT_URGENT)
        assert answer_view(app) is view
        result = walk.result()
        assert answer_verdict(app) == result.ruling.verdict.display
        assert verdict_border_colour(app) == Color.parse(app.theme_variables[VERDICT_COLOURS[result.ruling.verdict.value]])
        shown = [c.article for c in view.query("CitationView") if c.display]
        assert shown == [c.article.id for c in result.citations]
        assert why_answers(app) == [f"→ {step.answer_text()}" for step in result.path]
        assert view.scroll_y == 0  # from its top, not where the last answer was left


async def test_keys_of_the_answer_work_in_place(app_factory):
    """r restarts from the answer, o goes to the topics, digits do not answer a question that is not shown."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role_and_protocol(pilot, 0, "buitengewoon")
        await open_topic(pilot, "befriend")
        walk = app.screen.walk
        await answer_questions(pilot, PRIVATE)
        await pilot.press("1")
        await pilot.pause()
        assert showing_answer(app) and walk.finished
        await pilot.press("r")
        await wait_for(pilot, lambda: showing_question(app) and walk.current.id == "staff_with",
                       "the first question after restarting")
        await answer_questions(pilot, PRIVATE)
        await pilot.press("o")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "StartScreen", "the topics")


async def test_a_rule_for_the_focused_answer_still_applies(app_factory):
    """The answer skips Textual's restyling of all its parts on a focus change only while no rule needs it."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await private_answer(pilot)
        view = answer_view(app)
        app.stylesheet.add_source("AnswerView:focus .heading { color: #ff0000; }", read_from=("focus-rule", ""))
        heading = view.query(".heading").first()
        await pilot.press("tab")  # to the first citation
        await wait_for(pilot, lambda: app.focused is not view, "the focus on a citation")
        assert heading.styles.color.hex != "#FF0000"
        await pilot.press("shift+tab")
        await wait_for(pilot, lambda: app.focused is view, "the focus back on the answer")
        await wait_for(pilot, lambda: heading.styles.color.hex == "#FF0000", "the rule for the focused answer")


async def test_the_next_topic_starts_fresh_in_the_same_screen(app_factory):
    """Leaving a topic and opening another: its first question, nothing of the walk before (typed facts neither)."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role_and_protocol(pilot, 0, "buitengewoon")
        await open_topic(pilot, "incident")
        screen = app.screen
        await wait_for(pilot, lambda: screen.fields and app.focused is screen.fields["date"], "the facts form")
        await pilot.press(*"01-02-2026")
        await pilot.press("escape")  # back to the topics: the facts stay in the draft, not in the screen
        await wait_for(pilot, lambda: type(app.screen).__name__ == "StartScreen", "the topics")
        await open_topic(pilot, "befriend")
        await wait_for(pilot, lambda: showing_question(app) and app.screen.walk.tree.id == "befriend", "befriend")
        assert app.screen is screen  # shown in the screen kept from the first topic
        assert screen.walk.current.id == "staff_with" and screen.form_node is None and screen.typed == {}
        assert not screen.query_one("#form").display and not screen.query_one("#form").children
        assert question_top(app)[1].startswith("Vraag 1 ")
        assert len(question_top(app)) == 2, "no answers so far yet"
        assert screen.query_one("#question").content.plain == screen.walk.question_text()
        await wait_for(pilot, lambda: app.focused is screen.query_one("#options"), "the focus on the options")

        await answer_questions(pilot, PRIVATE)
        await pilot.press("o")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "StartScreen", "the topics again")
        await open_topic(pilot, "befriend")
        await wait_for(pilot, lambda: showing_question(app), "the first question, not the last answer")
        assert screen.sub_title == "Vraag" and not answer_view(app).display
        assert screen.walk.current.id == "staff_with" and screen.walk.answers == {}
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "StartScreen", "Escape: the topics")


async def test_an_answer_opened_from_the_comparison_shows_that_answer(app_factory):
    """Enter on a protocol in the comparison shows its whole answer (its own screen), not an empty frame."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await private_answer(pilot)
        await pilot.press("v")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CompareScreen", "the comparison")
        rows = app.screen.query_one("#rows")
        row = next(r for r in app.screen.rows if r.protocol.id == rows.get_option_at_index(rows.highlighted).id)
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "AnswerScreen", "the compared answer")
        await wait_for(pilot, lambda: answer_view(app).query_one("#answer-head").size.height, "the answer drawn")
        assert answer_verdict(app) == row.result.ruling.verdict.display
        assert answer_head(app)[0].startswith(row.result.tree.title)
        shown = [c.article for c in answer_view(app).query("CitationView") if c.display]
        assert shown == [c.article.id for c in row.result.citations]


async def test_the_presenter_theme_draws_the_verdict_box_heavy_and_roomy(catalog):
    """The presenter rules for .verdict (heavy border, two spaces around the word) style the drawn box."""
    from smassist.core.preferences import Preferences, save_preferences
    from smassist.tui.app import make_app

    save_preferences(Preferences(role="staff", protocol="buitengewoon"))
    app = make_app(catalog=catalog, animate=False, presenter=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_topic(pilot, "befriend")
        await answer_questions(pilot, PRIVATE)
        lines = answer_head(app)
        top = next(i for i, line in enumerate(lines) if line.lstrip().startswith("┏"))
        word = answer_view(app).result.ruling.verdict.display
        assert lines[top + 1].lstrip().startswith(f"┃  {word}") and lines[top + 2].lstrip().startswith("┗")
        assert len(lines[top].strip()) >= 24  # min-width still holds


async def test_a_first_topic_that_asks_no_question_shows_its_whole_answer(app_factory):
    """The first walk of a session that needs no question (accounts, for a pupil under Quadraam): the view is
    mounted for it right then, and used to stay empty under a false concept mark."""
    from smassist.core.answer_export import CONCEPT_MARK

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role_and_protocol(pilot, 1, "quadraam")
        await open_topic(pilot, "accounts")
        screen = app.screen
        assert screen.walk.finished and all(step.skipped for step in screen.walk.path)  # no question was asked
        await wait_for(pilot, lambda: showing_answer(app) and answer_view(app).size.height, "the answer")
        await pilot.pause()
        ruling = screen.walk.result().ruling
        head = "\n".join(answer_head(app))
        assert answer_verdict(app) == ruling.verdict.display
        assert head.split("\n")[0].strip().startswith(screen.walk.tree.title)
        assert CONCEPT_MARK.capitalize() not in head

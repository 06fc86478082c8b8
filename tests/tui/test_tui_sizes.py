"""Any screen a school has: at 80×24 and 100×30 every screen keeps its key hints and breaks words
only between words."""

from __future__ import annotations

import pytest

from smassist.core.preferences import Preferences, save_preferences
from tests.tui.conftest import answer_questions, footer_keys, on_screen, open_topic, showing_answer, wait_for

SIZES = [(80, 24), (100, 30)]


def footer_problems(app) -> list[str]:
    """Key hints that are cut off or missing; F1 Help must be on every screen."""
    keys = footer_keys(app)
    width = app.size.width
    cut = [f"{k.key} {k.description}" for k in keys if k.width == 0 or k.right > width]
    cut += [f"{b.key} {b.description} over {a.key}" for a, b in zip(keys, keys[1:]) if b.x <= a.right - 1]
    if not any(k.key == "f1" for k in keys):
        cut.append("f1 Help ontbreekt")
    return cut


async def check(pilot, app, screen: str, seen: dict):
    if screen == "AnswerScreen":  # the answer shows in place of the question, with its own keys
        await wait_for(pilot, lambda: showing_answer(app) and any(k.key == "k" for k in footer_keys(app)),
                       "the answer with its keys")
    else:
        await wait_for(pilot, lambda: on_screen(app, screen), screen)
    await pilot.pause()
    seen[screen] = footer_problems(app)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_screen_keeps_its_key_hints(app_factory, size):
    save_preferences(Preferences(role="staff", protocol="togtemaar"))
    app = app_factory()
    seen: dict[str, list[str]] = {}
    async with app.run_test(size=size) as pilot:
        await check(pilot, app, "StartScreen", seen)
        await open_topic(pilot, "befriend")
        await check(pilot, app, "QuestionScreen", seen)
        await answer_questions(pilot, {"staff_with": "pupil", "staff_account": "private", "staff_urgent": "nee"})
        await check(pilot, app, "AnswerScreen", seen)
        await pilot.press("v")
        await check(pilot, app, "CompareScreen", seen)
        await pilot.press("n")
        await check(pilot, app, "CompareAllScreen", seen)
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: showing_answer(app), "the answer again")
        await pilot.press("f6")
        await check(pilot, app, "IncidentListScreen", seen)
        await pilot.press("escape")
        await wait_for(pilot, lambda: showing_answer(app), "the answer again")
        await pilot.press("o")
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the topics")
        await open_topic(pilot, "incident")
        await check(pilot, app, "QuestionScreen", seen)  # the incident's facts form
        await pilot.press("escape")
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the topics")
        await pilot.press("f5")
        await check(pilot, app, "TrainingScreen", seen)
        await pilot.press("3")
        await wait_for(pilot, lambda: not on_screen(app, "TrainingScreen"), "the topic chooser")
        await pilot.press("enter")
        await check(pilot, app, "TreeMapScreen", seen)
    assert {name: problems for name, problems in seen.items() if problems} == {}
    assert len(seen) >= 8


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_side_by_side_columns_never_break_a_name(app_factory, size):
    save_preferences(Preferences(role="staff", protocol="togtemaar"))
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        await open_topic(pilot, "befriend")
        await answer_questions(pilot, {"staff_with": "pupil", "staff_account": "private", "staff_urgent": "nee"})
        await pilot.press("v", "n")
        await wait_for(pilot, lambda: on_screen(app, "CompareAllScreen") and app.screen.query("ProtocolColumn"),
                       "the columns")
        columns = list(app.screen.query("ProtocolColumn"))
        await wait_for(pilot, lambda: all(c.outer_size.width >= c.least for c in columns), "the columns fitted")
        for column in columns:
            longest = max(len(word) for word in column.render().plain.split())
            assert column.outer_size.width - 2 >= longest, column.row.protocol.id  # "Togtemaarschool" stays whole
        # the arrow keys reach every column, also the ones scrolled out of view
        await pilot.press(*["right"] * (len(columns) - 1))
        last = columns[-1]
        await wait_for(pilot, lambda: app.focused is last, "the last column")
        row = app.screen.query_one("#columns")
        await wait_for(pilot, lambda: last.region.right <= row.region.right, "the last column in view")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_tree_map_cuts_a_long_question_with_a_sign_and_shows_it_whole(app_factory, size):
    save_preferences(Preferences(role="staff", protocol="togtemaar"))
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await pilot.press("f5", "3")
        await wait_for(pilot, lambda: not on_screen(app, "TrainingScreen"), "the topic chooser")
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_screen(app, "TreeMapScreen"), "the tree map")
        widget = app.screen.query_one("#map")
        await pilot.press("e")  # everything open
        await pilot.pause()
        app.screen.fit_labels()
        width = widget.scrollable_content_region.width
        cut = 0
        for line in range(widget.last_line + 1):
            node = widget.get_node_at_line(line)
            if node is None or node.data is None:
                continue
            depth, parent = 0, node.parent
            while parent is not None:
                depth, parent = depth + 1, parent.parent
            label = node.label
            assert label.cell_len + depth * widget.guide_depth <= width, label.plain
            if node.data.text and node.data.text not in label.plain and node.data.kind != "outcome":
                assert label.plain.endswith("…"), label.plain
                cut += 1
                widget.move_cursor(node)
                await pilot.pause()
                assert app.screen.query_one("#map-detail").render().plain.replace("\n", " ").startswith(
                    node.data.text[:20])
        if size[0] == 80:
            assert cut, "some question is longer than 80 columns"

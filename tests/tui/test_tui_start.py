"""Pilot tests of the start screen: remembered choices, the filter, broken data shown in the app."""

from __future__ import annotations

import shutil
from contextlib import asynccontextmanager

from textual.widgets import OptionList

from smassist.core.preferences import Preferences, load_preferences, preferences_path, save_preferences
from smassist.core.profile import Profile, save_profile
from smassist.tui.app import make_app
from smassist.tui.labelled import LABEL_WIDTH
from tests.conftest import MINI
from tests.tui.conftest import answer_questions, answer_verdict, choose_role_and_protocol, on_screen, wait_for


def topic_ids(app) -> list[str]:
    topics = app.screen.query_one("#topics", OptionList)
    return [topics.get_option_at_index(i).id for i in range(topics.option_count)]


async def test_role_and_protocol_are_remembered_for_next_time(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role_and_protocol(pilot, 1, "quadraam")  # leerling
    assert load_preferences() == Preferences(role="pupil", protocol="quadraam")

    again = app_factory()
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(again, "StartScreen"), "the start screen")
        screen = again.screen
        assert screen.query_one("#role").value == "pupil"
        assert "Quadraam" in str(screen.query_one("#protocol").label)
        assert again.focused is screen.query_one("#topics")  # straight to the topics
        assert topic_ids(again) == [t.id for t in again.catalog.trees_for("pupil")]


async def test_the_school_profile_chooses_the_protocol_when_nothing_is_remembered(app_factory):
    save_profile(Profile(school_name="De Regenboog", protocol="kopwerk"))
    save_preferences(Preferences(role="staff"))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        assert app.protocol.id == "kopwerk"
        await pilot.press("f4")
        await wait_for(pilot, lambda: on_screen(app, "ProtocolScreen"), "the protocol")
        # The model protocol's "[naam school]" shows the school's name.
        assert "De Regenboog" in app.screen.query_one("#title").content.plain


async def test_a_broken_preferences_file_is_reported_and_the_app_starts_anyway(app_factory):
    path = preferences_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"role": "staff", "colour": "red"}', encoding="utf-8")
    app = app_factory()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await wait_for(pilot, lambda: app._notifications, "a message about the preferences")
        message = next(iter(app._notifications)).message
        assert "eerdere keuzes" in message and "onbekende sleutel 'colour'" in message
        assert app.focused is app.screen.query_one("#role")  # asks again


async def test_the_filter_narrows_the_topics_and_escape_clears_it(app_factory):
    save_preferences(Preferences(role="staff", protocol="edu-ley"))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await wait_for(pilot, lambda: app.focused is app.screen.query_one("#topics"), "focus on the topics")
        everything = topic_ids(app)
        photo = app.catalog.tree("photo")
        await pilot.press(*"foto")  # typing in the topic list goes to the filter
        await wait_for(pilot, lambda: topic_ids(app)[:1] == ["photo"], "the photo topic first")
        assert len(topic_ids(app)) < len(everything)
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_screen(app, "QuestionScreen"), "the first photo question")
        assert app.screen.walk.tree is photo
        await pilot.press("escape")
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the topics")
        await pilot.press("escape")
        await wait_for(pilot, lambda: topic_ids(app) == everything, "all topics again")


async def test_the_filter_understands_everyday_words(app_factory):
    save_preferences(Preferences(role="pupil", protocol="togtemaar"))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.focused is app.screen.query_one("#topics"), "focus on the topics")
        await pilot.press(*"mobiel")
        await wait_for(pilot, lambda: topic_ids(app)[:1] == ["lessons"], "phones in class first")
        await pilot.press("escape", *"tiktok")
        await wait_for(pilot, lambda: topic_ids(app)[:1] == ["photo"], "photos and films first")


async def test_broken_data_is_shown_with_file_and_line_and_the_rest_still_works(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    (data / "broken.yaml").write_text(
        "id: broken\ntitle: Kapot\nsummary: Een boom met een fout.\nroles: [staff]\nstart: q\n"
        "nodes:\n  q:\n    text: Vraag?\n    optoins: []\n", encoding="utf-8")
    (data / "protocols" / "beta.yaml").write_text("id: beta\ntitle: [onaf\n", encoding="utf-8")
    save_preferences(Preferences(role="staff", protocol="alpha"))

    app = make_app(data, animate=False)
    problems = app.catalog.problems
    assert {p.file.name for p in problems} == {"broken.yaml", "beta.yaml"}
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        banner = app.screen.query_one("#problems")
        assert banner.display
        first = problems[0]
        assert f"{first.file.relative_to(data)}:{first.line}: " in banner.content.plain
        assert "F3" in banner.content.plain

        await pilot.press("f3")
        await wait_for(pilot, lambda: on_screen(app, "ProblemsScreen"), "the list of problems")
        shown = [w.content.plain for w in app.screen.query(".problem")]
        assert shown == [str(p) for p in problems]
        # Each problem names its own file; the intro names no folder (it named the installed trees' folder).
        assert app.screen.query_one("#intro").content.plain.startswith(f"{len(problems)} problemen in de gegevens. ")
        assert any("optoins" in line and ":9:" in line for line in shown)
        await pilot.press("escape")

        # The good tree and protocol still work.
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        assert topic_ids(app) == ["walk"]
        await pilot.press("1")
        await answer_questions(pilot, {"first": "a", "second": "y"})
        assert answer_verdict(app) == "Toegestaan ✓"


async def test_no_protocols_at_all_is_explained_not_a_crash(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    shutil.rmtree(data / "protocols")
    save_preferences(Preferences(role="staff"))
    app = make_app(data, animate=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        assert "geen protocollen" in app.screen.query_one("#problems").content.plain
        await pilot.press("1")
        await wait_for(pilot, lambda: app._notifications, "a message")
        assert "protocol" in next(iter(app._notifications)).message
        assert on_screen(app, "StartScreen")


async def test_the_role_choice_works_with_arrows_enter_and_a_click_and_marks_the_choice(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        choice = app.screen.query_one("#role")
        assert app.focused is choice  # a first start asks who you are
        line = choice.render().plain
        assert "medewerker" in line and "leerling" in line and "ouder/verzorger" in line and "●" not in line
        await pilot.press("left", "enter")  # from the first role, left goes round to the last
        await wait_for(pilot, lambda: on_screen(app, "ChooseProtocolScreen"), "the protocol dialog")
        assert load_preferences().role == "parent"
        await pilot.press("escape")
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "back on the start screen")
        line = choice.render().plain
        assert line.index("●") == line.index("ouder/verzorger") - 3  # the dot sits in the chosen role's box
        column = LABEL_WIDTH + line.index("leerling") + 1 + 2  # + the label, the box's left border and padding
        await pilot.click("#role", offset=(column, 1))
        await wait_for(pilot, lambda: load_preferences().role == "pupil", "the clicked role remembered")
        line = choice.render().plain  # (the protocol dialog opens again over it: none chosen yet)
        assert line.count("●") == 1 and line.index("●") == line.index("leerling") - 3


@asynccontextmanager
async def returning_user(app_factory):
    """The start screen of a user whose role (staff) and protocol (Edu-Ley) are remembered."""
    save_preferences(Preferences(role="staff", protocol="edu-ley"))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await pilot.pause()
        yield app, pilot


def screen_lines(app, region) -> list[str]:
    """What the user sees of `region` of the screen, as text."""
    return [strip.crop(region.x, region.right).text
            for strip in app.screen._compositor.render_strips()[region.y:region.bottom]]


async def test_the_rows_show_their_label_left_of_the_box(app_factory):
    async with returning_user(app_factory) as (app, pilot):
        role, protocol = app.screen.query_one("#role"), app.screen.query_one("#protocol")
        top, middle, bottom = screen_lines(app, role.region)
        assert middle.startswith(" Ik ben   ▊ ▐●▌ medewerker") and middle.rstrip().endswith("ouder/verzorger    ▎")
        assert top.startswith(" " * LABEL_WIDTH + "▊▔▔") and bottom.startswith(" " * LABEL_WIDTH + "▊▁▁")
        top, middle, bottom = screen_lines(app, protocol.region)
        assert middle.startswith(" Protocol  ") and "Edu-Ley" in middle[LABEL_WIDTH:]
        assert top.startswith(" " * LABEL_WIDTH + "▔▔") and bottom.startswith(" " * LABEL_WIDTH + "▁▁")


async def test_the_protocol_button_opens_the_dialog_with_enter_space_and_a_click(app_factory):
    async with returning_user(app_factory) as (app, pilot):
        start = app.screen
        button = start.query_one("#protocol")
        for key in ("enter", "space"):
            button.focus()
            # a Button ignores a press while it still shows the last one (0.2 s, its -active class)
            await wait_for(pilot, lambda: not button.has_class("-active"), "the last press shown")
            await pilot.press(key)
            await wait_for(pilot, lambda: on_screen(app, "ChooseProtocolScreen"), f"the protocol dialog after {key}")
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is start, "back on the start screen")
        await wait_for(pilot, lambda: not button.has_class("-active"), "the last press shown")
        await pilot.click("#protocol", offset=(2, 1))  # on the label: nothing
        await pilot.pause()
        assert app.screen is start and not button.has_class("-active")
        await pilot.click("#protocol", offset=(LABEL_WIDTH + 3, 1))
        await wait_for(pilot, lambda: on_screen(app, "ChooseProtocolScreen"), "the protocol dialog after a click")
        dialog = app.screen
        ids = [p.id for p in dialog.protocols]
        await pilot.press(*(["down"] * (ids.index("quadraam") - ids.index("edu-ley"))), "enter")
        await wait_for(pilot, lambda: app.screen is start and app.protocol.id == "quadraam", "the new protocol")
        assert str(button.label) == "Quadraam  ▼ wijzigen"


async def test_the_summary_line_shows_the_highlighted_topic_and_is_not_there_without_one(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        start = app.screen
        await pilot.pause()
        assert not start.query("#summary") and not start.query("#draft")  # a first start mounts neither
        topics = start.query_one("#topics")
        empty_line = topics.region.bottom  # the list keeps the empty line below it
        await pilot.press("enter")  # medewerker
        await wait_for(pilot, lambda: on_screen(app, "ChooseProtocolScreen"), "the protocol dialog")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is start and app.protocol, "the start screen again")

        def summary() -> str | None:
            shown = [s for s in start.query("#summary") if not (s._pruning or s._closing)]  # not being removed
            return shown[0].content.plain if shown and shown[0].region.y == topics.region.bottom else None

        first = app.catalog.trees_for("staff")[0]
        await wait_for(pilot, lambda: summary() == first.summary, "the first topic's summary under the list")
        await pilot.press(*"foto")
        await wait_for(pilot, lambda: summary() == app.catalog.tree("photo").summary, "the photo topic's summary")
        await pilot.press(*"qqxq")
        await wait_for(pilot, lambda: topic_ids(app) == ["-"] and summary() is None, "no topic, no summary")
        assert topics.region.bottom == empty_line
        await pilot.press("escape")
        await wait_for(pilot, lambda: summary() == first.summary, "the summary back")


async def test_clean_data_shows_no_problem_banner(app_factory):
    async with returning_user(app_factory) as (app, pilot):
        assert not app.catalog.problems
        shown = "".join(str(widget.render()) for widget in app.screen.query("Static") if widget.display)
        assert "Probleem in de gegevens" not in shown
        assert "Onderwerpen voor medewerker" in app.screen.query_one("#topics").border_title


async def test_a_resized_terminal_lays_the_start_screen_out_anew(app_factory):
    async with returning_user(app_factory) as (app, pilot):
        topics = app.screen.query_one("#topics")
        await wait_for(pilot, lambda: topics.size.width > 0, "the topics laid out")
        narrow = topics.region
        await pilot.resize_terminal(100, 30)
        await wait_for(pilot, lambda: topics.region.width == narrow.width + 20, "the topics 20 columns wider")
        assert topics.region.height > narrow.height
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, lambda: topics.region.width == narrow.width, "the topics as narrow as before")

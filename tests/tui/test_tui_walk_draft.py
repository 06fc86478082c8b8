"""The interrupted incident walk (walk_draft) in the app, driven like a user (Pilot): every key typed into
the facts form is on disk at once (read back with a fresh load_draft, as the next start would), a new app
offers to resume it, and creating the incident, restarting, leaving or discarding removes it."""

from __future__ import annotations

import stat


from smassist.core.preferences import Preferences, load_preferences, save_preferences
from smassist.core.walk import Walk
from smassist.core.walk_draft import draft_path, load_draft, save_draft
from tests.tui.conftest import (answer_questions, choose_role_and_protocol, draft_banner, on_screen, open_topic,
                                question_top, showing_answer, showing_question, wait_for)
from tests.tui.test_tui_incidents import WHAT, reach_incident_answer

PLATFORM = "Instagram"


def typed(catalog, field: str) -> str | None:
    """What the next start would find in the form for this field."""
    draft = load_draft(catalog)
    if draft is None:
        return None
    return draft.pending.get("facts", {}).get(field)


async def open_facts_form(pilot):
    """Start screen → staff, buitengewoon → the incident topic, focus in the date field."""
    app = pilot.app
    await choose_role_and_protocol(pilot, 0, "buitengewoon")
    await open_topic(pilot, "incident")
    screen = app.screen
    await wait_for(pilot, lambda: screen.fields and app.focused is screen.fields["date"], "the facts form")
    return screen


def saved_facts_walk(catalog, answered: bool = False) -> Walk:
    """A draft as a killed app leaves it: on the facts form with text typed, or one question further."""
    walk = Walk(catalog.tree("incident"), catalog.protocol("buitengewoon"), "staff")
    if answered:
        walk.fill({"date": "01-02-2026", "platform": PLATFORM, "what_happened": WHAT, "evidence": ""})
        walk.answer("threat")
        save_draft(walk, {})
    else:
        save_draft(walk, {"facts": {"date": "01-02-2026", "platform": PLATFORM, "what_happened": WHAT,
                                    "evidence": ""}})
    return walk


async def test_every_key_in_the_facts_form_is_on_disk_and_a_new_app_resumes_it(app_factory, catalog):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_facts_form(pilot)
        assert not draft_path().exists()  # nothing typed yet
        await pilot.press(*"01-02")
        await wait_for(pilot, lambda: typed(catalog, "date") == "01-02", "the first keys on disk")
        await pilot.press(*"-2026", "enter", *PLATFORM, "enter")
        await wait_for(pilot, lambda: app.focused is screen.fields["what_happened"], "the description")
        await pilot.press(*WHAT)
        await wait_for(pilot, lambda: typed(catalog, "what_happened") == WHAT, "the description on disk")
        assert typed(catalog, "date") == "01-02-2026" and typed(catalog, "platform") == PLATFORM
        assert stat.S_IMODE(draft_path().stat().st_mode) == 0o600
        await pilot.press("ctrl+q")  # quitting is not finishing: the draft stays
    assert load_draft(catalog) is not None

    save_preferences(Preferences(role="pupil", protocol="togtemaar"))  # chosen otherwise meanwhile
    second = app_factory()
    async with second.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(second, "StartScreen"), "the start screen")
        text = await wait_for(pilot, lambda: draft_banner(second), "the banner about the interrupted walk")
        assert text.startswith("Je was bezig met een melding (Er is iets gebeurd op social media, opgeslagen om ")
        assert text.endswith("Druk op F7 om verder te gaan of Ctrl+Del om hem weg te gooien.")
        await pilot.press("f7")
        await wait_for(pilot, lambda: on_screen(second, "QuestionScreen"), "the resumed walk")
        screen = second.screen
        await wait_for(pilot, lambda: screen.fields and screen.fields["what_happened"].is_mounted, "the form")
        assert screen.fields["date"].value == "01-02-2026"
        assert screen.fields["platform"].value == PLATFORM
        assert screen.fields["what_happened"].text == WHAT
        assert (second.role, second.protocol.id) == ("staff", "buitengewoon")
        assert (load_preferences().role, load_preferences().protocol) == ("staff", "buitengewoon")

        area = screen.fields["what_happened"]
        area.focus()  # typing on goes after the text, and is kept
        await wait_for(pilot, lambda: second.focused is area and area.cursor_location == area.document.end,
                       "the cursor after the description")
        await pilot.press(*" Gisteren.")
        await wait_for(pilot, lambda: typed(catalog, "what_happened") == WHAT + " Gisteren.", "the addition on disk")
        screen.fields["evidence"].focus()
        await wait_for(pilot, lambda: second.focused is screen.fields["evidence"], "the evidence field")
        await pilot.press(*"foto's")
        await wait_for(pilot, lambda: typed(catalog, "evidence") == "foto's", "the new text on disk")
        assert typed(catalog, "what_happened") == WHAT + " Gisteren."


async def test_resuming_goes_to_the_question_where_the_user_was(app_factory, catalog):
    walk = saved_facts_walk(catalog, answered=True)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen") and app.screen.draft, "the banner")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: on_screen(app, "CommandPalette"), "the command palette")
        await pilot.press(*"Melding hervatten")
        await pilot.press("enter")  # the palette's "Melding hervatten"
        await wait_for(pilot, lambda: on_screen(app, "QuestionScreen"), "the resumed walk")
        resumed = app.screen.walk
        assert resumed.current.id == "offender"
        assert resumed.to_dict() == walk.to_dict()
        crumbs = question_top(app)[2]
        assert crumbs.endswith("› Bedreiging van de school, een leraar of andere medewerker, of een leerling")


async def test_creating_the_incident_removes_the_draft(app_factory, catalog):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await reach_incident_answer(pilot)
        answer = app.screen
        assert load_draft(catalog).walk.to_dict() == answer.walk.to_dict()  # the answers are kept too
        await pilot.press("i")
        await wait_for(pilot, lambda: on_screen(app, "IncidentFormScreen"), "the incident form")
        assert not draft_path().exists()

        await pilot.press("escape")  # back to the answer, then one question back: nothing new typed
        await wait_for(pilot, lambda: app.screen is answer and showing_answer(app), "the answer again")
        await pilot.press("escape")
        await wait_for(pilot, lambda: showing_question(app) and app.screen.walk.finished is False,
                       "the last question again")
        assert not draft_path().exists()


async def test_discarding_asks_first(app_factory, catalog):
    saved_facts_walk(catalog)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen") and app.screen.draft, "the banner")
        start = app.screen
        await pilot.press("ctrl+delete")
        await wait_for(pilot, lambda: on_screen(app, "IncidentConfirmScreen"), "the question")
        await pilot.press("enter")  # "Annuleren" has the focus
        await wait_for(pilot, lambda: app.screen is start, "the start screen")
        assert load_draft(catalog) is not None and draft_banner(app)

        await pilot.press("ctrl+delete")
        await wait_for(pilot, lambda: on_screen(app, "IncidentConfirmScreen"), "the question again")
        await pilot.press("j")
        await wait_for(pilot, lambda: app.screen is start and draft_banner(app) is None,
                       "the banner gone")
        assert not draft_path().exists()
        assert start.check_action("resume_draft", ()) is False


async def test_restarting_removes_the_draft_and_leaving_for_the_topics_keeps_it(app_factory, catalog):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_facts_form(pilot)
        await pilot.press(*"01-02-2026", "enter", *PLATFORM, "enter", *WHAT)
        await wait_for(pilot, lambda: typed(catalog, "what_happened") == WHAT, "the draft")
        screen.query_one(".submit").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.walk.current.id == "kind", "the next question")
        assert load_draft(catalog).walk.inputs["facts"]["what_happened"] == WHAT

        await pilot.press("r")  # restart: it names what would be lost and asks first
        await wait_for(pilot, lambda: on_screen(app, "IncidentConfirmScreen"), "the question before restarting")
        await pilot.press("j")
        await wait_for(pilot, lambda: screen.walk.current.id == "facts", "the facts form again")
        assert not draft_path().exists()

        await wait_for(pilot, lambda: screen.fields["date"].is_mounted and app.focused is screen.fields["date"],
                       "the empty form")
        await pilot.press(*"02-02-2026")
        await wait_for(pilot, lambda: typed(catalog, "date") == "02-02-2026", "the new draft")
        screen.query_one(".submit").focus()
        await wait_for(pilot, lambda: app.focused is screen.query_one(".submit"), "the button")
        await pilot.press("o")  # a letter in a form is no shortcut
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")  # back to the topics: nothing typed is thrown away without asking
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the topics")
        assert typed(catalog, "date") == "02-02-2026"
        await wait_for(pilot, lambda: draft_banner(app), "the offer to resume")


async def test_opening_the_incident_topic_over_a_draft_asks_first(app_factory, catalog):
    saved_facts_walk(catalog)
    save_preferences(Preferences(role="staff", protocol="buitengewoon"))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen") and app.screen.draft, "the banner")
        start = app.screen
        topics = start.query_one("#topics")
        topics.focus()
        await pilot.press("home", *(["down"] * topics.get_option_index("incident")), "enter")
        await wait_for(pilot, lambda: on_screen(app, "IncidentConfirmScreen"), "the question")
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is start, "the start screen")
        assert typed(catalog, "what_happened") == WHAT  # untouched

        await pilot.press("enter")  # the incident topic is still highlighted
        await wait_for(pilot, lambda: on_screen(app, "IncidentConfirmScreen"), "the question again")
        await pilot.press("j")
        await wait_for(pilot, lambda: on_screen(app, "QuestionScreen"), "a fresh walk")
        assert app.screen.walk.inputs == {} and not draft_path().exists()


async def test_a_topic_without_a_form_leaves_the_draft_alone(app_factory, catalog):
    saved_facts_walk(catalog)
    save_preferences(Preferences(role="staff", protocol="buitengewoon"))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen") and app.screen.draft, "the banner")
        await open_topic(pilot, "photo")  # no confirmation: this walk is not drafted
        screen = app.screen
        await answer_questions(pilot, {n: next(iter(o.id for o in node.options_for("staff")))
                                       for n, node in screen.walk.tree.nodes.items() if node.kind == "question"})
        await pilot.press("o")
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the topics")
        assert typed(catalog, "what_happened") == WHAT
        assert draft_banner(app)


async def test_a_broken_draft_is_reported_and_kept_aside(app_factory, catalog):
    path = draft_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{kapot", encoding="utf-8")
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await wait_for(pilot, lambda: any("beschadigd" in n.message for n in app._notifications), "the notice")
        assert draft_banner(app) is None
    [aside] = [p for p in path.parent.iterdir() if p.name.startswith("onderweg.beschadigd-")]
    assert aside.read_text(encoding="utf-8") == "{kapot"


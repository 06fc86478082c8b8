"""The incident workflow in the app, driven like a user (Pilot): from the incident tree's answer to the
form, the checklist, the list, export, delete and purge. Every saved value is read back with a fresh
Store (a second connection to the same file), as another process would see it after a crash."""

from __future__ import annotations

import json
import re
import stat
from datetime import date, datetime, timedelta, timezone

from textual.widgets import Button, Checkbox, DataTable, Input, OptionList, RadioSet, Select, Static, TextArea

from smassist.core.documents.plan import step_heading
from smassist.core.incidents.create import create_incident
from smassist.core.incidents.store import Store, database_path
from smassist.core.paths import user_documents_dir
from smassist.core.profile import Profile, load_profile, save_profile
from smassist.core.walk import Walk
from tests.incident_helpers import FULL_PROFILE
from tests.tui.conftest import (answer_part, answer_questions, answer_view, choose_role_and_protocol, on_screen,
                                open_topic, showing_answer, wait_for)

WHAT = "Een leerling is in een groepsapp bedreigd."
INCIDENT_ANSWERS = {"kind": "threat", "offender": "pupil", "criminal_pupil_parent": "ja",
                    "victim_pupil_parent": "pupil"}
# the walk's offender and victim answers, as the form's "Betrokkenen"
PREFILLED_PEOPLE = [{"role": "leerling", "part": "pleger", "name": ""},
                    {"role": "leerling", "part": "slachtoffer", "name": ""}]


def stored(incident_id: int):
    """The incident as a second process sees it."""
    with Store() as fresh:
        return fresh.get(incident_id)


def incident_walk(catalog, protocol: str = "buitengewoon") -> Walk:
    walk = Walk(catalog.tree("incident"), catalog.protocol(protocol), "staff")
    walk.fill({"date": "01-02-2026", "platform": "WhatsApp", "what_happened": WHAT, "evidence": ""})
    for option in INCIDENT_ANSWERS.values():
        walk.answer(option)
    return walk


def saved_incident(catalog, clock=None) -> int:
    """An incident made the way the answer screen makes it, straight into the user's register."""
    with Store(clock=clock) as store:
        return create_incident(incident_walk(catalog).result(), store=store).id


async def reach_incident_answer(pilot) -> None:
    """Start screen → staff, buitengewoon → the incident topic → the facts form → the answer."""
    app = pilot.app
    await choose_role_and_protocol(pilot, 0, "buitengewoon")
    await open_topic(pilot, "incident")
    screen = app.screen
    await wait_for(pilot, lambda: screen.fields and app.focused is screen.fields["date"], "the facts form")
    await pilot.press(*"01-02-2026", "enter", *"WhatsApp", "enter")
    await wait_for(pilot, lambda: app.focused is screen.fields["what_happened"], "the description")
    await pilot.press(*WHAT)
    screen.query_one(".submit").focus()
    await pilot.press("enter")
    await answer_questions(pilot, INCIDENT_ANSWERS)
    assert answer_view(app).result.tree.id == "incident"


async def test_the_answer_numbers_steps_as_the_protocol_does(app_factory):
    """The answer's steps carry the protocol's "Stap N" as the steps screen and the report do, never a place."""
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await reach_incident_answer(pilot)
        answer = answer_view(app)
        shown = " ".join(answer_part(app, "Stappen")[1:])  # the steps as shown, wrapped lines joined
        protocol, at = answer.result.protocol, 0
        for step in answer.result.ruling.steps:  # each in order, with its mark right before its text
            number = step_heading(protocol.articles.get(step.article))[0]
            item = (f"Stap {number}: " if number is not None else "• ") + answer.fill(step.text)
            assert shown.find(item, at) >= at, item
            at = shown.find(item, at) + len(item)
        assert "Stap 4: Stop de sneeuwbal" in shown
        assert not re.search(r"(^| )\d+\. ", shown)  # never numbered by place ("1. ", "2. ")


async def open_form_from_answer(pilot):
    app = pilot.app
    await reach_incident_answer(pilot)
    answer = answer_view(app)
    assert answer.check_action("start_incident", ()) is True
    await pilot.press("i")
    await wait_for(pilot, lambda: on_screen(app, "IncidentFormScreen"), "the incident form")
    form = app.screen
    await wait_for(pilot, lambda: form.query("#incident-status") and form.incident is not None, "the loaded form")
    return answer, form


async def type_into(pilot, widget, text: str, clear: bool = True) -> None:
    widget.focus()
    await wait_for(pilot, lambda: pilot.app.focused is widget, f"focus on {widget.id or widget}")
    if clear and isinstance(widget, Input):
        widget.value = ""
    if text:
        await pilot.press(*text)


async def choose_radio(pilot, radio: RadioSet, index: int) -> None:
    radio.focus()
    await wait_for(pilot, lambda: pilot.app.focused is radio, "focus on the choice")
    await pilot.press("home", *(["right"] * index), "enter")
    await wait_for(pilot, lambda: radio.pressed_index == index, "the chosen option")


async def choose_select(pilot, select: Select, index: int) -> None:
    """Open the drop-down with Enter, move down index+1 lines (past the prompt), Enter."""
    select.focus()
    await wait_for(pilot, lambda: pilot.app.focused is select, "focus on the drop-down")
    await pilot.press("enter")
    await wait_for(pilot, lambda: select.expanded, "the open drop-down")
    await pilot.press(*(["down"] * (index + 1)), "enter")
    await wait_for(pilot, lambda: not select.expanded and isinstance(select.value, str), "the chosen value")


def message(form, field_id: str) -> str:
    box = form.query_one(f"#msg-{field_id}", Static)
    return box.content.plain if box.display else ""


# -- starting and filling in --------------------------------------------------------------------


async def test_the_answer_starts_an_incident_and_every_change_is_saved_at_once(app_factory, catalog):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        answer, form = await open_form_from_answer(pilot)
        incident_id = form.incident_id
        first = stored(incident_id)
        assert first.status == "concept"
        # what the walk already knew is in the form and in the register: typed facts and answers alike
        assert first.report == {"date": "01-02-2026", "platform": "WhatsApp", "what_happened": WHAT,
                                "criminal": "ja", "involved": PREFILLED_PEOPLE}
        assert form.query_one("#field-what_happened", TextArea).text == WHAT
        assert form.query_one("#field-criminal", RadioSet).pressed_index == 0  # "Ja", as answered in the walk
        rows = list(form.widgets["involved"].query("RowEditor"))
        assert [(r.cells["role"].value, r.cells["part"].value) for r in rows[:2]] == \
            [("leerling", "pleger"), ("leerling", "slachtoffer")]
        # the checklist is the protocol's own steps, in its order
        steps = answer.result.ruling.steps
        assert [(i.text, i.who, i.article) for i in first.checklist] == \
            [(answer.result.protocol.fill(s.text), s.who, s.article) for s in steps]
        # the first empty field has the focus (the time); every key is saved
        await wait_for(pilot, lambda: app.focused is form.query_one("#field-time", Input), "focus on the time")
        await pilot.press("1", "4")
        await wait_for(pilot, lambda: stored(incident_id).report.get("time") == "14", "the first keys saved")
        await pilot.press(":", "3", "0")
        await wait_for(pilot, lambda: stored(incident_id).report.get("time") == "14:30", "the time saved")

        await type_into(pilot, form.query_one("#field-reporter", Input), "J. de Vries, mentor")
        await wait_for(pilot, lambda: stored(incident_id).report.get("reporter") == "J. de Vries, mentor",
                       "the reporter saved")

        await choose_radio(pilot, form.query_one("#field-evidence_screenshots", RadioSet), 0)
        await wait_for(pilot, lambda: stored(incident_id).report.get("evidence_screenshots") == "ja",
                       "the screenshots choice saved")

        links = form.query_one("#field-evidence_links", TextArea)
        await type_into(pilot, links, "https://example.invalid/groep")
        await wait_for(pilot, lambda: stored(incident_id).report.get("evidence_links") ==
                       "https://example.invalid/groep", "the links saved")

        row = form.widgets["involved"].query("RowEditor").first()
        await type_into(pilot, row.cells["name"], "Sam")
        await wait_for(pilot, lambda: stored(incident_id).report["involved"] ==
                       [{"role": "leerling", "part": "pleger", "name": "Sam"}, PREFILLED_PEOPLE[1]],
                       "the whole row saved")

        # Escape goes back to the answer; nothing needs saving
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is answer.screen and showing_answer(app), "back on the answer")
        # i again opens the same incident instead of a second one
        await pilot.press("i")
        await wait_for(pilot, lambda: on_screen(app, "IncidentFormScreen"), "the form again")
        assert app.screen.incident_id == incident_id
        assert app.screen.query_one("#field-reporter", Input).value == "J. de Vries, mentor"
        with Store() as fresh:
            assert [s.id for s in fresh.list_incidents()] == [incident_id]


async def test_the_start_action_shows_only_on_the_incident_answer_for_staff(app_factory):
    from tests.tui.test_tui_answer import reach_answer

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        other = await reach_answer(pilot)
        assert other.check_action("start_incident", ()) is False
        assert "Incidentmelding starten" not in [c.title for c in app.get_system_commands(app.screen)]
        await pilot.press("i")
        await pilot.pause()
        assert app.screen is other.screen and showing_answer(app)
        if database_path().exists():
            with Store() as fresh:
                assert fresh.list_incidents() == []


async def test_the_palette_offers_the_start_on_the_incident_answer(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await reach_incident_answer(pilot)
        assert "Incidentmelding starten" in [c.title for c in app.get_system_commands(app.screen)]
        await pilot.press("ctrl+p", *"Incidentmelding")
        await wait_for(pilot, lambda: app.screen.query("CommandList").first().option_count > 0
                       if app.screen.query("CommandList") else False, "the palette's hits")
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_screen(app, "IncidentFormScreen"), "the incident form")


async def test_a_date_in_the_future_and_an_impossible_time_get_a_message_beside_the_field(app_factory, catalog):
    incident_id = saved_incident(catalog)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_from_list(pilot, incident_id)
        tomorrow = (date.today() + timedelta(days=1)).strftime("%d-%m-%Y")
        await type_into(pilot, form.query_one("#field-date", Input), tomorrow)
        await wait_for(pilot, lambda: "toekomst" in message(form, "date"), "the message about the future")
        assert message(form, "date").startswith("⚠ Deze datum ligt in de toekomst")
        # the draft keeps what was typed
        await wait_for(pilot, lambda: stored(incident_id).report["date"] == tomorrow, "the typed date saved")

        await type_into(pilot, form.query_one("#field-time", Input), "25:61")
        await wait_for(pilot, lambda: "bestaat niet" in message(form, "time"), "the message about the time")
        assert "uren 0–23, minuten 0–59" in message(form, "time")

        await type_into(pilot, form.query_one("#field-date", Input), "31-02-2026")
        await wait_for(pilot, lambda: "bestaat niet" in message(form, "date"), "the message about 31 February")
        await type_into(pilot, form.query_one("#field-date", Input), "01-02-2026")
        await wait_for(pilot, lambda: message(form, "date") == "", "the date accepted")
        await type_into(pilot, form.query_one("#field-time", Input), "14:30")
        await wait_for(pilot, lambda: message(form, "time") == "", "the time accepted")


async def test_gemeld_is_refused_while_required_fields_are_empty_and_accepted_when_complete(app_factory, catalog):
    incident_id = saved_incident(catalog)
    app = app_factory()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        form = await open_from_list(pilot, incident_id)
        assert message(form, "reporter") == ""  # not nagging before the user got there
        await pilot.press("f8")
        await wait_for(pilot, lambda: message(form, "reporter"), "the messages after a refused report")
        assert stored(incident_id).status == "concept"
        assert "Vul dit in" in message(form, "reporter")
        assert message(form, "criminal") == ""  # answered in the walk
        assert app.focused is form.query_one("#field-reporter", Input)  # the first open point
        assert any("Nog niet gemeld" in n.message for n in app._notifications)

        await pilot.press(*"J. de Vries, mentor")
        await choose_radio(pilot, form.query_one("#field-evidence_screenshots", RadioSet), 1)
        await wait_for(pilot, lambda: not form.problems, "a complete form")
        assert "compleet" in form.query_one("#incident-status", Static).content.plain
        await pilot.press("f8")
        await wait_for(pilot, lambda: stored(incident_id).status == "gemeld", "the status gemeld")
        assert "Gemeld" in form.query_one("#incident-status", Static).content.plain
        await pilot.press("f9")
        await wait_for(pilot, lambda: stored(incident_id).status == "afgerond", "the status afgerond")


# -- the checklist -------------------------------------------------------------------------------


async def test_steps_are_ticked_off_with_a_date_and_a_note(app_factory, catalog):
    incident_id = saved_incident(catalog)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_from_list(pilot, incident_id)
        await pilot.press("f7")
        await wait_for(pilot, lambda: on_screen(app, "IncidentChecklistScreen"), "the checklist")
        checklist = app.screen
        boxes = list(checklist.query("StepBox"))
        assert [b.item.position for b in boxes] == list(range(1, len(stored(incident_id).checklist) + 1))
        first = boxes[0]
        await wait_for(pilot, lambda: app.focused is first.query_one("DoneBox"), "the first open step")
        assert "artikel 9C.9" in first.query_one(".step-meta", Static).content.plain
        # numbered as the protocol (and the printed report) numbers its plan, never by position:
        # buitengewoon's step 4 is "Stap 4" here too, and a step on 9C.9 (not a numbered step) has no number
        protocol = catalog.protocol("buitengewoon")
        shown = [b.query_one(".step-text", Static).content.plain for b in boxes]
        numbers = [step_heading(protocol.articles.get(b.item.article))[0] for b in boxes]
        assert any(n is not None for n in numbers) and any(n is None for n in numbers)
        for text, number, box in zip(shown, numbers, boxes):
            expected = f"☐ Stap {number}: " if number is not None else "☐ "
            assert text == expected + box.item.text, text

        await pilot.press("space")  # done today
        await wait_for(pilot, lambda: stored(incident_id).checklist[0].done == date.today(), "step 1 done today")
        assert first.query_one(".date", Input).value == date.today().strftime("%d-%m-%Y")
        await pilot.press("tab", "tab", *"Schoolleider gebeld")
        await wait_for(pilot, lambda: stored(incident_id).checklist[0].note == "Schoolleider gebeld", "note 1")

        second = boxes[1]
        await type_into(pilot, second.query_one(".date", Input), "02-02-2026")
        await wait_for(pilot, lambda: stored(incident_id).checklist[1].done == date(2026, 2, 2), "step 2 on 2 Feb")
        assert second.query_one("DoneBox").value is True
        await type_into(pilot, second.query_one(".note", Input), "Melding besproken")
        await wait_for(pilot, lambda: stored(incident_id).checklist[1].note == "Melding besproken", "note 2")

        # a date in the future is refused beside the step, which stays open
        third = boxes[2]
        future = (date.today() + timedelta(days=3)).strftime("%d-%m-%Y")
        await type_into(pilot, third.query_one(".date", Input), future)
        await wait_for(pilot, lambda: "toekomst" in third.query_one(".step-message", Static).content.plain,
                       "the message about the future")
        assert stored(incident_id).checklist[2].done is None
        assert third.query_one("DoneBox").value is False
        await type_into(pilot, third.query_one(".date", Input), "")
        await wait_for(pilot, lambda: not third.query_one(".step-message", Static).display, "the message gone")
        # clearing the date opens the step again
        await type_into(pilot, second.query_one(".date", Input), "")
        await wait_for(pilot, lambda: stored(incident_id).checklist[1].done is None, "step 2 open again")
        assert second.query_one("DoneBox").value is False
        status = checklist.query_one("#checklist-status", Static).content.plain
        assert "1 van" in status
        # the next open step is named by its own words, not by a position of ours
        assert "volgende: " + " ".join(second.item.text.split()[:4]) in status

        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is form, "back on the form")


# -- the list: open, export, delete, purge -------------------------------------------------------


async def open_list(pilot):
    app = pilot.app
    await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
    await pilot.press("f6")
    await wait_for(pilot, lambda: on_screen(app, "IncidentListScreen"), "the incidents list")
    return app.screen


async def open_from_list(pilot, incident_id: int):
    app = pilot.app
    listing = await open_list(pilot)
    table = listing.query_one("#incidents", DataTable)
    await wait_for(pilot, lambda: table.row_count > 0, "the incidents in the list")
    table.move_cursor(row=table.get_row_index(str(incident_id)))
    await pilot.press("enter")
    await wait_for(pilot, lambda: on_screen(app, "IncidentFormScreen"), "the incident form")
    form = app.screen
    await wait_for(pilot, lambda: form.incident is not None and form.query("#msg-date"), "the loaded form")
    # the form puts the focus in its first empty field after the first refresh: let that happen first
    await wait_for(pilot, lambda: app.focused is not None and form.field_of(app.focused) is not None,
                   "the focus in the first open field")
    return form


async def form_with_saved_text(pilot, incident_id: int, field_id: str, text: str):
    """A saved incident opened from the list, `text` typed into one field and saved: (form, field)."""
    form = await open_from_list(pilot, incident_id)
    field = form.widgets[field_id]
    await type_into(pilot, field, text)
    await wait_for(pilot, lambda: stored(incident_id).report.get(field_id) == text, f"'{text}' saved")
    return form, field


def row_texts(listing) -> list[list[str]]:
    table = listing.query_one("#incidents", DataTable)
    return [[str(getattr(cell, "plain", cell)) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_list_shows_status_last_change_and_the_next_open_step(app_factory, catalog):
    incident_id = saved_incident(catalog)
    with Store() as store:
        store.tick_step(incident_id, 1, "01-02-2026")
        expected_next = store.get(incident_id).checklist[1].text
        total = len(store.get(incident_id).checklist)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await open_list(pilot)
        rows = row_texts(listing)
        assert len(rows) == 1
        number, status, day, _changed, steps, next_step = rows[0]
        assert (number, status, day, steps) == (str(incident_id), "Concept", "01-02-2026", f"1/{total}")
        assert expected_next.startswith(next_step.rstrip("…"))
        detail = listing.query_one("#detail", Static).content.plain
        assert f"Volgende stap: {expected_next}" in detail
        assert not listing.query_one("#purge-offer", Static).display

        # resume: open, report the status change back in the list
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_screen(app, "IncidentFormScreen"), "the form")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is listing, "back on the list")
        await pilot.press("s")
        await wait_for(pilot, lambda: on_screen(app, "IncidentChecklistScreen"), "the steps")
        await pilot.press("space")  # step 2 is the first open one
        await wait_for(pilot, lambda: stored(incident_id).checklist[1].done is not None, "step 2 done")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is listing and row_texts(listing)[0][4] == f"2/{total}",
                       "the list updated")


async def test_the_list_opens_from_the_command_palette(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await pilot.press("ctrl+p", *"Incidenten")
        await wait_for(pilot, lambda: app.screen.query("CommandList").first().option_count > 0
                       if app.screen.query("CommandList") else False, "the palette's hits")
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_screen(app, "IncidentListScreen"), "the incidents list")
        assert "nog geen incidenten" in app.screen.query_one("#empty", Static).content.plain


async def export_as(pilot, listing, label_start: str):
    app = pilot.app
    await pilot.press("e")
    await wait_for(pilot, lambda: on_screen(app, "IncidentExportScreen"), "the export dialog")
    dialog = app.screen
    formats = dialog.query_one("#formats")
    labels = [str(formats.get_option_at_index(i).prompt) for i in range(formats.option_count)]
    index = next(i for i, label in enumerate(labels) if label.startswith(label_start))
    await pilot.press("home", *(["down"] * index), "enter")
    result = dialog.query_one("#export-result", Static)
    await wait_for(pilot, lambda: result.display and "Bezig" not in result.content.plain, "the export's result",
                   timeout=30)
    return dialog, result.content.plain


async def test_export_writes_private_files_in_the_documents_folder(app_factory, catalog, monkeypatch):
    save_profile(Profile(**FULL_PROFILE))
    incident_id = saved_incident(catalog)
    app = app_factory()  # reads the profile saved above
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await open_list(pilot)
        for label, suffix in (("Markdown", "md"), ("JSON", "json"), ("Webpagina", "html"), ("PDF", "pdf")):
            dialog, shown = await export_as(pilot, listing, label)
            path = dialog.saved_path
            assert path is not None, shown
            assert path.parent == user_documents_dir()
            assert path.name == f"incident-{incident_id}-{date.today().isoformat()}.{suffix}"
            assert str(path) in shown
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            if suffix == "json":
                data = json.loads(path.read_text(encoding="utf-8"))
                assert data["report"]["what_happened"] == WHAT
            elif suffix == "pdf":
                from pypdf import PdfReader

                text = " ".join(page.extract_text() for page in PdfReader(path).pages)
                assert "groepsapp" in " ".join(text.split())
            else:
                assert WHAT in path.read_text(encoding="utf-8")
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is listing, "back on the list")

        # a second export never replaces the first
        dialog, shown = await export_as(pilot, listing, "Markdown")
        assert dialog.saved_path.name == f"incident-{incident_id}-{date.today().isoformat()}-2.md"
        # F7 opens it in the system's viewer, F8 its folder; without a viewer the message says so
        from smassist.core import desktop

        assert "F7: openen" in shown and "F8: map tonen" in shown
        monkeypatch.setenv("PATH", "")
        await pilot.press("f7")
        await wait_for(pilot, lambda: any("geen programma om bestanden te openen" in n.message
                                          for n in app._notifications), "the message about the missing viewer")
        opened = []
        monkeypatch.setattr(desktop, "open_path", opened.append)
        await pilot.press("f8")
        await wait_for(pilot, lambda: opened == [dialog.saved_path.parent], "the folder opened")


async def test_export_asks_for_missing_profile_values_or_a_line_by_hand_never_a_dead_end(app_factory, catalog):
    incident_id = saved_incident(catalog)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_list(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: on_screen(app, "IncidentExportScreen"), "the export dialog")
        dialog = app.screen
        labels = [label.content.plain for label in dialog.query(".need-label")]
        assert labels == ["Naam van de school", "Schoolleider", "Functionaris Gegevensbescherming (FG)",
                          "Communicatiemedewerker"]
        name = dialog.query_one("#need-school_name", Input)
        await wait_for(pilot, lambda: app.focused is name, "the first missing value focused")
        # Tab and Enter go from field to field (typing meant for the next field is never lost on a box);
        # Enter in the last field goes on to the formats
        fields = {key: dialog.query_one(f"#need-{key}", Input)
                  for key in ("school_leader", "privacy_officer", "communication_officer")}
        await pilot.press(*"De Linde", "tab")
        await wait_for(pilot, lambda: app.focused is fields["school_leader"], "Tab: the next field")
        await pilot.press(*"A. Jansen", "enter")
        await wait_for(pilot, lambda: app.focused is fields["privacy_officer"], "Enter: the next field")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.focused is fields["communication_officer"], "Enter: the last field")
        await pilot.press("tab")  # the "met de hand" boxes come after the fields: letters are no shortcuts there
        await wait_for(pilot, lambda: app.focused is dialog.query_one("#hand-school_name", Checkbox), "the first box")
        await pilot.press("e", "j", "n")
        assert app.screen is dialog and name.value == "De Linde" and fields["school_leader"].value == "A. Jansen"
        fields["communication_officer"].focus()
        await wait_for(pilot, lambda: app.focused is fields["communication_officer"], "the last field again")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.focused is dialog.query_one("#formats", OptionList), "the formats")

        # nothing chosen for the others yet: the PDF waits and says what is still open
        await pilot.press("home", "enter")
        result = dialog.query_one("#export-result", Static)
        await wait_for(pilot, lambda: result.display, "the message")
        assert "Communicatiemedewerker" in result.content.plain and dialog.saved_path is None
        await pilot.press("end", "enter")  # JSON never needs the profile
        await wait_for(pilot, lambda: dialog.saved_path is not None, "the JSON export")
        assert json.loads(dialog.saved_path.read_text(encoding="utf-8"))["id"] == incident_id

        for key in ("privacy_officer", "communication_officer"):
            box = dialog.query_one(f"#hand-{key}", Checkbox)
            box.focus()
            await wait_for(pilot, lambda: app.focused is box, "the box")
            await pilot.press("space")
            await wait_for(pilot, lambda: box.value, "met de hand")
        dialog.query_one("#formats", OptionList).focus()
        await pilot.press("home", "down", "down", "enter")  # Markdown
        await wait_for(pilot, lambda: dialog.saved_path is not None and dialog.saved_path.suffix == ".md",
                       "the report", timeout=30)
        text = dialog.saved_path.read_text(encoding="utf-8")
        assert "De Linde" in text and "A. Jansen" in text
        # the labelled line to fill in by hand (Markdown escapes the underscores)
        assert "**Functionaris Gegevensbescherming (FG):** " + "\\_" * 28 in text
        # typed values are in the school profile now; "met de hand" is not
        profile = load_profile()
        assert profile.school_name == "De Linde" and profile.school_leader == "A. Jansen"
        assert profile.privacy_officer == ""


async def test_delete_asks_first_and_removes_the_incident(app_factory, catalog):
    keep = saved_incident(catalog)
    gone = saved_incident(catalog)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        listing = await open_list(pilot)
        table = listing.query_one("#incidents", DataTable)
        assert table.row_count == 2
        table.move_cursor(row=table.get_row_index(str(gone)))
        await pilot.press("x")
        await wait_for(pilot, lambda: on_screen(app, "IncidentConfirmScreen"), "the question")
        assert f"Incident {gone} definitief verwijderen?" in app.screen.query_one("#confirm-question").content.plain
        await pilot.press("enter")  # the focus is on Annuleren: Enter alone deletes nothing
        await wait_for(pilot, lambda: app.screen is listing, "back on the list")
        assert stored(gone).id == gone
        await pilot.press("x")
        await wait_for(pilot, lambda: on_screen(app, "IncidentConfirmScreen"), "the question again")
        await pilot.press("j")
        await wait_for(pilot, lambda: app.screen is listing and table.row_count == 1, "the list without it")
        with Store() as fresh:
            assert [s.id for s in fresh.list_incidents()] == [keep]
        assert WHAT.encode() in database_path().read_bytes()  # the other one is still there


async def test_purge_is_offered_for_incidents_unchanged_for_12_months(app_factory, catalog):
    old_moment = datetime.now(timezone.utc) - timedelta(days=400)
    old = saved_incident(catalog, clock=lambda: old_moment)
    recent = saved_incident(catalog)
    app = app_factory()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        listing = await open_list(pilot)
        offer = listing.query_one("#purge-offer", Static)
        assert offer.display
        assert "1 incident is langer dan 12 maanden niet gewijzigd" in offer.content.plain
        await pilot.press("p")
        await wait_for(pilot, lambda: on_screen(app, "IncidentConfirmScreen"), "the question")
        dialog = app.screen
        assert "1 incident definitief verwijderen?" in dialog.query_one("#confirm-question").content.plain
        assert f": {old}." in dialog.query_one("#confirm-detail").content.plain
        await pilot.press("j")
        await wait_for(pilot, lambda: app.screen is listing and not offer.display, "the offer gone")
        with Store() as fresh:
            assert [s.id for s in fresh.list_incidents()] == [recent]

        # nothing left: no longer offered; from the palette it says so instead of asking
        assert listing.check_action("purge", ()) is False
        listing.run_purge()
        await wait_for(pilot, lambda: any("geen incidenten" in n.message for n in app._notifications),
                       "the message that nothing is due")
        assert app.screen is listing


# -- the register: one per session, a bad file reported once ---------------------------------------


async def test_a_bad_database_file_is_reported_once_and_kept_aside(app_factory):
    path = database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"dit is geen database, maar wel iets van de gebruiker")
    app = app_factory()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        listing = await open_list(pilot)
        titles = [n.title for n in app._notifications]
        assert titles.count("Let op: incidentenbestand apart gezet") == 1
        notice = next(n.message for n in app._notifications if n.title == "Let op: incidentenbestand apart gezet")
        assert "apart" in notice or "bewaard" in notice
        aside = list(path.parent.glob("incidents.onbekend-*.db"))
        assert len(aside) == 1 and aside[0].read_bytes().startswith(b"dit is geen database")
        store = listing.store
        await pilot.press("escape")
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await pilot.press("f6")
        await wait_for(pilot, lambda: on_screen(app, "IncidentListScreen"), "the list again")
        assert app.screen.store is store  # the same register, not opened again
        assert [n.title for n in app._notifications].count("Let op: incidentenbestand apart gezet") == 1


async def test_f6_from_the_steps_goes_back_to_the_same_list(app_factory, catalog):
    incident_id = saved_incident(catalog)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_from_list(pilot, incident_id)
        listing = app.screen_stack[-2]
        await pilot.press("ctrl+t")  # the steps, by the key that also works without F-keys
        await wait_for(pilot, lambda: on_screen(app, "IncidentChecklistScreen"), "the steps")
        await pilot.press("f6")
        await wait_for(pilot, lambda: app.screen is listing, "the list below, not a second one")
        assert form not in app.screen_stack


async def test_an_incident_deleted_elsewhere_gives_a_message_not_a_traceback(app_factory, catalog):
    incident_id = saved_incident(catalog)
    app = app_factory()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        listing = await open_list(pilot)
        with Store() as other_window:
            other_window.delete(incident_id)
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_screen(app, "IncidentFormScreen"), "the form screen")
        await wait_for(pilot, lambda: app.screen.query("#gone"), "the message")
        assert "kan niet worden geopend" in app.screen.query_one("#gone", Static).content.plain
        assert any(f"incident {incident_id} bestaat niet" in n.message.lower() for n in app._notifications)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is listing and not listing.summaries, "the list, now empty")


async def test_the_status_buttons_do_what_their_keys_do(app_factory, catalog):
    incident_id = saved_incident(catalog)
    app = app_factory()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        form = await open_from_list(pilot, incident_id)
        form.query_one("#to-concept", Button).press()
        await wait_for(pilot, lambda: any("al 'Concept'" in n.message for n in app._notifications), "already concept")
        form.query_one("#to-gemeld", Button).press()
        await wait_for(pilot, lambda: any("Nog niet gemeld" in n.message for n in app._notifications), "refused")
        assert stored(incident_id).status == "concept" and "Vul dit in" in message(form, "reporter")
        form.query_one("#to-afgerond", Button).press()
        await wait_for(pilot, lambda: any("Nog niet afgerond" in n.message for n in app._notifications), "refused")
        assert stored(incident_id).status == "concept"

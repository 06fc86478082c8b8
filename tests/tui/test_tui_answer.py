"""Pilot tests of the answer's actions: open a citation, copy, compare, documents, settings, help."""

from __future__ import annotations


from textual.widgets import OptionList

from smassist.core.answer_export import result_text
from smassist.core.record import replace
from smassist.core.verdicts import Verdict
from smassist.core.walk import Walk
from tests.tui.conftest import (answer_head, answer_part, answer_questions, answer_short, answer_view,
                                choose_role_and_protocol, on_screen, open_topic, showing_answer, wait_for)

STAFF_PRIVATE = {"staff_with": "pupil", "staff_account": "private", "staff_urgent": "nee"}


async def reach_answer(pilot, protocol_id="buitengewoon", answers=STAFF_PRIVATE):
    await choose_role_and_protocol(pilot, 0, protocol_id)
    await open_topic(pilot, "befriend")
    await answer_questions(pilot, answers)
    return answer_view(pilot.app)


async def test_a_citation_opens_the_protocol_at_that_article(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        answer = await reach_answer(pilot)
        cited = answer.result.citations[0].article
        await pilot.press("tab")
        await wait_for(pilot, lambda: type(app.focused).__name__ == "CitationView", "focus on the first citation")
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_screen(app, "ProtocolScreen"), "the protocol screen")
        protocol = app.screen
        await wait_for(pilot, lambda: protocol.current_article == cited.id, "the jump to the cited article")
        view = protocol.views[protocol.current]
        text = protocol.query_one("#text")
        await wait_for(pilot, lambda: text.region.y <= view.region.y <= text.region.y + 1,  # its margin
                       "the article at the top of the text")
        assert view.has_class("-current")
        assert view.content.plain.startswith(cited.label)
        assert cited.label in protocol.query_one("#status").content.plain

        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is answer.screen and showing_answer(app), "back on the answer")
        assert app.focused is answer.query_one("CitationView")  # where the user left it


async def test_searching_the_protocol_jumps_from_match_to_match(app_factory, catalog):
    protocol = catalog.protocol("buitengewoon")
    expected = [a.id for a in protocol.articles.values() if "whatsapp" in protocol.fill(a.text).casefold()]
    assert len(expected) >= 2
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role_and_protocol(pilot, 0, "buitengewoon")
        await pilot.press("f4")
        await wait_for(pilot, lambda: on_screen(app, "ProtocolScreen"), "the protocol screen")
        screen = app.screen
        await pilot.press("slash", *"WhatsApp")
        await wait_for(pilot, lambda: screen.current_article == expected[0], "the first match")
        assert [screen.views[i].article.id for i in screen.matches] == expected
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.current_article == expected[1], "the second match")
        assert screen.query_one("#status").content.plain.startswith(f"Treffer 2 van {len(expected)}")


async def test_copy_puts_the_answer_with_its_citations_on_the_clipboard(app_factory, monkeypatch):
    from smassist.core import desktop

    monkeypatch.setattr(desktop, "copy_text", lambda text: False)  # no clipboard tool: the terminal's way
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        answer = await reach_answer(pilot)
        await pilot.press("k")
        await wait_for(pilot, lambda: app.clipboard, "the clipboard")
        assert app.clipboard == result_text(answer.result, app.profile_values, plain=True)
        assert "│" not in app.clipboard  # plain text, no border characters
        assert Verdict.NOT_ALLOWED.display.upper() in app.clipboard
        for citation in answer.result.citations:
            assert citation.article.reference in app.clipboard
        assert "Waarom dit antwoord:" in app.clipboard


async def test_compare_shows_the_same_answers_in_every_protocol(app_factory, catalog):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await reach_answer(pilot)
        await pilot.press("v")
        await wait_for(pilot, lambda: on_screen(app, "CompareScreen"), "the comparison")
        screen = app.screen
        rows = screen.query_one("#rows", OptionList)
        assert [r.protocol.id for r in screen.rows][0] == "buitengewoon"
        assert {r.protocol.id for r in screen.rows} == set(catalog.protocols)
        for row in screen.rows:
            walk = Walk(catalog.tree("befriend"), row.protocol, "staff")
            walk.answers.update(STAFF_PRIVATE)
            walk.fast_forward()
            prompt = rows.get_option(row.protocol.id).prompt.plain
            assert row.protocol.organisation in prompt
            assert walk.result().ruling.verdict.display in prompt
            for citation in walk.result().citations:
                assert citation.article.reference in prompt

        # Enter on another protocol shows its whole answer (without comparing again).
        other = screen.rows[1]
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: on_screen(app, "AnswerScreen"), "the other protocol's answer")
        assert answer_view(app).result.protocol.id == other.protocol.id
        assert answer_view(app).comparing
        await pilot.press("escape")
        await wait_for(pilot, lambda: on_screen(app, "CompareScreen"), "back on the comparison")


async def test_document_action_shows_only_when_the_ruling_offers_one(app_factory):
    from smassist.tui.screens.answer import AnswerScreen

    app = app_factory()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        plain = await reach_answer(pilot)
        assert not plain.result.ruling.documents
        assert plain.check_action("document", ()) is False  # hidden from the footer

        with_document = replace(
            plain.result, ruling=replace(plain.result.ruling, documents=("consent_photo",)))
        await app.push_screen(AnswerScreen(with_document, plain.walk))
        assert answer_view(app).check_action("document", ()) is True
        await pilot.press("d")
        await wait_for(pilot, lambda: on_screen(app, "DocumentScreen"), "the document screen")
        assert app.screen.result is with_document


async def test_settings_open_from_a_key_and_from_the_command_palette(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await pilot.press("f2")
        await wait_for(pilot, lambda: on_screen(app, "SettingsScreen"), "the settings screen")
        await pilot.press("escape")
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "back on the start screen")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Instellingen" in titles
        await pilot.press("ctrl+p", *"Instellingen")
        await wait_for(pilot, lambda: app.screen.query("CommandList").first().option_count > 0
                       if app.screen.query("CommandList") else False, "the palette's hits")
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_screen(app, "SettingsScreen"), "the settings screen")


async def test_help_lists_the_keys_and_escape_closes_it(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        start = app.screen
        await pilot.press("f1")
        await wait_for(pilot, lambda: on_screen(app, "HelpScreen"), "the help")
        text = app.screen.query_one("#help Static").content.plain
        for key in ("Escape", "Ctrl+P", "1–9", "Kopieer".lower()):
            assert key.lower() in text.lower()
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is start, "back on the start screen")


async def test_the_answer_shows_the_highlighted_passage_and_the_note(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 40)) as pilot:
        await choose_role_and_protocol(pilot, 0, "buitengewoon")
        await open_topic(pilot, "befriend")
        await answer_questions(pilot, {"staff_with": "parent", "staff_parent_urgent": "ja"})
        await wait_for(pilot, lambda: showing_answer(app), "the answer")
        views = [v for v in app.screen.query("CitationView") if v.article == "9C.6"]
        spans = views[0].content.spans
        highlighted = "".join(views[0].content.plain[s.start:s.end] for s in spans if "underline" in str(s.style))
        assert "leerlingen en/of ouders" in highlighted
        assert not any(line.startswith("Let op: ") for line in answer_head(app))


async def test_a_note_stands_beside_the_protocols_own_answer(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 40)) as pilot:
        await choose_role_and_protocol(pilot, 0, "quadraam")
        await open_topic(pilot, "photo")
        await answer_questions(pilot, {"school_related": "ja", "who": "pupils", "pupil_consent": "written", "age": "sixteen"})
        await wait_for(pilot, lambda: showing_answer(app), "the answer")
        note = " ".join(answer_part(app, "Let op: "))
        assert "AVG" in note
        assert "ouders/verzorgers" in answer_short(app)


async def test_copy_is_honest_about_the_terminal_and_offers_a_text_file_to_open(app_factory, monkeypatch):
    from smassist.core import desktop
    from smassist.core.paths import user_documents_dir

    monkeypatch.setattr(desktop, "copy_text", lambda text: False)
    opened = []
    monkeypatch.setattr(desktop, "open_path", opened.append)
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        answer = await reach_answer(pilot)
        note = app.screen.query_one("#answer-note")
        await pilot.press("k")
        await wait_for(pilot, lambda: note.display, "the message under the answer")
        text = note.content.plain
        assert "Gekopieerd" not in text and "hangt af van je terminal" in text and "Druk op s" in text
        await pilot.press("s")
        await wait_for(pilot, lambda: answer.saved_path is not None, "the text file")
        path = answer.saved_path
        assert path.parent == user_documents_dir() and path.suffix == ".txt"
        assert path.read_text(encoding="utf-8") == result_text(answer.result, app.profile_values, plain=True)
        assert str(path) in note.content.plain and "F7: openen" in note.content.plain
        await pilot.press("f7")
        await wait_for(pilot, lambda: opened == [path], "the file handed to the viewer")


async def test_copy_says_gekopieerd_when_the_systems_clipboard_took_it(app_factory, monkeypatch):
    from smassist.core import desktop

    copied = []
    monkeypatch.setattr(desktop, "copy_text", lambda text: copied.append(text) or True)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        answer = await reach_answer(pilot)
        await pilot.press("k")
        note = app.screen.query_one("#answer-note")
        await wait_for(pilot, lambda: note.display, "the message")
        assert note.content.plain.startswith("Gekopieerd") and copied

"""The review screen for an imported protocol, reached from the protocol list; the concept mark on answers."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from smassist.core.catalog import load_catalog, protocol_files
from smassist.core.importing.pipeline import import_document, to_yaml, write_atomic
from smassist.core.paths import decision_trees_dir, templates_dir
from smassist.tui.app import make_app
from tests.tui.conftest import answer_part, answer_questions, choose_role_and_protocol, on_screen, open_topic, wait_for

SEED = Path(__file__).parent.parent / "data" / "seeds" / "001_beab779261fe3bec.txt"


@pytest.fixture
def draft_catalog(tmp_path, monkeypatch):
    monkeypatch.setenv("SMASSIST_HOME", str(tmp_path / "home"))
    bundled = load_catalog(decision_trees_dir())
    sources = [p for p in bundled.protocols.values() if p.id != "togtemaar"]
    result = import_document(SEED, "onzeschool", list(bundled.trees.values()), sources)
    path = tmp_path / "onzeschool.yaml"
    write_atomic(path, to_yaml(result.data))
    catalog = load_catalog(decision_trees_dir(), templates_dir(), protocols=[*protocol_files(decision_trees_dir()), path])
    assert catalog.problems == []
    return catalog, path


async def _review_from_the_protocol_list(app, pilot) -> None:
    await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
    await pilot.press("enter")
    await wait_for(pilot, lambda: on_screen(app, "ChooseProtocolScreen"), "the protocol dialog")
    ids = [p.id for p in app.screen.protocols]
    await pilot.press(*(["down"] * ids.index("onzeschool")), "n")


async def test_review_from_the_protocol_list_saves_each_decision(draft_catalog):
    catalog, path = draft_catalog
    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await _review_from_the_protocol_list(app, pilot)
        await wait_for(pilot, lambda: on_screen(app, "ReviewScreen"), "the review screen")
        screen = app.screen
        progress = screen.query_one("#progress")
        total = screen.review.progress()[1]
        assert progress.content.plain == f"0 van {total} nagekeken"
        first = screen.current
        await pilot.press("a")
        await wait_for(pilot, lambda: progress.content.plain == f"1 van {total} nagekeken", "the first decision")
        saved = yaml.safe_load(path.read_text())
        assert saved["rulings"][first[0]][first[1]]["review"]["state"] == "reviewed"
        assert screen.current != first
        await pilot.press("escape")
        await wait_for(pilot, lambda: not on_screen(app, "ReviewScreen"), "back from the review")


async def test_when_all_is_reviewed_the_footer_offers_no_decision_keys(draft_catalog):
    catalog, _ = draft_catalog
    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(100, 30)) as pilot:
        from smassist.tui.screens.review import ReviewScreen

        app.push_screen(ReviewScreen(catalog.protocol("onzeschool")))
        await wait_for(pilot, lambda: on_screen(app, "ReviewScreen"), "the review screen")
        screen = app.screen
        keys = lambda: {b.binding.key for b in screen.active_bindings.values()}  # noqa: E731
        assert {"a", "b", "n", "o"} <= keys()
        total = screen.review.progress()[1]
        for done in range(1, total + 1):
            await pilot.press("a")
            await wait_for(pilot, lambda: screen.review.progress()[0] == done, f"decision {done}")
        await wait_for(pilot, lambda: "Alles is nagekeken" in screen.query_one("#situation").content.plain, "all reviewed")
        await wait_for(pilot, lambda: not {"a", "b", "n", "o"} & keys(), "the decision keys gone from the footer")
        assert "escape" in keys()


async def test_an_answer_and_the_compare_screens_under_a_concept_say_so(draft_catalog):
    from textual.widgets import OptionList

    from smassist.core.answer_export import CONCEPT_MARK

    catalog, _ = draft_catalog
    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await choose_role_and_protocol(pilot, 0, "onzeschool")
        await open_topic(pilot, "befriend")
        await answer_questions(pilot, {"staff_with": "pupil", "staff_account": "private", "staff_urgent": "nee"})
        mark = " ".join(answer_part(app, "⚠ "))
        assert mark.startswith("⚠ Concept – nog niet nagekeken")
        # comparing: the imported concept is marked, and no other protocol
        await pilot.press("v")
        await wait_for(pilot, lambda: on_screen(app, "CompareScreen"), "the comparison")
        rows = app.screen.query_one("#rows", OptionList)
        marked = {row.protocol.id for row in app.screen.rows if CONCEPT_MARK in rows.get_option(row.protocol.id).prompt.plain}
        assert marked == {"onzeschool"}
        await pilot.press("n")
        await wait_for(pilot, lambda: on_screen(app, "CompareAllScreen") and app.screen.query("ProtocolColumn"), "side by side")
        columns = {c.row.protocol.id: str(c.render()) for c in app.screen.query("ProtocolColumn")}
        assert {pid for pid, shown in columns.items() if CONCEPT_MARK in shown} == {"onzeschool"}


async def test_editing_keeps_typed_text_until_saved_or_escaped_twice(draft_catalog):
    catalog, path = draft_catalog
    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(100, 30)) as pilot:
        from smassist.tui.screens.review import ReviewScreen

        protocol = catalog.protocols["onzeschool"]
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        app.push_screen(ReviewScreen(protocol))
        await wait_for(pilot, lambda: on_screen(app, "ReviewScreen"), "the review screen")
        screen = app.screen
        first = screen.current
        await pilot.press("b")
        await wait_for(pilot, lambda: on_screen(app, "EditRulingScreen"), "the edit dialog")
        editor = app.screen.query_one("#answer")
        editor.focus()
        editor.text = "Nee, dat mag niet."
        await pilot.press("escape")
        await pilot.pause()
        assert on_screen(app, "EditRulingScreen") and editor.text == "Nee, dat mag niet."
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: on_screen(app, "ReviewScreen"), "back on the review")
        saved = yaml.safe_load(path.read_text())["rulings"][first[0]][first[1]]
        assert saved["answer"] == "Nee, dat mag niet." and saved["review"]["state"] == "reviewed"
        from smassist.core.protocol_file import read_protocol

        assert read_protocol(path)[1] == []  # the edited file is still a valid protocol


@pytest.fixture
def stricter_catalog(tmp_path, monkeypatch):
    """The togtemaar text whose friends rule also forbids following pupils, imported with togtemaar unknown."""
    monkeypatch.setenv("SMASSIST_HOME", str(tmp_path / "home"))
    rule = "Het is medewerkers niet toegestaan om 'vrienden' te worden met leerlingen op sociale media."
    source = tmp_path / "strenger.txt"
    source.write_text(SEED.read_text(encoding="utf-8").replace(rule, rule.replace("te worden", "te worden of te volgen")), encoding="utf-8")
    bundled = load_catalog(decision_trees_dir())
    sources = [p for p in bundled.protocols.values() if p.id != "togtemaar"]
    path = tmp_path / "onzeschool.yaml"
    write_atomic(path, to_yaml(import_document(source, "onzeschool", list(bundled.trees.values()), sources).data))
    return load_catalog(decision_trees_dir(), templates_dir(), protocols=[*protocol_files(decision_trees_dir()), path])


def _styled(static, style_word: str) -> list[str]:
    content = static.content
    return [content.plain[s.start:s.end] for s in content.spans if style_word in str(s.style)]


@pytest.mark.parametrize("size, beside", [((100, 30), True), ((80, 24), False)])
async def test_the_changed_article_stands_beside_the_known_one_with_the_changed_words_marked(stricter_catalog, size, beside):
    from smassist.tui.screens.review import ReviewScreen

    app = make_app(catalog=stricter_catalog, animate=False)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        app.push_screen(ReviewScreen(stricter_catalog.protocols["onzeschool"]))
        await wait_for(pilot, lambda: on_screen(app, "ReviewScreen"), "the review screen")
        screen = app.screen

        def friends_shown() -> bool:
            return any("of te volgen" in new.content.plain for new in screen.query(".new"))

        for _ in range(len(screen.todo)):
            if friends_shown():
                break
            await pilot.press("o")
            await pilot.pause()
        await wait_for(pilot, friends_shown, "the changed friends article")
        pair = next(p for p in screen.query(".pair") if "of te volgen" in p.query_one(".new").content.plain)
        old, new = pair.query_one(".old"), pair.query_one(".new")
        assert "of te volgen" not in old.content.plain
        assert _styled(new, "underline") == ["of te volgen"] and _styled(old, "strike") == []
        known, here = pair.query(".column")
        assert "Bekend:" in known.query_one(".column-title").content.plain
        assert "Dit protocol: artikel A.5" in here.query_one(".column-title").content.plain
        if beside:
            assert here.region.y == known.region.y and here.region.x > known.region.right - 1
        else:
            assert here.region.x == known.region.x and here.region.y >= known.region.bottom


async def test_a_carried_ruling_of_a_reviewed_protocol_can_be_looked_at_and_changed(draft_catalog):
    """l lists every ruling, the ones carried over unchanged too; changing one is saved at once and the
    progress still counts only what the import asked to review."""
    _, path = draft_catalog
    data = yaml.safe_load(path.read_text())
    for outcomes in data["rulings"].values():
        for entry in outcomes.values():
            if entry["review"]["state"] != "same":
                entry["review"]["state"] = "reviewed"
    data["status"] = "vastgesteld"
    write_atomic(path, to_yaml(data))
    catalog = load_catalog(decision_trees_dir(), templates_dir(), protocols=[*protocol_files(decision_trees_dir()), path])
    entries = [(t, o, e) for t, outs in data["rulings"].items() for o, e in outs.items()]
    total = sum(e["review"]["state"] != "same" for _, _, e in entries)
    target = next(i for i, (_, _, e) in enumerate(entries) if e["review"]["state"] == "same" and e["verdict"] != "not_regulated")
    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await _review_from_the_protocol_list(app, pilot)
        await wait_for(pilot, lambda: on_screen(app, "ReviewScreen"), "the review screen of a reviewed protocol")
        screen = app.screen
        keys = lambda: {b.binding.key: b.binding.description for b in screen.active_bindings.values()}  # noqa: E731
        assert "Alles is nagekeken" in screen.query_one("#situation").content.plain
        assert keys().get("l") == "Lijst" and "a" not in keys()
        await pilot.press("l")
        await wait_for(pilot, lambda: on_screen(app, "RulingListScreen"), "the list of every ruling")
        listed = app.screen.query_one("#rulings")
        assert listed.option_count == len(entries) + 1  # and "only what still needs review" on top
        tree, outcome, _ = entries[target]
        assert "gelijk overgenomen" in listed.get_option(f"{tree}/{outcome}").prompt.plain
        listed.highlighted = listed.get_option_index(f"{tree}/{outcome}")
        await pilot.press("enter")
        progress = screen.query_one("#progress")
        await wait_for(pilot, lambda: on_screen(app, "ReviewScreen") and f"uitspraak {target + 1} van {len(entries)}" in progress.content.plain,
                       "the chosen carried ruling")
        assert {"a", "b", "n", "o"} <= set(keys())
        assert "gelijk overgenomen" in screen.query_one("#state").content.plain
        await pilot.press("n")
        await wait_for(pilot, lambda: on_screen(app, "IncidentConfirmScreen"), "the question before 'niet geregeld'")
        await pilot.press("j")
        await wait_for(pilot, lambda: f"uitspraak {target + 2} van" in progress.content.plain, "on to the next ruling")
        tree, outcome, _ = entries[target]
        saved = yaml.safe_load(path.read_text())["rulings"][tree][outcome]
        assert saved["verdict"] == "not_regulated" and saved["review"]["state"] == "reviewed"
        assert progress.content.plain.startswith(f"{total} van {total} nagekeken")
        assert app.catalog.protocols["onzeschool"].ruling(tree, outcome).verdict.value == "not_regulated"
        await pilot.press("l")
        await wait_for(pilot, lambda: on_screen(app, "RulingListScreen"), "the list again")
        assert "nagekeken" in app.screen.query_one("#rulings").get_option(f"{tree}/{outcome}").prompt.plain
        app.screen.query_one("#rulings").highlighted = 0
        await pilot.press("enter")  # back to only what needs review: nothing here
        await wait_for(pilot, lambda: on_screen(app, "ReviewScreen") and "Alles is nagekeken" in screen.query_one("#situation").content.plain,
                       "only what needs review")
        await pilot.press("escape")
        await wait_for(pilot, lambda: on_screen(app, "ChooseProtocolScreen"), "back to the protocol list")


async def test_the_editor_asks_for_steps_and_keeps_a_stappenplan_without_them_unsaved(draft_catalog):
    from textual.widgets import Select

    from smassist.core.protocol_file import read_protocol
    from smassist.tui.screens.review import ReviewScreen

    catalog, path = draft_catalog
    before = path.read_text()
    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        app.push_screen(ReviewScreen(catalog.protocols["onzeschool"]))
        await wait_for(pilot, lambda: on_screen(app, "ReviewScreen"), "the review screen")
        first = app.screen.current
        await pilot.press("b")
        await wait_for(pilot, lambda: on_screen(app, "EditRulingScreen"), "the edit dialog")
        dialog = app.screen
        steps, conditions = dialog.query_one("#steps"), dialog.query_one("#conditions")
        dialog.query_one("#verdict", Select).value = "not_allowed"
        await wait_for(pilot, lambda: not steps.display and not conditions.display, "no box for 'Niet toegestaan'")
        dialog.query_one("#verdict", Select).value = "steps"
        await wait_for(pilot, lambda: steps.display and not conditions.display, "only the steps box")
        steps.text = ""  # a Stappenplan with its steps wiped
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: any("minstens één stap" in n.message for n in app._notifications), "the refusal")
        assert on_screen(app, "EditRulingScreen") and path.read_text() == before and steps.has_focus
        steps.text = "Bel de ouders\nMeld het bij de directeur\n"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: on_screen(app, "ReviewScreen"), "back on the review")
        protocol, problems = read_protocol(path)
        assert problems == []
        assert [s.text for s in protocol.ruling(*first).steps] == ["Bel de ouders", "Meld het bij de directeur"]


async def test_the_protocol_list_says_when_a_file_of_the_user_is_not_used_because_of_a_bundled_id(tmp_path, monkeypatch):
    from smassist.core.catalog_sources import load_user_catalog
    from smassist.core.paths import user_protocols_dir

    monkeypatch.setenv("SMASSIST_HOME", str(tmp_path / "home"))
    user_protocols_dir().mkdir(parents=True)
    text = (decision_trees_dir() / "protocols" / "togtemaar.yaml").read_text(encoding="utf-8")
    (user_protocols_dir() / "togtemaar.yaml").write_text(text.replace("Togtemaarschool", "Onze School"), encoding="utf-8")
    catalog = load_user_catalog()
    assert catalog.protocols["togtemaar"].organisation == "Togtemaarschool"
    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_screen(app, "ChooseProtocolScreen"), "the protocol dialog")
        await wait_for(pilot, lambda: app.screen.query(".shadowed"), "the notice")
        notice = app.screen.query_one(".shadowed")
        assert "togtemaar.yaml wordt niet gebruikt: een meegeleverd protocol heeft dezelfde id" in notice.content.plain
        assert notice.region.bottom <= 24 and notice.region.height >= 2  # on screen at the smallest size
        assert "Onze School" not in " ".join(p.organisation for p in app.screen.protocols)


async def test_a_protocol_written_by_hand_can_be_opened_from_the_list_and_its_rulings_listed(tmp_path, monkeypatch):
    """A colleague's reviewed file (protocol add) has no review records: n still opens it, the list names no state."""
    from smassist.tui.screens.review import ReviewScreen

    monkeypatch.setenv("SMASSIST_HOME", str(tmp_path / "home"))
    path = tmp_path / "eigen.yaml"
    path.write_text((decision_trees_dir() / "protocols" / "kopwerk.yaml").read_text(encoding="utf-8").replace("id: kopwerk\n", "id: eigen\n", 1),
                    encoding="utf-8")
    catalog = load_catalog(decision_trees_dir(), templates_dir(), protocols=[*protocol_files(decision_trees_dir()), path])
    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        app.push_screen(ReviewScreen(catalog.protocols["eigen"]))
        await wait_for(pilot, lambda: on_screen(app, "ReviewScreen") and app.screen.query("#situation")
                       and "Alles is nagekeken" in app.screen.query_one("#situation").content.plain, "nothing left to review")
        await pilot.press("l")
        await wait_for(pilot, lambda: on_screen(app, "RulingListScreen"), "the list")
        listed = app.screen.query_one("#rulings")
        prompts = [listed.get_option_at_index(i).prompt.plain for i in range(1, listed.option_count)]
        assert prompts and not any(p.startswith(" · ") for p in prompts)


async def test_a_decision_that_cannot_be_saved_says_so_and_the_app_stays(draft_catalog, monkeypatch):
    import errno

    from smassist.tui.screens.review import ReviewScreen

    def read_only(path, text):  # e.g. a read-only shared drive (chmod does not stop root, who runs some test machines)
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    catalog, path = draft_catalog
    before = path.read_text()
    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        app.push_screen(ReviewScreen(catalog.protocols["onzeschool"]))
        await wait_for(pilot, lambda: on_screen(app, "ReviewScreen") and app.screen.query("#progress"), "the review screen")
        screen = app.screen
        first = screen.current
        monkeypatch.setattr("smassist.core.importing.review.write_atomic", read_only)
        await pilot.press("a")
        await wait_for(pilot, lambda: any("Niet opgeslagen" in n.message and "kan niet worden opgeslagen" in n.message
                                          for n in app._notifications), "the one-line refusal")
        assert on_screen(app, "ReviewScreen") and screen.current == first and path.read_text() == before
        assert screen.review.state(*first) != "reviewed"  # what is shown is what is saved


async def test_a_double_n_from_the_protocol_list_changes_no_ruling(draft_catalog):
    """'n' opens the review from the list and marks 'niet geregeld' on it: a second (stray) n only asks,
    naming what changes, and n, Enter or Escape leave the ruling as it was; j confirms."""
    catalog, path = draft_catalog
    before = path.read_text()
    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await _review_from_the_protocol_list(app, pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: on_screen(app, "IncidentConfirmScreen"), "the question after a double n")
        review = app.screen_stack[-2]
        first = review.current
        shown = " ".join(str(s.content) for s in app.screen.query("Static"))
        assert "niet geregeld" in shown and review.review.ruling(*first)["answer"] in shown
        for key in ("n", "enter", "escape"):
            if key != "n":
                await pilot.press("n")
                await wait_for(pilot, lambda: on_screen(app, "IncidentConfirmScreen"), f"the question again before {key}")
            await pilot.press(key)
            await wait_for(pilot, lambda: on_screen(app, "ReviewScreen"), f"back after {key}")
            assert path.read_text() == before and review.current == first
        await pilot.press("n")
        await wait_for(pilot, lambda: on_screen(app, "IncidentConfirmScreen"), "the question once more")
        await pilot.press("j")
        await wait_for(pilot, lambda: on_screen(app, "ReviewScreen") and review.current != first, "the confirmed decision")
        saved = yaml.safe_load(path.read_text())["rulings"][first[0]][first[1]]
        assert saved["verdict"] == "not_regulated" and saved["review"]["state"] == "reviewed"


async def test_the_protocol_list_marks_a_concept_after_one_space(draft_catalog):
    catalog, _ = draft_catalog
    protocol = catalog.protocols["onzeschool"]
    done, total = protocol.review_progress()
    app = make_app(catalog=catalog, animate=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_screen(app, "ChooseProtocolScreen"), "the protocol dialog")
        first_line = app.screen.query_one("OptionList").get_option("onzeschool").prompt.plain.splitlines()[0]
        assert first_line == f"{protocol.organisation} · concept, {done} van {total} nagekeken"

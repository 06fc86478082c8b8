"""Training mode under Pilot (80×24, keyboard only): compare all protocols side by side, the quiz
(answer, reveal, score, a fixed set), the tree map, the presenter theme."""

from __future__ import annotations

from textual.widgets import Button, Input, OptionList, Tree

from smassist.core.compare import compare, deviating
from smassist.core.paths import decision_trees_dir
from smassist.core.preferences import Preferences, load_preferences, save_preferences
from smassist.core.quiz import case_pool, draw, load_scenarios
from smassist.tui.app import THEMES, make_app
from smassist.tui.presenter import PRESENTER_CLASS, PRESENTER_THEME_NAME
from tests.tui.conftest import answer_questions, choose_role_and_protocol, choose_theme, on_screen, open_topic, wait_for

PRIVATE = "Leraar wil met zijn privé-account vrienden worden met een leerling"
PRIVATE_ANSWERS = {"staff_with": "pupil", "staff_account": "private", "staff_urgent": "nee"}


def plain(widget) -> str:
    return str(widget.render())


async def open_training(pilot):
    app = pilot.app
    await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
    await pilot.press("f5")
    await wait_for(pilot, lambda: on_screen(app, "TrainingScreen"), "the training screen")


# -- compare ---------------------------------------------------------------------------------


async def test_compare_shows_all_protocols_side_by_side_with_the_differences_marked(app_factory, catalog):
    expected = compare(catalog.tree("befriend"), list(catalog.protocols.values()), "staff", PRIVATE_ANSWERS)
    marked = deviating(expected)
    assert marked  # this situation differs between the schools
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_training(pilot)
        await pilot.press("1")
        await wait_for(pilot, lambda: on_screen(app, "PickScreen"), "the list of situations")
        await pilot.press(*"privé-account vrienden leerling")
        picks = app.screen.query_one("#pick-list", OptionList)
        await wait_for(pilot, lambda: picks.option_count >= 1 and PRIVATE in str(picks.get_option_at_index(0).prompt),
                       "the filtered situation")
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_screen(app, "CompareAllScreen") and app.screen.query("ProtocolColumn"),
                       "the side-by-side comparison")
        screen = app.screen
        columns = list(screen.query("ProtocolColumn"))
        assert len(columns) == len(catalog.protocols) == 5
        by_id = {c.row.protocol.id: c for c in columns}
        for row in expected:
            column = by_id[row.protocol.id]
            shown = plain(column)
            assert row.protocol.organisation in shown
            assert row.result.ruling.verdict.display in shown
            for citation in row.result.citations:
                assert citation.article.reference in shown
            assert row.protocol.fill(row.result.ruling.answer)[:30] in shown
            # marked in words and by the border's shape, not only by colour
            assert ("≠ wijkt af" in shown) == (row.protocol.id in marked)
            assert column.has_class("-deviates") == (row.protocol.id in marked)
        assert "De protocollen verschillen hier" in plain(screen.query_one("#differences"))
        assert PRIVATE in plain(screen.query_one("#situation"))
        # no name broken inside a word: each column is at least as wide as its longest word (the row
        # scrolls sideways at 80 columns; tests/tui/test_tui_sizes.py checks the arrow keys reach them all)
        await wait_for(pilot, lambda: all(c.outer_size.width >= max(c.least, 12) for c in columns), "columns fitted")

        # keyboard: right moves to the next protocol, Enter opens its whole answer
        await wait_for(pilot, lambda: app.focused is columns[0], "focus on the first protocol")
        await pilot.press("right")
        await wait_for(pilot, lambda: app.focused is columns[1], "focus on the second protocol")
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_screen(app, "AnswerScreen"), "the answer of that protocol")
        assert app.screen.result.protocol.id == columns[1].row.protocol.id
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "back on the comparison")
        await pilot.press("escape")
        await wait_for(pilot, lambda: on_screen(app, "TrainingScreen"), "back in training")


async def test_the_answers_compare_view_opens_the_side_by_side_view_for_the_same_walk(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role_and_protocol(pilot, 0, "buitengewoon")
        await open_topic(pilot, "befriend")
        await answer_questions(pilot, PRIVATE_ANSWERS)
        await pilot.press("v")
        await wait_for(pilot, lambda: on_screen(app, "CompareScreen"), "the compare list")
        await pilot.press("n")
        await wait_for(pilot, lambda: on_screen(app, "CompareAllScreen") and app.screen.query("ProtocolColumn"),
                       "side by side")
        first = app.screen.query("ProtocolColumn").first()
        assert first.row.protocol.id == "buitengewoon"  # the user's own protocol first
        assert "(jouw protocol)" in plain(first)


# -- quiz ------------------------------------------------------------------------------------


def quiz_set_file(tmp_path, names, protocol="buitengewoon"):
    path = tmp_path / "reeks.yaml"
    path.write_text(f"title: Teamdag\nprotocol: {protocol}\ncases:\n" + "".join(f'  - "{n}"\n' for n in names),
                    encoding="utf-8")
    return path


async def test_a_quiz_from_a_fixed_set_answers_reveals_and_scores(catalog, tmp_path):
    scenarios, _ = load_scenarios(decision_trees_dir() / "scenarios")
    pool = case_pool(scenarios, catalog, "buitengewoon")
    cases = [pool.cases[3], pool.cases[0]]
    app = make_app(catalog=catalog, animate=False, quiz_set=quiz_set_file(tmp_path, [c.name for c in cases]))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_training(pilot)
        await pilot.press("2")
        await wait_for(pilot, lambda: on_screen(app, "QuizSetupScreen"), "the quiz set-up")
        setup = app.screen
        await wait_for(pilot, lambda: "Vaste reeks ‘Teamdag’: 2 gevallen" in plain(setup.query_one("#quiz-pool")),
                       "the fixed set in the set-up")
        assert setup.order == "file" and setup.protocol.id == "buitengewoon"
        assert "Onderwijsgroep Buitengewoon" in str(setup.query_one("#quiz-protocol", Button).label)
        await pilot.press("enter")  # the Start button has focus
        await wait_for(pilot, lambda: on_screen(app, "QuizScreen"), "the first case")
        quiz = app.screen

        # case 1: the room picks the right verdict with its digit
        assert plain(quiz.query_one("#quiz-story")) == cases[0].story
        assert "Geval 1 van 2" in plain(quiz.query_one("#quiz-progress"))
        choices = quiz.query_one("#quiz-choices", OptionList)
        assert [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)] == [
            f"{n}  {v.display}" for n, v in enumerate(cases[0].choices, 1)]
        await pilot.press(str(cases[0].choices.index(cases[0].answer) + 1))
        await wait_for(pilot, lambda: quiz.quiz.revealed, "the reveal")
        assert plain(quiz.query_one("#quiz-result")) == "✓ Goed!"
        assert plain(quiz.query_one("#quiz-verdict")) == cases[0].answer.display
        articles = plain(quiz.query_one("#quiz-articles"))
        for citation in cases[0].result.citations:
            assert citation.article.reference in articles
            assert " ".join(citation.text().split()[:6]) in " ".join(articles.split())
        assert "score: 1 van 1 goed" in plain(quiz.query_one("#quiz-progress"))

        # case 2: a wrong pick with arrows and Enter, then Enter for the result
        await pilot.press("n")
        await wait_for(pilot, lambda: quiz.quiz.index == 1 and not quiz.quiz.revealed, "the second case")
        assert plain(quiz.query_one("#quiz-story")) == cases[1].story
        wrong = next(i for i, v in enumerate(cases[1].choices) if v != cases[1].answer)
        await pilot.press(*(["down"] * wrong), "enter")
        await wait_for(pilot, lambda: quiz.quiz.revealed, "the second reveal")
        result = plain(quiz.query_one("#quiz-result"))
        assert result.startswith("✗ Niet goed") and cases[1].choices[wrong].display in result
        assert "✓ het juiste antwoord" in str(choices.get_option_at_index(cases[1].choices.index(cases[1].answer)).prompt)
        await pilot.press("enter")
        await wait_for(pilot, lambda: quiz.quiz.finished, "the end of the quiz")
        assert "Uitslag: 1 van 2 goed" in plain(quiz.query_one("#quiz-story"))
        final = plain(quiz.query_one("#quiz-prompt"))
        assert f"✓ goed {cases[0].name}" in final and f"✗ fout {cases[1].name}" in final

        # again: the same cases in the same order
        await pilot.press("r")
        await wait_for(pilot, lambda: quiz.quiz.index == 0 and quiz.quiz.answered == 0, "the quiz again")
        assert plain(quiz.query_one("#quiz-story")) == cases[0].story
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is setup, "back to the set-up")


async def test_the_same_code_gives_the_same_cases_for_a_chosen_protocol_and_role(app_factory, catalog):
    scenarios, _ = load_scenarios(decision_trees_dir() / "scenarios")
    pool = case_pool(scenarios, catalog, "kopwerk", "pupil")
    ordered = sorted(pool.cases, key=lambda c: (c.scenario.path.name, c.scenario.line))
    expected = draw(ordered, 10, "teamdag")[0]
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_training(pilot)
        await pilot.press("2")
        await wait_for(pilot, lambda: on_screen(app, "QuizSetupScreen"), "the quiz set-up")
        setup = app.screen
        # protocol through the dialog, role and order with the radio buttons, all by keyboard
        setup.query_one("#quiz-protocol", Button).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_screen(app, "ChooseProtocolScreen"), "the protocol dialog")
        ids = [p.id for p in app.screen.protocols]
        await pilot.press(*(["down"] * ids.index("kopwerk")), "enter")
        await wait_for(pilot, lambda: app.screen is setup and setup.protocol.id == "kopwerk", "kopwerk chosen")
        setup.query_one("#quiz-role").focus()
        await pilot.press("right", "right", "enter")  # alle rollen → medewerker → leerling
        await wait_for(pilot, lambda: setup.role == "pupil", "the role leerling")
        setup.query_one("#quiz-order").focus()
        await pilot.press("right", "enter")
        await wait_for(pilot, lambda: setup.order == "code", "a fixed order with a code")
        code = setup.query_one("#quiz-code", Input)
        await wait_for(pilot, lambda: not code.disabled, "the code field")
        code.focus()
        await pilot.press(*"teamdag", "enter")
        await wait_for(pilot, lambda: on_screen(app, "QuizScreen"), "the quiz")
        assert app.screen.quiz.cases[0].name == expected.name
        assert all(c.scenario.role == "pupil" and c.scenario.protocol == "kopwerk" for c in app.screen.quiz.cases)


async def test_a_code_is_asked_for_when_the_fixed_order_has_none(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_training(pilot)
        await pilot.press("2")
        await wait_for(pilot, lambda: on_screen(app, "QuizSetupScreen"), "the quiz set-up")
        setup = app.screen
        setup.query_one("#order-code").value = True
        await wait_for(pilot, lambda: setup.order == "code", "order by code")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.focused is setup.query_one("#quiz-code"), "focus on the code")
        assert on_screen(app, "QuizSetupScreen")


# -- tree map ----------------------------------------------------------------------------------


def all_nodes(node):
    yield node
    for child in node.children:
        yield from all_nodes(child)


async def test_the_tree_map_unfolds_questions_to_answers_to_the_protocols_verdicts(app_factory, catalog):
    tree, protocol = catalog.tree("befriend"), catalog.protocol("togtemaar")
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role_and_protocol(pilot, 0, "togtemaar")
        await open_training(pilot)
        await pilot.press("3")
        await wait_for(pilot, lambda: on_screen(app, "PickScreen"), "the list of topics")
        await pilot.press(*tree.title.split()[0])
        picks = app.screen.query_one("#pick-list", OptionList)
        await wait_for(pilot, lambda: picks.get_option_at_index(0).id == tree.id, "the topic in the list")
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_screen(app, "TreeMapScreen"), "the tree map")
        screen = app.screen
        widget = screen.query_one("#map", Tree)
        assert screen.role == "staff" and screen.protocol.id == "togtemaar"
        first = widget.root.children[0]
        # a long question is cut between words with "…" (the whole text shows under the tree)
        question = f"Vraag: {tree.nodes[tree.start['staff']].text}"
        label = str(first.label)
        assert first.is_expanded and (label == question or (label.endswith("…") and question.startswith(label[:-1])))
        # folded further down until E
        assert any(n.allow_expand and not n.is_expanded for n in all_nodes(widget.root))
        await pilot.press("e")
        await wait_for(pilot, lambda: all(n.is_expanded for n in all_nodes(widget.root) if n.allow_expand),
                       "everything unfolded")
        leaves = [n for n in all_nodes(widget.root) if n.data is not None and n.data.kind == "outcome"]
        assert leaves
        for leaf in leaves:
            ruling = protocol.ruling(tree.id, leaf.data.id)
            assert ruling.verdict.display in str(leaf.label)
            cited = ", ".join(protocol.articles[a].reference for a in ruling.cites)
            assert str(leaf.label).rstrip("…") in f"● {ruling.verdict.display} · {cited or 'geen artikel'}"
        # moving onto an outcome shows its short answer under the tree
        widget.move_cursor(leaves[0])
        await wait_for(pilot, lambda: protocol.fill(protocol.ruling(tree.id, leaves[0].data.id).answer)[:25]
                       in plain(screen.query_one("#map-detail")), "the short answer of the outcome")
        await pilot.press("c")
        await wait_for(pilot, lambda: not widget.root.children[0].is_expanded, "everything folded")
        # Enter on a question folds and unfolds it
        widget.move_cursor(widget.root.children[0])
        await pilot.press("space")
        await wait_for(pilot, lambda: widget.root.children[0].is_expanded, "the first question unfolded")
        # another role and another protocol
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.role == tree.roles[1], "the next role")
        label = str(widget.root.children[0].label).removeprefix("Vraag: ").rstrip("…")
        assert tree.nodes[tree.start[tree.roles[1]]].text_for_role(tree.roles[1]).startswith(label)
        await pilot.press("p")
        await wait_for(pilot, lambda: on_screen(app, "ChooseProtocolScreen"), "the protocol dialog")
        ids = [p.id for p in app.screen.protocols]
        await pilot.press("home", *(["down"] * ids.index("quadraam")), "enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.protocol.id == "quadraam", "quadraam")
        assert app.protocol.id == "togtemaar"  # the map's choice is not the user's protocol
        await pilot.press("escape")
        await wait_for(pilot, lambda: on_screen(app, "TrainingScreen"), "back in training")


# -- presenter theme -----------------------------------------------------------------------------


async def test_the_presenter_theme_from_the_command_line_is_not_remembered(catalog):
    save_preferences(Preferences(role="staff", protocol="edu-ley"))  # so the start screen shows a topic's summary
    app = make_app(catalog=catalog, animate=False, presenter=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        assert app.theme == PRESENTER_THEME_NAME and app.has_class(PRESENTER_CLASS)
        theme = app.current_theme
        assert (theme.background, theme.foreground) == ("#000000", "#FFFFFF")
        # nothing dimmed: muted text is as bright as the rest
        assert app.get_css_variables()["text-muted"] == "#FFFFFF"
        summary = await wait_for(pilot, lambda: app.screen.query("#summary"), "the topic's summary")
        assert summary.first().styles.color.hex == "#FFFFFF"  # the start screen's muted line
    assert load_preferences().theme == ""


async def test_the_presenter_theme_is_chosen_in_the_palette_remembered_and_toggled_in_training(app_factory):
    assert THEMES[PRESENTER_THEME_NAME].startswith("Presentatie")
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        await choose_theme(pilot, app, "Presentatie", len(THEMES))
        await wait_for(pilot, lambda: app.theme == PRESENTER_THEME_NAME and app.has_class(PRESENTER_CLASS),
                       "the presenter theme")
        assert load_preferences().theme == PRESENTER_THEME_NAME
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen again")
        await open_training(pilot)
        assert "Presentatie: aan" in plain(app.screen.query_one("#training-theme"))
        await pilot.press("t")
        await wait_for(pilot, lambda: app.theme != PRESENTER_THEME_NAME and not app.has_class(PRESENTER_CLASS),
                       "presenter off")
        assert "Presentatie: uit" in plain(app.screen.query_one("#training-theme"))
        await pilot.press("t")
        await wait_for(pilot, lambda: app.theme == PRESENTER_THEME_NAME, "presenter on again")


async def test_training_is_in_the_command_palette_and_the_start_screens_footer(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "the start screen")
        assert "Training" in [c.title for c in app.get_system_commands(app.screen)]
        assert any(b.key == "f5" and b.description == "Training" for b in app.screen.BINDINGS)
        await pilot.press("ctrl+p", *"Training")
        await wait_for(pilot, lambda: app.screen.query("CommandList") and
                       app.screen.query_one("CommandList").option_count > 0, "the palette's hits")
        await pilot.press("enter")
        await wait_for(pilot, lambda: on_screen(app, "TrainingScreen"), "the training screen")
        await pilot.press("escape")
        await wait_for(pilot, lambda: on_screen(app, "StartScreen"), "back at the start")

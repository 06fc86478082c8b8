"""A comparison never shows an answer from a protocol whose data does not hold: it is left out and named.

Found by a new-user trial: after article A.6 of a protocol was edited so it no longer says what its rulings
cite, `ask` refused (the data is wrong) but `compare` still listed that protocol's verdict citing A.6.
"""

from __future__ import annotations

from smassist.cli import main
from smassist.core.catalog_sources import load_user_catalog
from smassist.core.compare import comparable
from smassist.core.paths import decision_trees_dir, user_protocols_dir

A6 = "Het is medewerkers niet toegestaan om ‘vrienden’ te worden met leerlingen op sociale media."
SITUATION = ["befriend", "--role", "staff", "--answer", "staff_with=pupil", "--answer", "staff_account=private",
             "--answer", "staff_urgent=nee"]


def _broken_copy() -> None:
    """A copy of kopwerk as 'Onze school' whose article A.6 no longer says what its rulings cite."""
    user_protocols_dir().mkdir(parents=True, exist_ok=True)
    text = (decision_trees_dir() / "protocols" / "kopwerk.yaml").read_text(encoding="utf-8")
    text = text.replace("id: kopwerk\n", "id: onzeschool\n", 1).replace("organisation: ", "organisation: Onze school, was ", 1)
    (user_protocols_dir() / "onzeschool.yaml").write_text(
        text.replace(A6, A6.replace("niet toegestaan", "wel toegestaan")), encoding="utf-8")


def test_compare_leaves_a_broken_protocol_out_and_says_so(capsys):
    assert main(["compare", *SITUATION]) == 0
    capsys.readouterr()
    _broken_copy()
    assert main(["compare", *SITUATION]) == 1
    captured = capsys.readouterr()
    assert "onzeschool" not in captured.out and "kopwerk" in captured.out
    assert "Niet vergeleken, want de gegevens kloppen niet: Onze school, was" in captured.err
    assert main(["compare", *SITUATION, "--format", "json"]) == 1
    assert "onzeschool" not in capsys.readouterr().out


def test_the_protocols_a_situation_can_be_compared_in():
    _broken_copy()
    catalog = load_user_catalog()
    usable, left_out = comparable(catalog, catalog.tree("befriend"))
    assert [protocol.id for protocol, _ in left_out] == ["onzeschool"]
    assert "A.6" in str(left_out[0][1])
    assert {protocol.id for protocol in usable} == set(catalog.protocols) - {"onzeschool"}


async def test_the_apps_comparisons_leave_a_broken_protocol_out_and_say_so():
    from smassist.tui.app import make_app
    from tests.tui.conftest import answer_questions, choose_role_and_protocol, on_screen, open_topic, wait_for

    _broken_copy()
    app = make_app(catalog=load_user_catalog(), animate=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await choose_role_and_protocol(pilot, 0, "kopwerk")
        await open_topic(pilot, "befriend")
        await answer_questions(pilot, {"staff_with": "pupil", "staff_account": "private", "staff_urgent": "nee"})
        await pilot.press("v")
        await wait_for(pilot, lambda: on_screen(app, "CompareScreen"), "the comparison")
        screen = app.screen
        assert "onzeschool" not in {row.protocol.id for row in screen.rows} and len(screen.rows) == 5
        assert "Niet vergeleken, want de gegevens kloppen niet: Onze school, was" in \
            screen.query_one("#intro").content.plain
        await pilot.press("n")
        await wait_for(pilot, lambda: on_screen(app, "CompareAllScreen"), "all protocols side by side")
        screen = app.screen
        assert "onzeschool" not in {row.protocol.id for row in screen.rows}
        assert "Niet vergeleken, want de gegevens kloppen niet: Onze school" in \
            screen.query_one("#differences").content.plain

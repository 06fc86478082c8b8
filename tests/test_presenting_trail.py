"""The question screen's "Tot nu toe" line: whole answers, latest first kept, never a word cut in two."""

from __future__ import annotations

from smassist.tui.presenting import latest_answers, step_answer


def test_answers_that_fit_are_shown_whole():
    assert latest_answers(["Ja", "Een leerling"], 80) == "Ja › Een leerling"


def test_the_oldest_whole_answers_give_way_and_no_word_is_cut():
    answers = ["Een leerling uit groep 7", "Op WhatsApp", "Mogelijk, ik twijfel"]
    trail = latest_answers(answers, 40)
    assert trail == "… › Op WhatsApp › Mogelijk, ik twijfel"
    assert len(trail) <= 40 + len("… › ")


def test_one_answer_longer_than_the_room_keeps_its_end_from_a_word_on():
    trail = latest_answers(["Wat is er gebeurd: een leerling is bedreigd in de groepsapp van groep 7"], 30)
    assert trail.startswith("…") and trail.endswith("van groep 7")
    assert trail[1:].split(" ")[0] in "Wat is er gebeurd: een leerling is bedreigd in de groepsapp van groep 7".split(" ")


def test_a_form_value_ending_in_a_full_stop_gives_no_stop_before_the_semicolon(catalog):
    from smassist.core.walk import Walk

    walk = Walk(catalog.tree("incident"), catalog.protocol("buitengewoon"), "staff")
    walk.fill({"date": "01-02-2026", "platform": "WhatsApp", "what_happened": "Een dreigbericht.", "evidence": ""})
    text = step_answer(walk.path[0])
    assert ".;" not in text and "Een dreigbericht; " in text + "; "

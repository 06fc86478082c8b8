"""Documents are offered by role: a parent or a pupil is offered only what they send or keep (issue 14)."""

from __future__ import annotations

from smassist.core.documents import DOCUMENTS
from smassist.core.documents.registry import offered_documents
from smassist.core.roles import ROLES
from smassist.core.walk import Walk
from tests.tui.conftest import (answer_questions, answer_view, choose_role_and_protocol, on_screen, open_topic,
                                showing_answer, wait_for)

PHOTO = ("ja", "pupils", "written", "under16")


def photo_result(catalog, role: str):
    walk = Walk(catalog.tree("photo"), catalog.protocol("quadraam"), role)
    for option in PHOTO:
        walk.answer(option)
    return walk.result()


def photo_answers(catalog, role: str) -> dict[str, str]:
    """Question id -> option id of the PHOTO path for this role (the questions a role sees differ)."""
    walk = Walk(catalog.tree("photo"), catalog.protocol("quadraam"), role)
    answers = {}
    for option in PHOTO:
        answers[walk.current.id] = option
        walk.answer(option)
    return answers


def test_every_document_names_the_roles_that_send_or_keep_it():
    for spec in DOCUMENTS.values():
        assert spec.roles and set(spec.roles) <= set(ROLES), spec.id


def test_the_schools_consent_request_is_offered_to_staff_not_to_a_parent_or_a_pupil(catalog):
    assert photo_result(catalog, "staff").ruling.documents == ("consent_photo",)
    assert offered_documents(photo_result(catalog, "staff")) == ["consent_photo"]
    for role in ("parent", "pupil"):
        result = photo_result(catalog, role)
        assert "consent_photo" in result.ruling.documents  # the ruling is the same for everyone ...
        assert offered_documents(result) == []  # ... but a parent does not send the school's letter


async def test_a_parent_sees_no_document_action_on_the_answer(app_factory):
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await choose_role_and_protocol(pilot, 2, "quadraam")  # ouder/verzorger
        assert app.role == "parent"
        await open_topic(pilot, "photo")
        await answer_questions(pilot, photo_answers(app.catalog, "parent"))
        await wait_for(pilot, lambda: showing_answer(app), "the answer")
        answer = answer_view(app)
        assert answer.check_action("document", ()) is False
        assert "maak het met d" not in " ".join(s.content.plain for s in answer.query(".dim") if s.display)
        await pilot.press("d")
        await pilot.pause()
        assert showing_answer(app)

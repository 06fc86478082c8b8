"""No internal field id in any text a user reads on the document form: labels, help and what is missing."""

from __future__ import annotations

import re

from smassist.core.documents import DOCUMENTS, DocumentError, missing_values
from smassist.core.profile import FIELD_NAMES

# "protocol" and "platform" are Dutch words too; every other id is English and never belongs in Dutch text
IDS = sorted(({f.id for spec in DOCUMENTS.values() for f in spec.fields} | set(FIELD_NAMES)) - {"protocol", "platform"})


def ids_in(text: str) -> list[str]:
    return [i for i in IDS if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]


def test_no_document_field_label_or_help_shows_an_internal_id():
    for spec in DOCUMENTS.values():
        for field in spec.fields:
            if field.id == "facts":
                continue  # never on the form (the facts come from the walk); its help explains the data file's key
            assert ids_in(field.label) == [], (spec.id, field.label)
            assert ids_in(field.help) == [], (spec.id, field.help)


def test_what_a_document_still_needs_is_named_without_ids(catalog):
    seen = 0
    for protocol in catalog.protocols.values():
        for document in DOCUMENTS:
            try:
                missing = missing_values(document, protocol, {}, trees=catalog.trees)
            except DocumentError:
                continue
            for need in missing:
                assert ids_in(need.label) == [], (protocol.id, document, need.label)
                seen += 1
    assert seen > 10

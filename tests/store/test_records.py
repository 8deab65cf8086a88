"""fgd_app.core.store.record_table helpers."""

from __future__ import annotations

import uuid

from fgd_app.core.store.record_table import new_id


def test_new_id_is_a_random_version_4_uuid_in_canonical_text():
    ids = {new_id() for _ in range(2000)}
    assert len(ids) == 2000
    for text in list(ids)[:200]:
        parsed = uuid.UUID(text)
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122 and str(parsed) == text

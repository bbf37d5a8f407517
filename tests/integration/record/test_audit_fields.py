"""The audit export and the hash chain read one list of fields, so they cannot drift apart."""

from __future__ import annotations

import datetime as dt

from guard.services.record import audit
from guard.store.models_record import AuditRow


def test_the_export_carries_every_chained_field_with_the_id_and_hash():
    row = AuditRow(
        id=7,
        at=dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC),
        actor="clerk@example.org",
        action="post.approved",
        subject_type="post",
        subject_id="3",
        summary={"reason": "factual"},
        prev_hash="a" * 64,
        hash="b" * 64,
    )
    exported = audit.exported(row)
    assert tuple(exported) == audit.EXPORT_COLUMNS
    assert {
        k: v for k, v in exported.items() if k not in ("id", "hash", "scheme")
    } == audit.chained_fields(row)
    assert audit.digest(row) == audit.digest(AuditRow(**{**row.model_dump(), "id": 99}))

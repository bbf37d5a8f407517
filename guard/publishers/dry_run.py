"""The dry-run publisher: records what would have been sent and sends nothing."""

from __future__ import annotations

import datetime as dt
import hashlib

from guard.publishers import Payload, Platform, Receipt


class DryRunPublisher:
    def __init__(self, platform: Platform) -> None:
        self.platform = platform

    def publish(self, payload: Payload) -> Receipt:
        content = f"{payload.text}\n{payload.link or ''}" + "".join(
            f"\n{m.sha256}" for m in payload.media
        )
        digest = hashlib.sha256(content.encode()).hexdigest()[:16]
        response: dict[str, object] = {"dry_run": True}
        if payload.media:
            response["media"] = len(payload.media)
        return Receipt(f"dry-run-{digest}", None, response)

    def find(self, payload: Payload, *, since: dt.datetime) -> Receipt | None:
        # Nothing was ever sent, so a dry-run delivery left in "sending" can be done again safely.
        return None

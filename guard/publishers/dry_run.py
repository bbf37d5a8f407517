"""The dry-run publisher: records what would have been sent and sends nothing."""

from __future__ import annotations

import datetime as dt
import hashlib

from guard.publishers import Payload, Platform, Receipt


class DryRunPublisher:
    def __init__(self, platform: Platform) -> None:
        self.platform = platform

    def publish(self, payload: Payload) -> Receipt:
        digest = hashlib.sha256(f"{payload.text}\n{payload.link or ''}".encode()).hexdigest()[:16]
        return Receipt(f"dry-run-{digest}", None, {"dry_run": True})

    def find(self, payload: Payload, *, since: dt.datetime) -> Receipt | None:
        # Nothing was ever sent, so a dry-run delivery left in "sending" can be done again safely.
        return None

"""Instagram through facebook-sdk: the business account linked to the council's Facebook Page.

Instagram's Content Publishing API takes images only by address: each image gets a signed,
expiring address on this app (`media_links.py`) that Meta fetches. A post is a media container
(or a carousel of child containers) that Meta makes ready, then one `media_publish` call, the
only call that makes a post: its unknown outcomes are unknown; any failure before it is not.
The Graph session, the timeout and the error mapping are Facebook's publisher's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

import facebook

from guard.publishers import (
    ErrorKind,
    MediaFile,
    Payload,
    Platform,
    PublishError,
    Receipt,
    ReconcileUnsupported,
)
from guard.publishers.facebook import FacebookPublisher
from guard.publishers.media_links import signed_url
from guard.settings import FacebookSettings, InstagramSettings

# Instagram's error subcodes (error_subcode, or "(2207…)" in a container's status).
# Meta could not fetch or take the image this time, or the container is stale: try again.
RETRY_SUBCODES = {2207001, 2207003, 2207008, 2207020, 2207027, 2207032, 2207052, 2207053}
DAILY_LIMIT_SUBCODES = {2207042}  # the account's 100 posts a day
_SUBCODE = re.compile(r"\b(2207\d{3})\b")
DAY = dt.timedelta(hours=24)


class InstagramPublisher(FacebookPublisher):
    platform = Platform.INSTAGRAM  # type: ignore[assignment]

    def __init__(
        self,
        settings: InstagramSettings,
        graph: FacebookSettings,
        public_url: str,
        *,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        token = settings.access_token or graph.page_access_token
        super().__init__(dataclasses.replace(graph, page_access_token=token))
        self.settings, self.public_url = settings, public_url
        self.user_id = settings.user_id
        self.clock, self.sleep = clock, sleep

    def publish(self, payload: Payload) -> Receipt:
        if not self.user_id:
            raise PublishError(ErrorKind.AUTH, "no Instagram account is connected")
        if not payload.media:
            raise PublishError(ErrorKind.REJECTED, "Instagram has no text-only post: add an image")
        if payload.link:
            raise PublishError(ErrorKind.REJECTED, "Instagram has no link field: render it")
        if not self.settings.media_url_secret:
            raise PublishError(
                ErrorKind.REJECTED,
                "Instagram's image addresses cannot be signed: set [instagram] media_url_secret "
                "or the accounts' key",
            )
        self._wait_for_daily_limit()
        if len(payload.media) == 1:
            container = self._container(payload.media[0], caption=payload.text)
            self._until_ready([container])
        else:
            children = [self._container(m, is_carousel_item="true") for m in payload.media]
            self._until_ready(children)
            container = self._create(
                media_type="CAROUSEL", children=",".join(children), caption=payload.text
            )
            self._until_ready([container])
        # The one call that makes the post: what it answers unclearly is an unknown outcome.
        put = self.graph.put_object
        result = self._call(put, self.user_id, "media_publish", posting=True, creation_id=container)
        if not isinstance(result, dict) or not result.get("id"):
            raise PublishError(ErrorKind.UNKNOWN, f"Instagram published without an id: {result!r}")
        media_id = str(result["id"])
        return Receipt(media_id, self._permalink(media_id), dict(result))

    def find(self, payload: Payload, *, since: dt.datetime) -> Receipt | None:
        """Look in the account's recent media for this caption, posted since ``since``."""
        try:
            for item in self._recent("id,caption,timestamp,permalink", 50):
                made = _instant(item.get("timestamp"))
                if made is not None and made < since:
                    break  # newest first: the rest are older still
                if str(item.get("caption", "")).strip() == payload.text.strip():
                    return Receipt(str(item["id"]), item.get("permalink"), dict(item))
        except PublishError as exc:
            raise ReconcileUnsupported(str(exc)) from None
        return None

    def _container(self, item: MediaFile, **fields: Any) -> str:
        url = signed_url(
            self.public_url,
            self.settings.media_url_secret.encode(),
            item.sha256,
            now=self.clock(),
            minutes=self.settings.media_url_minutes,
        )
        return self._create(image_url=url, alt_text=item.alt_text, **fields)

    def _create(self, **fields: Any) -> str:
        """A media container: not a post, so any failure here is one to try again or refuse."""
        result = self._call(self.graph.put_object, self.user_id, "media", **fields)
        if not isinstance(result, dict) or not result.get("id"):
            raise PublishError(ErrorKind.RETRYABLE, f"Instagram made no container: {result!r}")
        return str(result["id"])

    def _until_ready(self, containers: list[str]) -> None:
        """Wait (bounded) until Meta has fetched each container's image."""
        for container in containers:
            for poll in range(self.settings.status_polls):
                state = self._call(self.graph.get_object, container, fields="status_code,status")
                code = state.get("status_code") if isinstance(state, dict) else None
                if code in ("FINISHED", "PUBLISHED"):
                    break
                if code in ("ERROR", "EXPIRED"):
                    raise _container_failed(str(code), str(state.get("status", "")))
                if poll + 1 < self.settings.status_polls:
                    self.sleep(self.settings.status_poll_seconds)
            else:
                raise PublishError(
                    ErrorKind.RETRYABLE,
                    f"Instagram had not fetched the image after {self.settings.status_polls} "
                    "checks; nothing was posted and it will be tried again",
                )

    def _wait_for_daily_limit(self) -> None:
        """Instagram's rolling limit on posts a day: past it, wait until the oldest leaves."""
        answer = self._call(
            self.graph.get_connections,
            self.user_id,
            "content_publishing_limit",
            fields="quota_usage,config",
        )
        rows = answer.get("data") if isinstance(answer, dict) else None
        if not rows or not isinstance(rows[0], dict):
            return  # no answer to go by: the platform itself refuses a post past the limit
        usage, config = rows[0].get("quota_usage", 0), rows[0].get("config") or {}
        total = int(config.get("quota_total", 100))
        window = dt.timedelta(seconds=int(config.get("quota_duration", DAY.total_seconds())))
        if int(usage) < total:
            return
        now = self.clock()
        times = [_instant(m.get("timestamp")) for m in self._recent("id,timestamp", total)]
        recent = sorted(t for t in times if t is not None and t > now - window)
        free_at = recent[0] + window if len(recent) >= total else now + dt.timedelta(hours=1)
        raise PublishError(
            ErrorKind.RATE_LIMITED,
            f"the Instagram account has made its {total} posts in {window}; "
            f"the next may go at {free_at:%Y-%m-%d %H:%M} UTC",
            retry_at=free_at,
        )

    def _recent(self, fields: str, limit: int) -> list[dict[str, Any]]:
        answer = self._call(
            self.graph.get_connections, self.user_id, "media", fields=fields, limit=limit
        )
        if not isinstance(answer, dict) or not isinstance(answer.get("data"), list):
            raise PublishError(ErrorKind.RETRYABLE, f"Instagram listed media as {answer!r}"[:300])
        return [m for m in answer["data"] if isinstance(m, dict)]

    def _permalink(self, media_id: str) -> str | None:
        """Where the post is seen; published whatever this answers, so a failure is no error."""
        try:
            answer = self._call(self.graph.get_object, media_id, fields="permalink")
        except PublishError:
            return None
        return answer.get("permalink") if isinstance(answer, dict) else None

    @staticmethod
    def classify(
        exc: facebook.GraphAPIError, unsure: ErrorKind, headers: Mapping[str, str]
    ) -> PublishError:
        result = exc.result if isinstance(exc.result, dict) else {}
        error = result.get("error") if isinstance(result.get("error"), dict) else {}
        subcode = error.get("error_subcode") if error else None
        message = f"Instagram error {subcode}: {exc.message}"
        if subcode in DAILY_LIMIT_SUBCODES:
            return PublishError(ErrorKind.RATE_LIMITED, message, retry_after=dt.timedelta(hours=1))
        if subcode in RETRY_SUBCODES and unsure is ErrorKind.RETRYABLE:
            return PublishError(ErrorKind.RETRYABLE, message)
        return FacebookPublisher.classify(exc, unsure, headers)


def _container_failed(code: str, status: str) -> PublishError:
    """A container Meta could not make: refused, unless Meta says to try again."""
    found = _SUBCODE.search(status)
    if code == "EXPIRED" or (found and int(found[1]) in RETRY_SUBCODES):
        return PublishError(ErrorKind.RETRYABLE, f"Instagram's container {code}: {status}")
    return PublishError(ErrorKind.REJECTED, f"Instagram refused the image ({code}): {status}")


def _instant(value: Any) -> dt.datetime | None:
    """Instagram's timestamps: '2026-11-26T01:02:03+0000'."""
    try:
        return dt.datetime.strptime(str(value), "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        return None

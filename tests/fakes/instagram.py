"""A stand-in for Instagram's Content Publishing API (the Graph API) on 127.0.0.1.

Like Meta, it fetches each container's image from the address it is given (the app's signed
address, served by the app on 127.0.0.1) and keeps the bytes it got; a post is made only by
`media_publish`, into a fake Instagram account a test reads in ``posts``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests

from tests.fakes.platforms import StandIn, graph_error

JPEG = b"\xff\xd8\xff"


@dataclass
class Container:
    id: str
    fields: dict[str, Any]
    image: bytes | None = None  # what Meta fetched
    fetch_status: int | None = None
    status_code: str = "IN_PROGRESS"
    status: str = ""
    polls: int = 0
    children: list[str] = field(default_factory=list)


class FakeInstagram(StandIn):
    """POST /vN/IG/media, GET /vN/CONTAINER, POST /vN/IG/media_publish, GET /vN/IG/media,
    GET /vN/IG/content_publishing_limit, and the Page's linked account for connecting."""

    user_id = "17841400000000001"
    username = "heanortowncouncil"
    page_id = "1122334455"
    path = re.compile(r"^/v\d+\.\d+/(?P<node>[^/]+)(?:/(?P<edge>[a-z_]+))?$")

    def __init__(self) -> None:
        super().__init__()
        self.containers: dict[str, Container] = {}
        self.polls_before_ready = 1  # answers IN_PROGRESS this many times first
        self.container_outcome: tuple[str, str] | None = None  # ("ERROR", "… (2207…)")
        self.quota_total = 100
        self.listing_fails = False  # the account's media cannot be listed (a 500)
        self.clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)

    def make_post(self, body: dict[str, Any]) -> dict[str, Any]:
        container = self.containers[body["creation_id"]]
        items = [self.containers[c] for c in container.children] or [container]
        media_id = self.next_id()
        return {
            "id": media_id,
            "caption": container.fields.get("caption", ""),
            "images": [c.image for c in items],
            "alt_texts": [c.fields.get("alt_text") for c in items],
            "media_type": "CAROUSEL_ALBUM" if container.children else "IMAGE",
            "timestamp": self.clock().strftime("%Y-%m-%dT%H:%M:%S+0000"),
            "permalink": f"https://www.instagram.com/p/{media_id}/",
        }

    def seed_posts(self, count: int, at: dt.datetime) -> None:
        """Posts made earlier (by the app or by hand), all at ``at``."""
        for _ in range(count):
            media_id = self.next_id()
            self.posts.append(
                {
                    "id": media_id,
                    "caption": "An earlier post",
                    "timestamp": at.strftime("%Y-%m-%dT%H:%M:%S+0000"),
                    "permalink": f"https://www.instagram.com/p/{media_id}/",
                }
            )

    def route(self, method: str, path: str, body: dict[str, Any]) -> tuple[int, Any, dict]:
        match = self.path.match(path)
        if not match:
            return graph_error(2500, "Unknown path components", 400)
        node, edge = match["node"], match["edge"]
        if node == self.page_id and edge is None:
            linked = {"id": self.user_id, "username": self.username}
            return 200, {"id": node, "instagram_business_account": linked}, {}
        if node in self.containers and edge is None:
            return 200, self._state(self.containers[node]), {}
        if node != self.user_id:
            if method == "GET" and any(p["id"] == node for p in self.posts):
                post = next(p for p in self.posts if p["id"] == node)
                return 200, {"id": node, "permalink": post["permalink"]}, {}
            return graph_error(100, "Unsupported get request. Object does not exist", 400)
        if edge is None:
            return 200, {"id": self.user_id, "username": self.username}, {}
        if method == "POST" and edge == "media":
            return self._create(body)
        if method == "POST" and edge == "media_publish":
            return self._publish(body)
        if method == "GET" and edge == "media" and self.listing_fails:
            return graph_error(2, "An unexpected error has occurred. Please retry.", 500)
        if method == "GET" and edge == "media":
            wanted = str(body.get("fields", "id")).split(",")
            data = [{k: p[k] for k in wanted if k in p} for p in reversed(self.posts)]
            return 200, {"data": data[: int(body.get("limit", 25))]}, {}
        if method == "GET" and edge == "content_publishing_limit":
            since = self.clock() - dt.timedelta(hours=24)
            usage = sum(1 for p in self.posts if _instant(p["timestamp"]) > since)
            config = {"quota_total": self.quota_total, "quota_duration": 86400}
            return 200, {"data": [{"quota_usage": usage, "config": config}]}, {}
        return graph_error(100, f"Unknown edge {edge}", 400)

    def _create(self, body: dict[str, Any]) -> tuple[int, Any, dict]:
        container = Container(self.next_id(), dict(body))
        if body.get("media_type") == "CAROUSEL":
            container.children = str(body.get("children", "")).split(",")
            if not all(c in self.containers for c in container.children):
                return graph_error(100, "(#100) Invalid children", 400)
        elif not body.get("image_url"):
            return graph_error(100, "(#100) The parameter image_url is required", 400)
        else:
            # Meta fetches the image itself; the answer says only whether it could.
            try:
                answer = requests.get(body["image_url"], timeout=5)
                container.fetch_status = answer.status_code
                if answer.ok and answer.content.startswith(JPEG):
                    container.image = answer.content
            except requests.RequestException:
                container.fetch_status = 0
            if container.image is None:
                container.status_code = "ERROR"
                container.status = "Error: Media download has failed. (2207052)"
        self.containers[container.id] = container
        return 200, {"id": container.id}, {}

    def _state(self, container: Container) -> dict[str, Any]:
        container.polls += 1
        if container.status_code == "IN_PROGRESS" and container.polls > self.polls_before_ready:
            container.status_code, container.status = self.container_outcome or ("FINISHED", "")
        state = {"id": container.id, "status_code": container.status_code}
        return state | ({"status": container.status} if container.status else {})

    def _publish(self, body: dict[str, Any]) -> tuple[int, Any, dict]:
        container = self.containers.get(str(body.get("creation_id")))
        if container is None or container.status_code != "FINISHED":
            return 400, _ig_error(9007, 2207027, "Media ID is not available"), {}
        if any(self.containers[c].status_code != "FINISHED" for c in container.children):
            return 400, _ig_error(9007, 2207027, "Media ID is not available"), {}
        post = self.make_post(body)
        self.posts.append(post)
        container.status_code = "PUBLISHED"
        return 200, {"id": post["id"]}, {}


def _ig_error(code: int, subcode: int, message: str) -> dict[str, Any]:
    error = {"message": message, "type": "OAuthException", "code": code}
    return {"error": error | {"error_subcode": subcode, "fbtrace_id": "AbCdEf"}}


def ig_error(code: int, subcode: int, message: str, status: int = 400) -> tuple[int, Any]:
    return status, _ig_error(code, subcode, message)


def _instant(value: str) -> dt.datetime:
    return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")

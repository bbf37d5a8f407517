"""Stand-ins for X API v2 and the Graph API: real HTTP servers on 127.0.0.1.

They speak the parts the publishers use, including the platforms' error bodies and rate-limit
headers. A test scripts failures with ``fail_next`` and reads what arrived in ``received``.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.fakes.forms import parse_body


@dataclass
class Scripted:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    accept: bool = False  # make the post before answering (a failure after acceptance)
    delay: float = 0.0  # seconds to wait before answering
    drop: bool = False  # close the connection without answering
    path: str | None = None  # only for a request to this path (others are answered as usual)


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


class StandIn:
    """A platform on 127.0.0.1 in a background thread; use as a context manager."""

    def __init__(self, latency: float = 0.0) -> None:
        self.latency = latency
        self.received: list[Received] = []
        self.posts: list[dict[str, Any]] = []
        self.script: list[Scripted] = []
        self.lock = threading.Lock()
        self._ids = itertools.count(1_000_000)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> StandIn:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def fail_next(self, *responses: Scripted) -> None:
        with self.lock:
            self.script.extend(responses)

    def next_id(self) -> str:
        return str(next(self._ids))

    def route(self, method: str, path: str, body: dict[str, Any]) -> tuple[int, Any, dict]:
        raise NotImplementedError

    def make_post(self, body: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = parse_body(raw, self.headers.get("Content-Type", ""))
                split = urlsplit(self.path)
                body |= {k: v[0] for k, v in parse_qs(split.query).items() if k not in body}
                with stand_in.lock:
                    stand_in.received.append(
                        Received(self.command, split.path, dict(self.headers), body)
                    )
                    scripted = next(
                        (s for s in stand_in.script if s.path in (None, split.path)), None
                    )
                    if scripted is not None:
                        stand_in.script.remove(scripted)
                if stand_in.latency:
                    time.sleep(stand_in.latency)
                if scripted is not None:
                    if scripted.accept:
                        with stand_in.lock:
                            stand_in.posts.append(stand_in.make_post(body))
                    if scripted.delay:
                        time.sleep(scripted.delay)
                    if scripted.drop:
                        self.close_connection = True
                        self.connection.close()
                        return
                    status, payload, headers = scripted.status, scripted.body, scripted.headers
                else:
                    with stand_in.lock:
                        status, payload, headers = stand_in.route(self.command, split.path, body)
                data = json.dumps(payload).encode() if not isinstance(payload, bytes) else payload
                self.send_response(status)
                content_type = "application/json" if not isinstance(payload, bytes) else "text/html"
                headers = dict(headers)
                # A scripted "Content-Type": "" sends none at all (a broken gateway).
                content_type = headers.pop("Content-Type", f"{content_type}; charset=UTF-8")
                if content_type:
                    self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(data)

            do_GET = do_POST = do_DELETE = _serve

        return Handler


class FakeX(StandIn):
    """X API v2: POST /2/tweets, GET /2/users/me, GET /2/users/:id/tweets, and the v2 media
    API's POST /2/media/upload (multipart) and POST /2/media/metadata (JSON, the alt text).
    """

    user_id = "4242"

    def __init__(self, latency: float = 0.0) -> None:
        super().__init__(latency)
        self.media: dict[str, dict[str, Any]] = {}  # media id → {"data", "type", "alt_text"}

    def make_post(self, body: dict[str, Any]) -> dict[str, Any]:
        media_ids = list((body.get("media") or {}).get("media_ids", []))
        return {"id": self.next_id(), "text": body.get("text", ""), "media_ids": media_ids}

    def route(self, method: str, path: str, body: dict[str, Any]) -> tuple[int, Any, dict]:
        if method == "POST" and path == "/2/media/upload":
            category = body.get("media_category")
            if not isinstance(body.get("media"), bytes) or category not in (
                "tweet_image",
                "tweet_gif",
            ):
                return 400, {"title": "Invalid Request", "detail": "media and media_category"}, {}
            media_id = self.next_id()
            self.media[media_id] = {"data": body["media"], "alt_text": None}
            data = {"id": media_id, "media_key": f"3_{media_id}", "size": len(body["media"])}
            image = {"image_type": body.get("media.type"), "w": 1, "h": 1}
            return 200, {"data": data | {"expires_after_secs": 86400, "image": image}}, {}
        if method == "POST" and path == "/2/media/metadata":
            if body.get("id") not in self.media:
                return 400, {"title": "Invalid Request", "detail": "The media id is unknown"}, {}
            self.media[body["id"]]["alt_text"] = body["metadata"]["alt_text"]["text"]
            metadata = {"alt_text": body["metadata"]["alt_text"]}
            return 200, {"data": {"id": body["id"], "associated_metadata": metadata}}, {}
        if method == "POST" and path == "/2/tweets":
            unknown = [
                m for m in (body.get("media") or {}).get("media_ids", []) if m not in self.media
            ]
            if unknown:
                return 400, {"title": "Invalid Request", "detail": f"media {unknown}"}, {}
            post = self.make_post(body)
            self.posts.append(post)
            return (
                201,
                {
                    "data": {
                        "id": post["id"],
                        "text": post["text"],
                        "edit_history_tweet_ids": [post["id"]],
                    }
                },
                {},
            )
        if method == "GET" and path == "/2/users/me":
            return 200, {"data": {"id": self.user_id, "name": "Council", "username": "council"}}, {}
        if method == "GET" and path == f"/2/users/{self.user_id}/tweets":
            data = [
                {"id": p["id"], "text": p["text"], "edit_history_tweet_ids": [p["id"]]}
                for p in reversed(self.posts)
            ]
            return 200, {"data": data, "meta": {"result_count": len(data)}}, {}
        return 404, {"title": "Not Found Error", "detail": path, "status": 404}, {}


def x_error(status: int, detail: str, **headers: str) -> Scripted:
    titles = {401: "Unauthorized", 403: "Forbidden", 429: "Too Many Requests"}
    body = {
        "title": titles.get(status, "Error"),
        "detail": detail,
        "status": status,
        "type": "about:blank",
    }
    return Scripted(status, body, dict(headers))


X_DUPLICATE = "You are not allowed to create a Tweet with duplicate content."


class FakeGraph(StandIn):
    """The Graph API: POST /vNN.N/PAGE/feed and GET /vNN.N/PAGE/feed."""

    page_id = "1122334455"
    feed_path = re.compile(r"^/v\d+\.\d+/(?P<page>[^/]+)/(?P<edge>feed|photos)$")

    def __init__(self, latency: float = 0.0) -> None:
        super().__init__(latency)
        self.photos: dict[str, dict[str, Any]] = {}  # photo id → the form that uploaded it

    def make_post(self, body: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": f"{self.page_id}_{self.next_id()}",
            "message": body.get("message", ""),
            "link": body.get("link"),
            "attached_media": json.loads(body.get("attached_media") or "[]"),
            "created_time": time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime()),
        }

    def route(self, method: str, path: str, body: dict[str, Any]) -> tuple[int, Any, dict]:
        match = self.feed_path.match(path)
        if not match or match["page"] != self.page_id:
            return graph_error(803, "(#803) Some of the aliases you requested do not exist", 404)
        if method == "POST" and match["edge"] == "photos":
            if not isinstance(body.get("source"), bytes):
                return graph_error(324, "(#324) Requires upload file")
            photo_id = self.next_id()
            self.photos[photo_id] = body
            if body.get("published") == "false":
                return 200, {"id": photo_id}, {}
            post = self.make_post(body) | {"photo": photo_id}
            self.posts.append(post)
            return 200, {"id": photo_id, "post_id": post["id"]}, {}
        if method == "POST":
            attached = json.loads(body.get("attached_media") or "[]")
            if any(a.get("media_fbid") not in self.photos for a in attached):
                return graph_error(100, "(#100) Invalid attached media")
            post = self.make_post(body)
            self.posts.append(post)
            return 200, {"id": post["id"]}, {}
        data = [
            {"id": p["id"], "message": p["message"], "created_time": p["created_time"]}
            for p in reversed(self.posts)
        ]
        return 200, {"data": data}, {}


def graph_error(code: int, message: str, status: int = 400) -> Any:
    body = {
        "error": {
            "message": message,
            "type": "OAuthException",
            "code": code,
            "fbtrace_id": "AbCdEf",
        }
    }
    return status, body, {}


def graph_failure(code: int, message: str, status: int = 400, **kwargs: Any) -> Scripted:
    status, body, headers = graph_error(code, message, status)
    return Scripted(status, body, headers, **kwargs)

"""Waitress as `guard serve` runs it, keeping connections open after a 304.

Waitress closes an HTTP/1.1 connection after any response without a Content-Length header
(waitress/task.py, build_response_header), and a 304 or 204 may not carry one, so every
revalidated feed cost the client a new TCP connection. The task below keeps the connection
open for those bodiless answers unless the client asked to close it.
"""

from __future__ import annotations

from typing import Any

from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, MultiSocketServer, create_server
from waitress.task import WSGITask


class KeepAliveTask(WSGITask):
    _bodiless_keep_alive = False

    def build_response_header(self) -> bytes:
        asked_to_close = self.request.headers.get("CONNECTION", "").lower() == "close"
        self._bodiless_keep_alive = (
            not self.has_body and self.version == "1.1" and not asked_to_close
        )
        try:
            return super().build_response_header()
        finally:
            self._bodiless_keep_alive = False

    def set_close_on_finish(self) -> None:
        if self._bodiless_keep_alive:
            return  # no body, so no length to know: nothing to gain by closing
        super().set_close_on_finish()


class KeepAliveChannel(HTTPChannel):
    task_class = KeepAliveTask


def make_server(app: Any, **adjustments: Any) -> BaseWSGIServer | MultiSocketServer:
    """A waitress server for ``app`` whose connections survive a 304."""
    server = create_server(app, **adjustments)
    listeners = [server] if isinstance(server, BaseWSGIServer) else list(server.map.values())
    for listener in listeners:
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = KeepAliveChannel  # type: ignore[misc]
    return server

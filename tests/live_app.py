"""The app served for real on a free port of 127.0.0.1, for a browser or a platform's stand-in."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from werkzeug.serving import make_server


@contextmanager
def running(app: Flask) -> Iterator[str]:
    """Serve ``app`` in a thread; yields its address, and stops it afterwards."""
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{http.server_port}"
    finally:
        http.shutdown()
        thread.join(5)
        http.server_close()

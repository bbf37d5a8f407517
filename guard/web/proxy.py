"""Behind a reverse proxy: believe the X-Forwarded-* headers of ``[web] trusted_proxies`` hops.

Then the sign-in throttle sees the client's address rather than the proxy's, a request that
arrived over https is known as secure, and links the app makes point at the public host.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def init_app(app: Flask) -> None:
    hops = app.extensions["guard"].settings.web.trusted_proxies
    if hops:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops
        )

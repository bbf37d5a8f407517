"""Error pages in the app's style: 400 (a refused form), 401, 403, 404, 413 and 500."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: "The form could not be accepted. Go back, reload the page and try again.",
    401: "Sign in to do that.",
    403: "Your account cannot do that. Ask the council's administrator if you need to.",
    404: "There is no page at this address.",
    405: "That page cannot be used that way.",
    413: "That was too much to send at once. Shorten the text or send a smaller file.",
    429: "Too many attempts: wait a little, then try again.",
    500: "Something went wrong on our side. Nothing was changed; try again in a minute.",
}


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_refused(error: CSRFError):
        return _page(
            400, f"The form was refused: {error.description} Reload the page and try again."
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        return _page(code, MESSAGES.get(code, error.description or ""))

    @app.errorhandler(500)
    def server_error(_error: Exception):
        return _page(500, MESSAGES[500])


def _page(code: int, message: str):
    if request.is_json or request.path.startswith("/compose/check"):
        return {"error": message}, code
    return render_template("error.html", code=code, message=message), code

"""How much a request may send: a limit on every form, smaller where anyone may post.

Werkzeug refuses a body over the limit with 413 before the form is parsed, so a huge
sign-in or a megabyte sent to the live check costs the server nothing.
"""

from __future__ import annotations

from flask import Flask, current_app, request
from werkzeug.routing import IntegerConverter

# Every form: the longest post Facebook takes (63,206 characters, up to 4 bytes each in UTF-8
# and 3 times that percent-encoded) with its other fields, well inside 1 MiB.
FORM_BYTES = 1024 * 1024
# The sign-in form: an email (320 characters at most) and a password, with room to spare.
SIGN_IN_BYTES = 8 * 1024
# The live check, sent as JSON while typing: the longest Facebook post, in UTF-8.
LIVE_CHECK_BYTES = 320 * 1024
# A CSV file of councillors.
IMPORT_BYTES = 2 * 1024 * 1024
# A content plan; scheduling it sends it back in base64 (a third larger) with the form.
PLAN_BYTES = 4 * 1024 * 1024

# The composer with its images, sent as multipart: each of the four either a new file or the
# one kept from the last page (base64 in a field of its own, a third larger), with the other
# fields. No one text field may be larger than a kept image.
KEPT_IMAGE_BYTES = 5 * 1024 * 1024 * 4 // 3 + 4096
COMPOSE_BYTES = 4 * KEPT_IMAGE_BYTES + FORM_BYTES
COMPOSERS = ("compose.submit", "edit.submit")

# Evidence files: up to this many of [evidence] max_upload_bytes in one form.
EVIDENCE_FILES = 5

SMALLER = {"auth.sign_in": SIGN_IN_BYTES, "compose.check": LIVE_CHECK_BYTES}
LARGER = {
    "councillors.import_csv": IMPORT_BYTES,
    "plans.check": PLAN_BYTES + FORM_BYTES,
    "plans.schedule": PLAN_BYTES * 4 // 3 + FORM_BYTES,
}


class RowId(IntegerConverter):
    """An id in a URL: a number the database can hold, else 404 (never a 500 on 20 digits)."""

    def __init__(self, map, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("max", 2**31 - 1)  # PostgreSQL's integer ids
        super().__init__(map, *args, **kwargs)


def init_app(app: Flask) -> None:
    """Call before the blueprints are registered: their routes use the bounded ids."""
    app.url_map.converters["int"] = RowId
    app.config["MAX_CONTENT_LENGTH"] = FORM_BYTES
    app.config["MAX_FORM_MEMORY_SIZE"] = FORM_BYTES
    app.before_request(_limit)


def _limit() -> None:
    endpoint = request.endpoint or ""
    limit = SMALLER.get(endpoint) or LARGER.get(endpoint)
    if endpoint == "evidence.add_item":
        largest = current_app.extensions["guard"].settings.evidence.max_upload_bytes
        limit = EVIDENCE_FILES * largest + FORM_BYTES
    if endpoint in COMPOSERS and request.mimetype == "multipart/form-data":
        request.max_content_length = COMPOSE_BYTES
        request.max_form_memory_size = KEPT_IMAGE_BYTES
    elif limit is not None:
        request.max_content_length = limit
        request.max_form_memory_size = limit

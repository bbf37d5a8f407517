"""GET /media/<sha256>.jpg: an image of a post being sent to Instagram, for Meta to fetch.

Public (Meta signs in to nothing), so everything rests on the address's signature: a forged
or changed address, or one for an image not being sent now, is 404 (nothing is said of what
exists); a genuine address past its end is 403. Nothing here lists or names other files.
"""

from __future__ import annotations

from flask import Blueprint, abort, request
from werkzeug.wrappers import Response

from guard.publishers.media_links import Check
from guard.services.sending.instagram_media import image_for_meta
from guard.web.context import now, services, session

bp = Blueprint("media", __name__)


@bp.get("/media/<sha256>.jpg")
def signed_image(sha256: str) -> Response:
    with session() as db:
        served = image_for_meta(
            db,
            services().settings,
            sha256=sha256,
            expires=request.args.get("expires", ""),
            signature=request.args.get("signature", ""),
            now=now(),
        )
    if served.check is Check.EXPIRED:
        abort(403, "This image address has expired.")
    if served.check is Check.FORGED or served.jpeg is None:
        abort(404)
    response = Response(served.jpeg, mimetype="image/jpeg")
    response.headers["Cache-Control"] = "private, no-store"
    return response

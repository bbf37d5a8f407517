"""Request bodies as the stand-ins read them: JSON, a form, or multipart/form-data."""

from __future__ import annotations

import json
from email import policy
from email.parser import BytesParser
from typing import Any
from urllib.parse import parse_qs


def parse_body(raw: bytes, content_type: str) -> dict[str, Any]:
    """JSON, a form, or multipart/form-data (file parts as bytes, their type as NAME.type)."""
    if not raw:
        return {}
    if "multipart/form-data" in content_type:
        message = BytesParser(policy=policy.HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + raw
        )
        body: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            data = part.get_payload(decode=True)
            if part.get_filename() is not None:
                body[str(name)] = data
                body[f"{name}.filename"] = part.get_filename()
                body[f"{name}.type"] = part.get_content_type()
            else:
                body[str(name)] = data.decode()
        return body
    if "json" in content_type:
        return json.loads(raw)
    return {k: v[0] for k, v in parse_qs(raw.decode()).items()}

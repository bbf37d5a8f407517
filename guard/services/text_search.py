"""Searching text in SQL: the same words match in the archive and the posts list."""

from __future__ import annotations

from typing import Any

from sqlalchemy import cast, func, literal
from sqlalchemy.dialects.postgresql import REGCONFIG
from sqlmodel import Session

# PostgreSQL's search matches words as English stems: "library" finds "libraries".
FTS_CONFIG = "english"


def text_contains(session: Session, text: Any, wanted: str) -> Any:
    """``text`` (a column or expression) contains ``wanted``: words by full-text search on
    PostgreSQL (stemmed, any case), a substring in any (ASCII) case elsewhere."""
    if session.get_bind().dialect.name == "postgresql":
        config = cast(literal(FTS_CONFIG), REGCONFIG)
        document = func.to_tsvector(config, text)
        return document.bool_op("@@")(func.plainto_tsquery(config, wanted))
    escaped = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return text.ilike(f"%{escaped}%", escape="\\")

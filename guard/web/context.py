"""Helpers for views: the app's services, a session per request, the clock and the actor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app
from flask_login import current_user
from sqlmodel import Session

from guard.store.db import session_scope
from guard.web import Services


def services() -> Services:
    return current_app.extensions["guard"]


def session() -> Session:
    return Session(services().engine, expire_on_commit=False)


@contextmanager
def transaction() -> Iterator[Session]:
    """One unit of work: committed together, or rolled back on any error."""
    with session_scope(services().engine) as db:
        yield db


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def actor() -> str:
    return current_user.email if current_user.is_authenticated else "anonymous"

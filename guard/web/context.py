"""Helpers for views: the app's services and a session per request."""

from __future__ import annotations

from flask import current_app
from sqlmodel import Session

from guard.web import Services


def services() -> Services:
    return current_app.extensions["guard"]


def session() -> Session:
    return Session(services().engine, expire_on_commit=False)

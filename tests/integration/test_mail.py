"""Notices reach the clerk through a real SMTP server on 127.0.0.1 (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
import socket
from dataclasses import replace
from email import message_from_bytes

import pytest
from sqlmodel import Session

from guard.mail import MailError, SmtpMailer, make_mailer
from guard.services.sending import notices
from guard.settings import MailSettings, Settings
from guard.store.models import PostRow

NOW = dt.datetime(2027, 4, 1, 9, tzinfo=dt.UTC)


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    class Collect(Sink):
        def __init__(self) -> None:
            self.messages: list = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
            return "250 OK"

    handler = Collect()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, handler.messages
    controller.stop()


def mail_settings(settings: Settings, port: int) -> Settings:
    return replace(
        settings,
        mail=MailSettings(
            host="127.0.0.1",
            port=port,
            sender="guard@heanor.example",
            clerk_addresses=("clerk@heanor.example",),
        ),
    )


def add_notice(engine, kind: str, body: str) -> None:
    with Session(engine) as session:
        post = PostRow(
            text="t", at=NOW, author="a", content_hash="h", created_at=NOW, updated_at=NOW
        )
        session.add(post)
        session.flush()
        notices.add(session, kind, post, body, now=NOW)
        session.commit()


def test_one_message_per_event_then_a_digest(engine, settings, smtp_server):
    port, messages = smtp_server
    settings = mail_settings(settings, port)
    mailer = make_mailer(settings.mail)
    assert mailer is not None
    add_notice(engine, "unconfirmed", "Post 1 may or may not have been published.")
    add_notice(engine, "missed", "Post 2 was missed.")
    with Session(engine) as session:
        assert notices.mail_pending(session, mailer, settings, now=NOW) == 2
        assert notices.mail_pending(session, mailer, settings, now=NOW) == 0  # never twice
    subjects = [m["Subject"] for _, m in messages]
    assert subjects[0].startswith("[Heanor & Loscoe Town Council] Post unconfirmed")
    assert "Post missed" in subjects[1]
    assert messages[0][0] == ["clerk@heanor.example"]
    assert "may or may not have been published" in messages[0][1].get_payload()
    with Session(engine) as session:
        assert notices.mail_digest(session, mailer, settings, now=NOW) == 2
        assert notices.mail_digest(session, mailer, settings, now=NOW) == 0
    digest = messages[2][1]
    assert "daily digest (2)" in digest["Subject"]
    assert "Post 2 was missed." in digest.get_payload()


def test_no_mail_server_configured_means_no_mailer(settings):
    assert make_mailer(settings.mail) is None


def test_an_unreachable_server_is_a_clear_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    mailer = SmtpMailer(MailSettings(host="127.0.0.1", port=port, clerk_addresses=("a@b",)))
    with pytest.raises(MailError, match=r"could not send mail through 127\.0\.0\.1"):
        mailer.send(subject="s", body="b", to=["a@b"])

"""Mail to the clerk over SMTP: one port, one adapter. smtplib stays in this module."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage
from typing import Protocol

from guard.settings import MailSettings


class MailError(Exception):
    """The message could not be handed to the mail server."""


class Mailer(Protocol):
    def send(self, *, subject: str, body: str, to: Sequence[str]) -> None: ...


class SmtpMailer:
    def __init__(self, settings: MailSettings, *, timeout: float = 10.0) -> None:
        self.settings = settings
        self.timeout = timeout

    def send(self, *, subject: str, body: str, to: Sequence[str]) -> None:
        message = EmailMessage()
        message["Subject"] = subject
        message["From"] = self.settings.sender
        message["To"] = ", ".join(to)
        message.set_content(body)
        try:
            with smtplib.SMTP(self.settings.host, self.settings.port, timeout=self.timeout) as smtp:
                if self.settings.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.settings.username:
                    smtp.login(self.settings.username, self.settings.password)
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError(f"could not send mail through {self.settings.host}: {exc}") from exc


def make_mailer(settings: MailSettings) -> Mailer | None:
    """None when no mail server or no clerk address is configured."""
    if not settings.host or not settings.clerk_addresses:
        return None
    return SmtpMailer(settings)

"""The publishers a scheduler sends with, made again whenever an account is connected in the app.

A running scheduler (its own process, or embedded in `guard serve`) picks up an account the
admin connects or disconnects at its next send, without a restart.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from guard.publishers import Platform, Publisher
from guard.services import InputError
from guard.services.accounts.connections import connected_settings
from guard.services.accounts.vault import open_vault
from guard.services.sending.instagram_media import with_media_key
from guard.settings import Settings
from guard.store.models_site import CredentialRow

log = logging.getLogger(__name__)
Build = Callable[[Settings], dict[Platform, Publisher]]


class ConnectedPublishers(Mapping[Platform, Publisher]):
    def __init__(self, engine: Engine, settings: Settings, build: Build) -> None:
        self.engine, self.settings, self.build = engine, settings, build
        self._stamp: tuple | None = None
        self._publishers: dict[Platform, Publisher] = {}

    def _current(self) -> dict[Platform, Publisher]:
        with Session(self.engine) as session:
            query = select(CredentialRow.name, CredentialRow.connected_at).order_by(
                col(CredentialRow.name)
            )
            stamp = tuple(session.exec(query).all())
            if stamp != self._stamp:
                settings = self.settings
                if stamp:
                    try:
                        vault = open_vault(self.settings.accounts)
                        settings = connected_settings(session, vault, self.settings)
                    except InputError as exc:
                        # Sending with the file's credentials fails as an auth error the clerk sees.
                        log.error("the accounts connected in the app cannot be read: %s", exc)
                settings = with_media_key(settings)  # Instagram's image addresses are signed
                self._publishers, self._stamp = self.build(settings), stamp
        return self._publishers

    def __getitem__(self, platform: Platform) -> Publisher:
        return self._current()[platform]

    def __iter__(self) -> Iterator[Platform]:
        return iter(self._current())

    def __len__(self) -> int:
        return len(self._current())

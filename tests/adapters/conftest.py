"""The sending tests' world: X and Graph stand-ins, settings aimed at them, a quiet Monday."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sending import QUIET_MONDAY, World, sending_world


@pytest.fixture
def sending(engine, settings) -> Iterator[World]:
    with sending_world(
        engine, settings, QUIET_MONDAY, missed_after_minutes=60, max_attempts=3
    ) as world:
        yield world


@pytest.fixture
def fakes(sending: World):
    """The X and Graph stand-ins."""
    return sending.x, sending.graph


@pytest.fixture
def world(sending: World):
    """The settings, the clock and the sender."""
    return sending.settings, sending.clock, sending.sender

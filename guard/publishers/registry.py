"""Which publisher serves which platform, from the settings."""

from __future__ import annotations

from guard.publishers import Platform, Publisher
from guard.publishers.dry_run import DryRunPublisher
from guard.settings import Settings


def make_publishers(settings: Settings) -> dict[Platform, Publisher]:
    """Live publishers only when [publishing] mode = "live"; otherwise dry-run."""
    if settings.publishing.mode != "live":
        return {p: DryRunPublisher(p) for p in Platform}
    from guard.publishers.facebook import FacebookPublisher
    from guard.publishers.instagram import InstagramPublisher
    from guard.publishers.x import XPublisher

    return {
        Platform.X: XPublisher(settings.x),
        Platform.FACEBOOK: FacebookPublisher(settings.facebook),
        Platform.INSTAGRAM: InstagramPublisher(
            settings.instagram, settings.facebook, settings.web.public_url
        ),
    }

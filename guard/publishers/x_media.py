"""Images for X: tweepy's v1.1 API uploads them (the v2 Client cannot) and sets their alt text.

The v1.1 API builds its URLs from ``upload_host`` (https://upload.twitter.com/1.1/...); the
rebased session sends them to ``[x] api_base_url`` like the v2 Client's, always with a timeout.
An upload that fails happens before any tweet is made, so nothing was posted.
"""

from __future__ import annotations

import io

import tweepy

from guard.publishers import MediaFile
from guard.publishers.http import rebased_session
from guard.publishers.x_errors import call_x
from guard.settings import XSettings

UPLOAD_BASE = "https://upload.twitter.com"


class XMediaUploader:
    def __init__(self, settings: XSettings) -> None:
        auth = tweepy.OAuth1UserHandler(
            settings.consumer_key,
            settings.consumer_secret,
            settings.access_token,
            settings.access_token_secret,
        )
        # Never wait_on_rate_limit and never retry inside tweepy: that is the scheduler's call.
        self.api = tweepy.API(
            auth,
            timeout=settings.timeout_seconds,
            retry_count=0,
            wait_on_rate_limit=False,
        )
        self.api.session = rebased_session(
            UPLOAD_BASE, settings.api_base_url, settings.timeout_seconds
        )

    def upload(self, media: tuple[MediaFile, ...]) -> list[str]:
        """Upload each image and set its alt text; the media ids, in order."""
        ids = []
        for item in media:
            uploaded = call_x(
                self.api.simple_upload, item.name, file=io.BytesIO(item.data), posting=False
            )
            media_id = str(uploaded.media_id_string)
            if item.alt_text:
                call_x(
                    self.api.create_media_metadata, media_id, item.alt_text[:1000], posting=False
                )
            ids.append(media_id)
        return ids

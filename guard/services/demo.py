"""Demo data for `make run`: elections, the fictional register, a demo clerk and posts."""

from __future__ import annotations

import datetime as dt
import io

from sqlmodel import Session

from guard import resources
from guard.domain.calendar.elections import Election, ElectionKind
from guard.domain.sending.delivery import DeliveryStatus
from guard.publishers import Platform
from guard.services import demo_history, register, users
from guard.services.calendar import elections as calendar
from guard.services.posts import read as post_queries
from guard.services.posts import write as posts
from guard.services.posts.media import media_entry
from guard.services.sending import recheck
from guard.settings import Settings

REGISTER = ("guard", "demo_councillors.csv")  # shipped in the package


def next_thursday(after: dt.date) -> dt.date:
    return after + dt.timedelta(days=(3 - after.weekday()) % 7 or 7)


def demo_elections(settings: Settings, today: dt.date) -> list[Election]:
    """A by-election in the first ward with its period on now, and May's ordinary elections."""
    by_election_poll = next_thursday(today + dt.timedelta(days=14))
    may = dt.date(today.year + (today.month >= 5), 5, 1)
    ordinary_poll = next_thursday(may - dt.timedelta(days=1))
    ward = settings.council.wards[0]
    return [
        Election(
            title=f"{ward} by-election",
            kind=ElectionKind.LOCAL,
            poll_date=by_election_poll,
            wards=frozenset({ward}),
        ),
        Election(
            title=f"{settings.council.name} ordinary elections {ordinary_poll.year}",
            kind=ElectionKind.LOCAL,
            poll_date=ordinary_poll,
        ),
    ]


def load_demo(session: Session, settings: Settings, *, now: dt.datetime) -> list[str]:
    """Add the demo elections that are not there yet; say what was done."""
    today = now.astimezone(settings.council.zone).date()
    existing = {e.title for e in calendar.list_elections(session)}
    lines = []
    result = register.import_csv(
        session, settings, resources.read_text(*REGISTER), now=now, actor="demo"
    )
    lines.append(f"demo: register: {len(result.added)} councillors added")
    # Posts first, as if written before the by-election was called: the re-check after the
    # elections are added then holds or blocks them, as it would for a real clerk.
    new_posts = not post_queries.posts_in(session)
    if new_posts:
        lines += demo_posts(session, settings, now=now)
    for election in demo_elections(settings, today):
        if election.title in existing:
            lines.append(f"demo: election {election.title!r} already there")
            continue
        calendar.add_election(session, settings, election, now=now)
        lines.append(f"demo: added election {election.title!r}, poll {election.poll_date}")
    if new_posts:
        worse = recheck.recheck_all(session, settings, now=now)
        counts = post_queries.status_counts(session)
        summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        lines.append(f"demo: posts: {summary} ({len(worse)} held or blocked by the re-check)")
    password = users.ensure_demo_clerk(session, now=now)
    if password:
        lines.append(f"demo: sign in as {users.DEMO_CLERK} with the password {password}")
    else:
        lines.append(f"demo: the demo clerk {users.DEMO_CLERK} is already there")
    return lines


# (text, days ahead, the state the demo puts it in when the guard alone would not)
DEMO_POSTS = [
    ("The library opens late on Monday while the heating is repaired.", 2, None),
    ("Thanks to Councillor Baker for opening the Heanor fete.", 3, None),
    (
        "Poll cards for the by-election are on their way: polling stations open 7am to 10pm.",
        4,
        None,
    ),
    ("Road closure on Market Street this weekend.", 5, None),
    ("Follow our Heanor East councillor @CllrAnnBaker for ward news!", 6, None),
    ("The Christmas lights switch-on raised £1,200 for charity.", -1, DeliveryStatus.SENT),
    ("Bin collections move a day later next week.", -2, DeliveryStatus.FAILED),
]


def demo_posts(session: Session, settings: Settings, *, now: dt.datetime) -> list[str]:
    """Posts in every state: future ones through the composer's service, past ones sent or
    failed as the sender records them (a sent time, an attempt, all before ``now``)."""
    lines = []
    hour = now.replace(minute=0, second=0, microsecond=0)
    text = "The new play area on Mill Road is open: come and try the slide."
    made = posts.schedule_post(
        session,
        settings,
        text=text,
        at=hour + dt.timedelta(days=3, hours=1),
        platforms=[Platform.X, Platform.FACEBOOK, Platform.INSTAGRAM],
        author=users.DEMO_CLERK,
        now=now,
        link="https://heanor.example/play",
        media=[media_entry("play-area.jpg", _picture(), "A red slide in a new play area")],
    )
    lines.append(f"demo: wrote post {made.post_id} with an image, for Instagram too: {text[:50]}")
    for text, days, state in DEMO_POSTS:
        if state is None:
            made = posts.schedule_post(
                session,
                settings,
                text=text,
                at=hour + dt.timedelta(days=days, hours=1),
                platforms=[Platform.X],
                author=users.DEMO_CLERK,
                now=now,
            )
            post_id = made.post_id
        else:
            at = hour + dt.timedelta(days=days)
            post_id = demo_history.past_post(session, settings, text=text, at=at, state=state)
        lines.append(f"demo: wrote post {post_id}: {text[:50]}")
    return lines


def _picture() -> bytes:
    """A plain picture for the demo's Instagram post (Instagram has no text-only posts)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1080, 1080), (200, 40, 40)).save(out, "JPEG", quality=80)
    return out.getvalue()

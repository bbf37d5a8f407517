"""The lists of posts the app shows: a page at a time, filtered in SQL, related rows in bulk.

A page costs a count, one query for its posts and one per kind of related row (deliveries,
latest verdicts), however many posts are stored.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import exists, func, not_
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from guard.domain.sending.delivery import DeliveryStatus
from guard.services.paging import PER_PAGE, Page, fetch_page
from guard.services.text_search import text_contains
from guard.store.models import DeliveryRow, PostRow, VerdictRow

# The states most deliveries end up in; the others are few at any size.
COMMON = (None, DeliveryStatus.SCHEDULED.value, DeliveryStatus.SENT.value, "cancelled")


@dataclass(frozen=True)
class PostFilters:
    """Which posts a list shows: a delivery's state and account, and when the post is due."""

    status: str | None = None
    platform: str | None = None
    since: dt.datetime | None = None  # due at or after
    until: dt.datetime | None = None  # due before
    text: str | None = None  # the post's text contains it
    has_findings: bool | None = None  # the post's latest verdict found something (or not)


@dataclass(frozen=True)
class PostSummary:
    """A post as a list shows it: its deliveries and, where asked for, its latest verdict."""

    post: PostRow
    deliveries: list[DeliveryRow] = field(default_factory=list)
    latest: VerdictRow | None = None


def page_of_posts(
    session: Session, filters: PostFilters, *, number: int = 1, size: int = PER_PAGE
) -> Page[PostSummary]:
    """Page ``number`` of the posts matching ``filters``, newest (latest due) first, each with
    its latest verdict."""
    query = _matching(filters, session).order_by(col(PostRow.at).desc(), col(PostRow.id).desc())
    return fetch_page(session, query, number=number, size=size).map(
        lambda posts: summaries(session, posts, verdicts=True)
    )


def held_page(session: Session, *, number: int = 1, size: int = PER_PAGE) -> Page[PostSummary]:
    """The review queue: held posts, the one due soonest first, each with its latest verdict."""
    query = _matching(PostFilters(status=DeliveryStatus.HELD.value), session)
    query = query.order_by(col(PostRow.at), col(PostRow.id))
    return fetch_page(session, query, number=number, size=size).map(
        lambda posts: summaries(session, posts, verdicts=True)
    )


def posts_by_day(
    session: Session, start: dt.datetime, end: dt.datetime, zone: dt.tzinfo, *, per_day: int
) -> tuple[list[PostSummary], dict[dt.date, int]]:
    """What a calendar month shows: the first ``per_day`` posts of each of the council's days
    in [start, end), by time, and how many more each day has. Only the posts' times are read
    for the rest, so a busy month costs what the grid shows."""
    window = _matching(PostFilters(since=start, until=end), session).whereclause
    times = select(col(PostRow.id), col(PostRow.at)).order_by(col(PostRow.at), col(PostRow.id))
    if window is not None:
        times = times.where(window)
    shown: list[int] = []
    more: dict[dt.date, int] = defaultdict(int)
    counted: dict[dt.date, int] = defaultdict(int)
    for post_id, at in session.exec(times):
        day = at.astimezone(zone).date()
        counted[day] += 1
        if counted[day] > per_day:
            more[day] += 1
        else:
            shown.append(post_id or 0)
    if not shown:
        return [], dict(more)
    rows = session.exec(
        select(PostRow).where(col(PostRow.id).in_(shown)).order_by(col(PostRow.at), col(PostRow.id))
    )
    return summaries(session, list(rows)), dict(more)


def posts_from(
    session: Session, start: dt.datetime, *, number: int = 1, size: int = PER_PAGE
) -> Page[PostSummary]:
    """Page ``number`` of the posts due from ``start`` on, soonest first: the calendar's list."""
    query = _matching(PostFilters(since=start), session).order_by(col(PostRow.at), col(PostRow.id))
    return fetch_page(session, query, number=number, size=size).map(
        lambda posts: summaries(session, posts)
    )


def summaries(
    session: Session, posts: Sequence[PostRow], *, verdicts: bool = False
) -> list[PostSummary]:
    """``posts`` with their deliveries (and latest verdicts): one query for each kind of row."""
    ids = [p.id for p in posts if p.id is not None]
    if not ids:
        return []
    deliveries: dict[int, list[DeliveryRow]] = defaultdict(list)
    query = select(DeliveryRow).where(col(DeliveryRow.post_id).in_(ids))
    for delivery in session.exec(query.order_by(col(DeliveryRow.post_id), col(DeliveryRow.id))):
        deliveries[delivery.post_id].append(delivery)
    latest = latest_verdicts(session, ids) if verdicts else {}
    return [PostSummary(p, deliveries[p.id or 0], latest.get(p.id or 0)) for p in posts]


def latest_verdicts(session: Session, post_ids: Sequence[int]) -> dict[int, VerdictRow]:
    """Each post's most recent verdict, in one query."""
    newest = (
        select(func.max(VerdictRow.id))
        .where(col(VerdictRow.post_id).in_(post_ids))
        .group_by(col(VerdictRow.post_id))
    )
    rows = session.exec(select(VerdictRow).where(col(VerdictRow.id).in_(newest)))
    return {row.post_id: row for row in rows}


def _matching(filters: PostFilters, session: Session) -> SelectOfScalar[PostRow]:
    query = select(PostRow)
    if filters.since is not None:
        query = query.where(col(PostRow.at) >= filters.since)
    if filters.until is not None:
        query = query.where(col(PostRow.at) < filters.until)
    if filters.text:
        query = query.where(text_contains(session, col(PostRow.text), filters.text))
    if filters.has_findings is not None:
        found = _latest_has_findings()
        query = query.where(found if filters.has_findings else not_(found))
    if not (filters.status or filters.platform):
        return query
    conditions = []
    if filters.status:
        conditions.append(col(DeliveryRow.status) == filters.status)
    if filters.platform:
        conditions.append(col(DeliveryRow.platform) == filters.platform)
    if filters.status in COMMON:
        # Most posts match: walk the posts in order and stop when the page is full.
        delivery = col(DeliveryRow.post_id) == col(PostRow.id)
        return query.where(exists().where(delivery, *conditions))
    # Few posts match (the states a clerk acts on): find them through the (status, post_id)
    # index, so the list costs what those states hold however many posts there are.
    return query.where(col(PostRow.id).in_(select(DeliveryRow.post_id).where(*conditions)))


def _latest_has_findings() -> ColumnElement[bool]:
    """The post's latest verdict (the one a list shows) has at least one finding."""
    latest = (
        select(func.max(VerdictRow.id))
        .where(col(VerdictRow.post_id) == col(PostRow.id))
        .correlate(PostRow)
        .scalar_subquery()
    )
    findings = func.json_array_length(col(VerdictRow.findings)) > 0
    return exists().where(col(VerdictRow.id) == latest, findings)

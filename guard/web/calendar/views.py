"""The calendar: a month (or a list) with restricted periods shaded and named, and the posts."""

from __future__ import annotations

import calendar as months
import datetime as dt

from flask import Blueprint, render_template, request
from flask_login import current_user
from werkzeug.wrappers import Response

from guard.services.calendar.elections import restricted_periods
from guard.services.posts.listing import posts_by_day, posts_from
from guard.web.calendar.forms import month_of
from guard.web.calendar.moves import can_move
from guard.web.context import now, services, session
from guard.web.paging import page_number, past_the_end

bp = Blueprint("calendar", __name__)
PER_DAY = 5  # posts shown in a day of the month; the rest as "+ N more", a link to that day


@bp.get("/calendar")
def month() -> str | Response:
    zone = services().settings.council.zone
    first = month_of(request.args.get("month"), now().astimezone(zone).date())
    weeks = months.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    view = "list" if request.args.get("view") == "list" else "month"
    # Only what is shown: every day of the grid (six weeks at most, the days of the months
    # either side included, so a day offered for planning never looks free when it is not),
    # or as a list one page from the month on.
    grid_end = weeks[-1][-1] + dt.timedelta(days=1)
    start, end = (dt.datetime.combine(day, dt.time(), zone) for day in (weeks[0][0], grid_end))
    with session() as db:
        periods = restricted_periods(db, services().settings)
        more: dict[dt.date, int] = {}
        if view == "list":
            page = posts_from(db, dt.datetime.combine(first, dt.time(), zone), number=page_number())
            posts = list(page.items)
        else:
            page, (posts, more) = None, posts_by_day(db, start, end, zone, per_day=PER_DAY)
    if back := past_the_end(page):
        return back
    by_day: dict[dt.date, list] = {}
    for item in posts:
        by_day.setdefault(item.post.at.astimezone(zone).date(), []).append(item)
    days = {
        day: {
            "periods": [p for p in periods if _overlaps(p.start, p.end, day, zone)],
            "posts": by_day.get(day, []),
            "more": more.get(day, 0),
        }
        for week in weeks
        for day in week
    }
    listed = [p for p in periods if p.end.astimezone(zone).date() >= first]
    return render_template(
        "calendar.html",
        first=first,
        weeks=weeks,
        days=days,
        view=view,
        periods=listed,
        posts=posts,
        page=page,
        previous=previous,
        following=following,
        today=now().astimezone(zone).date(),
        planning=current_user.can_change,
        movable={r.post.id for r in posts if can_move(d.status for d in r.deliveries)},
    )


def _overlaps(start: dt.datetime, end: dt.datetime, day: dt.date, zone: dt.tzinfo) -> bool:
    begin = dt.datetime.combine(day, dt.time(), zone)
    return start < begin + dt.timedelta(days=1) and end > begin

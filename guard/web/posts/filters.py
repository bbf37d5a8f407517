"""The posts list's filters from the address: as typed, as the service's filters, and errors.

A value the list cannot use (a state or account that does not exist, a date that is not
one) is named in words beside its field; the list is not shown until it is put right.
"""

from __future__ import annotations

from flask import request

from guard.domain.sending.delivery import DeliveryStatus
from guard.publishers import Platform
from guard.services.posts.listing import PostFilters
from guard.web.paging import day_args

# The states and accounts come from where they are defined, so a new one is listed at once.
STATES = tuple(s.value for s in DeliveryStatus)
PLATFORMS = tuple(p.value for p in Platform)
FINDINGS = {"": None, "yes": True, "no": False}
SEARCH_LIMIT = 200  # characters: a search longer than a phrase is a mistake


def read_filters() -> tuple[dict[str, str], PostFilters, dict[str, str]]:
    """The form as typed, the filters, and a message for each field that cannot be used."""
    form, days, errors = day_args("since", "until")
    form.update({k: request.args.get(k, "").strip() for k in ("q", "status", "platform")})
    form["findings"] = request.args.get("findings", "").strip()
    if form["status"] and form["status"] not in STATES:
        errors["status"] = f"{form['status']!r} is not a state: choose one from the list."
    if form["platform"] and form["platform"] not in PLATFORMS:
        errors["platform"] = f"{form['platform']!r} is not an account: choose one from the list."
    if form["findings"] not in FINDINGS:
        errors["findings"] = "Choose whether the guard found something: yes, no or either."
    if len(form["q"]) > SEARCH_LIMIT:
        errors["q"] = f"Search for at most {SEARCH_LIMIT} characters."
    since, until = days["since"], days["until"]
    if since and until and until <= since:
        errors["until"] = "The last day comes before the first: swap them."
    filters = PostFilters(
        status=form["status"] or None,
        platform=form["platform"] or None,
        since=since,
        until=until,
        text=form["q"] or None,
        has_findings=FINDINGS.get(form["findings"]),
    )
    return form, filters, errors

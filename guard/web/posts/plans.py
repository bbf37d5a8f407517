"""Content plans in the app: upload a CSV or JSON-lines plan, see each line's verdict, then
schedule the lot. The same reader and service as `guard posts import`: all or nothing."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlmodel import Session
from werkzeug.wrappers import Response

from guard.domain.guard.verdict import Outcome
from guard.services import InputError
from guard.services.posts.importing import PlanResult, import_plan
from guard.services.posts.plan import COLUMNS, read_plan
from guard.web import once
from guard.web.context import actor, now, services, session, transaction
from guard.web.posts import plan_token
from guard.web.users.security import clerk_required

bp = Blueprint("plans", __name__)
CHANGED = (
    "Nothing was scheduled: the guard's verdicts are not what you checked (the calendar, the "
    "register or the time has changed since). Look at the lines below and upload it again."
)
EXPIRED = (
    "Nothing was scheduled: this check is over an hour old, was made by someone else, or the "
    "plan sent back is not the one checked. Upload the plan again."
)


class _Changed(Exception):
    """The plan's verdicts at schedule time differ from the check: roll everything back."""

    def __init__(self, result: PlanResult) -> None:
        super().__init__("changed")
        self.result = result


def _run(db: Session, name: str, content: bytes, *, dry_run: bool) -> PlanResult:
    """The plan read and judged (and, unless a dry run or anything is wrong, written)."""
    settings = services().settings
    lines, problems = read_plan(name, content, zone=settings.council.zone, now=now())
    return import_plan(db, settings, lines, problems, author=actor(), now=now(), dry_run=dry_run)


def _page(*, result: PlanResult | None = None, name: str = "", error: str = "", hidden=None):
    rows = _rows(result) if result else []
    html = render_template(
        "plans.html", rows=rows, result=result, name=name, error=error, hidden=hidden,
        columns=COLUMNS,
    )  # fmt: skip
    return html, 422 if error or (result and result.problems) else 200


def _rows(result: PlanResult) -> list[dict]:
    """One row a line, in file order: its verdict and reasons, or its problem."""
    problems = {p.line: p for p in result.problems}
    rows = {
        c.line.line: {"number": c.line.line, "checked": c, "problem": problems.get(c.line.line)}
        for c in result.checked
    }
    for line, problem in problems.items():
        rows.setdefault(line, {"number": line, "checked": None, "problem": problem})
    return [rows[n] for n in sorted(rows)]


@bp.get("/plans")
@clerk_required
def index() -> str:
    return _page()[0]


@bp.post("/plans/check")
@clerk_required
def check() -> tuple[str, int]:
    upload = request.files.get("plan")
    if upload is None or not upload.filename:
        return _page(error="Choose the plan file to check (.csv or .jsonl).")
    name, content = upload.filename, upload.read()
    try:
        with session() as db:
            result = _run(db, name, content, dry_run=True)
    except InputError as exc:
        return _page(name=name, error=f"The plan cannot be read: {exc}.")
    hidden = None
    if not result.problems and result.checked:
        hidden = plan_token.issue(name, content, result.checked, by=actor())
    elif not result.problems:
        return _page(name=name, error=f"{name} has no posts in it.")
    return _page(result=result, name=name, hidden=hidden)


@bp.post("/plans/schedule")
@clerk_required
def schedule() -> Response | tuple[str, int]:
    form = request.form
    checked = plan_token.redeem(
        form.get("token", ""), form.get("plan", ""), form.get(once.FIELD, ""), by=actor()
    )
    if checked is None:
        return _page(error=EXPIRED)
    try:
        with transaction() as db:
            key = once.claim(db, "plan")
            result = _run(db, checked.name, checked.content, dry_run=False)
            if result.problems or plan_token.verdicts_digest(result.checked) != checked.verdicts:
                raise _Changed(result)  # rolls back what was written, and the form's key
            url = once.done(db, key, url_for("posts.index"))
    except _Changed as exc:
        return _page(result=exc.result, name=checked.name, error=CHANGED)
    except InputError as exc:
        return _page(name=checked.name, error=f"The plan cannot be read: {exc}.")
    held = sum(c.outcome is Outcome.FLAG for c in result.checked)
    flash(f"Scheduled {len(result.post_ids)} posts from {checked.name} ({held} held for review).")
    return redirect(url)

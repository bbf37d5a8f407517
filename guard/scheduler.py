"""The clock: APScheduler wakes the sender; the database is the queue.

One job claims and sends what is due; a one-off wake-up is set at the next due time for
precision; others re-check future posts after calendar changes, settle deliveries a dead
scheduler left behind, and mail the clerk. Never started inside create_app.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy.engine import Engine

from guard.mail import MailError, make_mailer
from guard.services.sending import dispatch, notices, recheck, reconcile, wiring
from guard.services.sending.wiring import Sender
from guard.settings import Settings
from guard.store import form_keys
from guard.store import posts as store
from guard.store.db import session_scope

log = logging.getLogger(__name__)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def make_sender(engine: Engine, settings: Settings, clock: wiring.Clock) -> Sender:
    """The sender as every process wires it: the configured publishers, with the accounts
    connected in the app where the settings have none, named for this process."""
    from guard.publishers.registry import make_publishers
    from guard.services.accounts.publishers import ConnectedPublishers

    publishers = ConnectedPublishers(engine, settings, make_publishers)
    return Sender(engine, settings, publishers, clock, worker_name())


def run_once(sender: Sender) -> int:
    """Settle stale sends, re-check if the calendar changed, and send what is due."""
    reconcile.reconcile_stale(sender)
    recheck.recheck_in_batches(sender.engine, sender.settings, now=sender.clock())
    return dispatch.dispatch_due(sender)


class Clock:
    """The jobs, serialised by a lock: the wake-up and the poll never send at once."""

    def __init__(self, sender: Sender, scheduler: BaseScheduler) -> None:
        self.sender = sender
        self.mailer = make_mailer(sender.settings.mail)
        self.scheduler = scheduler
        self.lock = threading.Lock()

    def tick(self) -> None:
        with self.lock:
            try:
                reconcile.reconcile_stale(self.sender)
                dispatch.dispatch_due(self.sender)
            except Exception:  # keep the clock running; the next tick tries again
                log.exception("sending failed")
            self._set_wake_up()

    def recheck(self) -> None:
        """Outside the lock: sending never waits for a re-check (dispatch judges again anyway)."""
        try:
            recheck.recheck_in_batches(
                self.sender.engine, self.sender.settings, now=self.sender.clock()
            )
        except Exception:
            log.exception("re-check failed")

    def mail(self) -> None:
        """Mail the clerk each new notice; with no mail server they wait on the dashboard."""
        if self.mailer is None:
            return
        try:
            with session_scope(self.sender.engine) as session:
                notices.mail_pending(
                    session, self.mailer, self.sender.settings, now=self.sender.clock()
                )
        except MailError:
            log.exception("mailing notices failed; will try again")

    def digest(self) -> None:
        """Once a day: the audit chain's head to its anchor file, then the digest mail."""
        head = None
        anchor_file = self.sender.settings.audit.anchor_file
        if anchor_file:
            from guard.services.record import anchor

            try:
                with session_scope(self.sender.engine) as session:
                    head = anchor.write(session, anchor_file, now=self.sender.clock()).line()
            except OSError:
                log.exception("writing the audit anchor to %s failed", anchor_file)
        if self.mailer is None:
            return
        try:
            with session_scope(self.sender.engine) as session:
                notices.mail_digest(
                    session,
                    self.mailer,
                    self.sender.settings,
                    now=self.sender.clock(),
                    audit_head=head,
                )
        except MailError:
            log.exception("mailing the digest failed; will try again tomorrow")

    def retention(self) -> None:
        """Once a day: delete evidence past its retention period (not on hold), and the forms'
        one-time keys old enough that no resend is worth catching."""
        from guard.services.record.retention import run_retention

        try:
            with session_scope(self.sender.engine) as session:
                run_retention(session, self.sender.settings, now=self.sender.clock())
        except Exception:
            log.exception("the retention run failed; it will run again tomorrow")
        try:
            with session_scope(self.sender.engine) as session:
                form_keys.forget_old(session, now=self.sender.clock())
        except Exception:
            log.exception("forgetting old form keys failed; it will run again tomorrow")

    def _set_wake_up(self) -> None:
        with session_scope(self.sender.engine) as session:
            due = store.next_due(session)
        if due is None:
            return
        when = max(due, self.sender.clock() + dt.timedelta(milliseconds=50))
        self.scheduler.add_job(
            self.tick, "date", run_date=when, id="wake-up", replace_existing=True
        )


def build_scheduler(sender: Sender, *, blocking: bool = True) -> BaseScheduler:
    cls = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = cls(
        timezone=dt.UTC,
        jobstores={"default": MemoryJobStore()},  # never shared between processes
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 60},
    )
    clock = Clock(sender, scheduler)
    poll = sender.settings.scheduler.poll_seconds
    scheduler.add_job(
        clock.tick, "interval", seconds=poll, id="dispatch", next_run_time=dt.datetime.now(dt.UTC)
    )
    scheduler.add_job(
        clock.recheck,
        "interval",
        seconds=max(poll, 60),
        id="recheck",
        next_run_time=dt.datetime.now(dt.UTC),
    )
    scheduler.add_job(clock.mail, "interval", seconds=60, id="mail")
    scheduler.add_job(
        clock.digest, "cron", hour=7, minute=0, id="digest", timezone=sender.settings.council.zone
    )
    scheduler.add_job(
        clock.retention,
        "cron",
        hour=2,
        minute=30,
        id="retention",
        timezone=sender.settings.council.zone,
    )
    return scheduler

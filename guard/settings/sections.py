"""The settings' sections, one frozen dataclass each, and the Settings object that holds them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Literal
from zoneinfo import ZoneInfo

from guard.paths import default_database_url


class SettingsError(ValueError):
    """A setting is unknown or has a value the program cannot use."""


@dataclass(frozen=True)
class CouncilSettings:
    name: str = "Heanor & Loscoe Town Council"
    timezone: str = "Europe/London"
    wards: tuple[str, ...] = (
        "Heanor East",
        "Heanor West",
        "Heanor and Loscoe",
        "Langley Mill and Aldercar",
    )
    # The council's own accounts: never treated as a councillor's.
    own_accounts: tuple[str, ...] = ()
    policy_url: str = ""
    # Which Code of Recommended Practice on Local Authority Publicity the findings quote:
    # England's (2011) or the Welsh Government's for councils in Wales.
    nation: Literal["england", "wales"] = "england"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class DatabaseSettings:
    # Unless configured: a SQLite file in the user's data directory (guard/paths.py).
    url: str = field(default_factory=default_database_url)


@dataclass(frozen=True)
class ElectionsSettings:
    period_end: Literal["close-of-poll", "declaration"] = "close-of-poll"
    # With period_end = "declaration": hours after close of poll that the declaration is
    # assumed to come when the clerk has not recorded it (counts are often the next day).
    declaration_hours: int = 24
    extra_dies_non: tuple[dt.date, ...] = ()
    # The last day of the bank holidays announced by the government; later years are
    # projected by rule, and a period that depends on them is provisional.
    holidays_confirmed_through: dt.date = dt.date(2028, 12, 31)
    # Notices are often published before their latest date. Until the clerk enters the real
    # date, start each period this many working days before the latest one (0: at it).
    cautious_start_working_days: int = 0


@dataclass(frozen=True)
class PublishingSettings:
    mode: Literal["dry-run", "live"] = "dry-run"


@dataclass(frozen=True)
class XSettings:
    api_base_url: str = "https://api.x.com"
    consumer_key: str = ""
    consumer_secret: str = ""
    access_token: str = ""
    access_token_secret: str = ""
    timeout_seconds: int = 10


@dataclass(frozen=True)
class FacebookSettings:
    graph_url: str = "https://graph.facebook.com"
    # A current version: see guard/domain/sending/graph_versions.py for when each one ends.
    graph_version: str = "v26.0"
    page_id: str = ""
    page_access_token: str = ""
    timeout_seconds: int = 10
    # The Facebook app that "Connect Facebook Page" logs in through (or entered in the app).
    app_id: str = ""
    app_secret: str = ""
    www_url: str = "https://www.facebook.com"


@dataclass(frozen=True)
class InstagramSettings:
    """The Instagram business account linked to the council's Facebook Page (Graph API).

    The Graph address, version and timeout are [facebook]'s: it is the same API.
    """

    user_id: str = ""  # the Instagram account's id, found through the Page or entered
    access_token: str = ""  # empty: the Facebook Page's token, which the linked account takes
    # Meta fetches each image from the app: an address on [web] public_url, signed with this
    # secret (empty: derived from the accounts' key) and good for this many minutes.
    media_url_secret: str = ""
    media_url_minutes: int = 15
    # Meta makes a media container ready (the image fetched) before it can be published:
    # asked this often, at most this many times, then the send is tried again later.
    status_poll_seconds: int = 2
    status_polls: int = 30


@dataclass(frozen=True)
class AccountsSettings:
    """The key that encrypts the tokens obtained in the app (Fernet, urlsafe base64)."""

    encryption_key: str = ""
    # Without a key: this file, created on first use with owner-only permissions
    # (empty: accounts.key in the user's data folder).
    key_file: str = ""


@dataclass(frozen=True)
class MailSettings:
    host: str = ""
    port: int = 25
    starttls: bool = False
    username: str = ""
    password: str = ""
    sender: str = "guard@localhost"
    clerk_addresses: tuple[str, ...] = ()


@dataclass(frozen=True)
class SchedulerSettings:
    # Run the scheduler inside `guard serve`: only when this is the single process.
    embedded: bool = False
    poll_seconds: int = 30
    missed_after_minutes: int = 60
    lease_seconds: int = 300
    max_attempts: int = 5
    # Deliveries sent at once by one scheduler (each waits on its platform's answer).
    send_workers: int = 8


@dataclass(frozen=True)
class WebSettings:
    secret_key: str = ""
    public_url: str = "http://127.0.0.1:5000"
    # A session ends after this long without a request, and this long after sign-in at most.
    idle_timeout_minutes: int = 480
    session_lifetime_hours: int = 168
    # How many reverse proxies in front of the app add X-Forwarded-*: the client's address (for
    # the sign-in throttle), https and the public links are read that many hops back. 0: none.
    trusted_proxies: int = 0


@dataclass(frozen=True)
class ReviewSettings:
    # Four eyes: the author of a post cannot approve it. Off for one-clerk councils.
    second_person: bool = False


@dataclass(frozen=True)
class EvidenceSettings:
    """How long evidence is kept, per case type, counted from the case's last update.

    Personal data may be kept no longer than its purpose needs (UK GDPR art. 5(1)(e)); these
    are the council's defaults and it may set its own schedule.
    """

    # Employment records of a disciplinary case: 6 years after it closes, the time to bring
    # most claims arising from it (Limitation Act 1980, s.5), as the CIPD and NALC advise.
    disciplinary_days: int = 2190
    # Audit and accounts: 6 years, the Limitation Act 1980 period for contract and debt
    # claims, also what HMRC and the NALC retention guidance ask of financial records.
    audit_days: int = 2190
    # Criminal matters: 7 years, beyond the 6 for civil claims, while the police or a court
    # may still ask; a case under investigation should be put on hold instead of relying on it.
    criminal_days: int = 2555
    # Code of Conduct complaints (Localism Act 2011, s.28): 6 years after the decision, as
    # monitoring officers commonly keep complaint files, covering any claim arising from it.
    code_of_conduct_days: int = 2190
    # Anything else: 1 year, long enough to pass on to the right procedure, short enough not
    # to keep people's posts without a reason.
    other_days: int = 365
    # The largest file a clerk may upload as evidence (screenshots, PDFs): 20 MiB.
    max_upload_bytes: int = 20 * 1024 * 1024

    def retention_days(self, case_type: str) -> int:
        return int(getattr(self, case_type.replace("-", "_") + "_days"))


@dataclass(frozen=True)
class GuardSettings:
    """The council's own caution inside a restricted period, beyond what the policy requires."""

    # Hold every post with an image for a person to confirm no councillor or candidate is in it
    # (the guard reads the text in a picture, not faces).
    hold_images_in_period: bool = True
    # Hold every post for review inside a restricted period (strict mode).
    hold_all_in_period: bool = False


@dataclass(frozen=True)
class AuditSettings:
    """The audit chain's key and its anchor, both kept outside the database."""

    # The secret the chain's hashes are keyed with (HMAC-SHA256): GUARD_AUDIT_KEY, or a file
    # holding it. Someone who can write to the database cannot then rewrite the chain.
    key: str = ""
    key_file: str = ""
    # Where the chain's head is written every day (and mailed in the digest), for
    # `guard audit verify --anchor FILE`; empty: not written.
    anchor_file: str = ""


@dataclass(frozen=True)
class Settings:
    council: CouncilSettings = field(default_factory=CouncilSettings)
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    elections: ElectionsSettings = field(default_factory=ElectionsSettings)
    publishing: PublishingSettings = field(default_factory=PublishingSettings)
    x: XSettings = field(default_factory=XSettings)
    facebook: FacebookSettings = field(default_factory=FacebookSettings)
    instagram: InstagramSettings = field(default_factory=InstagramSettings)
    mail: MailSettings = field(default_factory=MailSettings)
    scheduler: SchedulerSettings = field(default_factory=SchedulerSettings)
    web: WebSettings = field(default_factory=WebSettings)
    evidence: EvidenceSettings = field(default_factory=EvidenceSettings)
    guard: GuardSettings = field(default_factory=GuardSettings)
    review: ReviewSettings = field(default_factory=ReviewSettings)
    audit: AuditSettings = field(default_factory=AuditSettings)
    accounts: AccountsSettings = field(default_factory=AccountsSettings)
    # "section.key" of every key the file or the environment set: values saved in the app
    # (the setup page's council name, zone and wards) never override these.
    explicit: frozenset[str] = field(default=frozenset(), compare=False)


# The fields of Settings that are sections of the file (all but `explicit`).
SECTIONS = tuple(f.name for f in dataclasses.fields(Settings) if f.name != "explicit")

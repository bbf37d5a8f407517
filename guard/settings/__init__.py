"""One typed settings object: TOML (GUARD_CONFIG) overlaid with GUARD_<SECTION>_<KEY> variables.

``sections`` declares each section; ``loading`` reads, converts and checks them."""

from guard.settings.loading import build_settings, env_var, load_settings
from guard.settings.sections import (
    SECTIONS,
    AccountsSettings,
    AuditSettings,
    CouncilSettings,
    DatabaseSettings,
    ElectionsSettings,
    EvidenceSettings,
    FacebookSettings,
    GuardSettings,
    InstagramSettings,
    MailSettings,
    PublishingSettings,
    ReviewSettings,
    SchedulerSettings,
    Settings,
    SettingsError,
    WebSettings,
    XSettings,
)

__all__ = [
    "SECTIONS",
    "AccountsSettings",
    "AuditSettings",
    "CouncilSettings",
    "DatabaseSettings",
    "ElectionsSettings",
    "EvidenceSettings",
    "FacebookSettings",
    "GuardSettings",
    "InstagramSettings",
    "MailSettings",
    "PublishingSettings",
    "ReviewSettings",
    "SchedulerSettings",
    "Settings",
    "SettingsError",
    "WebSettings",
    "XSettings",
    "build_settings",
    "env_var",
    "load_settings",
]

"""The bank holidays kept in a file between runs: the same table, and no `holidays` import."""

from __future__ import annotations

import os
import subprocess
import sys

from guard.domain.calendar.dies_non import uk_bank_holidays
from guard.services.calendar import holiday_cache

YEARS = (2026, 2027)


def _fresh(monkeypatch, folder) -> None:
    monkeypatch.setattr(holiday_cache, "data_dir", lambda: folder)
    holiday_cache._bank_holidays.cache_clear()


def test_the_kept_table_is_the_worked_out_table(tmp_path, monkeypatch):
    _fresh(monkeypatch, tmp_path)
    first = holiday_cache.bank_holidays(reversed(YEARS))
    path = holiday_cache.cache_path(YEARS)
    assert path is not None and path.parent == tmp_path / "cache" and path.exists()
    holiday_cache._bank_holidays.cache_clear()
    again = holiday_cache.bank_holidays(YEARS)  # read from the file this time
    assert dict(again) == dict(first) == dict(uk_bank_holidays(YEARS))
    assert {h.where for h in again.values()} >= {"every part of the UK", "Scotland"}


def test_a_damaged_file_is_worked_out_again_and_replaced(tmp_path, monkeypatch):
    _fresh(monkeypatch, tmp_path)
    path = holiday_cache.cache_path(YEARS)
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_text('[["2026-12-25", "Christmas')  # cut short
    assert dict(holiday_cache.bank_holidays(YEARS)) == dict(uk_bank_holidays(YEARS))
    holiday_cache._bank_holidays.cache_clear()
    assert dict(holiday_cache.bank_holidays(YEARS)) == dict(uk_bank_holidays(YEARS))
    assert not list(path.parent.glob("*.tmp"))


def test_an_unwritable_folder_still_gives_the_table(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    _fresh(monkeypatch, blocked)
    assert dict(holiday_cache.bank_holidays(YEARS)) == dict(uk_bank_holidays(YEARS))


def test_a_second_run_does_not_import_the_holidays_package(tmp_path):
    script = (
        "import sys\n"
        "from guard.services.calendar.holiday_cache import bank_holidays\n"
        f"table = bank_holidays({YEARS!r})\n"
        "print(len(table), 'holidays' in sys.modules)\n"
    )
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    count = str(len(uk_bank_holidays(YEARS)))
    assert [r.stdout.split() for r in runs] == [[count, "True"], [count, "False"]]

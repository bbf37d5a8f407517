"""A register saved by Excel (Windows-1252) imports the same through the web and the CLI:
names read correctly, no garbled duplicate; an unreadable file is refused whole."""

from __future__ import annotations

import codecs
import io

from sqlmodel import Session, select

from guard.store.models import CouncillorRow
from tests.refusals import refused

HEADER = "name,ward,party,x,facebook,instagram,websites,aliases\r\n"
ROWS = HEADER + "Zoë Brontë,Heanor West,,ZoeB,,,,\r\nJosé Núñez,Heanor East,,,,,,\r\n"


def names(engine) -> list[str]:
    with Session(engine) as session:
        return sorted(r.name for r in session.exec(select(CouncillorRow)))


def upload(clerk, data: bytes):
    return clerk.post("/councillors/import", data={"file": (io.BytesIO(data), "register.csv")})


def test_excel_file_through_the_web_then_the_cli_then_utf8(clerk, run_guard, engine, tmp_path):
    excel = ROWS.encode("cp1252")
    assert upload(clerk, excel).status_code == 302
    assert names(engine) == ["José Núñez", "Zoë Brontë"]
    path = tmp_path / "register.csv"
    path.write_bytes(excel)
    done = run_guard("councillors", "import", str(path))
    assert done.exit_code == 0, done.stderr
    assert "0 added, 0 updated, 2 unchanged" in done.stdout
    path.write_bytes(codecs.BOM_UTF8 + ROWS.encode())
    assert "2 unchanged" in run_guard("councillors", "import", str(path)).stdout
    assert upload(clerk, ROWS.encode()).status_code == 302
    assert names(engine) == ["José Núñez", "Zoë Brontë"]


def test_an_unreadable_file_is_refused_whole_naming_line_and_column(
    clerk, run_guard, engine, tmp_path
):
    zoe = "Zoë Brontë,Heanor West,,,,,,\r\n".encode()
    data = HEADER.encode() + zoe + b"Ann\x81,Heanor East,,,,,,\r\n"
    refused(upload(clerk, data), "Line 3: column 4: the byte 0x81")
    assert names(engine) == []
    path = tmp_path / "register.csv"
    path.write_bytes(data)
    cli = run_guard("councillors", "import", str(path))
    assert cli.exit_code != 0
    assert ":3: column 4: the byte 0x81" in cli.stderr

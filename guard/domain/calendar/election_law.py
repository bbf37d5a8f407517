"""What the law fixes for each kind of poll: the day its period starts by, close of nominations."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ElectionKind(StrEnum):
    LOCAL = "local"  # parish, town, district, county, unitary, and their by-elections
    PCC = "pcc"
    MAYOR = "mayor"
    PARLIAMENT = "parliament"  # a general election to the House of Commons
    REFERENDUM = "referendum"  # neighbourhood planning
    BUSINESS_REFERENDUM = "business-referendum"  # neighbourhood planning, business area


@dataclass(frozen=True)
class KindLaw:
    """The statutory timetable of one kind of poll, counted in working days before the poll."""

    kind: ElectionKind
    description: str
    start_days: int  # the latest date of the act that starts the period
    start_label: str  # what that act is, for this kind
    start_key: str  # its name in JSON
    nomination_days: int | None  # close of nominations; None: no candidates
    uk_wide_holidays: bool  # a bank holiday in any part of the UK is passed over
    citation: str

    @property
    def actual_start_label(self) -> str:
        return "Parliament dissolved" if self.uk_wide_holidays else "Notice published"

    @property
    def start_noun(self) -> str:
        """The act itself: 'Notice of election', 'Dissolution of Parliament'."""
        return (
            self.start_label.removeprefix("Latest date for the ")
            .capitalize()
            .replace("parliament", "Parliament")
        )


_NOTICE = "Latest date for the notice of election"
_INFORMATION = "Latest date for the information statement and notice of referendum"
_REFERENDUMS = "Neighbourhood Planning (Referendums) Regulations 2012 (SI 2012/2031), reg 4"

LAW: dict[ElectionKind, KindLaw] = {
    law.kind: law
    for law in (
        KindLaw(
            ElectionKind.LOCAL,
            "parish, town, district, county or unitary council, and their by-elections",
            25,
            _NOTICE,
            "notice_of_election_deadline",
            19,
            False,
            "Local Elections (Parishes and Communities) (England and Wales) Rules 2006 "
            "(SI 2006/3305), Sch 2 rr 1-2 (Sch 3 where the poll is combined), and the Local "
            "Elections (Principal Areas) (England and Wales) Rules 2006 (SI 2006/3304)",
        ),
        KindLaw(
            ElectionKind.PCC,
            "police and crime commissioner",
            25,
            _NOTICE,
            "notice_of_election_deadline",
            19,  # the Electoral Commission's PCC timetables: 7 Apr 2016, 8 Apr 2021, 5 Apr 2024
            False,
            "Police and Crime Commissioner Elections Order 2012 (SI 2012/1917), Sch 3 "
            "(timetable), as the Electoral Commission's PCC timetables apply it",
        ),
        KindLaw(
            ElectionKind.MAYOR,
            "elected mayor (local authority or combined authority)",
            25,
            _NOTICE,
            "notice_of_election_deadline",
            19,
            False,
            "Local Authorities (Mayoral Elections) (England and Wales) Regulations 2007 "
            "(SI 2007/1024) and the Combined Authorities (Mayoral Elections) Order 2017 "
            "(SI 2017/67), timetable rules",
        ),
        KindLaw(
            ElectionKind.PARLIAMENT,
            "UK Parliament general election",
            25,
            "Dissolution of Parliament",
            "dissolution",
            19,
            True,
            "Representation of the People Act 1983, Sch 1 r 1 (timetable) and r 2 (a bank "
            "holiday in any part of the United Kingdom is not counted at a general election)",
        ),
        KindLaw(
            ElectionKind.REFERENDUM,
            "neighbourhood planning referendum",
            28,
            _INFORMATION,
            "information_statement_deadline",
            None,
            False,
            _REFERENDUMS,
        ),
        KindLaw(
            ElectionKind.BUSINESS_REFERENDUM,
            "neighbourhood planning business referendum",
            56,
            _INFORMATION,
            "information_statement_deadline",
            None,
            False,
            _REFERENDUMS + " (56 working days for a business referendum)",
        ),
    )
}

# From this many working days before the latest start, the clerk is asked for the real date.
ASK_FOR_NOTICE_DAYS = 10

"""The Codes of Recommended Practice on Local Authority Publicity that findings quote, by nation.

Councils in England have regard to the Code of 2011 (Local Government Act 1986, s.4); councils
in Wales to the Welsh Ministers' own Code. Quotations are word for word; an ellipsis (…) marks
every omission.
"""

from __future__ import annotations

from enum import StrEnum


class Nation(StrEnum):
    ENGLAND = "england"
    WALES = "wales"


# The reasons the rules give, each answered by one passage of each Code.
INDIVIDUALS = "individuals"  # publicity about people standing in the election
INFLUENCE = "influence"  # publicity that seeks to influence voters
FACTUAL = "factual"  # factual information about candidates is allowed

ENGLAND_CODE = "Code of Recommended Practice on Local Authority Publicity (2011)"
WALES_CODE = "Code of Recommended Practice on Local Authority Publicity (Wales)"

ENGLAND_PARA_33 = (
    "Local authorities should pay particular regard to the legislation governing publicity "
    "during the period of heightened sensitivity before elections and referendums … It may be "
    "necessary to suspend the hosting of material produced by third parties, or to close public "
    "forums during this period to avoid breaching any legal restrictions. "
    f"({ENGLAND_CODE}, para 33)"
)
ENGLAND_PARA_34 = (
    "During the period between the notice of an election and the election itself, local "
    "authorities should not publish any publicity on controversial issues or report views or "
    "proposals in such a way that identifies them with any individual members or groups of "
    "members. Publicity relating to individuals involved directly in the election should not be "
    "published by local authorities during this period unless expressly authorised by or under "
    "statute. It is permissible for local authorities to publish factual information which "
    "identifies the names, wards and parties of candidates at elections. "
    f"({ENGLAND_CODE}, para 34)"
)
ENGLAND_PARA_35 = (
    "In general, local authorities should not issue any publicity which seeks to influence "
    f"voters. … ({ENGLAND_CODE}, para 35)"
)
# The Welsh Code's election-period guidance: only the sentence it shares with England's para 34
# is quoted, and the rest is marked as left out. Its paragraph number is not given because the
# published Welsh text could not be compared word for word when this was written: check it at
# gov.wales ("Local authorities: code of recommended practice") before quoting more.
WALES_ELECTION_PERIOD = (
    "During the period between the notice of an election and the election itself, local "
    "authorities should not publish any publicity on controversial issues or report views or "
    "proposals in such a way that identifies them with any individual members or groups of "
    f"members. … ({WALES_CODE}, publicity during elections)"
)

QUOTATIONS: dict[Nation, dict[str, str]] = {
    Nation.ENGLAND: {
        INDIVIDUALS: ENGLAND_PARA_34,
        INFLUENCE: ENGLAND_PARA_35,
        FACTUAL: ENGLAND_PARA_34,
    },
    Nation.WALES: {
        INDIVIDUALS: WALES_ELECTION_PERIOD,
        INFLUENCE: WALES_ELECTION_PERIOD,
        FACTUAL: WALES_ELECTION_PERIOD,
    },
}


def quotation(nation: Nation | str, reason: str) -> str:
    """The passage of ``nation``'s Code that gives ``reason``."""
    if isinstance(nation, Nation):  # the guard asks this for every finding: no conversion
        return QUOTATIONS[nation][reason]
    return QUOTATIONS[Nation(nation)][reason]

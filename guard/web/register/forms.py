"""The councillor form: a councillor as the clerk types them (lists split at semicolons), and a
councillor shown back in the form's fields."""

from __future__ import annotations

from collections.abc import Mapping

from guard.domain.guard.register import Councillor

LISTS = ("aliases", "x_handles", "facebook", "instagram", "websites")
FIELDS = ("name", "ward", "party", *LISTS)


def posted(form: Mapping[str, str]) -> dict[str, str]:
    """The fields as typed, without the spaces around them."""
    return {k: form.get(k, "").strip() for k in FIELDS}


def blank() -> dict[str, str]:
    return dict.fromkeys(FIELDS, "")


def shown(councillor: Councillor) -> dict[str, str]:
    """A councillor in the form's fields: each list joined with semicolons."""
    return {
        "name": councillor.name,
        "ward": councillor.ward,
        "party": councillor.party,
        **{k: "; ".join(getattr(councillor, k)) for k in LISTS},
    }


def councillor_of(form: Mapping[str, str]) -> Councillor:
    return Councillor(
        form["name"], form["ward"], form["party"], **{k: tuple(_split(form[k])) for k in LISTS}
    )


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]

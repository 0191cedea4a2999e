"""The campaign operations' screens: the filtered campaigns list a page at a time, the units a user may
choose (their subtree as offered), and the request bodies of beneficiaries, sponsorships, blood sessions
and donor registrations (values as typed: the APIs validate them)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from rc_console.adapters import campaign_ops as calls
from rc_console.adapters.upstream import Api
from rc_console.domain.campaign_ops import CampaignQuery
from rc_console.domain.model import User, unit_choices
from rc_console.service_layer.screens import CampaignRow, campaign_row, raised_by_campaign, whole_number


async def scope_units(api: Api, user: User) -> list[tuple[str, str]]:
    """The units offered to choose from: every unit of the user's scope, in tree order (the members API
    lists a scoped user's subtree; ``user`` is the one the API client acts for)."""
    return unit_choices(await api.units_in_scope())


@dataclass
class CampaignsPage:
    """A page of the filtered list: its rows, and whether a page follows (offsets in the URL)."""

    rows: list[CampaignRow]
    offset: int
    size: int
    more: bool

    @property
    def previous(self) -> int | None:
        return max(0, self.offset - self.size) if self.offset > 0 else None

    @property
    def next(self) -> int | None:
        return self.offset + self.size if self.more else None


async def campaigns(api: Api, query: CampaignQuery, size: int) -> CampaignsPage:
    """The campaigns the filters ask for in the user's scope (the campaigns API decides the scope), with
    their cash progress; one more than ``size`` is asked to know whether a next page exists."""
    page, raised = await asyncio.gather(
        calls.campaigns(api, query.params, size + 1, query.offset), raised_by_campaign(api)
    )
    items = list(page.items)
    rows = [campaign_row(c, raised.get(c.id, 0)) for c in items[:size]]
    return CampaignsPage(rows, query.offset, size, len(items) > size)


# ------------------------------------------------------------------ request bodies


def _optional(body: dict[str, Any], form: dict[str, str], *names: str) -> None:
    for name in names:
        if form.get(name, "").strip():
            body[name] = form[name].strip()


def beneficiary_body(form: dict[str, str], campaign_id: str) -> dict[str, Any]:
    """The campaigns API's body for a new beneficiary of the campaign; a humanitarian address belongs to
    its unit rather than to one campaign (any campaign of the unit may support it)."""
    address = form.get("humanitarian_address") == "yes"
    body: dict[str, Any] = {k: form.get(k, "").strip() for k in ("kind", "unit_id", "full_name", "address", "commune")}
    body["humanitarian_address"] = address
    body["consent"] = {
        "purpose": form.get("consent_purpose", "").strip(),
        "given_on": form.get("consent_given_on", "").strip(),
        "publish_name": form.get("consent_publish") == "yes",
    }
    if not address:
        body["campaign_id"] = campaign_id
    _optional(body, form, "id_number", "situation", "notes")
    if form.get("household_size", "").strip():
        body["household_size"] = whole_number(form["household_size"])
    return body


def verify_body(form: dict[str, str]) -> dict[str, Any]:
    return {k: form.get(k, "").strip() for k in ("verified_by", "verified_on")}


def sponsorship_body(form: dict[str, str]) -> dict[str, Any]:
    body = {
        k: form.get(k, "").strip()
        for k in ("sponsor_type", "sponsor_name", "sponsor_contact", "start_on", "commitment")
    }
    _optional(body, form, "end_on")
    return body


def session_body(form: dict[str, str]) -> dict[str, Any]:
    """A blood session: its day, place and places; run by the campaign's organising unit unless another
    unit is chosen."""
    body: dict[str, Any] = {
        "held_on": form.get("held_on", "").strip(),
        "place": form.get("place", "").strip(),
        "capacity": whole_number(form.get("capacity", "")),
    }
    _optional(body, form, "unit_id")
    return body


def registration_body(form: dict[str, str]) -> dict[str, Any]:
    """A donor's registration: an opaque donor number (never a name), the blood group if known, a note."""
    body: dict[str, Any] = {"donor_ref": form.get("donor_ref", "").strip()}
    _optional(body, form, "note")
    if form.get("blood_group", "").strip() not in ("", "unknown"):
        body["blood_group"] = form["blood_group"].strip()
    return body

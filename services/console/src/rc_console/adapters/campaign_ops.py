"""The campaigns and donations APIs' calls of the campaign operations (beneficiaries, sponsorships, blood
sessions and registrations, a distribution and its reversal, the filtered campaigns list), with the
user's token, through the same connection pools as every other call (:class:`rc_console.adapters.upstream.Api`).

Reads go through the generated typed clients; writes post the form's values as they are (the service
validates every field, and its field errors come back next to the form's fields).
"""

from __future__ import annotations

import uuid
from typing import Any

from rc_clients.campaigns.api.beneficiaries import get_beneficiary_beneficiaries_beneficiary_id_get as get_beneficiary
from rc_clients.campaigns.api.blood import get_session_blood_sessions_session_id_get as get_session
from rc_clients.campaigns.api.campaigns import list_campaigns_campaigns_get as list_campaigns
from rc_clients.campaigns.models import BeneficiaryOut, BloodSessionOut, CampaignsPageOut
from rc_clients.donations.api.distributions import (
    get_distribution_distributions_distribution_id_get as get_distribution,
)
from rc_clients.donations.models import DistributionOut
from rc_console.adapters.upstream import Api, call_api, send_json


async def campaigns(api: Api, params: dict[str, Any], limit: int, offset: int) -> CampaignsPageOut:
    """A page of the campaigns in the user's scope; ``params``: state, type, unit_id, q (any of them)."""
    kwargs = {("type_" if k == "type" else k): v for k, v in params.items()}  # the client's name of ``type``
    call = list_campaigns.asyncio_detailed(client=api.campaigns, limit=limit, offset=offset, **kwargs)
    return await call_api(call, CampaignsPageOut)


async def beneficiary(api: Api, beneficiary_id: uuid.UUID) -> BeneficiaryOut:
    """A beneficiary with their personal data (404 outside the user's scope: it stays hidden)."""
    return await call_api(get_beneficiary.asyncio_detailed(beneficiary_id, client=api.campaigns), BeneficiaryOut)


async def register_beneficiary(api: Api, body: dict[str, Any]) -> uuid.UUID:
    answer = await send_json(api.campaigns.get_async_httpx_client(), "POST", "/beneficiaries", body)
    return uuid.UUID(str(answer["id"]))


async def enrol(api: Api, beneficiary_id: uuid.UUID, campaign_id: uuid.UUID) -> bool:
    """Enrol a beneficiary registered before in the campaign too; False when it already was (nothing changed)."""
    path = f"/beneficiaries/{beneficiary_id}/campaigns"
    answer = await send_json(api.campaigns.get_async_httpx_client(), "POST", path, {"campaign_id": str(campaign_id)})
    return bool(answer["enrolled_now"])


async def verify(api: Api, beneficiary_id: uuid.UUID, body: dict[str, Any]) -> None:
    await send_json(api.campaigns.get_async_httpx_client(), "POST", f"/beneficiaries/{beneficiary_id}/verify", body)


async def correct(api: Api, beneficiary_id: uuid.UUID, body: dict[str, Any]) -> None:
    await send_json(api.campaigns.get_async_httpx_client(), "PATCH", f"/beneficiaries/{beneficiary_id}", body)


async def erase(api: Api, beneficiary_id: uuid.UUID) -> None:
    path = f"/beneficiaries/{beneficiary_id}/personal-data"
    await send_json(api.campaigns.get_async_httpx_client(), "DELETE", path, None)


async def sponsor(api: Api, beneficiary_id: uuid.UUID, body: dict[str, Any]) -> None:
    path = f"/beneficiaries/{beneficiary_id}/sponsorships"
    await send_json(api.campaigns.get_async_httpx_client(), "POST", path, body)


async def schedule_session(api: Api, campaign_id: uuid.UUID, body: dict[str, Any]) -> uuid.UUID:
    path = f"/campaigns/{campaign_id}/blood-sessions"
    answer = await send_json(api.campaigns.get_async_httpx_client(), "POST", path, body)
    return uuid.UUID(str(answer["id"]))


async def session(api: Api, session_id: uuid.UUID) -> BloodSessionOut:
    return await call_api(get_session.asyncio_detailed(session_id, client=api.campaigns), BloodSessionOut)


async def register_donor(api: Api, session_id: uuid.UUID, body: dict[str, Any]) -> None:
    path = f"/blood-sessions/{session_id}/registrations"
    await send_json(api.campaigns.get_async_httpx_client(), "POST", path, body)


async def distribution(api: Api, distribution_id: uuid.UUID) -> DistributionOut:
    return await call_api(get_distribution.asyncio_detailed(distribution_id, client=api.donations), DistributionOut)


async def reverse_distribution(api: Api, distribution_id: uuid.UUID, body: dict[str, Any]) -> None:
    path = f"/distributions/{distribution_id}/reversal"
    await send_json(api.donations.get_async_httpx_client(), "POST", path, body)

"""The language switch of the pages' header: the user's choice, kept in a cookie for a year."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from rc_console import i18n
from rc_console.entrypoints import web
from rc_console.i18n import gettext as _

router = APIRouter(include_in_schema=False)
YEAR_S = 365 * 24 * 3600


@router.post("/language")
async def choose_language(request: Request) -> Response:
    """Answer in ``lang`` from now on (over the browser's Accept-Language), back to the page ``next``.

    No CSRF token: the choice changes nothing but how the pages are written, and needs no session
    (the login page has the switch too)."""
    data = await web.form(request)
    lang = data.get("lang", "")
    if lang not in i18n.LOCALES:
        raise web.ApiErrorPage(422, _("Xin chọn một ngôn ngữ: Tiếng Việt hoặc English."))
    response = RedirectResponse(web.safe_next(data.get("next")), status_code=303)
    web.set_cookie(request, response, i18n.COOKIE, lang, YEAR_S)
    return response

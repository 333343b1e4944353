"""The reference portal page: a Starlette app that serves server-rendered pages over the gRPC API.

Safe by default: every POST form carries a per-session CSRF token (and a foreign ``Origin`` is
refused); Jinja2 escapes every value; the acting user comes from the signed session, never from
the URL; contact cards and identity numbers never appear in a URL or a log line; a failed call
becomes a readable message, an unexpected error a page with a reference number and no internals.
"""

from __future__ import annotations

import hmac
import logging
import re
import secrets
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import grpc
import jinja2
from google.protobuf import json_format
from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Match, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from matchmaker.api._gen.matchmaker.v1 import (
    common_pb2,
    match_service_pb2,
    privacy_service_pb2,
    profile_service_pb2,
)
from matchmaker.web.demo_users import DemoDirectory
from matchmaker.web.i18n import LANGUAGES, language_for, text
from matchmaker.web.portal import CALL_TIMEOUT, ApiProblem, PortalClient

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
#: A profile, decision or candidate id as the API accepts it.
ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
#: Items on one page of the list.
PAGE_SIZE = 10
#: The list's filters: query parameter -> RecommendFilter field.
FILTERS = {"hall": "halls", "country": "countries", "category": "categories", "language": "languages"}
PREFERENCES = ("personalized_recommendations", "discoverable", "share_contact_card", "do_not_track")
CARD_FIELDS = ("name", "title", "email", "phone", "mobile", "wechat", "website", "address", "notes")
#: HTTP status of a page that shows a failed call.
HTTP_STATUS = {
    "NOT_FOUND": 404,
    "PERMISSION_DENIED": 403,
    "UNAUTHENTICATED": 502,
    "INVALID_ARGUMENT": 400,
    "FAILED_PRECONDITION": 409,
    "UNAVAILABLE": 503,
    "DEADLINE_EXCEEDED": 504,
    "RESOURCE_EXHAUSTED": 429,
}
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    # Not no-referrer: Chromium then sends "Origin: null" with a form; same-origin leaks no URL out.
    "referrer-policy": "same-origin",
}

Handler = Callable[[Request, str, FormData | None], Awaitable[Response]]


class Portal:
    """What the pages share: the API client, the templates and the demo directory."""

    def __init__(self, client: PortalClient, directory: DemoDirectory) -> None:
        self.client = client
        self.directory = directory
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates = Jinja2Templates(env=env)


def _portal(request: Request) -> Portal:
    portal: Portal = request.app.state.portal
    return portal


def _lang(request: Request) -> str:
    lang = request.session.get("lang")
    if lang in LANGUAGES:
        return str(lang)
    accept = request.headers.get("accept-language", "")
    return "zh" if accept.lower().startswith("zh") else "en"


def _csrf(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def _csrf_ok(request: Request, form: FormData) -> bool:
    """The form carries this session's token and, when the browser says, came from this site."""
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
        return False
    expected = request.session.get("csrf")
    sent = form.get("csrf")
    return isinstance(expected, str) and isinstance(sent, str) and hmac.compare_digest(expected, sent)


def _flash(request: Request, key: str, **values: object) -> None:
    request.session["flash"] = text(key, _lang(request), **values)


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    """A page, with the words of the session's language and the session's CSRF token."""
    lang = _lang(request)

    def t(key: str, **values: object) -> str:
        return text(key, lang, **values)

    context.update(
        request=request,
        t=t,
        lang=lang,
        csrf=_csrf(request),
        user=request.session.get("user"),
        role=request.session.get("role"),
        flash=request.session.pop("flash", None),
        here=request.url.path,
    )
    return _portal(request).templates.TemplateResponse(request, name, context, status_code=status_code)


def problem_page(request: Request, problem: ApiProblem) -> Response:
    """A failed call as a readable message: what it means, the service's own words, each bad field."""
    lang = _lang(request)
    key = f"api_{problem.code}" if f"api_{problem.code}" in _API_KEYS else "api_OTHER"
    message = text(key, lang, target=_portal(request).client.target)
    return render(
        request,
        "error.html",
        HTTP_STATUS.get(problem.code, 502),
        message=message,
        problem=problem,
        reference=None,
    )


_API_KEYS = {
    f"api_{code}"
    for code in (
        "UNAVAILABLE",
        "UNAUTHENTICATED",
        "PERMISSION_DENIED",
        "NOT_FOUND",
        "INVALID_ARGUMENT",
        "FAILED_PRECONDITION",
        "DEADLINE_EXCEEDED",
        "RESOURCE_EXHAUSTED",
    )
}


def _message_page(request: Request, key: str, status_code: int) -> Response:
    return render(
        request,
        "error.html",
        status_code,
        message=text(key, _lang(request)),
        problem=None,
        reference=None,
    )


def user_page(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Guard a page of ``/u/{profile_id}``: signed in as that user, CSRF on POST, API errors shown."""

    async def page(request: Request) -> Response:
        profile_id = request.path_params["profile_id"]
        ids = [v for k, v in request.path_params.items() if k.endswith("_id")]
        if not all(ID.fullmatch(v) for v in ids):
            return _message_page(request, "not_found_page", 404)
        if request.session.get("user") != profile_id:
            _flash(request, "sign_in_first")
            return RedirectResponse("/", status_code=303)
        form: FormData | None = None
        if request.method == "POST":
            form = await request.form()
            if not _csrf_ok(request, form):
                return _message_page(request, "csrf_failed", 403)
        try:
            return await handler(request, profile_id, form)
        except grpc.aio.AioRpcError as exc:
            return problem_page(request, ApiProblem.from_error(exc))

    return page


def _field(form: FormData | None, name: str, limit: int = 10_000) -> str:
    value = form.get(name) if form is not None else None
    return value.strip()[:limit] if isinstance(value, str) else ""


# -- sign-in -------------------------------------------------------------------------------


async def home(request: Request) -> Response:
    """``/``: the demo sign-in."""
    return render(request, "signin.html", directory=_portal(request).directory, problem=None)


async def sign_in(request: Request) -> Response:
    """Check that the chosen user exists (GetProfile as that user), then keep them in the session."""
    form = await request.form()
    if not _csrf_ok(request, form):
        return _message_page(request, "csrf_failed", 403)
    profile_id = _field(form, "typed_id") or _field(form, "profile_id")
    if not profile_id:
        _flash(request, "pick_one")
        return RedirectResponse("/", status_code=303)
    if not ID.fullmatch(profile_id):
        _flash(request, "bad_id")
        return RedirectResponse("/", status_code=303)
    client = _portal(request).client
    try:
        profile = await client.profiles.GetProfile(
            profile_service_pb2.GetProfileRequest(profile_id=profile_id),
            metadata=client.metadata(profile_id),
            timeout=CALL_TIMEOUT,
        )
    except grpc.aio.AioRpcError as exc:
        return problem_page(request, ApiProblem.from_error(exc))
    chosen = request.session.get("lang_chosen")
    csrf = request.session.get("csrf")
    request.session.clear()  # a new user: nothing of the previous session carries over
    request.session.update(
        user=profile.id,
        role="exhibitor" if profile.role == common_pb2.ROLE_EXHIBITOR else "purchaser",
        lang=chosen if chosen in LANGUAGES else language_for(list(profile.languages)),
        csrf=csrf if isinstance(csrf, str) else secrets.token_urlsafe(32),
    )
    if chosen in LANGUAGES:
        request.session["lang_chosen"] = chosen
    return RedirectResponse(f"/u/{profile.id}", status_code=303)


async def sign_out(request: Request) -> Response:
    """Forget the session."""
    form = await request.form()
    if not _csrf_ok(request, form):
        return _message_page(request, "csrf_failed", 403)
    request.session.clear()
    return RedirectResponse("/", status_code=303)


async def set_language(request: Request) -> Response:
    """Switch the page language and go back to the page the switch was on."""
    form = await request.form()
    if not _csrf_ok(request, form):
        return _message_page(request, "csrf_failed", 403)
    lang = _field(form, "lang")
    if lang in LANGUAGES:
        request.session["lang"] = lang
        request.session["lang_chosen"] = lang
    back = _field(form, "next")
    if not back.startswith("/") or back.startswith("//") or "\\" in back:
        back = "/"
    return RedirectResponse(back, status_code=303)


# -- recommendations -----------------------------------------------------------------------


def _filters_from(pairs: list[tuple[str, str]]) -> dict[str, str]:
    return {k: v.strip()[:200] for k, v in pairs if k in FILTERS and v.strip()}


async def matches(request: Request, profile_id: str, _form: FormData | None) -> Response:
    """``/u/{profile_id}``: one page of the user's recommendations, with filters and paging."""
    client = _portal(request).client
    chosen = _filters_from(list(request.query_params.items()))
    flt = match_service_pb2.RecommendFilter()
    for param, field in FILTERS.items():
        if param in chosen:
            values = [v.strip() for v in chosen[param].split(",") if v.strip()]
            getattr(flt, field).extend(values)
    page_token = request.query_params.get("page", "")[:2000]
    call = request.session.get("role") == "exhibitor"
    recommend = client.matches.RecommendPurchasers if call else client.matches.RecommendExhibitors
    answer = await recommend(
        match_service_pb2.RecommendRequest(
            subject_id=profile_id, limit=PAGE_SIZE, page_token=page_token, filter=flt
        ),
        metadata=client.metadata(profile_id),
        timeout=CALL_TIMEOUT,
    )
    prefs = await client.privacy.GetPreferences(
        privacy_service_pb2.GetPreferencesRequest(profile_id=profile_id),
        metadata=client.metadata(profile_id),
        timeout=CALL_TIMEOUT,
    )
    query = urlencode(chosen)
    next_link = ""
    if answer.next_page_token:
        next_link = f"/u/{profile_id}?" + urlencode({**chosen, "page": answer.next_page_token})
    return render(
        request,
        "matches.html",
        answer=answer,
        personalized_setting=prefs.personalized_recommendations,
        chosen=chosen,
        query=query,
        next_link=next_link,
        paged=bool(page_token),
        directory=_portal(request).directory,
    )


def _back_to_list(profile_id: str, form: FormData | None) -> str:
    chosen = _filters_from(parse_qsl(_field(form, "back", 2000)))
    return f"/u/{profile_id}" + (f"?{urlencode(chosen)}" if chosen else "")


async def decline(request: Request, profile_id: str, form: FormData | None) -> Response:
    """The "not relevant" button: RecordFeedback DECLINE; the next list leaves the candidate out."""
    client = _portal(request).client
    answer = await client.matches.RecordFeedback(
        match_service_pb2.RecordFeedbackRequest(
            decision_id=_field(form, "decision_id", 64),
            candidate_id=_field(form, "candidate_id", 64),
            action=common_pb2.FEEDBACK_ACTION_DECLINE,
        ),
        metadata=client.metadata(profile_id),
        timeout=CALL_TIMEOUT,
    )
    _flash(request, "declined" if answer.recorded else "not_recorded")
    return RedirectResponse(_back_to_list(profile_id, form), status_code=303)


async def update_preferences(request: Request, profile_id: str, form: FormData | None) -> Response:
    """Change the privacy choices the form names (UpdatePreferences merges them)."""
    client = _portal(request).client
    changes = {
        name: _field(form, name) == "on" for name in PREFERENCES if _field(form, name) in ("on", "off")
    }
    await client.privacy.UpdatePreferences(
        privacy_service_pb2.UpdatePreferencesRequest(
            profile_id=profile_id, preferences=common_pb2.Preferences(**changes)
        ),
        metadata=client.metadata(profile_id),
        timeout=CALL_TIMEOUT,
    )
    _flash(request, "preferences_saved")
    if _field(form, "from") == "data":
        return RedirectResponse(f"/u/{profile_id}/data", status_code=303)
    return RedirectResponse(_back_to_list(profile_id, form), status_code=303)


async def why(request: Request, profile_id: str, _form: FormData | None) -> Response:
    """``/u/{profile_id}/why/{decision_id}/{candidate_id}``: the stored explanation."""
    client = _portal(request).client
    explanation = await client.matches.ExplainRecommendation(
        match_service_pb2.ExplainRecommendationRequest(
            decision_id=request.path_params["decision_id"], candidate_id=request.path_params["candidate_id"]
        ),
        metadata=client.metadata(profile_id),
        timeout=CALL_TIMEOUT,
    )
    parts = [f.contribution for f in explanation.factors] + [a.contribution for a in explanation.adjustments]
    largest = max((abs(p) for p in parts), default=0.0) or 1.0
    return render(request, "why.html", why=explanation, largest=largest, ticket=None)


async def contest(request: Request, profile_id: str, form: FormData | None) -> Response:
    """ContestDecision with the user's reason; the page shows the review ticket."""
    client = _portal(request).client
    decision_id = request.path_params["decision_id"]
    candidate_id = request.path_params["candidate_id"]
    ticket = await client.matches.ContestDecision(
        match_service_pb2.ContestDecisionRequest(
            decision_id=decision_id, candidate_id=candidate_id, reason=_field(form, "reason", 4000)
        ),
        metadata=client.metadata(profile_id),
        timeout=CALL_TIMEOUT,
    )
    status = match_service_pb2.ReviewStatus.Name(ticket.status).removeprefix("REVIEW_STATUS_").lower()
    return render(
        request,
        "contested.html",
        ticket=ticket,
        ticket_status=status,
        why_link=f"/u/{profile_id}/why/{decision_id}/{candidate_id}",
    )


async def contact_card(request: Request, profile_id: str, form: FormData | None) -> Response:
    """GetContactCard: the candidate's filtered card, with what the filter removed (never the value)."""
    client = _portal(request).client
    card = await client.privacy.GetContactCard(
        privacy_service_pb2.GetContactCardRequest(owner_id=_field(form, "candidate_id", 64)),
        metadata=client.metadata(profile_id),
        timeout=CALL_TIMEOUT,
    )
    fields = [(name, getattr(card, name)) for name in CARD_FIELDS if getattr(card, name)]
    return render(request, "card.html", card=card, fields=fields, back=_back_to_list(profile_id, form))


# -- my data -------------------------------------------------------------------------------


async def _data_page(
    request: Request, profile_id: str, problem: ApiProblem | None = None, status_code: int = 200
) -> Response:
    client = _portal(request).client
    meta = client.metadata(profile_id)
    profile = await client.profiles.GetProfile(
        profile_service_pb2.GetProfileRequest(profile_id=profile_id), metadata=meta, timeout=CALL_TIMEOUT
    )
    prefs = await client.privacy.GetPreferences(
        privacy_service_pb2.GetPreferencesRequest(profile_id=profile_id), metadata=meta, timeout=CALL_TIMEOUT
    )
    disclosures = await client.privacy.ListDisclosures(
        privacy_service_pb2.ListDisclosuresRequest(profile_id=profile_id), metadata=meta, timeout=CALL_TIMEOUT
    )
    return render(
        request,
        "data.html",
        status_code,
        profile=profile,
        prefs=[(name, getattr(prefs, name)) for name in PREFERENCES],
        disclosures=disclosures.disclosures,
        problem=problem,
    )


async def my_data(request: Request, profile_id: str, _form: FormData | None) -> Response:
    """``/u/{profile_id}/data``: choices, export, correction, erasure."""
    return await _data_page(request, profile_id)


async def export(request: Request, profile_id: str, _form: FormData | None) -> Response:
    """ExportPersonalData as a JSON download (identity numbers masked by the service)."""
    client = _portal(request).client
    document = await client.privacy.ExportPersonalData(
        privacy_service_pb2.ExportPersonalDataRequest(profile_id=profile_id),
        metadata=client.metadata(profile_id),
        timeout=CALL_TIMEOUT,
    )
    body = json_format.MessageToJson(document, ensure_ascii=False, indent=2)
    return Response(
        body,
        media_type="application/json",
        headers={"content-disposition": 'attachment; filename="matchmaker-my-data.json"'},
    )


def _split(value: str, separator: str) -> list[str]:
    return [part.strip() for part in value.split(separator) if part.strip()]


async def correct(request: Request, profile_id: str, form: FormData | None) -> Response:
    """UpsertProfile with the corrected public fields; the card is re-sent as stored, less the numbers.

    The API replaces a profile whole and never returns identity or passport numbers, so they are
    whatever the user enters here (empty removes them), as the form says.
    """
    client = _portal(request).client
    meta = client.metadata(profile_id)
    current = await client.profiles.GetProfile(
        profile_service_pb2.GetProfileRequest(profile_id=profile_id), metadata=meta, timeout=CALL_TIMEOUT
    )
    stored = await client.privacy.ExportPersonalData(
        privacy_service_pb2.ExportPersonalDataRequest(profile_id=profile_id),
        metadata=meta,
        timeout=CALL_TIMEOUT,
    )
    profile = common_pb2.Profile()
    profile.CopyFrom(current)
    for output_only in ("version", "created_at", "updated_at", "preferences"):
        profile.ClearField(output_only)
    for name in ("organization", "country", "offering", "seeking", "description"):
        setattr(profile, name, _field(form, name))
    if profile.role == common_pb2.ROLE_EXHIBITOR:
        profile.hall = _field(form, "hall")
    del profile.categories[:]
    profile.categories.extend(_split(_field(form, "categories"), "\n"))
    del profile.target_markets[:]
    profile.target_markets.extend(_split(_field(form, "target_markets"), ","))
    del profile.languages[:]
    profile.languages.extend(_split(_field(form, "languages"), ","))
    contact = common_pb2.ContactCard()
    contact.CopyFrom(stored.contact)
    contact.id_number = _field(form, "id_number", 64)
    contact.passport_number = _field(form, "passport_number", 64)
    profile.contact.CopyFrom(contact)
    try:
        result = await client.profiles.UpsertProfile(
            profile_service_pb2.UpsertProfileRequest(profile=profile), metadata=meta, timeout=CALL_TIMEOUT
        )
    except grpc.aio.AioRpcError as exc:
        if exc.code() != grpc.StatusCode.INVALID_ARGUMENT:
            raise
        return await _data_page(request, profile_id, ApiProblem.from_error(exc), 400)
    _flash(request, "profile_saved", version=result.version)
    return RedirectResponse(f"/u/{profile_id}/data", status_code=303)


async def erase_confirm(request: Request, profile_id: str, _form: FormData | None) -> Response:
    """The confirmation step before an erasure."""
    return render(request, "erase.html", needs_confirmation=False)


async def erase(request: Request, profile_id: str, form: FormData | None) -> Response:
    """ErasePersonalData once the box is ticked; the session ends with it."""
    if _field(form, "confirm") != "yes":
        return render(request, "erase.html", 400, needs_confirmation=True)
    client = _portal(request).client
    receipt = await client.privacy.ErasePersonalData(
        privacy_service_pb2.ErasePersonalDataRequest(profile_id=profile_id),
        metadata=client.metadata(profile_id),
        timeout=CALL_TIMEOUT,
    )
    lang = request.session.get("lang")
    request.session.clear()
    if lang in LANGUAGES:
        request.session["lang"] = lang
    return render(request, "erased.html", receipt=receipt)


# -- the app -------------------------------------------------------------------------------


class PortalMiddleware(BaseHTTPMiddleware):
    """Security headers, ``no-store`` on pages, one log line per request (route, never the path).

    An unexpected error becomes a page with a reference number; the log line names the reference
    and the exception's type only, so nothing personal reaches the log through a message.
    """

    def __init__(self, app: Any, routes: list[BaseRoute]) -> None:
        super().__init__(app)
        self._routes = routes

    def _route_of(self, request: Request) -> str:
        for route in self._routes:
            matched, _ = route.matches(request.scope)
            if matched == Match.FULL:
                return str(getattr(route, "path", "?"))
        return "(no route)"

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        """Serve one request."""
        started = time.monotonic()
        try:
            response = await call_next(request)
        except Exception as exc:
            reference = uuid.uuid4().hex[:12]
            log.error("unexpected error reference=%s type=%s", reference, type(exc).__name__)
            lang = _lang(request) if "session" in request.scope else "en"
            response = _portal(request).templates.TemplateResponse(
                request,
                "error.html",
                {
                    "request": request,
                    "t": lambda key, **values: text(key, lang, **values),
                    "lang": lang,
                    "csrf": "",
                    "user": None,
                    "role": None,
                    "flash": None,
                    "here": "/",
                    "message": text("unexpected", lang),
                    "problem": None,
                    "reference": reference,
                },
                status_code=500,
            )
        for name, value in SECURITY_HEADERS.items():
            response.headers[name] = value
        if not request.url.path.startswith("/static/"):
            response.headers["cache-control"] = "no-store"
        log.info(
            "%s %s %d %.0fms",
            request.method,
            self._route_of(request),
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        return response


def create_app(
    target: str, portal_token: str, fixtures: Path | None = None, secret_key: str | None = None
) -> Starlette:
    """The portal page calling the gRPC API at ``target`` with ``portal_token``."""
    client = PortalClient(target, portal_token)
    portal = Portal(client, DemoDirectory.load(fixtures))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        client.open()
        try:
            yield
        finally:
            await client.close()

    u = "/u/{profile_id}"
    why_path = u + "/why/{decision_id}/{candidate_id}"
    routes: list[BaseRoute] = [
        Route("/", home, methods=["GET"]),
        Route("/signin", sign_in, methods=["POST"]),
        Route("/signout", sign_out, methods=["POST"]),
        Route("/language", set_language, methods=["POST"]),
        Route(u, user_page(matches), methods=["GET"]),
        Route(u + "/decline", user_page(decline), methods=["POST"]),
        Route(u + "/preferences", user_page(update_preferences), methods=["POST"]),
        Route(u + "/card", user_page(contact_card), methods=["POST"]),
        Route(why_path, user_page(why), methods=["GET"]),
        Route(why_path + "/contest", user_page(contest), methods=["POST"]),
        Route(u + "/data", user_page(my_data), methods=["GET"]),
        Route(u + "/data/export", user_page(export), methods=["POST"]),
        Route(u + "/data/profile", user_page(correct), methods=["POST"]),
        Route(u + "/erase", user_page(erase_confirm), methods=["GET"]),
        Route(u + "/erase", user_page(erase), methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(PortalMiddleware, routes=routes),
            Middleware(
                SessionMiddleware,
                secret_key=secret_key or secrets.token_urlsafe(32),
                session_cookie="matchmaker_portal",
                max_age=8 * 3600,
                same_site="lax",
            ),
        ],
        lifespan=lifespan,
    )
    app.state.portal = portal

    async def not_found(request: Request, _exc: Exception) -> Response:
        return _message_page(request, "not_found_page", 404)

    app.add_exception_handler(404, not_found)
    return app

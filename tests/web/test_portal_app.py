"""The portal app without a browser: errors, an absent service, its words and its addresses."""

from __future__ import annotations

import asyncio
import logging
import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from matchmaker.web.app import create_app
from matchmaker.web.i18n import TEXT, language_for, text
from matchmaker.web.server import WebServer, split_address
from tests.support import FIXTURES
from tests.web.helpers import browser_like, closed_port, fetch


async def boom(_request: Request) -> Response:
    raise RuntimeError("card of pur-00042: Li Wei 11010519491231002X")


@pytest.fixture(scope="module")
def web() -> Iterator[str]:
    """The page pointed at a gRPC address where no server answers, with one route that fails."""
    app = create_app(f"127.0.0.1:{closed_port()}", "portal-token-0123456789", FIXTURES)
    app.router.routes.append(Route("/boom", boom))
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def run(coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result(timeout=30)

    async def start() -> WebServer:
        server = WebServer(app, "127.0.0.1:0")
        await server.start()
        return server

    server = run(start())
    try:
        yield server.url.rstrip("/")
    finally:
        run(server.stop())
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


def test_an_unexpected_error_is_a_page_with_a_reference_and_no_internals(
    web: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        status, body = fetch(browser_like(), web + "/boom")
    assert status == 500
    reference = re.search(r'id="error-reference">([0-9a-f]{12})<', body)
    assert reference is not None
    for secret in ("RuntimeError", "Traceback", "pur-00042", "Li Wei", "11010519491231002X"):
        assert secret not in body
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert reference.group(1) in logged and "RuntimeError" in logged
    for secret in ("pur-00042", "Li Wei", "11010519491231002X", "Traceback"):
        assert secret not in logged


def test_an_absent_service_is_a_readable_message(web: str) -> None:
    opener = browser_like()
    status, page = fetch(opener, web + "/")
    assert status == 200
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token is not None
    status, body = fetch(opener, web + "/signin", {"csrf": token.group(1), "typed_id": "pur-00001"})
    assert status == 503
    assert "is not answering at 127.0.0.1:" in body and "UNAVAILABLE" in body
    assert "Traceback" not in body


def test_pages_carry_the_security_headers(web: str) -> None:
    with browser_like().open(web + "/", timeout=30) as answer:
        headers = answer.headers
    assert "script-src" not in headers["content-security-policy"]  # default-src 'none': no script at all
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["cache-control"] == "no-store"
    assert "httponly" in headers["set-cookie"].lower() and "samesite=lax" in headers["set-cookie"].lower()


def test_an_unknown_page_is_a_readable_404(web: str) -> None:
    status, body = fetch(browser_like(), web + "/nowhere")
    assert status == 404 and "There is no such page." in body


def test_every_text_has_both_languages_with_the_same_placeholders() -> None:
    for key, (english, chinese) in TEXT.items():
        assert english.strip() and chinese.strip(), key
        assert set(re.findall(r"{(\w+)}", english)) == set(re.findall(r"{(\w+)}", chinese)), key
    assert text("profile_saved", "zh", version=3) == "您的档案已更正（版本 3）。"
    assert text("sign_in", "fr") == "Sign in"


@pytest.mark.parametrize(
    ("tags", "lang"), [(["zh", "en"], "zh"), (["en"], "en"), (["ja", "zh-Hant"], "zh"), ([], "en")]
)
def test_the_page_speaks_chinese_to_chinese_speakers(tags: list[str], lang: str) -> None:
    assert language_for(tags) == lang


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("127.0.0.1:8080", ("127.0.0.1", 8080)),
        ("[::1]:0", ("::1", 0)),
        ("localhost:65535", ("localhost", 65535)),
    ],
)
def test_listen_addresses(address: str, expected: tuple[str, int]) -> None:
    assert split_address(address) == expected


@pytest.mark.parametrize("address", ["8080", ":8080", "host:http", "host:70000"])
def test_bad_listen_addresses_are_refused(address: str) -> None:
    with pytest.raises(ValueError, match="HOST:PORT"):
        split_address(address)

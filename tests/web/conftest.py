"""One gRPC server, one portal page and one headless Chromium per test module.

The gRPC server is the real one (in-process, the test embedder, a private copy of the demo
database); the page is the real ``matchmaker web`` app on its own port, calling it over a real
channel with the portal token; Chromium is Debian's package, driven by Playwright (Playwright's own
browser download cannot work here, so ``executable_path`` names the installed one).
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import grpc
import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from matchmaker.api._gen.matchmaker.v1 import (
    match_service_pb2_grpc,
    privacy_service_pb2_grpc,
    profile_service_pb2_grpc,
)
from matchmaker.web.app import create_app
from matchmaker.web.server import WebServer
from tests.support import FIXTURES, PORTAL_TOKEN, HashingEmbedder, make_settings, start_server, stop_server
from tests.web.helpers import Records, Stack


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("Debian's chromium is not installed: `apt-get install -y chromium` (.ci/run does it)")
    return found


@pytest.fixture(scope="module")
def stack(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The demo database copied, served over gRPC and by the portal page, in a thread of its own."""
    folder = tmp_path_factory.mktemp("web") / "copy"
    shutil.copytree(demo_dir, folder)
    settings = make_settings(folder)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="web-stack", daemon=True)
    thread.start()

    def run(coroutine: Any) -> Any:
        future: Future[Any] = asyncio.run_coroutine_threadsafe(coroutine, loop)
        return future.result(timeout=240)

    records = Records()
    logging.getLogger().addHandler(records)
    previous = logging.getLogger().level
    logging.getLogger().setLevel(logging.INFO)
    running = run(start_server(settings, HashingEmbedder()))

    async def start_web() -> WebServer:
        server = WebServer(create_app(running.address, PORTAL_TOKEN, FIXTURES), "127.0.0.1:0")
        await server.start()
        return server

    web = run(start_web())
    channel = grpc.insecure_channel(running.address)
    try:
        yield Stack(
            url=web.url.rstrip("/"),
            address=running.address,
            channel=channel,
            profiles=profile_service_pb2_grpc.ProfileServiceStub(channel),
            matches=match_service_pb2_grpc.MatchServiceStub(channel),
            privacy=privacy_service_pb2_grpc.PrivacyServiceStub(channel),
            logs=records,
            database_url=settings.database_url,
        )
    finally:
        channel.close()
        run(web.stop())
        run(stop_server(running))
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        logging.getLogger().removeHandler(records)
        logging.getLogger().setLevel(previous)


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(executable_path=chromium_path(), headless=True)
    try:
        yield launched
    finally:
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context (no cookies) in English, for one test."""
    context = browser.new_context(
        locale="en-US", viewport={"width": 1200, "height": 900}, accept_downloads=True
    )
    context.set_default_timeout(20_000)
    try:
        yield context.new_page()
    finally:
        context.close()

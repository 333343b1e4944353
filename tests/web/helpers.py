"""Helpers of the portal tests: the running stack, signing in, plain HTTP."""

from __future__ import annotations

import http.cookiejar
import logging
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import grpc
from playwright.sync_api import Page

from matchmaker.api._gen.matchmaker.v1 import (
    match_service_pb2_grpc,
    privacy_service_pb2_grpc,
    profile_service_pb2_grpc,
)
from tests.support import PORTAL_TOKEN


def closed_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def browser_like() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def fetch(
    opener: urllib.request.OpenerDirector, url: str, form: dict[str, str] | None = None
) -> tuple[int, str]:
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        with opener.open(url, data=data, timeout=30) as answer:
            return int(answer.status), answer.read().decode()
    except urllib.error.HTTPError as failed:
        return int(failed.code), failed.read().decode()


class Records(logging.Handler):
    """Every log line written while the module runs, formatted as it would be printed."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name} {record.getMessage()}")


@dataclass
class Stack:
    """The running gRPC server and portal page, and sync stubs for comparing with real calls."""

    url: str
    address: str
    channel: grpc.Channel
    profiles: profile_service_pb2_grpc.ProfileServiceStub
    matches: match_service_pb2_grpc.MatchServiceStub
    privacy: privacy_service_pb2_grpc.PrivacyServiceStub
    logs: Records
    database_url: str

    def as_user(self, user: str) -> tuple[tuple[str, str], ...]:
        return (("authorization", f"Bearer {PORTAL_TOKEN}"), ("x-matchmaker-user", user))


def sign_in(page: Page, stack: Stack, profile_id: str, lang: str = "en") -> None:
    """The demo sign-in as ``profile_id``, then the page language set to ``lang``."""
    page.goto(stack.url + "/")
    page.fill("#typed_id", profile_id)
    page.click("#sign-in button[type=submit]")
    page.wait_for_url(f"**/u/{profile_id}")
    current = page.get_attribute("html", "lang") or ""
    if not current.startswith(lang):
        with page.expect_navigation():
            page.click("#switch-language")
        assert (page.get_attribute("html", "lang") or "").startswith(lang)

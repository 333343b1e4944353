"""`matchmaker web` and `matchmaker serve --web` as processes: the ready lines, the token, the stop."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
from pathlib import Path

import pytest

from tests.support import PORTAL_TOKEN, write_tokens
from tests.web.helpers import browser_like, closed_port, fetch


def read_until(process: subprocess.Popen[str], *prefixes: str, seconds: float = 120) -> dict[str, str]:
    """The first stdout line starting with each prefix (the process must print all of them)."""
    assert process.stdout is not None
    found: dict[str, str] = {}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and len(found) < len(prefixes):
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            break
        for prefix in prefixes:
            if line.startswith(prefix) and prefix not in found:
                found[prefix] = line.strip()
    missing = [p for p in prefixes if p not in found]
    assert not missing, f"never printed {missing}"
    return found


def sign_in_as(url: str, profile_id: str) -> tuple[int, str]:
    opener = browser_like()
    _, page = fetch(opener, url)
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token is not None
    return fetch(opener, url + "signin", {"csrf": token.group(1), "typed_id": profile_id})


def refuses_connections(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_web_prints_its_address_and_calls_with_the_portal_token_from_the_environment(tmp_path: Path) -> None:
    target = f"127.0.0.1:{closed_port()}"
    env = {
        **os.environ,
        "MATCHMAKER_PORTAL_TOKEN": PORTAL_TOKEN,
        "MATCHMAKER_DATA_DIR": str(tmp_path / "var"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "matchmaker.cli", "web", "--listen", "127.0.0.1:0", "--target", target],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = read_until(process, "web ", seconds=60)["web "]
        match = re.fullmatch(r"web (http://127\.0\.0\.1:(\d+)/)", line)
        assert match, line
        status, body = sign_in_as(match.group(1), "pur-00001")
        assert status == 503 and f"is not answering at {target}" in body
        assert not (tmp_path / "var" / "demo-tokens.json").exists()  # the environment's token was used
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0


@pytest.mark.slow
def test_serve_with_web_starts_the_page_beside_the_server_and_stops_it_too(tmp_path: Path) -> None:
    grpc_port, web_port = closed_port(), closed_port()
    env = {
        **os.environ,
        "MATCHMAKER_LISTEN": f"127.0.0.1:{grpc_port}",
        "MATCHMAKER_DATABASE_URL": f"sqlite:///{tmp_path / 'mm.db'}",
        "MATCHMAKER_DATA_DIR": str(tmp_path / "var"),
        "MATCHMAKER_TOKENS_FILE": str(write_tokens(tmp_path / "tokens.json")),
    }
    env.pop("MATCHMAKER_PORTAL_TOKEN", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "matchmaker.cli", "serve", "--web", f"127.0.0.1:{web_port}"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        lines = read_until(process, "web ", "ready ")
        assert lines["web "] == f"web http://127.0.0.1:{web_port}/"
        assert lines["ready "] == f"ready 127.0.0.1:{grpc_port}"
        # The page calls the server with the tokens file's portal token: an unknown user is NOT_FOUND
        # (an unknown token would be UNAUTHENTICATED).
        status, body = sign_in_as(f"http://127.0.0.1:{web_port}/", "pur-99999")
        assert status == 404 and "NOT_FOUND" in body
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    deadline = time.monotonic() + 15
    while not refuses_connections(web_port) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert refuses_connections(web_port), "the page outlived the server"
    with pytest.raises(urllib.error.URLError):
        browser_like().open(f"http://127.0.0.1:{web_port}/", timeout=5)

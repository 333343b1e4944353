"""Serving the portal page with uvicorn on a socket bound first, so port 0 names its real port."""

from __future__ import annotations

import asyncio
import logging
import socket
from types import FrameType

import uvicorn
from starlette.applications import Starlette


def split_address(address: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:PORT`` for IPv6) as a host and a port number."""
    host, sep, port = address.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError(f"{address!r} is not HOST:PORT, e.g. 127.0.0.1:8080")
    return host.strip("[]"), int(port)


class _Server(uvicorn.Server):
    """uvicorn's server, but a stop on SIGTERM or Ctrl-C exits 0, as ``matchmaker serve`` does.

    uvicorn re-raises a handled signal once it has shut down gracefully, so the process would end
    as killed by it; the stop was asked for and went well, so nothing is re-raised.
    """

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        self._captured_signals.clear()


class WebServer:
    """One uvicorn server for the portal app; ``start`` returns once it takes requests."""

    def __init__(self, app: Starlette, listen: str) -> None:
        host, port = split_address(listen)
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._socket = socket.socket(family, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))
        self.host = host
        self.port = int(self._socket.getsockname()[1])
        # No access log: paths name profile ids; the app logs its route templates instead.
        logging.getLogger("uvicorn.access").disabled = True
        config = uvicorn.Config(app, log_config=None, access_log=False, server_header=False, lifespan="on")
        self._server = _Server(config)
        self._task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        """Where a browser reaches it."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    async def start(self) -> None:
        """Serve in the background; return when requests are taken (or raise what stopped it)."""
        self._task = asyncio.create_task(self._server.serve(sockets=[self._socket]))
        while not self._server.started:
            if self._task.done():
                self._task.result()
                raise RuntimeError("the web server stopped before it started")
            await asyncio.sleep(0.02)

    async def wait(self) -> None:
        """Until the server stops (SIGINT or SIGTERM, handled by uvicorn in the main thread)."""
        if self._task is not None:
            await self._task

    async def stop(self) -> None:
        """Finish the requests in flight and stop."""
        self._server.should_exit = True
        await self.wait()
        self._socket.close()


async def serve(app: Starlette, listen: str) -> None:
    """Serve ``app`` on ``listen``, print ``web http://HOST:PORT/`` once ready, run until signalled."""
    server = WebServer(app, listen)
    await server.start()
    print(f"web {server.url}", flush=True)
    await server.wait()

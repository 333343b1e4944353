"""Several serving processes on one port (``MATCHMAKER_PROCESSES=N``), each a replica.

One Python process serves on one core (the GIL); a machine with more cores runs more processes.
Each is a full replica: it loads the saved indexes, follows the change log, and listens on the
same port with SO_REUSEPORT, so the kernel spreads connections over them. This supervisor starts
them, prints one ready line once all are ready, restarts one that dies, and passes SIGTERM on.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence

from matchmaker.config import Settings

log = logging.getLogger(__name__)

#: How long a serving process may take to print its ready line.
START_TIMEOUT_SECONDS = 600.0


def reserve_port(listen: str) -> str:
    """``listen`` with port 0 replaced by a free port that SO_REUSEPORT sockets can share."""
    host, _, port = listen.rpartition(":")
    if port != "0":
        return listen
    bare = host.strip("[]")
    family = socket.AF_INET6 if ":" in bare else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        probe.bind((bare, 0))
        chosen = probe.getsockname()[1]
    return f"{host}:{chosen}"


def metrics_address(listen: str, index: int) -> str:
    """Process ``index``'s metrics address: each process counts its own calls, on its own port.

    A fixed port P gives P, P+1, ... (scrape them all); port 0 lets each pick a free one (each
    prints its ``metrics`` line).
    """
    host, _, port = listen.rpartition(":")
    return listen if port == "0" else f"{host}:{int(port) + index}"


class Supervisor:
    """Runs ``count`` serving processes on one address until told to stop."""

    def __init__(self, settings: Settings, count: int, command: Sequence[str]) -> None:
        self.address = reserve_port(settings.listen)
        self._count = count
        self._command = list(command)
        self._grace = settings.shutdown_grace_seconds
        self._metrics = settings.metrics_listen
        self._children: list[subprocess.Popen[str] | None] = [None] * count
        self._ready = [threading.Event() for _ in range(count)]
        self._stopping = threading.Event()
        self._lock = threading.Lock()

    def _environment(self, index: int) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            MATCHMAKER_PROCESSES="1",
            MATCHMAKER_REUSE_PORT="true",
            MATCHMAKER_LISTEN=self.address,
        )
        if self._metrics:
            env["MATCHMAKER_METRICS_LISTEN"] = metrics_address(self._metrics, index)
        return env

    def _spawn(self, index: int) -> None:
        self._ready[index].clear()
        # The command is this interpreter running this package: no outside input reaches it.
        child = subprocess.Popen(  # noqa: S603
            self._command,
            env=self._environment(index),
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self._children[index] = child
        threading.Thread(target=self._relay, args=(index, child), daemon=True).start()

    def _relay(self, index: int, child: subprocess.Popen[str]) -> None:
        """Pass the child's lines on; its ready line is announced once, by the supervisor."""
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("ready "):
                self._ready[index].set()
                continue
            print(f"[{index}] {line}", end="", flush=True)

    def start(self) -> None:
        """Start every process and wait until each has printed its ready line."""
        for index in range(self._count):
            self._spawn(index)
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        for index in range(self._count):
            child = self._children[index]
            while not self._ready[index].wait(0.2):
                if child is not None and child.poll() is not None:
                    self.stop()
                    raise SystemExit(f"serving process {index} exited with status {child.returncode}")
                if time.monotonic() > deadline:
                    self.stop()
                    raise SystemExit(
                        f"serving process {index} was not ready in {START_TIMEOUT_SECONDS:.0f} s"
                    )

    def watch(self) -> None:
        """Until ``stop``: restart any process that exits."""
        while not self._stopping.wait(0.5):
            for index, child in enumerate(self._children):
                if child is not None and child.poll() is not None and not self._stopping.is_set():
                    log.warning("serving process %d exited (status %s); restarting", index, child.returncode)
                    self._spawn(index)

    def stop(self) -> None:
        """SIGTERM to every process (they drain in-flight calls), then wait for them."""
        self._stopping.set()
        for child in self._children:
            if child is not None and child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + self._grace + 30
        for child in self._children:
            if child is None:
                continue
            try:
                child.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def serve_processes(settings: Settings) -> int:
    """Serve with ``settings.processes`` processes on one port until SIGTERM or SIGINT."""
    command = [sys.executable, "-m", "matchmaker.cli", "serve", "--worker"]
    supervisor = Supervisor(settings, settings.processes, command)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    supervisor.start()
    print(f"serving with {settings.processes} processes on one port", flush=True)
    print(f"ready {supervisor.address}", flush=True)
    watcher = threading.Thread(target=supervisor.watch, daemon=True)
    watcher.start()
    while not stop.wait(1.0):
        pass
    supervisor.stop()
    return 0

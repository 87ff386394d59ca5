"""HTTP worker processes: one listening socket served by N forked processes.

`serve_forked(count, serve)` forks `count` children that each call `serve()` (build the
application and run uvicorn on the inherited socket; the kernel spreads connections over
the processes accepting on it). The parent only supervises: it stops the children on
SIGINT / SIGTERM (SIGTERM, then SIGKILL after `stop_timeout`), restarts a child that dies
unexpectedly (at most `MAX_RESTARTS` within `RESTART_WINDOW` seconds, then it stops them all
and exits 1), and children die with the parent (`PR_SET_PDEATHSIG` on Linux). Nothing of
the application may exist in the parent before the fork (no engine, no thread); what the
processes share is made there on purpose (the socket, the rate-limit table).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from types import FrameType

logger = logging.getLogger("labelbox_server.processes")

MAX_RESTARTS = 5
RESTART_WINDOW = 60.0
#: Seconds between checks of the children (and of a stop request).
POLL_INTERVAL = 0.1
_PR_SET_PDEATHSIG = 1


def default_http_workers() -> int:
    """One HTTP process per CPU this process may run on, at most 8."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 8))


def _die_with_parent() -> None:
    """Ask Linux to SIGTERM this process when its parent exits (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _child(serve: Callable[[], None], parent: int) -> None:
    """In a forked child: run `serve` and exit (never returns)."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _die_with_parent()
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(0)
        serve()
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 0
    except BaseException:
        logger.exception("HTTP worker process failed")
        code = 1
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
    os._exit(code)


def serve_forked(count: int, serve: Callable[[], None], *, stop_timeout: float = 10.0) -> int:
    """Run `serve` in `count` child processes until a stop signal; the exit status."""
    parent = os.getpid()
    stopping = False

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    previous = {
        signum: signal.signal(signum, request_stop) for signum in (signal.SIGINT, signal.SIGTERM)
    }

    def spawn() -> int:
        pid = os.fork()
        if pid == 0:
            _child(serve, parent)
        return pid

    children = {spawn() for _ in range(count)}
    restarts: list[float] = []
    status = 0
    try:
        while children and not stopping:
            try:
                pid, _wait_status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0 or pid not in children:
                time.sleep(POLL_INTERVAL)
                continue
            children.discard(pid)
            if stopping:
                break
            now = time.monotonic()
            restarts = [at for at in restarts if at > now - RESTART_WINDOW] + [now]
            if len(restarts) > MAX_RESTARTS:
                logger.error("HTTP worker processes keep dying; stopping")
                status = 1
                break
            logger.warning("HTTP worker process %s exited; starting another", pid)
            children.add(spawn())
    finally:
        _stop(children, stop_timeout)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return status


def _stop(children: set[int], timeout: float) -> None:
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while children and time.monotonic() < deadline:
        for pid in list(children):
            with contextlib.suppress(ChildProcessError):
                done, _ = os.waitpid(pid, os.WNOHANG)
                if done == 0:
                    continue
            children.discard(pid)
        time.sleep(0.05)
    for pid in children:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)

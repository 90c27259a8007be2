"""No process of a run outlives it, a signal stops it in seconds, and what a killed run left is
cleaned by the next.

- Every child a run starts (the temporary Prefect server, the chart renderer, the workers'
  forkserver and the workers forked from it) asks the kernel to kill it when its parent dies
  (`die_with_parent`, Linux's parent-death signal), so even `kill -9` of `chronicle run` leaves
  nothing behind: the forkserver dies with the run, the workers with the forkserver.
- `stop_on_signals` turns SIGTERM (and SIGINT) into `Interrupted`; Prefect turns SIGTERM into its
  own TerminationSignal while a flow runs. `abandon` then kills what the run started and exits
  at once: a release is published by renaming a complete folder, so there is nothing to finish.
  The exception is not trusted to arrive: unwinding passes through Prefect's task runner, which
  waits for its task threads, and a task computing in place (one worker) ends only with its
  batch. So with a `deadline`, a thread that hears of the signal through the interpreter's wakeup
  fd (whichever Python handler is installed then) abandons the run itself when that time is up.
- Files named `*.<pid>.tmp` are written then renamed into place; `remove_stale_temporaries`
  deletes those whose writer is no longer alive.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil

_PR_SET_PDEATHSIG = 1
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
_TEMPORARY = re.compile(r"\.(\d+)\.tmp$")


class Interrupted(BaseException):  # noqa: N818 (a signal, as KeyboardInterrupt is)
    """The run was asked to stop by a signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def die_with_parent(run: int | None = None) -> None:
    """Have the kernel kill this process when its parent dies (Linux; elsewhere nothing).

    With `run`, the pid of the process this one works for: when that one has already died (before
    this call could ask, a worker forked just as the run was killed), this process exits now.
    """
    _ask_kernel()
    if run is not None and not _alive(run):
        os._exit(1)


def child_of_this_process() -> Callable[[], None]:
    """A `preexec_fn` for subprocess.Popen: the child dies when this process dies."""
    parent = os.getpid()

    def preexec() -> None:
        _ask_kernel()
        if os.getppid() != parent:  # died between the fork and the request
            os._exit(1)

    return preexec


def _ask_kernel() -> None:
    """PR_SET_PDEATHSIG: SIGKILL this process when the thread that started it ends."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie does not)."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def stop_on_signals(deadline: float | None = None) -> None:
    """Raise `Interrupted` in the main thread on SIGTERM, SIGINT or SIGHUP; with `deadline`, also
    `abandon` the run that many seconds after the first of them if it has not ended by then."""

    def handler(signum: int, _frame: object) -> None:
        raise Interrupted(signum)

    for signum in STOP_SIGNALS:
        signal.signal(signum, handler)
    if deadline is not None:
        read, write = os.pipe()
        os.set_blocking(write, False)  # the interpreter's C handler must never wait on it
        signal.set_wakeup_fd(write, warn_on_full_buffer=False)
        threading.Thread(target=_abandon_after, args=(read, deadline), daemon=True).start()


def _abandon_after(wakeup: int, deadline: float) -> None:
    """Wait for a stop signal's number on the wakeup fd; `deadline` seconds later, abandon."""
    while True:
        stop = next((n for n in os.read(wakeup, 64) if n in STOP_SIGNALS), None)
        if stop is not None:
            time.sleep(deadline)
            abandon(stop)


def signal_of(exc: BaseException) -> int | None:
    """The signal an exception stands for: `Interrupted`, Ctrl-C, or Prefect's TerminationSignal
    (recognised by name: Prefect is not imported for it); None for any other exception."""
    if isinstance(exc, Interrupted):
        return exc.signum
    if isinstance(exc, KeyboardInterrupt):
        return signal.SIGINT
    return getattr(exc, "signal", None) if type(exc).__name__ == "TerminationSignal" else None


def abandon(signum: int) -> None:
    """Kill every process this one started, say so on stderr, and exit with 128 + the signal's
    number. Safe from any thread: it takes no lock (the progress display may hold the console's)."""
    if threading.current_thread() is threading.main_thread():
        for sig in STOP_SIGNALS:
            signal.signal(sig, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
        sys.stdout.flush()
        sys.stderr.flush()
    kill_descendants()
    line = f"{signal.Signals(signum).name}: run stopped; the last release is unchanged\n"
    with contextlib.suppress(OSError):
        os.write(2, line.encode())
    os._exit(128 + signum)


def kill_descendants(session: int | None = None) -> None:
    """SIGKILL every process started by this one, and theirs; with `session`, only those in that
    session (a server started in a session of its own is spared)."""
    with contextlib.suppress(psutil.Error):
        for child in psutil.Process().children(recursive=True):
            with contextlib.suppress(psutil.Error, OSError):
                if session is None or os.getsid(child.pid) == session:
                    child.kill()


def remove_stale_temporaries(*folders: Path) -> list[Path]:
    """Delete the `*.<pid>.tmp` files under `folders` whose writing process is gone."""
    removed = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob("*.tmp"):
            found = _TEMPORARY.search(path.name)
            if found and not psutil.pid_exists(int(found.group(1))):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed

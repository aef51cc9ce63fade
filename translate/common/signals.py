"""SIGTERM handled like Ctrl-C, so that ``kill``, ``timeout`` and service managers stop a run cleanly.

Python turns SIGINT into :class:`KeyboardInterrupt`; :func:`terminate_like_interrupt`
makes SIGTERM raise :class:`Terminated`, a kind of KeyboardInterrupt, so every
``except KeyboardInterrupt`` (saving progress, removing a temporary file)
runs for both.  The command line then exits 130 for Ctrl-C and 143
(128 + 15, what a shell reports for SIGTERM) for SIGTERM.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived."""

    exit_code = 143


def _raise(signum, frame) -> None:
    raise Terminated()


@contextmanager
def terminate_like_interrupt() -> Iterator[None]:
    """While inside, SIGTERM raises :class:`Terminated` (only the main thread can set handlers)."""
    try:
        previous = signal.signal(signal.SIGTERM, _raise)
    except ValueError:  # not the main thread (a test runner, a web server): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)

"""Ctrl+C in a command: raised as ``Interrupted``, so the exit status says 130 whatever was running.

CPython's ``python -m`` exits by SIGINT (status -2 to a parent process, no matter what ``main``
returned) once a plain ``KeyboardInterrupt`` has passed through code run by ``exec``, even when
the command caught it later; Numba compiles a first run's kernels through such code. CPython checks
for exactly ``KeyboardInterrupt``, so a subclass raised by our own handler is caught like one and
leaves the exit status alone.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Interrupted(KeyboardInterrupt):
    """Ctrl+C (SIGINT) during a command."""


def _raise_interrupted(signum, frame) -> None:
    raise Interrupted


@contextmanager
def ctrl_c_raises_interrupted() -> Iterator[None]:
    """While inside, SIGINT raises ``Interrupted``; left alone when SIGINT is ignored or handled
    by someone else, or off the main thread (where Python cannot set handlers)."""
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield
        return
    signal.signal(signal.SIGINT, _raise_interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)

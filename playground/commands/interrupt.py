"""Ctrl+C in a command: raised as ``Interrupted``, so the exit status says 130 whatever was running.

CPython's ``python -m`` exits by SIGINT (status -2 to a parent process, no matter what ``main``
returned) once a plain ``KeyboardInterrupt`` has passed through code run by ``exec``, even when
the command caught it later; Numba compiles a first run's kernels through such code. CPython checks
for exactly ``KeyboardInterrupt``, so a subclass raised by our own handler is caught like one and
leaves the exit status alone.

A Ctrl+C can also land while Python runs a ctypes callback (llvmlite calls Numba's object-cache
hooks that way while it compiles): CPython prints an exception raised there ("Exception ignored on
calling ctypes callback function") and drops it, so the command went on as if no key had been
pressed. The handler therefore also records the interrupt, ``raise_if_interrupted`` raises it again
from a safe place (the training loop's progress events, the command's return), and such a dropped
``Interrupted`` is not printed.
"""
from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class Interrupted(KeyboardInterrupt):
    """Ctrl+C (SIGINT) during a command."""


_pending = threading.Event()


def _raise_interrupted(signum, frame) -> None:
    _pending.set()
    raise Interrupted


def raise_if_interrupted() -> None:
    """Raise ``Interrupted`` if a Ctrl+C came inside ``ctrl_c_raises_interrupted`` (even one that
    was dropped where it was first raised)."""
    if _pending.is_set():
        raise Interrupted


def _drop_quietly(previous: Callable[[Any], None]) -> Callable[[Any], None]:
    """An unraisable-exception hook that leaves out ``Interrupted`` (``raise_if_interrupted`` raises
    it again) and passes everything else to ``previous``."""
    def hook(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, Interrupted):
            previous(unraisable)
    return hook


@contextmanager
def ctrl_c_raises_interrupted() -> Iterator[None]:
    """While inside, SIGINT raises ``Interrupted``; left alone when SIGINT is ignored or handled
    by someone else, or off the main thread (where Python cannot set handlers)."""
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield
        return
    _pending.clear()
    previous_hook = sys.unraisablehook
    sys.unraisablehook = _drop_quietly(previous_hook)
    signal.signal(signal.SIGINT, _raise_interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        sys.unraisablehook = previous_hook

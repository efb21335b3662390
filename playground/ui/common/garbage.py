"""Python's cycle collector, run from the GUI thread only (training and compare workers allocate
on their own threads)."""
from __future__ import annotations

_collector = None


def collect_garbage_on_gui_thread() -> None:
    """Run Python's cycle collector only from a GUI-thread timer.

    A collection triggered while a worker thread allocates would finalise Qt objects on that
    thread; seen here as a deadlock between the training worker and the event loop.
    """
    global _collector
    if _collector is None:
        from pyqtgraph.util.garbage_collector import GarbageCollector

        _collector = GarbageCollector(interval=0.5)

"""Python's cycle collector, run from the GUI thread only (training and compare workers allocate
on their own threads)."""
from __future__ import annotations

import gc

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


def spare_long_lived() -> None:
    """Leave every object alive now (the window, the model, compiled kernels: most of the heap)
    out of full collections until ``release_long_lived``. Run at a training run's start: a full
    collection of them took 75-85 ms on the GUI thread, holding the GIL the training thread
    needs (and the event loop); objects made during the run are still collected."""
    gc.freeze()


def release_long_lived() -> None:
    """The run has ended: what ``spare_long_lived`` set aside is collected as usual again."""
    gc.unfreeze()

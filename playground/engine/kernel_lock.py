"""The lock every entry point that runs kernels holds.

Numba's default threading layer aborts the process when two threads run parallel kernels at once,
so model passes, training steps, probes and the optimizer race take this lock (re-entrant: a
training step runs probes' passes too).
"""
from __future__ import annotations

import threading

KERNEL_LOCK = threading.RLock()

"""The lock every entry point that runs kernels holds.

Parallel kernels (``threads``) run on Numba's pool; its workqueue layer (the fallback where neither
OpenMP nor TBB is available) aborts the process when two Python threads start parallel kernels at
once, so model passes, training steps, probes and the optimizer race take this lock, whatever the
layer (re-entrant: a training step runs probes' passes too).
"""
from __future__ import annotations

import threading

KERNEL_LOCK = threading.RLock()

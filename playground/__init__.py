"""Neural Network Playground: build networks from nodes, train them with a Numba engine, watch them learn."""
import os

# OpenBLAS threads busy-wait: beside the GUI thread or any other load they made a LeNet step about
# ten times slower (measured 5-6 ms with one thread, 44-60 ms with two, on 2 busy cores), and
# playground-sized products gain little from them. Set before numpy loads; a user's value wins.
for _var in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

__version__ = "0.1.0"

"""Neural Network Playground: build networks from nodes, train them with a Numba engine, watch them learn."""

__version__ = "0.1.0"

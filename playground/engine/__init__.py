"""The training engine: numpy + Numba, no Qt. Usable as a library and from the CLI."""
from playground.engine import numba_cache as _numba_cache

_numba_cache.configure()

from playground.engine import nodes as _nodes  # noqa: E402, F401  (registers the built-in node types)
from playground.engine.datasets import Dataset, DatasetError  # noqa: E402
from playground.engine.graph import Edge, Graph, GraphError, Node  # noqa: E402
from playground.engine.kernel_lock import KERNEL_LOCK  # noqa: E402
from playground.engine.model import Model, load_dataset  # noqa: E402
from playground.engine.optim import Optimizer, make_optimizer  # noqa: E402
from playground.engine.preset import PresetError, graph_from_dict, load_preset, save_preset  # noqa: E402
from playground.engine.registry import node_type, node_types  # noqa: E402
from playground.engine.threads import get_threads, set_threads  # noqa: E402
from playground.engine.trainer import Trainer, TrainEvent, TrainResult  # noqa: E402
from playground.engine.validate import Analysis, analyze  # noqa: E402
from playground.engine.weights_io import WeightsError  # noqa: E402

__all__ = [
    "KERNEL_LOCK", "Analysis", "Dataset", "DatasetError", "Edge", "Graph", "GraphError", "Model",
    "Node", "Optimizer", "PresetError", "TrainEvent", "TrainResult", "Trainer", "WeightsError",
    "analyze", "get_threads", "graph_from_dict", "load_dataset", "load_preset", "make_optimizer",
    "node_type", "node_types", "save_preset", "set_threads",
]

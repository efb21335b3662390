"""Built-in node types; importing this package registers them."""
from playground.engine.nodes import activations, data, embedding, layers, losses, optimizers, recurrent  # noqa: F401

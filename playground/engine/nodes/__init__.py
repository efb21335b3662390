"""Built-in node types; importing this package registers them."""
from playground.engine.nodes import activations, data, layers, losses, optimizers  # noqa: F401
from playground.engine.nodes import gan  # noqa: E402,F401  (after the others: palette order)

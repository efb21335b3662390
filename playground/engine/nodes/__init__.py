"""Built-in node types; importing this package registers them (the palette lists them in this order)."""
from playground.engine.nodes import activations, data, layers  # noqa: F401
from playground.engine.nodes import embedding, recurrent  # noqa: F401  (after the classic layers in the palette)
from playground.engine.nodes import losses, optimizers  # noqa: F401
from playground.engine.nodes import gan  # noqa: E402,F401  (after the others: palette order)

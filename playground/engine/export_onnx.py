"""Export a graph to ONNX (for Netron, onnxruntime, phones and browsers) through the PyTorch module.

Needs torch plus onnx and onnxscript in the playground's Python (``pip install nn-playground[onnx]``).
The ONNX model computes the playground's output (``Net.predict``), for any batch size.
"""
from __future__ import annotations

import importlib.util
import logging
import os
import warnings
from pathlib import Path

from playground.engine.export_torch import ExportError, check_target, torch_script
from playground.engine.model import Model

INSTALL_HINT = "pip install torch onnx onnxscript (or pip install 'nn-playground[onnx]')"


def onnx_missing() -> str | None:
    """What has to be installed for an ONNX export, or None when everything is there."""
    missing = [name for name in ("torch", "onnx", "onnxscript") if importlib.util.find_spec(name) is None]
    if missing:
        return (f"ONNX export needs {', '.join(missing)} in the playground's Python "
                f"({INSTALL_HINT})")
    return None


def exported_net(model: Model):
    """The exported ``Net`` with ``model``'s current weights, built in this process (needs torch)."""
    import numpy as np
    import torch

    source, state = torch_script(model)
    namespace = {"__name__": "playground_exported_model", "__file__": "model.py"}
    exec(compile(source, "model.py", "exec"), namespace)  # noqa: S102 - our own generated source
    net = namespace["Net"]()
    net.load_state_dict({k: torch.from_numpy(np.array(v)) for k, v in state.items()})
    return net.eval()


def export_onnx(model: Model, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write ``model`` (current weights) as an ONNX file with input "x" (batch, *input shape) and
    output "y" (the playground's output). Written to a temporary file and renamed into place;
    an existing file is only replaced with ``force``. Raises ExportError with the reason."""
    path = Path(path).expanduser().absolute()
    if path.is_dir():
        raise ExportError(f"{path} is a folder; name the ONNX file, e.g. {path / 'model.onnx'}")
    check_target(path, "the ONNX file")
    if path.suffix != ".onnx":
        raise ExportError(f"{path.name}: an ONNX model is a .onnx file; name it "
                          f"{path.with_suffix('.onnx').name}")
    if path.exists() and not force:
        raise ExportError(f"{path} already exists; use --force to replace it")
    torch_script(model)  # a node without a PyTorch counterpart is refused first, by name
    problem = onnx_missing()
    if problem:
        raise ExportError(problem)
    import torch

    class Predict(torch.nn.Module):
        def __init__(self, net):
            super().__init__()
            self.net = net

        def forward(self, x):
            return self.net.predict(x)

    wrapper = Predict(exported_net(model)).eval()
    example = torch.zeros(2, *model.input_shape)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    quiet = logging.getLogger("torch.onnx")
    level = quiet.level
    try:
        quiet.setLevel(logging.ERROR)  # the exporter logs every op registry it skips
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(wrapper, (example,), str(tmp), input_names=["x"], output_names=["y"],
                              dynamic_shapes=({0: torch.export.Dim("batch")},), dynamo=True,
                              external_data=False, verbose=False)
        os.replace(tmp, path)
    except Exception as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, ExportError):
            raise
        if isinstance(exc, OSError):
            raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise ExportError(f"PyTorch could not export the model to ONNX: {exc}") from exc
    finally:
        quiet.setLevel(level)
    return path

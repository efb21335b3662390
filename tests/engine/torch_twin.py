"""The PyTorch twin of an engine model (``torch_script``), for the tests that check the export
computes what the engine does. Needs torch: call it after ``pytest.importorskip("torch")``."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np


def exported_outputs(model, x: np.ndarray, folder: Path) -> np.ndarray:
    """``model`` exported with ``torch_script`` into ``folder``, loaded with the engine's weights
    and run in eval mode on ``x``: its ``predict`` (the final activation applied), else its forward."""
    import torch

    from playground.engine.export_torch import torch_script

    source, state = torch_script(model, "weights.npz")
    path = folder / "exported.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("exported", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    net = module.Net()
    net.load_state_dict({k: torch.from_numpy(np.array(v)) for k, v in state.items()})
    net.eval()
    with torch.no_grad():
        x = torch.from_numpy(x)
        return (net.predict(x) if hasattr(net, "predict") else net(x)).numpy()

"""Kernels specialised on declared scalar kernels (activation loops, the fused chain) are named
after those kernels and load from Numba's disk cache in a new process."""
import json
import os
import subprocess
import sys
from pathlib import Path

from playground.engine.ops.specialize import kernel_key
from playground.engine.registry import node_type

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json
from playground.engine import Model
model = Model.from_preset("presets/xor.json")
data, y, _ = model.load_data()
model.loss_and_grads(data.x_train[:8], y[:8])
chain, model._chain = model._chain, None  # and the op-by-op path, with the same scalar kernels
model.loss_and_grads(data.x_train[:8], y[:8])
tanh = model.ops["tanh1"]
kernels = {"chain": chain.step, "forward": tanh._forward, "backward": tanh._backward}
print(json.dumps({name: sum(k.stats.cache_hits.values()) for name, k in kernels.items()}))
"""


def test_each_set_of_kernels_gets_its_own_name():
    tanh, relu = node_type("Tanh"), node_type("ReLU")
    assert kernel_key((tanh.forward,)) != kernel_key((relu.forward,))
    assert kernel_key((tanh.forward, relu.forward)) != kernel_key((relu.forward, tanh.forward))
    assert kernel_key((tanh.forward,)) == kernel_key((tanh.forward,))


def test_specialised_kernels_load_from_the_disk_cache_in_a_new_process(tmp_path):
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path)}

    def hits():
        run = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=600)
        assert run.returncode == 0, run.stderr
        return json.loads(run.stdout.splitlines()[-1])

    assert hits() == {"chain": 0, "forward": 0, "backward": 0}  # an empty cache: compiled
    assert all(n > 0 for n in hits().values())  # loaded, not compiled again

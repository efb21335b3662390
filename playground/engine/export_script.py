"""What the two exported training scripts (a classifier's and a GAN's ``train.py``) share.

Each script is fixed text with three placeholders: ``@TITLE@``, ``# @SETTINGS@`` (written per graph)
and ``# @COMMON@``, which becomes ``COMMON`` below, so the exported file stays self-contained.
"""
from __future__ import annotations

COMMON = r'''def add_common_options(p, steps, data, weights, json_help):
    """The options both exported scripts take; the helps that differ are the arguments."""
    p.add_argument("--device", choices=("auto", "cpu", "cuda", "mps"), default="auto",
                   help="auto: cuda if available, else mps, else cpu")
    p.add_argument("--epochs", type=int, default=EPOCHS, help=f"passes over the data (default {EPOCHS})")
    p.add_argument("--steps", type=int, help=steps)
    p.add_argument("--data", default=str(DATA), help=data)
    p.add_argument("--weights", default=str(WEIGHTS), help=weights)
    p.add_argument("--fresh-init", action="store_true",
                   help="start from PyTorch's own random initialisation instead of --weights")
    p.add_argument("--resume", metavar="CHECKPOINT", help="continue from a checkpoint this script saved")
    p.add_argument("--checkpoint", default=str(CHECKPOINT), help="where to save the checkpoint")
    p.add_argument("--same-batches", action="store_true",
                   help="the playground's batch order (saved with the data): reproduces its losses")
    p.add_argument("--json", action="store_true", help=json_help)


def fail(message):
    sys.exit(f"train.py: {message}")


def at_least_one(parser, args, names):
    """Refuses a count below one the way argparse refuses a bad option."""
    for name in names:
        value = getattr(args, name)
        if value is not None and value < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")


def pick_device(name, local_rank=0):
    mps = getattr(torch.backends, "mps", None)
    mps_ok = mps is not None and mps.is_available()
    if name == "auto":
        name = "cuda" if torch.cuda.is_available() else "mps" if mps_ok else "cpu"
    if name == "cuda":
        if not torch.cuda.is_available():
            fail("--device cuda, but this PyTorch sees no CUDA GPU (install a CUDA build of torch)")
        torch.cuda.set_device(local_rank)
        return torch.device("cuda", local_rank)
    if name == "mps" and not mps_ok:
        fail("--device mps, but Apple's Metal backend is not available here")
    return torch.device(name)


def read_arrays(path, needed, shape, takes):
    """Every array of the .npz at ``path``, which must hold ``needed``; the samples of x_train
    and x_val must have ``shape`` (what ``takes``, for the message)."""
    try:
        with np.load(path, allow_pickle=False) as f:
            arrays = {k: f[k] for k in f.files}
    except (OSError, ValueError) as exc:
        fail(f"cannot read the data {path}: {exc}")
    missing = [k for k in needed if k not in arrays]
    if missing:
        fail(f"{path} has no {', '.join(missing)} (it needs {', '.join(needed)})")
    for part in ("train", "val"):
        x = arrays[f"x_{part}"]
        if tuple(x.shape[1:]) != tuple(shape):
            fail(f"{path}: x_{part} has samples of shape {tuple(x.shape[1:])}, {takes} {tuple(shape)}")
    return arrays


def check_batch_orders(orders, samples, steps, steps_per_epoch, path):
    """--same-batches needs the playground's batch order for these samples and enough epochs."""
    if orders is None:
        fail(f"--same-batches needs the playground's batch order, which {path} does not hold")
    if orders.shape[1] != samples:
        fail(f"--same-batches: the batch order is for {orders.shape[1]} samples, the data has {samples}")
    if math.ceil(steps / steps_per_epoch) > len(orders):
        fail(f"--same-batches: the saved batch order covers {len(orders)} epochs; ask for fewer")


def save_checkpoint(path, payload):
    """Written to a temporary file first, so an interrupted save never spoils the last one."""
    tmp = Path(f"{path}.tmp")
    torch.save(payload, tmp)
    os.replace(tmp, path)
'''


def render(script: str, title: str, settings: str) -> str:
    """``script`` with its title, its settings block and the shared functions filled in."""
    return (script.replace("@TITLE@", title).replace("# @SETTINGS@", settings)
            .replace("# @COMMON@", COMMON))

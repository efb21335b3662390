"""``playground export``: a preset as a PyTorch project folder (``--to torch``) or an ONNX file."""
from __future__ import annotations

import sys

EXIT_USAGE = 2


def run_export(args) -> int:
    """The export sub-command; a graph that cannot be exported, or an existing target without
    ``--force``, is a one-line message and exit status 2."""
    from playground.commands.common import preset_path
    from playground.engine import load_preset
    from playground.engine.export_torch import ExportError, check_exportable
    from playground.engine.gan import model_from_preset

    path = preset_path(args.preset)
    try:
        check_exportable(load_preset(path))
    except ExportError as exc:
        print(f"playground: {exc}", file=sys.stderr)
        return EXIT_USAGE
    model = model_from_preset(path)  # a GAN's two networks, or one network
    if args.weights:
        model.load_weights(args.weights)
    try:
        if args.to == "onnx":
            from playground.engine.export_onnx import export_onnx

            path = export_onnx(model, args.output, force=args.force)
            print(f"wrote {path}: open it in Netron, or run it with onnxruntime "
                  "(input 'x', output 'y')")
            return 0
        from playground.engine.export_project import export_project

        folder = export_project(model, args.output, force=args.force, preset_arg=str(args.preset))
    except ExportError as exc:
        print(f"playground: {exc}", file=sys.stderr)
        return EXIT_USAGE
    about = ("the generator and the discriminator, trained in turns as in the playground"
             if hasattr(model, "alternating_step") else "the README says how to use GPUs and clusters")
    print(f"wrote {folder}: model.py, train.py, weights.npz, data.npz, README.md\n"
          f"train it with: cd {folder} && python train.py   (needs torch and numpy; {about})")
    return 0

"""GUI sub-commands of the CLI: ``playground open FILE`` and ``playground shot PRESET -o OUT.png``.

Qt is imported only when one of these commands runs, so ``playground train`` never loads it.
"""
from __future__ import annotations

import sys
from pathlib import Path

EXIT_USAGE = 2


def add_commands(subparsers) -> None:
    open_cmd = subparsers.add_parser("open", help="open a preset in the editor")
    open_cmd.add_argument("preset", help="preset file, or the name of a bundled preset")
    open_cmd.add_argument("--lang", choices=("en", "ko"), default=None, help="language of the window: en or ko (default: the one chosen in View > Language, else the system's); this command's own messages stay English")
    open_cmd.set_defaults(func=cmd_open)

    shot = subparsers.add_parser("shot", help="render the main window offscreen to a PNG")
    shot.add_argument("preset", help="preset file, or the name of a bundled preset")
    shot.add_argument("-o", "--output", required=True, metavar="OUT.png")
    shot.add_argument("--view", default="editor", metavar="VIEW",
                      help="editor, training or compare, or a view of the training view by name "
                           "(boundary, loss, filters, ...; a wrong name lists them all)")
    shot.add_argument("--train-steps", type=int, default=0, metavar="N",
                      help="train N steps first (with --view compare: N steps of each run)")
    shot.add_argument("--size", default="1600x1000", metavar="WxH")
    shot.add_argument("--theme", choices=("dark", "light"), default=None,
                      help="render in this theme (default: the one chosen in the app)")
    shot.add_argument("--lang", choices=("en", "ko"), default="en",
                      help="language of the window in the picture (default: en)")
    shot.set_defaults(func=cmd_shot)


def cmd_open(args) -> int:
    from playground.commands.common import UserError, display_missing, preset_path
    from playground.engine.preset import load_preset

    path = preset_path(args.preset)
    load_preset(path)
    problem = display_missing()
    if problem:
        raise UserError(problem)
    from playground.ui.shell.app import launch

    return launch(path, args.lang)


def cmd_shot(args) -> int:
    from playground.commands.common import UserError, check_output, preset_path, write_failed

    if args.train_steps < 0:
        raise UserError("shot: --train-steps must be 0 or more")
    from playground.ui.shell.shot import image_format, parse_size, save_shot

    out = Path(args.output)
    try:
        size = parse_size(args.size)
        image_format(out)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    check_output(out, "shot.png")
    try:
        save_shot(preset_path(args.preset), out, size, args.view, args.train_steps, args.theme, args.lang)
    except OSError as exc:
        raise write_failed(out, exc) from None
    except (RuntimeError, ValueError) as exc:
        raise UserError(str(exc)) from None
    print(f"wrote {out}", file=sys.stderr)
    return 0

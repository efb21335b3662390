"""Dev-only: a screenshot of Help > Getting started on one of its pages, rendered offscreen.

    python tools/shot_tour.py OUT.png [--page N] [--lang ko] [--size 1366x768] [--preset spiral]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output")
    parser.add_argument("--page", type=int, default=1, help="0: the welcome card, 1: the palette, ...")
    parser.add_argument("--lang", choices=("en", "ko"), default="en")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--preset", default="spiral")
    args = parser.parse_args()

    from playground.commands.common import preset_path
    from playground.ui.common import i18n
    from playground.ui.shell.app import create_app, ensure_display
    from playground.ui.shell.main_window import MainWindow
    from playground.ui.shell.shot import parse_size, render_window, write_image

    ensure_display()
    create_app()
    i18n.install(args.lang)
    size = parse_size(args.size)
    window = MainWindow(restore=False)
    window.document.load(preset_path(args.preset))
    window.resize(size)
    window.show()
    render_window(window, size)  # laid out, so the tour finds where each part of the window is
    tour = window.help.show_tour()
    tour.go_to(args.page)
    write_image(render_window(window, size), Path(args.output))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

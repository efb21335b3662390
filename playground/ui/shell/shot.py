"""Screenshots of the main window, rendered offscreen: ``playground shot PRESET -o OUT.png``."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, qInstallMessageHandler
from PySide6.QtGui import QImage, QImageWriter
from PySide6.QtWidgets import QApplication, QMainWindow

from playground.ui.shell.window_layout import VIEWS

DEFAULT_SIZE = QSize(1600, 1000)
# What Qt's offscreen platform says on every window shown; noise in a command's output.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


def _print_qt_message(mode, context, message: str) -> None:
    if message != OFFSCREEN_NOISE:
        sys.stderr.write(message + "\n")


def parse_size(text: str) -> QSize:
    """"1600x1000" -> QSize; raises ValueError with a readable message."""
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise ValueError(f"--size must look like 1600x1000, not {text!r}") from None
    if not (200 <= w <= 8000 and 200 <= h <= 8000):
        raise ValueError(f"--size {text}: width and height must be between 200 and 8000")
    return QSize(w, h)


def image_format(out: Path) -> str:
    """The image format ``out``'s suffix names ("PNG"); ValueError when Qt cannot write it."""
    fmt = out.suffix.lstrip(".").lower()
    known = {bytes(f).decode() for f in QImageWriter.supportedImageFormats()}
    if fmt not in known:
        raise ValueError(f"cannot write {out}: the name should end in .png (or .jpg, .bmp)")
    return fmt.upper()


def write_image(image: QImage, out: Path) -> None:
    """Encode in memory, then write with Python's file API so a failure says why (OSError)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    if not image.save(buffer, image_format(out)):
        raise RuntimeError(f"cannot encode the picture as {image_format(out)}")
    out.write_bytes(bytes(data))


def render_window(window: QMainWindow, size: QSize = DEFAULT_SIZE) -> QImage:
    """Lay the window out at ``size``, let it settle and grab it as an image."""
    window.resize(size)
    window.show()
    for _ in range(3):
        QApplication.processEvents()
    fit = getattr(window, "view", None)
    if fit is not None:
        fit.fit_all()
        QApplication.processEvents()
    return window.grab().toImage()


def train_for_shot(window, steps: int, timeout: float = 600.0, view: str = "training") -> None:
    """Train ``steps`` real steps in the window's own worker (in the compare view: ``steps`` of
    each run of the default comparison) and wait for the last snapshot."""
    import time

    controller = window.compare if view == "compare" else window.training
    started = controller.start(steps) if view == "compare" else controller.train(max_steps=steps)
    if not started:
        raise RuntimeError(window.statusBar().currentMessage())
    deadline = time.monotonic() + timeout
    while controller.running and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    settle = time.monotonic() + 0.6  # panels redraw on a timer (a few times a second)
    while time.monotonic() < settle:
        QApplication.processEvents()
        time.sleep(0.01)


def shot_panel(window, name: str):
    """The plot panel ``--view NAME`` names; ValueError listing every name there is."""
    from playground.ui.editor.canvas.live import CANVAS_VIEWS

    panels = {p.view_name: p for p in window.training.panels if p.view_name}
    if name not in panels:
        raise ValueError(f"--view {name}: no such view; choose one of "
                         f"{', '.join((*VIEWS, *CANVAS_VIEWS, *panels))}")
    named = [p for p in window.training.panels if p.view_name == name]  # 2D or image GAN: the one that applies
    a = window.document.analysis
    shape = a.shapes.get(a.dataset) if a.dataset else None
    fits = [p for p in named if shape is not None and p.note(a, window.document.graph, shape) is None]
    return (fits or named)[0]


def save_shot(preset: Path, out: Path, size: QSize, view: str = "editor", train_steps: int = 0,
              theme: str | None = None, language: str = "en") -> None:
    """Open ``preset`` in a fresh window (ignoring saved layouts), optionally train, write ``out``;
    ``view`` is a window view (editor, training, compare) or a plot panel's ``view_name`` (the
    training view with that panel in front); ``theme`` (dark or light) overrides the saved theme
    for this picture only; ``language`` (en, ko) is the window's language."""
    from playground.engine.preset import load_preset
    from playground.ui.shell.app import create_app, ensure_display
    from playground.ui.shell.main_window import MainWindow

    load_preset(preset)
    ensure_display()
    qInstallMessageHandler(_print_qt_message)
    create_app()
    from playground.ui.common import i18n

    if not i18n.install(language):
        raise RuntimeError(f"no translation for --lang {language}")
    if theme is not None:
        from playground.ui.common.theming import apply_theme

        apply_theme(theme)
    window = MainWindow(restore=False)
    window.document.load(preset)
    window.resize(size)
    window.show()
    from playground.ui.editor.canvas.live import CANVAS_VIEWS

    if view in CANVAS_VIEWS:  # the editor with the canvas's live previews (and wire norms)
        window.canvas_live.show_for_shot(view)
        view = "editor"
    panel = None if view in VIEWS else shot_panel(window, view)
    window.set_view_mode("training" if panel else view)
    if panel:
        window.training.show_panel(panel)
    if train_steps:
        train_for_shot(window, train_steps, view="training" if panel else view)
    if panel:  # opening and training front the view that suits the network: this one wins
        QApplication.processEvents()
        window.training.show_panel(panel)
    image = render_window(window, size)
    window.close()
    write_image(image, out)

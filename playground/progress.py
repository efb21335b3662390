"""Progress of a command on stderr: a bar redrawn in place on a terminal, plain lines in a log."""
from __future__ import annotations

import os
import sys
import threading
import time
from typing import Callable


class ProgressLine:
    """Progress on stderr: on a terminal one line redrawn in place (at most 10 times a second)
    that fits the terminal's width; otherwise (a log file, a pipe) plain lines every few seconds."""

    REDRAW_SECONDS = 0.1
    LOG_SECONDS = 5.0
    NOTICE_SECONDS = 0.5
    BAR = 30

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.last = 0.0 if self.tty else time.monotonic()
        self.drawn = False
        self.lock = threading.Lock()  # the compile notice is drawn from a timer thread
        self.timer: threading.Timer | None = None
        self.bar = self.BAR

    def columns(self) -> int:
        """$COLUMNS, else the terminal's width; 80 when neither says (a pty of size 0)."""
        try:
            columns = int(os.environ.get("COLUMNS", "0"))
        except ValueError:
            columns = 0
        if columns <= 0:
            try:
                columns = os.get_terminal_size(self.stream.fileno()).columns
            except (OSError, ValueError, AttributeError):
                columns = 0
        return columns if columns > 0 else 80

    def show(self, share: float, text: str, final: bool = False) -> None:
        """Show ``text`` after a bar ``share`` (0..1) full; ``final`` always shows."""
        with self.lock:
            now = time.monotonic()
            if not final and now - self.last < (self.REDRAW_SECONDS if self.tty else self.LOG_SECONDS):
                return
            self.last = now
            if not self.tty:
                self.stream.write(text + "\n")
            else:
                width = self.columns() - 1  # writing the last column wraps on some terminals
                # The bar only ever narrows (to leave room for longer text) so it does not jump.
                self.bar = min(self.bar, width - len(text) - 3)
                bar = self.bar if self.bar >= 10 else 0
                done = int(bar * min(max(share, 0.0), 1.0))
                line = f"[{'#' * done}{'.' * (bar - done)}] {text}" if bar else text
                self.stream.write("\r" + line[:width].ljust(width))
                self.drawn = True
            self.stream.flush()

    def compile_notice(self, compiling: Callable[[], bool], prefix: str = "") -> None:
        """If ``compiling()`` (the first step is running) still holds after ``NOTICE_SECONDS``,
        say why the first step takes long: "compiling kernels (first run only)" or loading them.
        Call it before the run starts, while the cache still shows whether this is a first run."""
        from playground.engine.numba_cache import first_step_note

        note = first_step_note()

        def notice() -> None:
            if compiling():
                self.show(0.0, f"{prefix}{note}...", final=True)

        self.timer = threading.Timer(self.NOTICE_SECONDS, notice)
        self.timer.daemon = True
        self.timer.start()

    def close(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        with self.lock:
            if self.drawn:
                self.stream.write("\n")
                self.stream.flush()
            self.drawn = False


class ProgressBar:
    """Training progress: step, epoch, loss, accuracy and speed (and the compile notice)."""

    def __init__(self, trainer, stream=None) -> None:
        self.total = trainer.total_steps
        self.line = ProgressLine(stream)
        self.line.compile_notice(lambda: trainer.compiling, f"step 0/{self.total:,} ")

    def update(self, event) -> None:
        acc = f" acc {event.train_accuracy:.3f}" if event.train_accuracy is not None else ""
        val = f" val_acc {event.val_accuracy:.3f}" if event.val_accuracy is not None else ""
        self.line.show(event.step / max(self.total, 1),
                       f"step {event.step:,}/{self.total:,} epoch {event.epoch} "
                       f"loss {event.train_loss:.4f}{acc}{val} "
                       f"{event.samples_per_second:,.0f} samples/s", final=event.step >= self.total)

    def close(self) -> None:
        self.line.close()

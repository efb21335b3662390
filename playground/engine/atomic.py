"""Writing a file so that it is either the old one or the whole new one, never half of each.

Every file the playground writes (presets, autosave, results, exports, weights) goes through
:func:`atomic_writer`: a temporary file in the same folder, flushed to disk, then renamed over the
target. The new file gets the permissions any editor would give it: the old file's mode when it
replaces one, otherwise the usual 0666 less the umask (0644 under the common 022).
"""
from __future__ import annotations

import os
import secrets
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

NEW_FILE_MODE = 0o666  # the kernel takes the umask off, as for open(path, "w")


@contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file to write ``path``'s new contents to; renamed over ``path`` when the block
    ends without an error, removed (leaving ``path`` as it was) when it raises."""
    path = Path(path)
    try:
        keep_mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        keep_mode = None
    tmp, fd = _create_temporary(path)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        if keep_mode is not None:
            os.chmod(tmp, keep_mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    with atomic_writer(path) as f:
        f.write(text.encode("utf-8"))


def _create_temporary(path: Path) -> tuple[Path, int]:
    """A new hidden file next to ``path``, created with NEW_FILE_MODE so the umask applies
    (``tempfile.mkstemp`` would make it 0600 whatever the umask)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return tmp, os.open(tmp, flags, NEW_FILE_MODE)
        except FileExistsError:
            continue

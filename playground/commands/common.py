"""What every sub-command shares: the one-line user error, finding a preset by file or bundled
name, checking an output file before long work, and whether a window can open here."""
from __future__ import annotations

import difflib
import os
import sys
from pathlib import Path

from playground.paths import PRESETS_DIR, bundled_preset_names


class UserError(Exception):
    """A problem to report in one line and exit 2."""


def preset_path(name: str) -> Path:
    """A preset file path, also accepting a bare name from the bundled presets ("spiral").

    A name that is neither raises UserError, suggesting the close bundled names.
    """
    path = Path(name)
    if path.exists():
        return path
    if not path.suffix and (PRESETS_DIR / f"{name}.json").exists():
        return PRESETS_DIR / f"{name}.json"
    close = difflib.get_close_matches(path.stem, bundled_preset_names(), n=3, cutoff=0.6)
    hint = f"; did you mean {_either(close)}?" if close else ""
    what = "no such file" if path.suffix or len(path.parts) > 1 else "no such file or bundled preset"
    raise UserError(f"{name}: {what}{hint}")


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def check_output(path: str | Path, example: str) -> Path:
    """``path`` as a file the command can write, else UserError saying why (checked before long
    work, so a typo in the folder does not cost a training run). ``example`` is a file name to
    suggest when ``path`` is a folder."""
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        raise UserError(f"cannot write {path}: it is a folder; give a file name such as "
                        f"{path / example}")
    if not folder.exists():
        raise UserError(f"cannot write {path}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise UserError(f"cannot write {path}: {folder} is not a folder")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UserError(f"cannot write {path}: permission denied")
    return path


def write_failed(path: str | Path, exc: OSError) -> UserError:
    """The one-line message for a write that failed anyway (disk full, a race with the checks)."""
    return UserError(f"cannot write {path}: {exc.strerror or exc}")


def display_missing() -> str | None:
    """Why a window cannot open here (Linux without X11 or Wayland and no QT_QPA_PLATFORM), else
    None: Qt would otherwise fall back to an invisible offscreen window and seem to hang."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return ("no display found (DISPLAY and WAYLAND_DISPLAY are not set): run it in a desktop "
            "session, over 'ssh -X' or as 'xvfb-run playground'; to render without a display set "
            "QT_QPA_PLATFORM=offscreen, as 'playground shot PRESET -o out.png' does")

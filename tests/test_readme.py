"""Every ```python block of README.md runs verbatim, from a folder outside the repository, and
writes nothing into the repository nor leaves files in the folder it ran in (a reader runs it
from a clone, so a `w.npz` left behind would land in the repository)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
# Caches are allowed to change; everything else in the checkout is not.
IGNORED_DIRS = {".git", "__pycache__", ".pytest_cache", ".hypothesis"}


def python_blocks(text: str) -> list[str]:
    """The bodies of the fenced ```python blocks, in order."""
    return re.findall(r"^```python[ \t]*\n(.*?)^```[ \t]*$", text, re.S | re.M)


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file of the checkout (outside caches) with its size and modification time."""
    files = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in IGNORED_DIRS and not d.endswith(".egg-info")]
        for name in names:
            path = Path(folder) / name
            stat = path.stat()
            files[str(path.relative_to(root))] = (stat.st_size, stat.st_mtime_ns)
    return files


BLOCKS = python_blocks(README.read_text(encoding="utf-8"))


def test_readme_has_python_examples():
    assert BLOCKS, "README.md has no ```python block"


def test_block_extraction():
    text = "a\n```python\nprint(1)\n```\n```bash\nls\n```\n```python\nx = 2\ny = 3\n```\n"
    assert python_blocks(text) == ["print(1)\n", "x = 2\ny = 3\n"]


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_block_runs_verbatim(index, tmp_path):
    script = tmp_path / f"readme_block_{index}.py"
    script.write_text(BLOCKS[index], encoding="utf-8")
    work = tmp_path / "cwd"
    work.mkdir()
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    before = snapshot(ROOT)
    proc = subprocess.run([sys.executable, str(script)], cwd=work, env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, f"README block {index + 1} failed:\n{BLOCKS[index]}\n{proc.stderr}"
    after = snapshot(ROOT)
    added = sorted(set(after) - set(before))
    changed = sorted(p for p in before if p in after and after[p] != before[p])
    removed = sorted(set(before) - set(after))
    assert not (added or changed or removed), (
        f"README block {index + 1} wrote into the repository: added {added}, changed {changed}, "
        f"removed {removed}")
    left = sorted(p.name for p in work.iterdir())
    assert not left, f"README block {index + 1} left files in its working folder: {left}"

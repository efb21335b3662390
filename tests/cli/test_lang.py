"""``--lang``: the window's language for ``open``, ``shot`` and the editor; the command line's own
messages stay English."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def run(*args, cwd):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLAYGROUND_SETTINGS_DIR": str(cwd / "settings"),
           "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "playground", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd, env=env)


def test_shot_in_korean_differs_from_english_and_says_so_in_english(tmp_path):
    english = run("shot", "xor", "-o", "en.png", "--size", "1000x700", cwd=tmp_path)
    korean = run("shot", "xor", "-o", "ko.png", "--size", "1000x700", "--lang", "ko", cwd=tmp_path)
    assert english.returncode == 0 and korean.returncode == 0, english.stderr + korean.stderr
    assert korean.stderr.strip().endswith("wrote ko.png")  # the command's own message: English
    assert (tmp_path / "ko.png").read_bytes() != (tmp_path / "en.png").read_bytes()
    again = run("shot", "xor", "-o", "en2.png", "--size", "1000x700", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "en2.png").read_bytes() == (tmp_path / "en.png").read_bytes()  # rendering is stable


def test_unknown_language_is_refused(tmp_path):
    result = run("shot", "xor", "-o", "x.png", "--lang", "fr", cwd=tmp_path)
    assert result.returncode == 2
    assert "invalid choice: 'fr'" in result.stderr
    assert not (tmp_path / "x.png").exists()

"""The command line as a user meets it: every mistake is one line naming the file and the reason
(exit 2, no traceback), options are checked before long work, progress suits the terminal."""
import fcntl
import json
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from playground.paths import PRESETS_DIR

ROOT = Path(__file__).resolve().parents[2]


def env(**changes):
    """The test environment with this checkout first on PYTHONPATH; a None value unsets."""
    out = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    for key, value in changes.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def run(*args, cwd=None, timeout=300, **changes):
    return subprocess.run([sys.executable, "-m", "playground", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, cwd=cwd,
                          env=env(**changes))


def one_line_error(result, *parts):
    """Exit 2, no traceback, and one stderr line holding every part."""
    err = result.stderr.strip()
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    line = err.splitlines()[-1]
    assert line.startswith("playground: "), err
    for part in parts:
        assert part in line, (part, err)
    assert "Traceback" not in result.stdout
    return line


# -- files that cannot be written or read ---------------------------------------------------------

def test_save_weights_into_a_missing_folder_fails_before_training(tmp_path):
    target = tmp_path / "nowhere" / "w.npz"
    result = run("train", "spiral", "--save-weights", target)
    one_line_error(result, str(target), "does not exist")
    assert "step" not in result.stderr and not result.stdout  # refused before it trained


def test_save_weights_onto_a_folder(tmp_path):
    one_line_error(run("train", "xor", "--steps", "2", "--save-weights", tmp_path),
                   str(tmp_path), "is a folder", "w.npz")


def test_export_into_a_missing_folder(tmp_path):
    target = tmp_path / "nowhere" / "m.py"
    one_line_error(run("export", "spiral", "-o", target), str(target), "does not exist")


def test_export_refuses_a_script_name_for_the_project_folder(tmp_path):
    result = run("export", "spiral", "-o", tmp_path / "m.py")
    one_line_error(result, "m.py")
    assert not list(tmp_path.iterdir())


def test_export_writes_the_project_and_says_how_to_run_it(tmp_path):
    result = run("export", "xor", "-o", tmp_path / "project")
    assert result.returncode == 0, result.stderr
    assert {p.name for p in (tmp_path / "project").iterdir()} >= {"model.py", "train.py", "weights.npz"}
    assert "python train.py" in result.stdout and "python model.py" not in result.stdout


def test_load_weights_from_a_text_file(tmp_path):
    text = tmp_path / "w.txt"
    text.write_text("these are not weights\n")
    line = one_line_error(run("train", "xor", "--load-weights", text), "w.txt",
                          "not an .npz weights file")
    assert "pickle" not in line


def test_load_weights_missing_and_damaged(tmp_path):
    one_line_error(run("train", "xor", "--load-weights", tmp_path / "none.npz"), "none.npz",
                   "No such file")
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 20)
    one_line_error(run("train", "xor", "--load-weights", broken), "broken.npz", "damaged")


def test_shot_to_an_unwritable_place_says_why(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    one_line_error(run("shot", "xor", "-o", tmp_path / "nowhere" / "x.png"), "nowhere", "does not exist")
    one_line_error(run("shot", "xor", "-o", blocker / "x.png"), str(blocker), "is not a folder")
    one_line_error(run("shot", "xor", "-o", tmp_path / "x.txt"), "x.txt", ".png")


def test_compare_csv_into_a_missing_folder_fails_before_running(tmp_path):
    result = run("compare", "xor", "--optimizers", "sgd", "--csv", tmp_path / "no" / "r.csv")
    one_line_error(result, "r.csv", "does not exist")
    assert "runs" not in result.stdout


# -- compare follows the preset's own settings ----------------------------------------------------

def test_compare_uses_the_presets_sweep():
    result = run("compare", "concept_learning_rate", "--steps", "3", "--quiet", "--json")
    assert result.returncode == 0, result.stderr
    runs = json.loads(result.stdout.strip().splitlines()[-1])["runs"]
    assert [(r["optimizer"], r["hparams"]["lr"]) for r in runs] == [
        ("sgd", 0.001), ("sgd", 0.5), ("sgd", 50.0)]


def test_compare_uses_the_presets_optimizers_and_batch_sweep():
    result = run("compare", "concept_batch_size", "--steps", "2", "--quiet", "--json")
    runs = json.loads(result.stdout.strip().splitlines()[-1])["runs"]
    assert [r["label"] for r in runs] == ["sgd batch=1", "sgd batch=32", "sgd batch=full"]
    result = run("compare", "concept_momentum_ravine", "--steps", "2", "--quiet", "--json")
    assert [r["optimizer"] for r in json.loads(result.stdout.splitlines()[-1])["runs"]] == [
        "sgd", "momentum"]


def test_compare_options_replace_the_presets_sweep():
    result = run("compare", "concept_learning_rate", "--lr", "0.1", "--steps", "2", "--quiet", "--json")
    runs = json.loads(result.stdout.strip().splitlines()[-1])["runs"]
    assert [(r["label"], r["hparams"]["lr"]) for r in runs] == [("sgd", 0.1)]


def test_one_run_names_no_winner():
    result = run("compare", "xor", "--optimizers", "adam", "--steps", "3", "--quiet")
    assert result.returncode == 0, result.stderr
    assert "winner" not in result.stdout and "1 run," in result.stdout
    assert not any(line.startswith("*") for line in result.stdout.splitlines())


def test_the_progress_of_one_run_says_run_not_runs():
    result = run("compare", "xor", "--optimizers", "adam", "--steps", "3")
    assert result.returncode == 0, result.stderr
    assert "of 1 run done" in result.stderr and "1 runs" not in result.stderr, result.stderr


# -- numbers and names ----------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["-1", "0"])
def test_train_refuses_a_learning_rate_that_is_not_positive(value):
    line = one_line_error(run("train", "xor", "--lr", value), "--lr", value)
    assert line.count("lr") == 1 and "finished" not in line


def test_compare_names_the_option_once():
    line = one_line_error(run("compare", "xor", "--optimizers", "adam", "--lr", "-1"), "--lr")
    assert "adam: adam" not in line
    one_line_error(run("compare", "xor", "--optimizers", "adam", "--sweep", "lr=0.1,-2"),
                   "learning rates must be positive")


def test_misspelled_preset_suggests_bundled_names():
    one_line_error(run("train", "spirl"), "spirl", "did you mean spiral?")
    line = one_line_error(run("check", "concept_learnin_rate"), "concept_learning_rate")
    assert "no such file or bundled preset" in line
    assert "did you mean" not in one_line_error(run("check", "qqqqqq"), "qqqqqq")


def test_help_has_no_rest_markup():
    for command in ([], ["train"], ["check"], ["export"], ["compare"], ["race"], ["open"],
                    ["shot"], ["bench"]):
        result = run(*command, "--help")
        assert result.returncode == 0 and "``" not in result.stdout and "`" not in result.stdout, \
            (command, result.stdout)


def test_check_shows_no_question_mark_shape():
    result = run("check", "spiral")
    optimizer = next(line for line in result.stdout.splitlines() if line.startswith("optimizer"))
    assert "?" not in optimizer and optimizer.split()[2] == "-"


def test_csv_error_names_the_real_line(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("# x1, x2, label\n1 2 0\n3 x 1\n")
    preset = json.loads((PRESETS_DIR / "iris.json").read_text())
    node = next(n for n in preset["nodes"] if n["type"] == "Dataset")
    node["params"].update(source="csv", path=str(data))
    (tmp_path / "p.json").write_text(json.dumps(preset))
    result = run("check", tmp_path / "p.json")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "d.csv line 3, column 2: 'x' is not a number" in result.stderr


# -- no traceback on a closed pipe or Ctrl+C ------------------------------------------------------

def test_closed_stdout_prints_no_traceback():
    proc = subprocess.Popen([sys.executable, "-m", "playground", "check", "mnist_lenet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env())
    proc.stdout.close()  # like `| head -0`: the reader is gone before the table is printed
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipe" not in err


def interruptible():
    """In the child, Ctrl+C as a terminal delivers it: a suite started as a background job of a
    script ignores SIGINT, and an ignored signal stays ignored across exec."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("cache", ["shared", "cold"])
def test_ctrl_c_during_training_prints_no_traceback(cache, tmp_path):
    """A cold cache: Ctrl+C lands while the first step compiles the kernels (through exec'd code,
    after which ``python -m`` used to exit by SIGINT, -2, although the CLI had caught it)."""
    changes = {"NUMBA_CACHE_DIR": str(tmp_path / "cache")} if cache == "cold" else {}
    proc = subprocess.Popen([sys.executable, "-m", "playground", "train", "spiral", "--epochs",
                             "100000"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env(**changes), text=True, preexec_fn=interruptible)
    try:
        first = proc.stderr.readline()  # the first progress line: training has started
        assert "step" in first, first
        proc.send_signal(signal.SIGINT)
        rest = proc.stderr.read()
        assert proc.wait(timeout=120) == 130
    finally:
        proc.kill()
    assert "Traceback" not in rest and "interrupted" in rest


# Ctrl+C while code run by exec is on the stack, as when Numba compiles the first step's kernels:
# after that, CPython's `python -m` exits by SIGINT (-2) even though main() caught the interrupt.
INTERRUPT_IN_EXEC = """
from playground import cli

def train_compiling(args):
    exec("import os, signal, time\\nos.kill(os.getpid(), signal.SIGINT)\\ntime.sleep(30)")

cli.cmd_train = train_compiling
raise SystemExit(cli.main(["train", "xor"]))
"""


def test_ctrl_c_inside_exec_run_code_exits_130(tmp_path):
    (tmp_path / "interrupt_in_exec.py").write_text(INTERRUPT_IN_EXEC)
    result = subprocess.run([sys.executable, "-m", "interrupt_in_exec"], cwd=tmp_path, env=env(),
                            capture_output=True, text=True, timeout=120, preexec_fn=interruptible)
    assert result.returncode == 130, result.stderr
    assert result.stderr == "playground: interrupted\n"


# Ctrl+C while Python runs a ctypes callback, as llvmlite runs Numba's object-cache hooks while it
# compiles: CPython prints the exception raised there and drops it, and training went on.
INTERRUPT_IN_CALLBACK = """
import ctypes, os, signal, sys, time
from playground import cli

train = cli.cmd_train

def train_after_a_dropped_interrupt(args):
    def callback():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)
    ctypes.CFUNCTYPE(None)(callback)()
    print("after the callback", file=sys.stderr, flush=True)
    return train(args)

cli.cmd_train = train_after_a_dropped_interrupt
raise SystemExit(cli.main(["train", "spiral", "--epochs", "100000", "--quiet"]))
"""


def test_ctrl_c_dropped_in_a_ctypes_callback_still_stops_training(tmp_path):
    (tmp_path / "interrupt_in_callback.py").write_text(INTERRUPT_IN_CALLBACK)
    result = subprocess.run([sys.executable, "-m", "interrupt_in_callback"], cwd=tmp_path, env=env(),
                            capture_output=True, text=True, timeout=120, preexec_fn=interruptible)
    assert result.returncode == 130, result.stderr  # within ten steps, not after 3,000,000
    assert result.stderr == "after the callback\nplayground: interrupted\n"  # and nothing printed for it


# -- progress ------------------------------------------------------------------------------------

def test_progress_to_a_log_is_plain_lines():
    result = run("train", "spiral", "--epochs", "20")
    assert result.returncode == 0
    assert "\r" not in result.stderr
    lines = result.stderr.splitlines()
    assert 1 <= len(lines) <= 5 and lines[-1].startswith("step 600/600")


def test_progress_bar_fits_a_narrow_terminal():
    columns = 50
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "playground", "train", "spiral", "--epochs",
                             "20"], stdout=subprocess.DEVNULL, stderr=child,
                            env=env(COLUMNS=None))
    os.close(child)
    output = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(main)
    assert proc.wait(timeout=120) == 0
    drawn = [part for part in output.decode().replace("\r\n", "\n").split("\r") if part.strip()]
    assert drawn and all(len(part.rstrip("\n")) < columns for part in drawn), drawn
    assert "step 600/600" in drawn[-1]


def test_first_run_says_it_is_compiling(tmp_path):
    """A fresh Numba cache is a first run after install: the progress says why it is slow."""
    result = run("train", "spiral", "--steps", "20", NUMBA_CACHE_DIR=str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    assert "compiling kernels (first run only)" in result.stderr.splitlines()[0]


# -- no display ----------------------------------------------------------------------------------

@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are a Linux question")
@pytest.mark.parametrize("args", [[], ["open", "xor"]])
def test_no_display_says_so_instead_of_hanging(args, tmp_path):
    result = run(*args, timeout=60, DISPLAY=None, WAYLAND_DISPLAY=None, QT_QPA_PLATFORM=None,
                 HOME=str(tmp_path))
    one_line_error(result, "no display found", "QT_QPA_PLATFORM=offscreen")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are a Linux question")
def test_shot_needs_no_display(tmp_path):
    result = run("shot", "xor", "-o", tmp_path / "x.png", DISPLAY=None, WAYLAND_DISPLAY=None,
                 QT_QPA_PLATFORM=None, HOME=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.png").read_bytes()[:4] == b"\x89PNG"
    assert result.stderr.strip() == f"wrote {tmp_path / 'x.png'}"  # no Qt plugin chatter


def test_shot_of_an_unknown_view_lists_the_views(tmp_path):
    result = run("shot", "xor", "-o", tmp_path / "x.png", "--view", "bogus")
    one_line_error(result, "--view bogus", "editor", "boundary", "confusion")
    assert not (tmp_path / "x.png").exists()

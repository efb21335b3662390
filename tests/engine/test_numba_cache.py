"""A writable Numba cache is chosen when the package folder is read-only."""
import os
import subprocess
import sys


def test_read_only_package_moves_the_cache_to_the_user_folder(tmp_path):
    code = ("import os; os.access = lambda path, mode: False\n"
            "import playground.engine, numba\n"
            "print(os.environ['NUMBA_CACHE_DIR']); print(numba.config.CACHE_DIR)")
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env["XDG_CACHE_HOME"] = str(tmp_path)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         timeout=120).stdout.split()
    expected = str(tmp_path / "nn-playground" / "numba")
    assert out == [expected, expected]
    assert (tmp_path / "nn-playground" / "numba").is_dir()


def test_an_explicit_cache_dir_is_respected(tmp_path):
    code = "import playground.engine, os; print(os.environ['NUMBA_CACHE_DIR'])"
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path / "mine")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.stdout.strip() == str(tmp_path / "mine")


def test_first_run_is_told_apart_from_a_cached_one(tmp_path):
    """Only a run whose cache holds no kernels yet says "compiling kernels (first run only)"."""
    code = ("from playground.engine import Model, Trainer, numba_cache\n"
            "from playground.paths import PRESETS_DIR\n"
            "print(numba_cache.first_step_note())\n"
            "Trainer(Model.from_preset(PRESETS_DIR / 'xor.json'), max_steps=1).run()\n"
            "print(numba_cache.first_step_note())")
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path / "fresh")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         timeout=300)
    assert out.stdout.splitlines() == ["compiling kernels (first run only)",
                                       "loading the compiled kernels"], out.stderr

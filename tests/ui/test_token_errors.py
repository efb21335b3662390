"""Training a user's token file with an id outside the Embedding's vocabulary from the window:
the banner names the file, the row of x and the position, and nothing trains."""
import numpy as np

from playground.engine.preset import save_preset
from tests.engine.test_embedding import _bag_graph
from tests.ui.fixtures import dialog_answers, settings_dir, window  # noqa: F401


def test_the_banner_names_the_file_row_and_position_of_a_bad_token(window, tmp_path, qtbot):
    rng = np.random.default_rng(0)
    x = rng.integers(0, 32, (200, 30))
    x[137, 12] = 40
    np.savez(tmp_path / "tokens.npz", x=x, y=rng.integers(0, 2, 200))
    save_preset(_bag_graph("tokens.npz", 32), tmp_path / "tokens.json")
    assert window.open_file(tmp_path / "tokens.json")
    controller = window.training
    # the data file is found beside the preset once its folder is known: Train comes on for it
    qtbot.waitUntil(controller.actions["train"].isEnabled, timeout=5_000)
    controller.actions["train"].trigger()
    qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
    assert controller.banner_bar.isVisible()
    text = controller.banner.text()
    assert "tokens.npz: x[137], position 12: token id 40 is outside the vocabulary of 32" in text, text
    assert "raise vocab_size to 41" in text

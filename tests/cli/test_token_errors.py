"""`playground train` on a user's token file with an id outside the Embedding's vocabulary: one
line naming the file, the row of x and the position, before the first step."""
import numpy as np

from playground.engine.preset import save_preset
from tests.cli.test_cli_errors import one_line_error, run
from tests.engine.test_embedding import _bag_graph


def test_a_token_id_outside_the_vocabulary_names_the_file_and_row(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.integers(0, 32, (200, 30))
    x[137, 12] = 40
    np.savez(tmp_path / "tokens.npz", x=x, y=rng.integers(0, 2, 200))
    graph = _bag_graph("tokens.npz", 32)
    save_preset(graph, tmp_path / "tokens.json")
    result = run("train", tmp_path / "tokens.json", cwd=tmp_path)
    one_line_error(result, "tokens.npz: x[137], position 12: token id 40 is outside the vocabulary of 32",
                   "raise vocab_size to 41")
    assert "step 1" not in result.stderr  # refused before training

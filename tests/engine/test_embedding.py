"""The Embedding lookup and the mean over time: what the kernels compute, the message for an id
outside the vocabulary, and a bag-of-embeddings classifier that learns."""
import numpy as np
import pytest

from playground.engine import DatasetError, Graph, Model
from playground.engine.ops.embedding import EmbeddingOp, MeanOverTimeOp, TokenError
from tests.graphs import chain, finish


def test_lookup_picks_rows_and_backward_adds_up_repeated_tokens():
    table = np.arange(12, dtype=np.float64).reshape(4, 3)
    op = EmbeddingOp(table.copy())
    ids = np.array([[1, 1, 3], [0, 2, 1]], dtype=np.float32)  # ids arrive as floats from the data
    out = op.forward([ids], True)
    np.testing.assert_array_equal(out, table[ids.astype(int)])
    grad = np.ones((2, 3, 3))
    assert op.backward(grad) == [None]
    np.testing.assert_array_equal(op.grads["E"][:, 0], [1, 3, 1, 1])  # token 1 read three times


@pytest.mark.parametrize("bad, shown", [(7, "7"), (-1, "-1"), (1.5, "1.5")])
def test_an_id_outside_the_vocabulary_is_named_with_its_place(bad, shown):
    op = EmbeddingOp(np.zeros((4, 2)))
    ids = np.array([[0, 1], [2, bad]], dtype=np.float64)
    with pytest.raises(TokenError, match=rf"token id {shown} \(sample 1, position 1\) is outside the "
                                         r"vocabulary of 4 \(ids 0\.\.3\)"):
        op.forward([ids], True)


def test_mean_over_time_averages_steps_and_spreads_the_gradient():
    x = np.random.default_rng(0).standard_normal((2, 5, 3))
    op = MeanOverTimeOp()
    np.testing.assert_allclose(op.forward([x], True), x.mean(axis=1))
    g = np.ones((2, 3))
    np.testing.assert_allclose(op.backward(g)[0], np.full((2, 5, 3), 0.2))


def _bag_graph(path, vocab):
    g = Graph("bag")
    g.add_node("Dataset", {"source": "npz", "path": str(path)}, node_id="data")
    out = chain(g, ("data", "x"), [("Embedding", {"vocab_size": vocab, "dim": 4}, "emb"),
                                   ("MeanOverTime", {}, "mean"), ("Dense", {"units": 2}, "dense"),
                                   ("Softmax", {}, "out")])
    return finish(g, out, "CCE", "Adam", {"batch_size": 16, "lr": 0.05})


def _bags(tmp_path, top):
    """Class 1 bags contain token 1; class 0 bags never do."""
    rng = np.random.default_rng(0)
    x = rng.integers(2, top, (200, 6))
    y = rng.integers(0, 2, 200)
    x[y == 1, rng.integers(0, 6, int(y.sum()))] = 1
    np.savez(tmp_path / "bags.npz", x=x.astype(np.float32), y=y)
    return tmp_path / "bags.npz"


def test_a_bag_of_embeddings_classifier_learns(tmp_path):
    model = Model.from_preset(_bag_graph(_bags(tmp_path, 10), 10), seed=0)
    data, y, y_val = model.load_data()
    opt = model.make_optimizer()
    for epoch in range(30):
        for i in range(0, len(y), 16):
            model.train_step(data.x_train[i:i + 16], y[i:i + 16], opt)
    assert model.evaluate(data.x_val, y_val)[1] > 0.9


def test_ids_beyond_the_vocabulary_are_refused_as_the_data_loads_naming_the_file_row(tmp_path):
    """Not mid-training at a batch position: the row of x in the user's file, before any step."""
    path = _bags(tmp_path, 10)
    with np.load(path) as f:
        x, y = f["x"].copy(), f["y"].copy()
    x[137, 4] = 12
    np.savez(path, x=x, y=y)
    model = Model.from_preset(_bag_graph(path, 10), seed=0)
    with pytest.raises(DatasetError, match=r"bags\.npz: x\[137\], position 4: token id 12 is outside the "
                                           r"vocabulary of 10 \(ids 0\.\.9\); raise vocab_size to 13 "
                                           r"or check the data \(node 'emb', Embedding\)$"):
        model.load_data()


def test_a_negative_id_in_the_validation_array_of_a_split_file_is_named_there(tmp_path):
    rng = np.random.default_rng(0)
    x_val = rng.integers(0, 10, (40, 6))
    x_val[7, 2] = -1  # sequences padded with -1 instead of a token of their own
    path = tmp_path / "split.npz"
    np.savez(path, x_train=rng.integers(0, 10, (160, 6)), y_train=rng.integers(0, 2, 160),
             x_val=x_val, y_val=rng.integers(0, 2, 40))
    model = Model.from_preset(_bag_graph(path, 10), seed=0)
    with pytest.raises(DatasetError, match=r"split\.npz: x_val\[7\], position 2: token id -1 is outside "
                                           r"the vocabulary of 10 \(ids 0\.\.9\); check the data"):
        model.load_data()

"""The parts every training loop shares: batch sizes, the batch schedule, the divergence guard."""
import numpy as np
import pytest

from playground.engine import Model
from playground.engine.loop import (FULL, BatchSchedule, DivergenceGuard, batch_size_for, batch_size_value,
                                    sweep_values, train_step)
from playground.engine.surfaces import race, surface
from tests.graphs import mlp_graph


def schedule(n=10, seed=3):
    x = np.arange(n, dtype=np.float32).reshape(n, 1)
    return BatchSchedule(x, x.copy(), seed)


@pytest.mark.parametrize("batch_size", [1, 3, 10])
def test_every_epoch_visits_every_sample_once_in_its_seeded_order(batch_size):
    s = schedule()
    for epoch in range(3):
        spe = s.steps_per_epoch(batch_size)
        seen = np.concatenate([s.batch(epoch * spe + b, batch_size)[0][:, 0].copy() for b in range(spe)])
        np.testing.assert_array_equal(seen, s.order(epoch))
    assert sorted(s.order(2)) == list(range(10)) and not np.array_equal(s.order(1), s.order(2))


def test_batch_sizes_group_the_same_order_differently_and_seeds_repeat():
    one, full = schedule(), schedule()
    singles = [one.batch(step, 1)[0][0, 0] for step in range(10)]
    np.testing.assert_array_equal(full.batch(0, 10)[0][:, 0], singles)
    np.testing.assert_array_equal(schedule(seed=3).order(4), schedule(seed=3).order(4))
    assert not np.array_equal(schedule(seed=3).order(0), schedule(seed=4).order(0))


def test_batch_sizes_and_sweep_values_are_read_one_way():
    assert batch_size_value(" Full ") == FULL and batch_size_value("32") == 32 and batch_size_value(4) == 4
    for bad in ("0", "-3", "2.5", "many", 0, True, 1.0):
        with pytest.raises(ValueError, match="at least 1"):
            batch_size_value(bad)
    assert batch_size_for(FULL, 32, 500) == 500 and batch_size_for(None, 32, 500) == 32
    assert batch_size_for(64, 32, 50) == 50
    assert sweep_values("batch_size", "full; 32, 1") == [FULL, 32, 1]
    assert sweep_values("lr", "0.001, 0.1") == [0.001, 0.1]
    assert sweep_values("momentum", "0, 0.9") == [0.0, 0.9]
    with pytest.raises(ValueError, match="learning rates must be positive"):
        sweep_values("lr", "0.1, -2")
    with pytest.raises(ValueError, match="at least one value"):
        sweep_values("lr", " , ")


def test_guard_restores_the_last_weights_that_gave_a_finite_loss():
    model = Model.from_preset(mlp_graph(), seed=0)
    guard = DivergenceGuard(model)
    x, y = np.ones((4, 2), np.float32), np.ones((4, 1), np.float32)
    good = {k: v.copy() for k, v in model.parameters().items()}  # these give the finite loss
    loss, ok = train_step(model, model.make_optimizer(), x, y, guard)
    assert ok and np.isfinite(loss)
    assert not np.array_equal(model.parameters()["dense1.W"], good["dense1.W"])  # updated
    assert guard.diverged(np.inf)
    for k, v in model.parameters().items():
        np.testing.assert_array_equal(v, good[k])
    assert "last good weights were kept" in guard.message(2)


def test_guard_counts_an_exploded_loss_and_without_a_model_keeps_nothing():
    guard = DivergenceGuard()
    assert not guard.diverged(0.5) and not guard.diverged(9_999.0)
    assert guard.diverged(10_001.0)
    assert guard.message(3) == "diverged at step 3: the loss became 1e+04"
    assert not DivergenceGuard(exploded=None).diverged(np.array([1e300, 2.0]))


def test_race_stops_a_trajectory_once_it_is_not_finite():
    traj = race(surface("rosenbrock"), {"sgd": ("sgd", {"lr": 0.5})}, steps=50)["sgd"]
    finite = np.isfinite(traj).all(axis=1)
    assert finite[0] and not finite[-1]
    assert not finite[np.argmin(finite):].any()  # once it ends, it stays ended

"""Optimizer updates against values worked out by hand from torch.optim's documented rules.

Every case starts from p = 1 with a constant gradient g = 0.5 and checks two steps, so both the
first-step special cases (empty buffers, bias correction) and the recurrences are covered.
"""
import numpy as np
import pytest

from playground.engine import make_optimizer


def two_steps(name, dtype=np.float64, **hp):
    opt = make_optimizer(name, **hp)
    p = {"w": np.array([1.0], dtype=dtype)}
    g = {"w": np.array([0.5], dtype=dtype)}
    opt.step(p, g)
    first = float(p["w"][0])
    opt.step(p, g)
    return first, float(p["w"][0])


CASES = {
    # p -= lr g: 1 - 0.1*0.5 = 0.95, then 0.90
    "sgd": ({"lr": 0.1}, 0.95, 0.90),
    # buf = 0.5 -> p = 0.95; buf = 0.9*0.5 + 0.5 = 0.95 -> p = 0.95 - 0.095 = 0.855
    "momentum": ({"lr": 0.1, "momentum": 0.9}, 0.95, 0.855),
    # buf = 0.5, step g + mu buf = 0.95 -> 0.905; buf = 0.95, step 0.5 + 0.855 = 1.355 -> 0.7695
    "nesterov": ({"lr": 0.1, "momentum": 0.9}, 0.905, 0.7695),
    # sum = 0.25 -> p = 1 - 0.1*0.5/0.5 = 0.9; sum = 0.5 -> p = 0.9 - 0.05/sqrt(0.5) = 0.829289...
    "adagrad": ({"lr": 0.1}, 0.9, 0.9 - 0.05 / np.sqrt(0.5)),
    # sq = 0.01*0.25 = 0.0025 -> p = 1 - 0.01*0.5/0.05 = 0.9;
    # sq = 0.99*0.0025 + 0.0025 = 0.004975 -> p = 0.9 - 0.005/sqrt(0.004975)
    "rmsprop": ({"lr": 0.01}, 0.9, 0.9 - 0.005 / np.sqrt(0.004975)),
    # with a constant gradient the bias-corrected Adam step is exactly lr: 0.9, then 0.8
    "adam": ({"lr": 0.1}, 0.9, 0.8),
}


@pytest.mark.parametrize("name", list(CASES))
def test_two_steps_match_hand_computation(name):
    hp, first, second = CASES[name]
    got = two_steps(name, **hp)
    assert got == pytest.approx((first, second), abs=1e-7)


@pytest.mark.parametrize("name", list(CASES))
def test_float32_state_stays_float32(name):
    hp, first, second = CASES[name]
    got = two_steps(name, dtype=np.float32, **hp)
    assert got == pytest.approx((first, second), abs=1e-5)


def test_weight_decay_is_added_to_the_gradient():
    # d = 0.5 + 0.1 * 1 = 0.6 -> p = 1 - 0.1 * 0.6 = 0.94
    first, _ = two_steps("sgd", lr=0.1, weight_decay=0.1)
    assert first == pytest.approx(0.94)


def test_defaults_are_torch_defaults():
    assert make_optimizer("adam").hparams == {"lr": 1e-3, "weight_decay": 0.0, "beta1": 0.9,
                                              "beta2": 0.999, "eps": 1e-8}
    rms = make_optimizer("rmsprop").hparams
    assert (rms["lr"], rms["alpha"], rms["eps"], rms["momentum"]) == (0.01, 0.99, 1e-8, 0.0)
    ada = make_optimizer("adagrad").hparams
    assert (ada["lr"], ada["eps"], ada["lr_decay"], ada["initial_accumulator_value"]) == (0.01, 1e-10, 0.0, 0.0)


def test_bad_names_and_values_are_refused():
    with pytest.raises(ValueError, match="unknown optimizer 'adamw'"):
        make_optimizer("adamw")
    with pytest.raises(ValueError, match="has no hyperparameter 'beta1'"):
        make_optimizer("sgd", beta1=0.9)
    with pytest.raises(ValueError, match="lr"):
        make_optimizer("adam", lr=-1.0)


def test_matches_torch_when_available():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    w0, grads = rng.standard_normal(6), rng.standard_normal((5, 6))
    pairs = [("sgd", {"lr": 0.1}, lambda p: torch.optim.SGD(p, lr=0.1)),
             ("momentum", {"lr": 0.1}, lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)),
             ("nesterov", {"lr": 0.1, "weight_decay": 0.01},
              lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)),
             ("adagrad", {"lr": 0.1, "lr_decay": 0.01}, lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.01)),
             ("rmsprop", {"lr": 0.01, "momentum": 0.5}, lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.5)),
             ("adam", {"lr": 0.01, "weight_decay": 0.1}, lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=0.1))]
    for name, hp, make_torch in pairs:
        ours = make_optimizer(name, **hp)
        p = {"w": w0.copy()}
        tp = torch.tensor(w0.copy(), requires_grad=True)
        topt = make_torch([tp])
        for g in grads:
            ours.step(p, {"w": g.copy()})
            tp.grad = torch.tensor(g.copy())
            topt.step()
        np.testing.assert_allclose(p["w"], tp.detach().numpy(), rtol=1e-10, err_msg=name)

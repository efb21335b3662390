"""The training loop: learning, determinism, events, controls from another thread, divergence."""
import threading
import time

import numpy as np

from playground.engine import Model, Trainer, make_optimizer
from tests.graphs import mlp_graph


def small_trainer(**kwargs):
    model = Model.from_preset(mlp_graph(), seed=0)
    kwargs.setdefault("epochs", 30)
    return model, Trainer(model, make_optimizer("adam", lr=0.05), batch_size=16, **kwargs)


def test_learns_circle():
    _, trainer = small_trainer()
    result = trainer.run()
    assert result.status == "finished"
    assert result.val_accuracy >= 0.95
    assert result.steps == trainer.steps_per_epoch * 30 and result.epochs == 30


def test_same_seed_same_run():
    runs = [small_trainer(epochs=3)[1].run() for _ in range(2)]
    assert runs[0].train_loss == runs[1].train_loss and runs[0].val_loss == runs[1].val_loss


def test_events_carry_metrics_and_layer_stats():
    events = []
    _, trainer = small_trainer(epochs=2, with_stats=True, report_every=5, on_event=events.append)
    trainer.run()
    assert [e.step for e in events if not e.epoch_end][:2] == [5, 10]
    ends = [e for e in events if e.epoch_end]
    assert len(ends) == 2 and ends[-1].val_accuracy is not None
    stats = events[-1].stats["dense1.W"]
    assert stats["grad_norm"] > 0 and stats["std"] > 0


def test_max_steps_stops_early():
    _, trainer = small_trainer(max_steps=7)
    result = trainer.run()
    assert result.steps == 7 and result.status == "finished"


def test_pause_step_resume_and_stop_from_another_thread():
    _, trainer = small_trainer(epochs=10_000)
    results = []
    thread = threading.Thread(target=lambda: results.append(trainer.run()))
    trainer.pause()
    thread.start()
    time.sleep(0.2)
    assert trainer.step == 0 and trainer.status == "paused"
    trainer.step_once()
    for _ in range(100):
        if trainer.step == 1:
            break
        time.sleep(0.01)
    time.sleep(0.1)
    assert trainer.step == 1
    trainer.resume()
    time.sleep(0.1)
    assert trainer.step > 1
    for _ in range(20):
        trainer.pause()
        trainer.resume()
    trainer.stop()
    thread.join(5)
    assert not thread.is_alive() and results[0].status == "stopped"


def test_divergence_stops_and_keeps_last_good_weights():
    model = Model.from_preset(mlp_graph(), seed=0)
    events = []
    trainer = Trainer(model, make_optimizer("sgd", lr=1e6), batch_size=16, epochs=50,
                      on_event=events.append)
    result = trainer.run()
    assert result.status == "diverged"
    assert result.message.startswith(f"diverged at step {result.steps + 1}")
    assert all(np.all(np.isfinite(p)) for p in model.parameters().values())


def test_speed_leaves_out_the_first_step_where_kernels_compile():
    """The first step compiles Numba kernels on a first run; a speed that counted it would say
    "83 samples/s" for a model that trains at thousands."""
    model, trainer = small_trainer(epochs=1, report_every=5)
    real, seen = model.loss_and_grads, []

    def slow_first_step(x, y):
        seen.append(trainer.compiling)
        if len(seen) == 1:
            time.sleep(0.5)  # stands in for compiling
        return real(x, y)

    model.loss_and_grads = slow_first_step
    events = []
    trainer.on_event = events.append
    assert not trainer.compiling  # not running yet
    trainer.run()
    assert seen[0] and not any(seen[1:]) and not trainer.compiling
    first = events[0]
    assert first.step == 5 and first.samples_per_second > 4 * 16 / 0.5 * 10


def test_a_report_of_the_first_step_alone_is_marked_warming_up():
    _, trainer = small_trainer(epochs=1, report_every=1)
    events = []
    trainer.on_event = events.append
    trainer.run()
    assert events[0].step == 1 and events[0].warming_up
    assert not any(e.warming_up for e in events[1:])

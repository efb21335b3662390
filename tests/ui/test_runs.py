"""The run coordinator: one run at a time, the refusal in words, and ending runs for a new file."""
from playground.ui.common import dialogs
from playground.ui.common.runs import RunCoordinator


class FakeRun:
    """A controller as the coordinator sees it: running or not, and shutdown()."""

    def __init__(self) -> None:
        self.running = False
        self.shutdowns = 0

    def shutdown(self) -> bool:
        self.shutdowns += 1
        self.running = False
        return True


def coordinated():
    runs = RunCoordinator()
    training, compare = FakeRun(), FakeRun()
    runs.add(training, "training", "Stop training (Shift+F5)")
    runs.add(compare, "comparing optimizers", "Stop the comparison")
    return runs, training, compare


def test_a_run_is_refused_while_another_runs_and_told_how_to_end_it():
    runs, training, compare = coordinated()
    assert runs.refusal(training) is None and runs.refusal(compare) is None
    compare.running = True
    assert runs.refusal(compare) is None  # a run never blocks itself
    assert runs.refusal(training) == "Stop the comparison before training: one run at a time"
    assert runs.busy_elsewhere(training) == "comparing optimizers" and runs.busy_elsewhere(compare) is None
    compare.running, training.running = False, True
    assert runs.refusal(compare) == ("Stop training (Shift+F5) before comparing optimizers: "
                                     "one run at a time")


def test_opening_another_network_ends_the_runs_only_when_the_user_agrees(monkeypatch):
    runs, training, compare = coordinated()
    asked = []
    monkeypatch.setattr(dialogs, "ask_stop_runs", lambda parent, what: asked.append(what) or False)
    assert runs.end_all_for(None, "xor.json") and asked == []  # nothing runs: nothing to ask
    compare.running = True
    assert not runs.end_all_for(None, "xor.json") and compare.running and asked == ["xor.json"]
    monkeypatch.setattr(dialogs, "ask_stop_runs", lambda parent, what: True)
    assert runs.end_all_for(None, "a new network")
    assert not compare.running and compare.shutdowns == 1 and training.shutdowns == 0


def test_a_start_is_refused_first_for_another_run_then_for_the_graphs_first_problem():
    from types import SimpleNamespace

    runs, training, compare = coordinated()
    broken = SimpleNamespace(ok=False, problems=["the graph has no loss", "second"])
    fine = SimpleNamespace(ok=True, problems=[])
    assert runs.start_refusal(training, fine, "train") is None
    assert runs.start_refusal(training, broken, "train") == "Cannot train: the graph has no loss"
    compare.running = True
    assert runs.start_refusal(training, broken, "train") == runs.refusal(training)

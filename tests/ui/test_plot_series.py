"""The bounded curve series: long runs keep a faithful picture in bounded memory."""
import numpy as np

from playground.ui.plots.base import MAX_POINTS, Series

STEPS = 100_000
SPIKE_AT = 37_123


def signal(x):
    """A decaying loss with a wiggle, and one spike."""
    y = np.exp(-x / 20_000) + 0.05 * np.sin(x / 37.0)
    return np.where(x == SPIKE_AT, 5.0, y)


def feed_like_snapshots(series, steps=STEPS, seed=0):
    rng = np.random.default_rng(seed)
    start = 0
    while start < steps:
        n = int(rng.integers(1, 60))
        x = np.arange(start, min(start + n, steps), dtype=float)
        series.extend(x, signal(x))
        start += n


def test_a_long_run_stays_bounded_and_covers_every_step_evenly():
    series = Series()
    feed_like_snapshots(series)
    x = series.x
    assert len(x) <= MAX_POINTS and series.count == STEPS
    assert x[0] == 0 and x[-1] == STEPS - 1  # the first and the latest point
    assert np.all(np.diff(x) > 0)
    assert np.max(np.diff(x)) <= 4 * series.size  # no long straight line over lost history
    counts, _ = np.histogram(x, bins=10, range=(0, STEPS))
    assert counts.min() >= 0.7 * counts.mean() and counts.max() <= 1.3 * counts.mean()


def test_spikes_that_happened_stay_and_none_are_invented():
    series = Series()
    feed_like_snapshots(series)
    x, y = series.x, series.y
    assert np.all(x == np.round(x)) and np.array_equal(y, signal(x))  # true steps, true values
    assert y.max() == 5.0 and x[y.argmax()] == SPIKE_AT
    truth = signal(np.arange(STEPS, dtype=float))
    assert y.min() == truth.min()
    quiet = y[x != SPIKE_AT]
    assert quiet.max() <= np.delete(truth, SPIKE_AT).max()


def test_the_picture_does_not_depend_on_how_points_arrive():
    chunked, at_once = Series(), Series()
    feed_like_snapshots(chunked, 30_001, seed=3)
    x = np.arange(30_001, dtype=float)
    at_once.extend(x, signal(x))
    assert np.array_equal(chunked.x, at_once.x) and np.array_equal(chunked.y, at_once.y)


def test_short_series_keep_every_point_and_clear_forgets():
    series = Series()
    series.extend([1, 2, 3], [0.5, 0.25, 0.75])
    series.extend([4], [0.1])
    assert list(series.x) == [1, 2, 3, 4] and list(series.y) == [0.5, 0.25, 0.75, 0.1]
    series.clear()
    assert len(series) == 0 and len(series.x) == 0 and series.count == 0

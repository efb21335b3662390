import pytest

from playground.engine import get_threads, set_threads


@pytest.fixture
def one_engine_thread():
    """Tiny networks (the GANs' 2D and 8x8 ones) are fastest on one thread on a busy machine;
    their results do not depend on the count."""
    before = get_threads()
    set_threads(1)
    yield
    set_threads(before)

import pytest

from directory import demo


@pytest.fixture
def demo_listings(db):
    """A few hundred generated listings spread over the country, the same every time."""
    demo.write(demo.generate(400, seed=7))

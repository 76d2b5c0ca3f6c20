import pytest

from .world import search_world


@pytest.fixture
def sw(users, ggd, other_org):
    return search_world(users, ggd, other_org)

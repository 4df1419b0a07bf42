import pytest

from tests.trees import build_tree


@pytest.fixture
def tree(home, site_settings):
    """One live page of every type, in Japanese, without images (fast)."""
    return build_tree(home)

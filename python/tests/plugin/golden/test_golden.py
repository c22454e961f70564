"""An example suite for the golden file: how much test_grows allocates comes
from MEMFOLD_EXAMPLE_MIB (default 40), so that a run can regress it."""
import os

import pytest

MiB = 1 << 20


@pytest.mark.memory
def test_grows():
    size = int(os.environ.get("MEMFOLD_EXAMPLE_MIB", "40"))
    data = b"x" * (size * MiB)
    assert len(data) == size * MiB


@pytest.mark.memory
def test_steady():
    data = b"y" * (20 * MiB)
    assert data

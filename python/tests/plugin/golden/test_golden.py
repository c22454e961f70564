"""An example suite for the golden file.  How much test_grows allocates
comes from MEMFOLD_EXAMPLE_MIB (default 40), and the smaller of
test_sizes's two from MEMFOLD_EXAMPLE_SMALL_MIB (default 40), so that a run
can regress them.  TestGrouped.test_grows has the name of the module's
test_grows: the golden file keys it by its node id.  Allocations of more
than 32 MiB are fresh pages each time (glibc's largest mmap threshold)."""
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
    data = b"y" * (40 * MiB)
    assert data


@pytest.mark.memory
@pytest.mark.parametrize("which", ["small", "large"])
def test_sizes(which):
    size = int(os.environ.get("MEMFOLD_EXAMPLE_SMALL_MIB", "40")) if which == "small" else 80
    data = b"z" * (size * MiB)
    assert data


class TestGrouped:
    @pytest.mark.memory
    def test_grows(self):
        data = b"w" * (40 * MiB)
        assert data

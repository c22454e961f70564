"""An example suite: tests that allocate (bytes that are written, so that
the process's RSS grows) under a limit of the memory marker.  Allocations
of more than 32 MiB are fresh pages from the kernel each time (glibc's
largest mmap threshold), so that the rise is the allocation, run after run."""
import pytest

MiB = 1 << 20


@pytest.mark.memory(max_rise="50 MiB")
def test_100_mib_under_50():
    data = b"x" * (100 * MiB)
    assert len(data) == 100 * MiB


@pytest.mark.memory(max_rise="200MiB")
def test_100_mib_under_200():
    data = b"x" * (100 * MiB)
    assert len(data) == 100 * MiB


@pytest.mark.memory(max_peak="10 MiB")
def test_peak_under_10():
    data = b"x" * (40 * MiB)
    assert data


def test_unmarked():
    data = b"x" * (100 * MiB)
    assert data

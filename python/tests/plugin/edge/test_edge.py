"""An example suite of the marker's edges: limits in KiB and GiB, a
positional limit, limits that are not, an async test, a body that raises,
a method, a fixture.  Allocations of more than 32 MiB are fresh pages."""
import pytest

MiB = 1 << 20


@pytest.mark.memory(max_rise="500KiB")
def test_kib_limit():
    data = b"x" * (40 * MiB)
    assert data


@pytest.mark.memory(max_rise="1GiB", max_peak="1.5 GiB")
def test_gib_limit():
    data = b"x" * (40 * MiB)
    assert data


@pytest.mark.memory("30 MiB")
def test_positional_limit():
    data = b"x" * (40 * MiB)
    assert data


@pytest.mark.memory(max_rise="50 MB")
def test_bad_limit():
    pass


@pytest.mark.memory(max_rss="1 MiB")
def test_unknown_limit():
    pass


@pytest.mark.memory(max_rise="1 GiB")
async def test_async():
    pass


@pytest.mark.memory(max_rise="1 GiB")
def test_raises():
    data = b"x" * (40 * MiB)
    raise RuntimeError(f"boom after {len(data)} bytes")


class TestMethods:
    @pytest.mark.memory(max_rise="30 MiB")
    def test_method(self):
        data = b"x" * (40 * MiB)
        assert data


@pytest.mark.memory(max_rise="1 GiB")
def test_fixture(tmp_path):
    data = b"x" * (40 * MiB)
    (tmp_path / "f").write_bytes(data)
    assert (tmp_path / "f").stat().st_size == 40 * MiB

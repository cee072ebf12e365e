import pytest

from smrfr_engine.atomic import atomic_output
from smrfr_engine.errors import SmrfrError


def test_file_appears_only_when_complete(tmp_path):
    target = tmp_path / "out.csv"
    with atomic_output(target) as tmp:
        tmp.write_text("a,b\n")
        assert not target.exists()
    assert target.read_text() == "a,b\n"
    assert list(tmp_path.iterdir()) == [target]


def test_failure_keeps_the_previous_folder_and_leaves_no_partial(tmp_path):
    target = tmp_path / "store.zarr"
    target.mkdir()
    (target / "old").write_text("keep me")
    with pytest.raises(RuntimeError), atomic_output(target) as tmp:
        tmp.mkdir()
        (tmp / "half").write_text("x")
        raise RuntimeError("disk full")
    assert (target / "old").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.zarr"]


def test_folder_replaces_the_previous_one(tmp_path):
    target = tmp_path / "store.zarr"
    target.mkdir()
    (target / "old").write_text("old")
    with atomic_output(target) as tmp:
        tmp.mkdir()
        (tmp / "new").write_text("new")
    assert [p.name for p in target.iterdir()] == ["new"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.zarr"]


def test_refuses_to_overwrite_when_asked(tmp_path):
    target = tmp_path / "out.nc"
    target.write_text("precious")
    with pytest.raises(SmrfrError, match="already exists"), atomic_output(target, overwrite=False):
        pass
    assert target.read_text() == "precious"

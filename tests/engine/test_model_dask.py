"""Scale-out: the blocks of an inference mapped over a Dask LocalCluster (2 worker processes on the
loopback interface) write exactly what the single-process run writes."""

import multiprocessing.spawn
import subprocess
import sys

import numpy as np
import pytest
import xarray as xr
from test_model_helpers import FAST, small_setup

from smrfr_engine.environment import python_executable
from smrfr_engine.errors import SmrfrError
from smrfr_engine.model.infer import infer, parse_memory
from smrfr_engine.model.train import train_model


def test_local_cluster_output_is_identical_to_the_single_process_run(tmp_path):
    cube, stations = small_setup(tmp_path)
    train_model(cube, stations, tmp_path / "model", layers="1-3", cv="kfold", folds=2, algorithm="rf",
                params=FAST, importance=False)
    options = {"start": "2019-01-01", "end": "2019-03-31", "max_block_days": 10, "uncertainty": True}
    single = infer(tmp_path / "model", cube, tmp_path / "single", **options)[0]
    spread = infer(tmp_path / "model", cube, tmp_path / "dask", workers=2, **options)[0]
    one, other = xr.open_zarr(single), xr.open_zarr(spread)
    assert sorted(one.data_vars) == sorted(other.data_vars)
    assert {"sml1_p", "sml3_p_sd"} <= set(one.data_vars)
    for name in one.data_vars:
        assert np.array_equal(one[name].values, other[name].values, equal_nan=True), name
    assert np.isfinite(one["sml2_p"].values).sum() == 90 * 35  # every land cell-day predicted
    assert not list((tmp_path / "dask").glob(".*partial"))


def test_memory_budgets_with_units_and_cluster_options_are_checked(tmp_path):
    assert parse_memory("2GB") == 2048 and parse_memory("512MB") == 512 and parse_memory(300) == 300
    assert parse_memory("1.5 GiB") == 1536
    with pytest.raises(SmrfrError, match="memory budget 'lots' not understood"):
        parse_memory("lots")
    with pytest.raises(SmrfrError, match="not both"):
        infer(tmp_path, tmp_path, tmp_path / "out", workers=2, scheduler="tcp://127.0.0.1:1")
    with pytest.raises(SmrfrError, match="at least 1"):
        infer(tmp_path, tmp_path, tmp_path / "out", workers=0)


def test_workers_start_with_this_python_and_a_failed_start_or_import_is_named(tmp_path, monkeypatch):
    """Workers run the interpreter running this code, whatever ``python3`` the PATH finds first (inside
    QGIS ``sys.executable`` may be another one); when they cannot start, the error names the interpreter
    and no output is left."""
    ran = subprocess.run([python_executable(), "-c", "import sys; print(sys.version_info[:2])"],
                         capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == str(sys.version_info[:2])
    cube, stations = small_setup(tmp_path)
    train_model(cube, stations, tmp_path / "model", layers="1", cv="kfold", folds=2, algorithm="rf",
                params=FAST, importance=False)
    monkeypatch.setattr(multiprocessing.spawn, "_python_exe", multiprocessing.spawn.get_executable())
    missing = str(tmp_path / "no-such-python3")
    monkeypatch.setattr("smrfr_engine.model.cluster.python_executable", lambda: missing)
    with pytest.raises(SmrfrError, match=f"cannot start 1 local Dask worker.*interpreter {missing}"):
        infer(tmp_path / "model", cube, tmp_path / "maps", start="2019-01-01", end="2019-01-05", workers=1)
    assert not (tmp_path / "maps").exists()
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now raises ImportError
    with pytest.raises(SmrfrError, match="Dask workers needs the Python package distributed.*without"):
        infer(tmp_path / "model", cube, tmp_path / "maps", start="2019-01-01", end="2019-01-05", workers=1)
    assert not (tmp_path / "maps").exists()

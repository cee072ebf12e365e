import subprocess
import sys

import pandas as pd
import pytest

from smrfr_engine import __version__
from smrfr_engine.cli import main
from smrfr_engine.environment import install_command


def test_console_command_prints_version_and_help():
    smrfr = [sys.executable, "-m", "smrfr_engine"]
    version = subprocess.run([*smrfr, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"smrfr {__version__}"
    helptext = subprocess.run([*smrfr, "--help"], capture_output=True, text=True, check=True)
    assert "demo" in helptext.stdout


@pytest.mark.slow
def test_demo_runs_the_whole_pipeline_on_a_small_region(tmp_path, capsys):
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out), "--size", "10", "--start", "2020-01-01", "--end", "2020-12-31",
                 "--stations", "12", "--quiet"]) == 0
    printed = capsys.readouterr().out
    pooled = pd.read_csv(out / "validation" / "metrics_pooled.csv")
    assert {"product", "layer", "n", "r", "r2", "bias", "rmse", "ubrmse", "mae", "nrmse", "nse",
            "kge"} <= set(pooled.columns)
    assert set(pooled["product"]) == {"inference", "reanalysis"} and (pooled["n"] > 0).all()
    assert (out / "model" / "model.json").is_file() and (out / "validation" / "report.html").is_file()
    assert list((out / "inference").glob("SMRFR_2020_v1.0.zarr"))
    assert str((out / "validation" / "report.html").resolve()) in printed


def test_install_command_pins_the_installed_numpy():
    import numpy

    command = install_command("/opt/qgis/python3", ["scikit-learn", "zarr"])
    assert command.startswith('"/opt/qgis/python3" -m pip install "scikit-learn" "zarr"')
    assert f'"numpy=={numpy.__version__}"' in command

import subprocess
import sys

from smrfr_engine import __version__
from smrfr_engine.cli import main
from smrfr_engine.environment import install_command


def test_console_command_prints_version_and_help():
    smrfr = [sys.executable, "-m", "smrfr_engine"]
    version = subprocess.run([*smrfr, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"smrfr {__version__}"
    helptext = subprocess.run([*smrfr, "--help"], capture_output=True, text=True, check=True)
    assert "demo" in helptext.stdout


def test_demo_checks_the_environment_and_lists_its_steps(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path / "demo"), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "environment complete" in out
    assert (tmp_path / "demo").is_dir()


def test_install_command_pins_the_installed_numpy():
    import numpy

    command = install_command("/opt/qgis/python3", ["scikit-learn", "zarr"])
    assert command.startswith('"/opt/qgis/python3" -m pip install "scikit-learn" "zarr"')
    assert f'"numpy=={numpy.__version__}"' in command

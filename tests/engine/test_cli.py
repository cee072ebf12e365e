import datetime
import importlib.metadata
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from smrfr_engine import __version__
from smrfr_engine.cli import attach_negative_lists, build_parser, join_spaced_numbers, main, parse_arguments
from smrfr_engine.dates import day_range, days_within, parse_day
from smrfr_engine.environment import install_command
from smrfr_engine.errors import SmrfrError


def test_console_command_prints_version_and_help():
    smrfr = [sys.executable, "-m", "smrfr_engine"]
    version = subprocess.run([*smrfr, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"smrfr {__version__}"
    helptext = subprocess.run([*smrfr, "--help"], capture_output=True, text=True, check=True)
    assert "demo" in helptext.stdout


def test_a_reader_that_stops_early_is_no_error(tmp_path):
    """smrfr info ... | head: the pipe closes before smrfr has written; it printed "smrfr: error: [Errno
    32] Broken pipe" and exited with 2."""
    from conftest_products import smrfr_folder

    product = smrfr_folder(tmp_path / "smrfr")
    process = subprocess.Popen([sys.executable, "-m", "smrfr_engine", "info", str(product)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process.stdout.close()  # the reader is gone before the first line
    assert process.wait(timeout=120) == 0
    assert process.stderr.read() == ""


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


@pytest.mark.slow
def test_the_demo_from_python_takes_dates_as_date_objects(tmp_path):
    """run_demo took the year to infer as end[:4]: a Timestamp end failed with a TypeError after the region,
    the stations and the cube were built."""
    from smrfr_engine.demo import run_demo

    outputs = run_demo(tmp_path / "demo", size=10, start=datetime.date(2020, 1, 1),
                       end=pd.Timestamp("2020-12-31"), n_stations=12)
    assert [store.name for store in outputs["inference"].iterdir()] == ["SMRFR_2020_v1.0.zarr"]
    assert outputs["report"].is_file()


def test_versions_name_a_package_installed_under_another_distribution_name(tmp_path, monkeypatch):
    """The README's pip command installs ``xgboost``, the engine names it ``xgboost-cpu``: the environment
    report and model.json said 'missing' for an installed, working package."""
    from smrfr_engine import environment

    (tmp_path / "smrfrfakepkg").mkdir()
    (tmp_path / "smrfrfakepkg" / "__init__.py").write_text("")
    info = tmp_path / "smrfrfakepkg_gpu-2.5.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: smrfrfakepkg-gpu\nVersion: 2.5.1\n")
    (info / "top_level.txt").write_text("smrfrfakepkg\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(environment.PACKAGES, "smrfrfakepkg", "smrfrfakepkg-cpu")
    monkeypatch.setitem(environment.PACKAGES, "smrfrabsent", "smrfrabsent")
    found = environment.versions()
    assert found["smrfrfakepkg-cpu"] == "2.5.1" and found["smrfrabsent"] == "missing"
    assert found["scikit-learn"] == importlib.metadata.version("scikit-learn")


def test_install_command_pins_the_installed_numpy():
    import numpy

    command = install_command("/opt/qgis/python3", ["scikit-learn", "zarr"])
    assert command.startswith('"/opt/qgis/python3" -m pip install "scikit-learn" "zarr"')
    assert f'"numpy=={numpy.__version__}"' in command


def test_the_start_up_check_only_looks_up_the_slow_optional_packages():
    """QGIS checks every package at start; importing the boosted learners and Dask's distributed would add
    about half a second, so they are looked up there and imported (and a failure named) where used."""
    code = ("import sys; from smrfr_engine.environment import CHECKED_AT_USE, missing_packages; "
            "print(missing_packages(), sorted(set(CHECKED_AT_USE) & set(sys.modules)))")
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout.split("\n")[-2] == "[] []"


def test_western_southern_coordinates_and_impossible_dates(tmp_path, capsys):
    """Negative comma-separated values need no ``=`` (the demo region is at 51.8 W, 0.6 S), and a day that
    does not exist is one clear error with exit status 2, in every command that takes dates."""
    from smrfr_engine.synth import generate

    assert attach_negative_lists(["--bbox", "-52,-1,-51,0", "--point", "-51.5,-0.5", "--depths", "-1"]) == [
        "--bbox=-52,-1,-51,0", "--point=-51.5,-0.5", "--depths", "-1"]
    region = tmp_path / "region"
    generate(region, size=6, start="2019-01-01", end="2019-03-01", n_stations=3)
    truth = str(region / "truth")
    assert main(["series", truth, "--point", "-51.84,-0.64", "--out", str(tmp_path / "s.csv")]) == 0
    assert pd.read_csv(tmp_path / "s.csv")["sml1_p"].notna().all()
    for command in (["subset", truth, "--bbox", "-52,-1,-51,0", "--out", str(tmp_path / "x.nc")],
                    ["series", truth, "--point", "-51.84,-0.64", "--out", str(tmp_path / "y.csv")],
                    ["anomaly", truth, "--bbox", "-52,-1,-51,0", "--clim-start", "2019-01-01",
                     "--clim-end", "2019-02-28", "--out", str(tmp_path / "a")]):
        capsys.readouterr()
        assert main([*command, "--start", "2019-02-30"]) == 2, command
        error = capsys.readouterr().err.strip().splitlines()[-1]  # after the progress bar
        assert error == "smrfr: error: start '2019-02-30' is not a date: use YYYY-MM-DD", command
    assert not list(tmp_path.glob("[xya]*"))


def test_a_path_starting_with_a_tilde_is_in_the_home_folder(tmp_path, monkeypatch, capsys):
    """A path with spaces is quoted, and the shell leaves ``~`` alone in quotes: ``--out "~/série 1.csv"``
    wrote ``./~/série 1.csv``, a folder named ``~`` in the current folder."""
    from smrfr_engine.synth import generate

    home, work = tmp_path / "início 家", tmp_path / "trabalho"
    home.mkdir(), work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    generate(home / "região demo", size=6, start="2019-01-01", end="2019-01-31", n_stations=3)
    assert main(["series", "~/região demo/truth", "--point", "-51.84,-0.64", "--out", "~/série 1.csv",
                 "--quiet"]) == 0
    assert pd.read_csv(home / "série 1.csv")["sml1_p"].notna().all()
    assert list(work.iterdir()) == []
    assert parse_arguments(build_parser(), ["validate", "--product", "~/a", "--points", "~/p.gpkg", "--out",
                                            "v"]).points == home / "p.gpkg"
    days = pd.date_range("2019-01-01", periods=12).strftime("%Y-%m-%d")  # NAME=~/path: ~ after the name
    pd.DataFrame({"station_id": "S", "lon": -51.84, "lat": -0.64, "date": days, "layer_top": 0,
                  "layer_bottom": 5, "sm": 0.3}).to_csv(home / "points.csv", index=False)
    assert main(["validate", "--product", "truth=~/região demo/truth", "--points", "~/points.csv", "--out",
                 "~/validação", "--quiet"]) == 0
    assert (home / "validação" / "metrics_pooled.csv").is_file() and list(work.iterdir()) == []


BBOX_COMMANDS = [["subset", "product", "--out", "x.nc"],
                 ["anomaly", "product", "--out=a", "--clim-start", "2019-01-01", "--clim-end", "2019-02-01"],
                 ["infer", "--model", "m", "--cube", "c", "--out", "o"],
                 ["predictors", "build", "--config", "p.toml", "--start", "2019-01-01", "--end", "2019-12-31",
                  "--out", "c.zarr"]]


@pytest.mark.parametrize("command", BBOX_COMMANDS, ids=lambda command: command[0])
def test_every_command_takes_a_bbox_with_commas_or_spaces(command):
    for bbox in (["-51,-2,-50,-1"], ["-51", "-2", "-50", "-1"], ["--bbox=-51,-2,-50,-1"]):
        argv = [*command, *bbox] if bbox[0].startswith("--") else [*command, "--bbox", *bbox]
        assert parse_arguments(build_parser(), argv).bbox == (-51, -2, -50, -1), bbox


def test_a_point_takes_its_coordinates_with_a_comma_or_a_space():
    for point in (["-51.5,-0.5"], ["-51.5", "-0.5"], ["11", "42"], ["1e5", "-2.5E4"]):
        argv = ["series", "product", "--point", *point, "--out", "s.csv"]
        assert parse_arguments(build_parser(), argv).point == ",".join(point), point
    spaced = ["series", "product", "--point", "-51.5", "-0.5", "--bbox", "-51", "-2", "-50", "-1", "7"]
    assert join_spaced_numbers(spaced) == ["series", "product", "--point=-51.5,-0.5", "--bbox=-51,-2,-50,-1",
                                           "7"]  # a number after the count belongs to something else


@pytest.mark.parametrize("command", BBOX_COMMANDS, ids=lambda command: command[0])
@pytest.mark.parametrize(("bbox", "expected"), [(["-51", "-2", "-50"], "must be four numbers W,S,E,N"),
                                                (["-50,-2,-51,-1"], "must have west < east"),
                                                (["-51,-2,-50,-1,0"], "must be four numbers")])
def test_a_wrong_bbox_is_one_line_naming_it(command, bbox, expected, capsys):
    with pytest.raises(SystemExit) as stop:
        parse_arguments(build_parser(), [*command, "--bbox", *bbox])
    assert stop.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert f"error: argument --bbox: bbox '{','.join(bbox)}' {expected}" in error


def test_a_date_range_ending_before_it_starts_is_named_and_may_be_open():
    assert day_range("2021-06-01", None) == (pd.Timestamp("2021-06-01"), None)
    assert day_range("", "2021-06-01T12:00") == (None, pd.Timestamp("2021-06-01"))
    with pytest.raises(SmrfrError, match="^climatology end date 2021-06-01 is before climatology start date "
                                         "2021-06-05$"):
        day_range("2021-06-05", "2021-06-01", "climatology")
    with pytest.raises(SmrfrError, match="^climatology start '2021-13-01' is not a date"):
        day_range("2021-13-01", "2021-06-01", "climatology")


@pytest.mark.parametrize("value", ["2021-02-30", "2021-13-01", "yesterday", "today", "01/06/2021",
                                   "06/13/2021", "", None])
def test_only_calendar_days_are_dates(value):
    with pytest.raises(SmrfrError, match=f"first day {value!r} is not a date: use YYYY-MM-DD"):
        parse_day(value, "first day")
    assert parse_day("2020-02-29T13:00", "day") == pd.Timestamp("2020-02-29")


@pytest.mark.parametrize("value", [2021, 20210601, 2021.5, np.int64(2021)])
def test_a_number_is_no_date(value):
    """pandas reads 2021 as 2021 nanoseconds after 1970: a number was a day of 1970, cut to the product."""
    with pytest.raises(SmrfrError, match=f"^start {value!r} is not a date: use YYYY-MM-DD$"):
        parse_day(value, "start")


def test_days_come_as_any_date_type_and_a_time_zone_gives_the_utc_day():
    """A notebook's dates: a time zone made "Cannot compare tz-naive and tz-aware timestamps" tracebacks."""
    june = pd.Timestamp("2021-06-01")
    for value in (datetime.date(2021, 6, 1), datetime.datetime(2021, 6, 1, 18), np.datetime64("2021-06-01"),
                  pd.Timestamp("2021-06-01 06:00"), pd.Timestamp("2021-05-31 22:00", tz="America/Sao_Paulo"),
                  datetime.datetime(2021, 6, 1, tzinfo=datetime.timezone.utc), "2021-06-01T09:00+08:00"):
        assert parse_day(value) == june
    assert day_range(pd.Timestamp("2021-06-01", tz="UTC"), "2021-06-03") == (june, pd.Timestamp("2021-06-03"))
    times = pd.date_range("2021-05-30", "2021-06-05")
    assert list(days_within(times, pd.Timestamp("2021-06-01", tz="UTC"), None, "x")) == list(times[2:])


def test_a_system_error_is_one_line_with_exit_status_2(monkeypatch, capsys):
    """An output the system refuses midway (full disk, permissions) is no bug of SMRFR: no traceback."""
    import smrfr_engine.cli.metrics as command

    def refuse(*args):
        raise PermissionError(13, "Permission denied", "out.csv")

    monkeypatch.setattr(command, "metrics_report", refuse)
    assert main(["metrics", "pairs.csv", "--estimate", "a", "--observed", "b"]) == 2
    assert capsys.readouterr().err == "smrfr: error: [Errno 13] Permission denied: 'out.csv'\n"


def test_ctrl_c_says_what_happened_to_the_output(monkeypatch, capsys):
    """A KeyboardInterrupt has no message: the line ended in 'smrfr: cancelled; ' with nothing after."""
    import smrfr_engine.products.ops as ops

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(ops, "info", interrupted)
    assert main(["info", "nowhere.zarr"]) == 130
    assert capsys.readouterr().err.strip() == "smrfr: cancelled; no partial output was kept"


#: ``smrfr`` whose progress bar sends the process SIGTERM (as ``kill``, ``timeout`` or a batch scheduler)
#: once the work is under way
TERMINATED_MIDWAY = """
import os, signal, sys
from smrfr_engine.cli import main
from smrfr_engine.cli.progress import TerminalFeedback

def on_progress(self, percent):
    if percent > 0:
        os.kill(os.getpid(), signal.SIGTERM)

TerminalFeedback.on_progress = on_progress
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("name", ["c.zarr", "c.nc"])
def test_sigterm_stops_like_ctrl_c_and_leaves_no_partial_output(tmp_path, name):
    """SIGTERM killed smrfr on the spot: no message, and a hidden .NAME.*.partial output (for a cube, as
    large as the cube) stayed in the user's folder, one more at every interrupted run."""
    from conftest_products import smrfr_folder

    product = smrfr_folder(tmp_path / "smrfr")
    stopped = subprocess.run([sys.executable, "-c", TERMINATED_MIDWAY, "subset", str(product), "--out",
                              str(tmp_path / name), "--quiet"], capture_output=True, text=True, timeout=120)
    assert stopped.returncode == 128 + 15, stopped.stderr
    assert stopped.stderr.strip().endswith("smrfr: cancelled; no partial output was kept")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["smrfr"]


@pytest.mark.parametrize("name", ["c.zarr", "tifs"])
def test_an_output_the_disk_cannot_hold_is_named_in_the_error(tmp_path, name):
    """A full disk (here: a file-size limit, EFBIG as ENOSPC) said only "smrfr: error: [Errno 27] File too
    large" (Zarr) or "Write failed. See previous exception for details." (GeoTIFF), naming no file."""
    import resource

    from conftest_products import smrfr_folder

    product = smrfr_folder(tmp_path / "smrfr")
    out = tmp_path / name
    limited = subprocess.run([sys.executable, "-m", "smrfr_engine", "subset", str(product), "--out", str(out),
                              "--quiet"], capture_output=True, text=True, timeout=120,
                             preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000)))
    assert limited.returncode == 2, limited.stderr
    assert f"smrfr: error: cannot write {out}: " in limited.stderr and "MB free in" in limited.stderr
    assert "Traceback" not in limited.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["smrfr"]


def test_demo_help_gives_its_defaults(capsys):
    with pytest.raises(SystemExit) as done:
        main(["demo", "--help"])
    assert done.value.code == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "(default: demo_output)" in shown and "(default: 48)" in shown and "(default: 2021-12-31)" in shown

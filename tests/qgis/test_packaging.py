"""The plugin ZIP installs into a fresh QGIS profile and loads from there, translations included."""

import configparser
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import build_plugin
import numpy as np
import pytest

import smrfr_engine
from smrfr_qgis.dialogs import DIALOGS


@pytest.fixture(scope="module")
def plugin_zip(tmp_path_factory):
    return build_plugin.make_zip(tmp_path_factory.mktemp("dist") / "smrfr_qgis.zip")


def general(text: str) -> configparser.SectionProxy:
    """The [general] section of a metadata.txt, parsed as QGIS parses it."""
    parser = configparser.ConfigParser()
    parser.read_string(text)
    return parser["general"]


#: metadata.txt fields the plugin repository (plugins.qgis.org) requires, and the home page it links to
REQUIRED = ("name", "qgisMinimumVersion", "description", "about", "version", "author", "email", "repository",
            "tracker", "homepage")


def release_problems(archive: Path) -> list[str]:
    """What the plugin repository's upload checks refuse in ``archive`` (size, layout, bytecode, metadata,
    icon, licence), and what the build must leave out (hidden files, translation sources, tests)."""
    problems = []
    if archive.stat().st_size > 25_000_000:
        problems.append(f"{archive.stat().st_size} bytes: the repository takes 25 MB at most")
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        metadata = general(zipped.read("smrfr_qgis/metadata.txt").decode())
    unwanted = ("__pycache__", "__MACOSX", "tests")
    for name in names:
        parts = name.rstrip("/").split("/")
        if (parts[0] != "smrfr_qgis" or ".." in name or ".pyc" in name or name.endswith(".ts")
                or any(part.startswith(".") or part in unwanted for part in parts)):
            problems.append(f"entry {name}")
    expected = ["__init__.py", "LICENSE", metadata.get("icon", "no icon"),
                *(f"i18n/{ts.stem}.qm" for ts in (build_plugin.ROOT / "i18n").glob("*.ts"))]
    problems += [f"no {name}" for name in expected if f"smrfr_qgis/{name}" not in names]
    problems += [f"metadata.txt: no {field}" for field in REQUIRED if not metadata.get(field, "").strip()]
    problems += [f"metadata.txt: {field} is no URL" for field in ("repository", "tracker", "homepage")
                 if urlparse(metadata.get(field, "")).scheme != "https"]
    for flag in ("experimental", "deprecated", "server"):
        try:
            metadata.getboolean(flag)
        except ValueError as error:
            problems.append(f"metadata.txt: {error}")
    return problems


def test_the_zip_passes_the_plugin_repository_checks(plugin_zip):
    assert release_problems(plugin_zip) == []


def test_hidden_and_compiled_files_in_the_checkout_stay_out_of_the_zip(tmp_path):
    """A checkout holds files nobody should receive, some of which the plugin repository refuses (a .git
    folder, bytecode): the hidden ones were zipped."""
    root = tmp_path / "checkout"
    for folder in ("smrfr_qgis", "smrfr_engine", "resources", "i18n", "scripts"):
        shutil.copytree(build_plugin.ROOT / folder, root / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("metadata.txt", "LICENSE", "README.md"):
        shutil.copy2(build_plugin.ROOT / name, root / name)
    for planted in ("smrfr_qgis/.DS_Store", "smrfr_qgis/.plugin.py.swp", "smrfr_qgis/.git/config",
                    "smrfr_engine/.mypy_cache/cache.json", "resources/._smrfr.svg",
                    "smrfr_qgis/dialogs/__pycache__/base.cpython-311.pyc", "smrfr_engine/stray.pyc"):
        (root / planted).parent.mkdir(parents=True, exist_ok=True)
        (root / planted).write_bytes(b"x")
    archive = tmp_path / "smrfr_qgis.zip"
    subprocess.run([sys.executable, str(root / "scripts" / "build_plugin.py"), "zip", str(archive)],
                   check=True, capture_output=True)
    assert release_problems(archive) == []


def test_the_plugin_version_is_the_engine_version(plugin_zip):
    """metadata.txt repeated the version of smrfr_engine/__init__.py (which the wheel reads); the build
    writes it now."""
    assert "version" not in general((build_plugin.ROOT / "metadata.txt").read_text(encoding="utf-8"))
    with zipfile.ZipFile(plugin_zip) as zipped:
        assert general(zipped.read("smrfr_qgis/metadata.txt").decode())["version"] == smrfr_engine.__version__


def next_release(archive: Path, target: Path) -> Path:
    """``archive`` with its engine's version set to 99.0, as the next release would be."""
    init = "smrfr_qgis/lib/smrfr_engine/__init__.py"
    with zipfile.ZipFile(archive) as current, zipfile.ZipFile(target, "w") as upgrade:
        for item in current.infolist():
            data = current.read(item)
            if item.filename == init:
                data = data.replace(f'"{smrfr_engine.__version__}"'.encode(), b'"99.0"')
            upgrade.writestr(item, data)
    return target


def test_zip_installs_into_a_fresh_profile_and_loads(plugin_zip, tmp_path):
    with zipfile.ZipFile(plugin_zip) as zipped:
        names = zipped.namelist()
        assert {name.split("/")[0] for name in names} == {"smrfr_qgis"}
        for required in ("metadata.txt", "__init__.py", "lib/smrfr_engine/__init__.py", "resources/smrfr.svg",
                         "i18n/smrfr_zh_CN.qm", "i18n/smrfr_pt_BR.qm", "LICENSE"):
            assert f"smrfr_qgis/{required}" in names
        plugins = tmp_path / "profiles" / "default" / "python" / "plugins"
        zipped.extractall(plugins)

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}
    script = Path(__file__).parent / "scripts" / "load_installed_plugin.py"
    upgrade = next_release(plugin_zip, tmp_path / "next.zip")
    done = subprocess.run([sys.executable, str(script), str(plugins), "--reinstall", str(upgrade)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    installed = plugins / "smrfr_qgis"
    assert facts["loaded"] and facts["started"] and facts["available"]
    assert Path(facts["plugin_file"]).parent == installed
    assert Path(facts["engine_file"]).parent == installed / "lib" / "smrfr_engine"
    assert "smrfr:environment" in facts["algorithms"]
    assert facts["menu_entries"] == 5 and facts["toolbars_loaded"] == 1
    assert facts["unloaded"] and not facts["provider_after_unload"] and facts["toolbars_left"] == 0
    assert set(facts["dialogs"]) == set(DIALOGS) and facts["messages"] == []
    # QGIS unloads only smrfr_qgis.* modules: the previous engine ran on after an upgrade (0.1.0, not 99.0)
    assert facts["reloaded"] and facts["engine_version_after_reinstall"] == "99.0"

    bare = subprocess.run([sys.executable, str(script), str(plugins), "--without-science"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert bare.returncode == 0, bare.stderr  # a QGIS without the scientific packages loads the plugin
    facts = json.loads(bare.stdout.strip().splitlines()[-1])
    assert facts["started"] and "smrfr:train" in facts["algorithms"] and set(facts["dialogs"]) == set(DIALOGS)
    assert len(facts["messages"]) == 1 and "Missing Python packages: pandas, xarray" in facts["messages"][0]


@pytest.mark.slow
def test_qgis_starts_with_the_plugin_in_its_private_profile(tmp_path):
    """The real QGIS application (under Xvfb: it refuses to start without a display) in the profile that
    `make qgis` makes. It read build/profiles/profiles/smrfr while the plugin was deployed in
    build/profiles/smrfr, so QGIS started without the plugin."""
    arguments = build_plugin.private_profile(tmp_path / "build")
    facts = tmp_path / "facts.json"
    env = {**os.environ, "SMRFR_FACTS": str(facts), "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    del env["QT_QPA_PLATFORM"]
    script = Path(__file__).parent / "scripts" / "report_running_qgis.py"
    ran = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x900x24", "qgis", *arguments, "--nologo",
                          "--noversioncheck", "--code", str(script)], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=300)
    assert facts.exists(), ran.stdout + ran.stderr
    facts = json.loads(facts.read_text())
    installed = tmp_path / "build" / "profiles" / "smrfr" / "python" / "plugins" / "smrfr_qgis"
    assert "smrfr_qgis" in facts["active"] and "&SMRFR" in facts["raster_menu"]
    assert Path(facts["engine_file"]).parent == installed / "lib" / "smrfr_engine"
    assert facts["algorithms"] > 10 and facts["version"] == smrfr_engine.__version__


def test_qgis_process_lists_and_runs_the_provider_headless(qgis_process):
    listed = qgis_process("list")
    assert "smrfr:environment" in listed.stdout, listed.stderr
    ran = qgis_process("run", "smrfr:environment")
    assert ran.returncode == 0, ran.stderr
    assert "scikit-learn:" in ran.stdout
    # qgis_process loads the plugin without initGui: the translation comes with the provider
    portuguese = qgis_process("help", "smrfr:environment", LC_ALL="pt_BR.UTF-8", LANG="pt_BR.UTF-8")
    assert "Verificar o ambiente SMRFR" in portuguese.stdout, portuguese.stdout + portuguese.stderr


def test_qgis_process_reads_netcdf_and_writes_geopackages(qgis_process, tmp_path):
    """Inside qgis_process, PROJ and netCDF are QGIS's own libraries: pyproj and netCDF4 must be
    built against them (see constraints.txt), or these runs crash."""
    import numpy as np
    import pandas as pd
    import xarray as xr

    era5 = tmp_path / "era5.nc"
    days = pd.date_range("2020-01-01", periods=3)
    values = np.full((3, 2, 3), 0.25, dtype="float32")
    xr.Dataset({f"swvl{i}": (("valid_time", "latitude", "longitude"), values) for i in range(1, 5)},
               coords={"valid_time": days, "latitude": [45.1, 45.0], "longitude": [10.0, 10.1, 10.2]}
               ).to_netcdf(era5)
    info = qgis_process("run", "smrfr:info", "--", f"SOURCE={era5}")
    assert info.returncode == 0, info.stdout + info.stderr
    assert "swvl4" in info.stdout and "2020-01-03" in info.stdout

    stations = tmp_path / "stations.gpkg"
    zipped = Path(__file__).parents[1] / "data" / "ismn" / "COSMOS_header_values.zip"
    imported = qgis_process("run", "smrfr:importstations", "--", f"INPUT={zipped}", "MIN_VALID_DAYS=10",
                            f"OUTPUT={stations}")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    import pyogrio

    assert pyogrio.read_info(stations, layer="stations")["features"] == 2


def test_qgis_process_starts_dask_workers_with_its_own_python(qgis_process, tmp_path):
    """Embedded in qgis_process, ``sys.executable`` is whichever ``python3`` comes first on the PATH (a
    pyenv or conda one on many machines): here one that cannot run anything. The workers must still
    start, with QGIS's own interpreter."""
    import xarray as xr
    from test_model_helpers import FAST, small_setup

    from smrfr_engine.model.train import train_model

    foreign = tmp_path / "bin"
    foreign.mkdir()
    (foreign / "python3").write_text("#!/bin/sh\nexit 3\n")
    (foreign / "python3").chmod(0o755)
    cube, stations = small_setup(tmp_path)
    train_model(cube, stations, tmp_path / "model", layers="1", cv="kfold", folds=2, algorithm="rf",
                params=FAST, importance=False)
    ran = qgis_process("run", "smrfr:infer", "--", f"MODEL={tmp_path / 'model'}", f"CUBE={cube}",
                       "START=2019-01-01", "END=2019-01-05", "WORKERS=1", f"OUTPUT={tmp_path / 'maps'}",
                       PATH=f"{foreign}:{os.environ['PATH']}")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    maps = xr.open_zarr(tmp_path / "maps" / "SMRFR_2019_v1.0.zarr")
    assert maps.sizes["time"] == 5 and np.isfinite(maps["sml1_p"].values).any()


def error_lines(ran, message: str) -> list[str]:
    """The lines a qgis_process run printed to stderr that hold ``message`` (stdout repeats the inputs)."""
    return [line for line in ran.stderr.splitlines() if message in line]


def test_qgis_process_prints_a_wrong_parameter_once(qgis_process, tmp_path):
    """A missing input or a reversed date range is found while Processing checks the parameters, which
    qgis_process reports once; raised while the algorithm ran, QGIS 3.22 printed it three times."""
    points = tmp_path / "points.csv"
    points.write_text("station_id,lon,lat,date,layer_top,layer_bottom,sm\nA,1,1,2019-01-01,0,5,0.2\n")
    missing = tmp_path / "no_model"
    ran = qgis_process("run", "smrfr:infer", "--", f"MODEL={missing}", f"CUBE={tmp_path}",
                       f"OUTPUT={tmp_path / 'maps'}")
    assert ran.returncode != 0
    expected = f"\t'Model bundle' (MODEL): {missing} does not exist"
    assert error_lines(ran, str(missing)) == [expected], ran.stderr
    ran = qgis_process("run", "smrfr:validate", "--", f"PRODUCTS=somo={tmp_path}", f"POINTS={points}",
                       "START=2019-02-01", "END=2019-01-05", f"OUTPUT={tmp_path / 'validation'}")
    assert ran.returncode != 0
    assert error_lines(ran, "2019-01-05") == ["\t'Last day' (END) 2019-01-05 is before 'First day' (START) "
                                              "2019-02-01"], ran.stderr
    assert "ERROR:\tAn error was encountered while checking parameter values" in ran.stderr
    ran = qgis_process("run", "smrfr:importstations", "--", f"OUTPUT={tmp_path / 's.gpkg'}")
    assert ran.returncode != 0  # a required one of two inputs: found while running, it printed 3 lines
    assert error_lines(ran, "ISMN download") == ["\tGive an ISMN download, a station table or a folder"]


def test_qgis_process_322_prints_an_error_raised_while_running_three_times(qgis_process_in, tmp_path):
    """What the README says of errors raised while an algorithm runs: qgis_process 3.22 prints the message
    after ERROR: and twice bare (its message log's critical lines), for a plugin with no SMRFR code."""
    profile = tmp_path / "profiles" / "default"
    shutil.copytree(Path(__file__).parent / "scripts" / "failing_plugin",
                    profile / "python" / "plugins" / "failing_plugin")
    (profile / "QGIS").mkdir()
    (profile / "QGIS" / "QGIS3.ini").write_text("[PythonPlugins]\nfailing_plugin=true\n")
    ran = qgis_process_in(tmp_path)("run", "failing:fail")
    assert ran.returncode == 1
    message = "the minimal algorithm failed"
    assert error_lines(ran, message) == [message, f"ERROR:\t{message}", message], ran.stdout + ran.stderr

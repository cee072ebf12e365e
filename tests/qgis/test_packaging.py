"""The plugin ZIP installs into a fresh QGIS profile and loads from there, translations included."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import build_plugin


def test_zip_installs_into_a_fresh_profile_and_loads(tmp_path):
    archive = build_plugin.make_zip(tmp_path / "dist" / "smrfr_qgis.zip")
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        assert {name.split("/")[0] for name in names} == {"smrfr_qgis"}
        for required in ("metadata.txt", "__init__.py", "smrfr_engine/__init__.py", "resources/smrfr.svg",
                         "i18n/smrfr_zh_CN.qm", "i18n/smrfr_pt_BR.qm", "LICENSE"):
            assert f"smrfr_qgis/{required}" in names
        assert not [name for name in names if "__pycache__" in name or "/tests/" in name or ".ts" in name]
        plugins = tmp_path / "profiles" / "default" / "python" / "plugins"
        zipped.extractall(plugins)

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}
    script = Path(__file__).parent / "scripts" / "load_installed_plugin.py"
    done = subprocess.run([sys.executable, str(script), str(plugins)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    installed = plugins / "smrfr_qgis"
    assert facts["loaded"] and facts["started"] and facts["available"]
    assert Path(facts["plugin_file"]).parent == installed
    assert Path(facts["engine_file"]).parent == installed / "smrfr_engine"
    assert "smrfr:environment" in facts["algorithms"]
    assert facts["menu_entries"] == 5 and facts["toolbars_loaded"] == 1
    assert facts["unloaded"] and not facts["provider_after_unload"] and facts["toolbars_left"] == 0


def test_qgis_process_lists_and_runs_the_provider_headless(qgis_process):
    listed = qgis_process("list")
    assert "smrfr:environment" in listed.stdout, listed.stderr
    ran = qgis_process("run", "smrfr:environment")
    assert ran.returncode == 0, ran.stderr
    assert "scikit-learn:" in ran.stdout

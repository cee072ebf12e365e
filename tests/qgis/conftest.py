"""Shared fixtures of the plugin tests."""

import os
import subprocess
import sysconfig

import build_plugin
import pytest
from qgis.core import QgsApplication, QgsProject, QgsSettings

QGIS_PROCESS = "/usr/bin/qgis_process.bin"


@pytest.fixture(scope="session", autouse=True)
def fresh_plugin_settings(qgis_app):
    """Each session starts from the plugin's first-run settings: pytest-qgis keeps the settings folder
    (``.qgis-settings``) between runs, so what a dialog remembered would leak into the next run."""
    QgsSettings().remove("smrfr")


@pytest.fixture(scope="session")
def qgis_process(tmp_path_factory):
    """Run ``qgis_process.bin`` headless with the plugin deployed in a fresh settings folder.

    Returns ``run(*args, **environment variables) -> CompletedProcess``; as documented in the README for
    Debian.
    """
    settings = tmp_path_factory.mktemp("qgis-settings")
    build_plugin.private_profile(settings, "default")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QGIS_CUSTOM_CONFIG_PATH": str(settings),
           "PYTHONPATH": sysconfig.get_paths()["purelib"]}

    def run(*args, timeout=300, **variables):
        return subprocess.run([QGIS_PROCESS, *args], env={**env, **variables}, capture_output=True,
                              text=True, timeout=timeout, cwd=settings)

    return run


@pytest.fixture()
def provider(qgis_processing):
    """The SMRFR Processing provider registered for one test; layers it loaded are removed after."""
    from smrfr_qgis.processing.provider import SmrfrProvider

    instance = SmrfrProvider()
    QgsApplication.processingRegistry().addProvider(instance)
    yield instance
    QgsApplication.processingRegistry().removeProvider(instance)
    QgsProject.instance().removeAllMapLayers()

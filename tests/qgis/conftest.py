"""Shared fixtures of the plugin tests."""

import os
import subprocess
import sysconfig

import build_plugin
import pytest
from qgis.core import QgsApplication, QgsProject, QgsSettings, QgsTemporalNavigationObject

QGIS_PROCESS = "/usr/bin/qgis_process.bin"


@pytest.fixture(scope="session", autouse=True)
def fresh_plugin_settings(qgis_app):
    """Each session starts from the plugin's first-run settings: pytest-qgis keeps the settings folder
    (``.qgis-settings``) between runs, so what a dialog remembered would leak into the next run."""
    QgsSettings().remove("smrfr")


def process_runner(settings):
    """``run(*args, **environment variables) -> CompletedProcess``: ``qgis_process.bin`` headless with the
    settings folder ``settings`` (holding ``profiles/default``), as documented in the README for Debian."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QGIS_CUSTOM_CONFIG_PATH": str(settings),
           "PYTHONPATH": sysconfig.get_paths()["purelib"]}

    def run(*args, timeout=300, **variables):
        return subprocess.run([QGIS_PROCESS, *args], env={**env, **variables}, capture_output=True,
                              text=True, timeout=timeout, cwd=settings)

    return run


@pytest.fixture(scope="session")
def qgis_process(tmp_path_factory):
    """:func:`process_runner` with the plugin deployed in a fresh settings folder."""
    settings = tmp_path_factory.mktemp("qgis-settings")
    build_plugin.private_profile(settings, "default")
    return process_runner(settings)


@pytest.fixture(scope="session")
def qgis_process_in():
    """``qgis_process_in(settings)``: :func:`process_runner` for a settings folder of the test's own."""
    return process_runner


@pytest.fixture()
def provider(qgis_processing):
    """The SMRFR Processing provider registered for one test; layers it loaded are removed after."""
    from smrfr_qgis.processing.provider import SmrfrProvider

    instance = SmrfrProvider()
    QgsApplication.processingRegistry().addProvider(instance)
    yield instance
    QgsApplication.processingRegistry().removeProvider(instance)
    QgsProject.instance().removeAllMapLayers()


@pytest.fixture()
def canvas(qgis_canvas, qgis_new_project):
    """A canvas with its own temporal controller and the plugin's band switcher; layers removed after."""
    from smrfr_qgis.temporal import BandSwitcher

    previous = qgis_canvas.temporalController()
    qgis_canvas.setTemporalController(QgsTemporalNavigationObject(qgis_canvas))
    switcher = BandSwitcher(qgis_canvas)
    yield qgis_canvas
    switcher.detach()
    qgis_canvas.setTemporalController(previous)
    QgsProject.instance().removeAllMapLayers()
    QgsProject.instance().layerTreeRoot().removeAllChildren()

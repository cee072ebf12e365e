"""``smrfr:environment``: report the engine version and its Python packages."""

from qgis.core import QgsProcessingOutputString

from smrfr_engine import __version__
from smrfr_engine.environment import versions

from ...i18n import QT_TR_NOOP, tr
from ..base import SmrfrAlgorithm


class EnvironmentAlgorithm(SmrfrAlgorithm):
    algorithm_id = "environment"
    label = QT_TR_NOOP("Check the SMRFR environment")
    group_id = "tools"
    help_text = QT_TR_NOOP("Lists the SMRFR engine version and the version of every Python package it uses.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.addOutput(QgsProcessingOutputString("REPORT", tr("Report")))

    def perform(self, parameters, context, feedback):
        lines = [f"smrfr {__version__}"] + [f"{name}: {version}" for name, version in versions().items()]
        for line in lines:
            feedback.info(line)
        return {"REPORT": "\n".join(lines)}

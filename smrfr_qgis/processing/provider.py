"""The SMRFR Processing provider (id ``smrfr``)."""

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr
from ..paths import resource
from .algorithms import algorithm_classes


class SmrfrProvider(QgsProcessingProvider):
    def id(self):
        return "smrfr"

    def name(self):
        return tr("SMRFR soil moisture")

    def longName(self):  # noqa: N802 (QGIS API name)
        return tr("SMRFR soil-moisture toolkit")

    def icon(self):
        return QIcon(resource("smrfr.svg"))

    def svgIconPath(self):  # noqa: N802 (QGIS API name)
        return resource("smrfr.svg")

    def loadAlgorithms(self):  # noqa: N802 (QGIS API name)
        for algorithm in algorithm_classes():
            self.addAlgorithm(algorithm())

"""The smallest QGIS plugin whose Processing algorithm (``failing:fail``) raises a QgsProcessingException:
what qgis_process prints for it is QGIS's own doing, no SMRFR code runs."""

from qgis.core import QgsApplication, QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingProvider

MESSAGE = "the minimal algorithm failed"


class FailAlgorithm(QgsProcessingAlgorithm):
    def name(self):
        return "fail"

    def displayName(self):  # noqa: N802 (QGIS API name)
        return "Fail"

    def createInstance(self):  # noqa: N802 (QGIS API name)
        return FailAlgorithm()

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        pass

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        raise QgsProcessingException(MESSAGE)


class FailProvider(QgsProcessingProvider):
    def id(self):
        return "failing"

    def name(self):
        return "Failing"

    def loadAlgorithms(self):  # noqa: N802 (QGIS API name)
        self.addAlgorithm(FailAlgorithm())


class FailingPlugin:
    def __init__(self, iface):
        self.provider = FailProvider()

    def initProcessing(self):  # noqa: N802 (QGIS API name)
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 (QGIS API name)
        self.initProcessing()

    def unload(self):
        QgsApplication.processingRegistry().removeProvider(self.provider)


def classFactory(iface):  # noqa: N802 (QGIS API name)
    return FailingPlugin(iface)

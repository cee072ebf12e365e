"""Test algorithms for the plugin tests: a small Processing provider whose algorithms run the engine's
feedback the way real SMRFR algorithms do (steps, cancel checks, user errors)."""

import contextlib
import time

from qgis.core import (
    QgsApplication,
    QgsProcessingOutputNumber,
    QgsProcessingParameterNumber,
    QgsProcessingProvider,
)

from smrfr_engine.errors import SmrfrError
from smrfr_qgis.processing.base import SmrfrAlgorithm


class CountAlgorithm(SmrfrAlgorithm):
    """Counts STEPS steps of DELAY seconds each, checking for cancel at each step; STEPS < 0 is a user
    error."""

    algorithm_id = "count"
    label = "Count"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterNumber("STEPS", "Steps", defaultValue=3,
                                                       minValue=-10))
        self.addParameter(QgsProcessingParameterNumber("DELAY", "Delay", QgsProcessingParameterNumber.Double,
                                                       defaultValue=0.0))
        self.addOutput(QgsProcessingOutputNumber("DONE", "Steps done"))

    def perform(self, parameters, context, feedback):
        steps = self.parameterAsInt(parameters, "STEPS", context)
        delay = self.parameterAsDouble(parameters, "DELAY", context)
        if steps < 0:
            raise SmrfrError(f"STEPS must be >= 0, got {steps}")
        done = 0
        for step in range(steps):
            feedback.progress(step / max(steps, 1), f"step {step}")
            time.sleep(delay)
            done += 1
        return {"DONE": done}


class MissingAlgorithm(CountAlgorithm):
    algorithm_id = "needsmissing"
    requires = ("smrfr_package_that_does_not_exist",)


class TestProvider(QgsProcessingProvider):
    def id(self):
        return "smrfrtest"

    def name(self):
        return "SMRFR tests"

    def loadAlgorithms(self):  # noqa: N802
        self.addAlgorithm(CountAlgorithm())
        self.addAlgorithm(MissingAlgorithm())


@contextlib.contextmanager
def registered_test_provider():
    """The test provider, registered for the duration of the ``with`` block."""
    provider = TestProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    try:
        yield provider
    finally:
        QgsApplication.processingRegistry().removeProvider(provider)

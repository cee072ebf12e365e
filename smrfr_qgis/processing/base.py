"""Common base of the SMRFR Processing algorithms: engine feedback, errors, dependencies."""

from __future__ import annotations

import os

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFile,
    QgsProcessingUtils,
)
from qgis.PyQt.QtCore import Qt

from smrfr_engine.environment import missing_packages
from smrfr_engine.errors import SmrfrError
from smrfr_engine.feedback import Cancelled, Feedback

from ..i18n import QT_TR_NOOP, tr

GROUPS = {
    "products": QT_TR_NOOP("Products"),
    "stations": QT_TR_NOOP("Stations"),
    "model": QT_TR_NOOP("Model"),
    "validation": QT_TR_NOOP("Validation"),
    "tools": QT_TR_NOOP("Tools"),
}


def load_on_completion(context, source: str, name: str, output: str, post_processor=None,
                       hint=QgsProcessingUtils.LayerHint.UnknownType) -> None:
    """Add ``source`` to the project when the algorithm completes, named ``name``, as output ``output``
    (a post-processor styles it; the context takes ownership: one per layer)."""
    details = QgsProcessingContext.LayerDetails(name, context.project(), output, hint)
    if post_processor is not None:
        details.setPostProcessor(post_processor)
    context.addLayerToLoadOnCompletion(source, details)


def folder_twin(name: str) -> str:
    """The folder parameter beside the file parameter ``name`` (:meth:`SmrfrAlgorithm.add_file_or_folder`)."""
    return f"{name}_FOLDER"


def path_value(name: str, path: str) -> dict:
    """``{name: path}`` for a file, ``{name_FOLDER: path}`` for a folder: how a dialog passes a path."""
    return {folder_twin(name) if os.path.isdir(path) else name: path}


class ProcessingFeedback(Feedback):
    """Engine feedback that reports to a ``QgsProcessingFeedback``."""

    def __init__(self, feedback: QgsProcessingFeedback):
        self._feedback = feedback

    def on_progress(self, percent: float) -> None:
        self._feedback.setProgress(percent)

    def on_message(self, message: str, level: str = "info") -> None:
        if level == "warning":
            self._feedback.reportError(message, fatalError=False)
        else:
            self._feedback.pushInfo(message)

    def is_cancelled(self) -> bool:
        return self._feedback.isCanceled()


class SmrfrAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ``algorithm_id``, ``label``, ``group_id``, ``help_text``, ``requires`` and
    implement ``initAlgorithm`` and ``perform(parameters, context, feedback)``."""

    algorithm_id = ""
    label = ""
    group_id = "tools"
    help_text = ""
    #: import names of the packages the algorithm needs
    requires: tuple[str, ...] = ()

    def createInstance(self):  # noqa: N802 (QGIS API name)
        return type(self)()

    def name(self):
        return self.algorithm_id

    def displayName(self):  # noqa: N802 (QGIS API name)
        return tr(self.label)

    def group(self):
        return tr(GROUPS[self.group_id])

    def groupId(self):  # noqa: N802 (QGIS API name)
        return self.group_id

    def shortHelpString(self):  # noqa: N802 (QGIS API name)
        return tr(self.help_text)

    def canExecute(self):  # noqa: N802 (QGIS API name)
        missing = missing_packages(self.requires)
        if missing:
            return False, tr("Missing Python packages: {0}. See the SMRFR plugin README.").format(
                ", ".join(missing))
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        try:
            return self.perform(parameters, context, ProcessingFeedback(feedback))
        except SmrfrError as error:
            raise QgsProcessingException(str(error)) from error
        except Cancelled as error:
            raise QgsProcessingException(tr("Cancelled by the user")) from error

    def add_file_or_folder(self, name: str, label: str, folder_label: str) -> None:
        """A file parameter ``name`` and its twin ``<name>_FOLDER`` for a folder (a Zarr store, yearly
        files): a Processing file parameter takes one or the other, never both. Both are optional;
        :meth:`file_or_folder` reads them."""
        self.addParameter(QgsProcessingParameterFile(name, label, optional=True))
        self.addParameter(QgsProcessingParameterFile(folder_twin(name), folder_label, optional=True,
                                                     behavior=QgsProcessingParameterFile.Folder))

    def file_or_folder(self, parameters, name: str, context, missing: str = "") -> str:
        """The path given as ``name`` or as its folder twin; :class:`SmrfrError` ``missing`` when neither
        is given and ``missing`` is set (the input is required)."""
        path = (self.parameterAsFile(parameters, name, context)
                or self.parameterAsFile(parameters, folder_twin(name), context))
        if not path and missing:
            raise SmrfrError(tr(missing))
        return path

    def date(self, parameters, name, context) -> str | None:
        """The date parameter ``name`` as ``YYYY-MM-DD``, or None when it is not given."""
        if parameters.get(name) in (None, ""):
            return None
        value = self.parameterAsDateTime(parameters, name, context)
        return value.date().toString(Qt.ISODate) if value.isValid() else None

    def perform(self, parameters, context, feedback: Feedback) -> dict:
        raise NotImplementedError

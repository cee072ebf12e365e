"""Common base of the SMRFR Processing algorithms: engine feedback, errors, dependencies."""

from __future__ import annotations

import os
import re
from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterVectorLayer,
    QgsProcessingUtils,
    QgsProviderRegistry,
    QgsVectorFileWriter,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import Qt

from smrfr_engine.environment import MIN_PYTHON, missing_packages, python_too_old
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


def layer_label(layer) -> str:
    """How the user knows a vector layer: its source (``file.gpkg|layername=area``) when it is read from
    a file, else its name (memory and database layers)."""
    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    return layer.publicSource() if parts.get("path") else tr("layer {0!r}").format(layer.name())


def given(parameters, name: str) -> bool:
    """Has the parameter ``name`` a value (an empty text or extent counts as none)?"""
    return parameters.get(name) not in (None, "", [])


def path_value(name: str, path: str) -> dict:
    """``{name: path}`` for a file, ``{name_FOLDER: path}`` for a folder: how a dialog passes a path."""
    return {folder_twin(name) if os.path.isdir(path) else name: path}


#: the name of the temporary copies of polygon layers (:meth:`SmrfrAlgorithm.layer_file`), file and layer
TEMP_LAYER = "area"
#: how GDAL, and so the engine and the command line, reads the text of a Shapefile that declares no encoding
SHAPEFILE_ENCODING = "ISO-8859-1"


def undeclared_shapefile(layer) -> bool:
    """Is ``layer`` a Shapefile with neither a .cpg nor a code page (LDID, byte 29) in its .dbf? QGIS 3.22
    then decodes its text as UTF-8 (its default), GDAL as :data:`SHAPEFILE_ENCODING`."""
    path = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source()).get("path") or ""
    if layer.providerType() != "ogr" or Path(path).suffix.lower() != ".shp":
        return False
    stem = Path(path).with_suffix("")
    if any(stem.with_suffix(suffix).exists() for suffix in (".cpg", ".CPG")):
        return False
    for dbf in (stem.with_suffix(suffix) for suffix in (".dbf", ".DBF")):
        if dbf.exists():
            with dbf.open("rb") as handle:
                return handle.read(30)[29:] == b"\0"
    return False


class ProcessingFeedback(Feedback):
    """Engine feedback that reports to a ``QgsProcessingFeedback``."""

    def __init__(self, feedback: QgsProcessingFeedback):
        self._feedback = feedback

    def on_progress(self, percent: float) -> None:
        self._feedback.setProgress(percent)

    def on_message(self, message: str, level: str = "info") -> None:
        if level == "warning":
            self._feedback.pushWarning(message)
        else:
            self._feedback.pushInfo(message)

    def is_cancelled(self) -> bool:
        return self._feedback.isCanceled()


class SmrfrAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ``algorithm_id``, ``label``, ``group_id``, ``help_text``, ``requires`` and
    implement ``initAlgorithm`` and ``perform(parameters, context, feedback)``."""

    algorithm_id = ""
    label = ""
    #: pairs of parameters that are alternatives: at most one of each may be given (a file parameter and its
    #: folder twin, :meth:`add_file_or_folder`, need not be listed)
    alternatives: tuple[tuple[str, str], ...] = ()
    #: optional inputs of which one must be given (a file parameter stands for its folder twin too) and
    #: the message (QT_TR_NOOP) when none is
    one_of: tuple[tuple[tuple[str, ...], str], ...] = ()
    #: input path parameters (and their folder twins) named in front of an engine error about their path
    path_inputs: tuple[str, ...] = ()
    group_id = "tools"
    help_text = ""
    #: import names of the packages the algorithm needs
    requires: tuple[str, ...] = ()
    #: input paths an earlier step of a chain writes: not yet there when the chain is checked
    #: (:func:`smrfr_qgis.tasks.check_algorithm`)
    written_before: frozenset[str] = frozenset()

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
        too_old = old_python_message()
        if too_old:
            return False, too_old
        missing = missing_packages(self.requires)
        if missing:
            return False, tr("Missing Python packages: {0}. See the SMRFR plugin README.").format(
                ", ".join(missing))
        return True, ""

    def replaced_paths(self, parameters, context) -> list[str]:
        """The files and folders a run with ``parameters`` writes over: its destination parameters' values."""
        values = (parameters.get(definition.name()) for definition in self.destinationParameterDefinitions())
        return [value for value in values if isinstance(value, str) and value]

    def checkParameterValues(self, parameters, context):  # noqa: N802 (QGIS API name)
        ok, message = super().checkParameterValues(parameters, context)
        if ok:
            message = self.parameter_problem(parameters, context)
        return not message, message

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        self._layer_labels: dict[str, str] = {}
        try:
            problem = self.parameter_problem(parameters, context)
            if problem:
                raise SmrfrError(problem)
            return self.perform(parameters, context, ProcessingFeedback(feedback))
        except SmrfrError as error:
            raise QgsProcessingException(self.user_message(str(error), parameters, context)) from error
        except Cancelled as error:
            raise QgsProcessingException(tr("Cancelled by the user")) from error

    def describe(self, name: str) -> str:
        """A parameter as the user sees it in the dialog and in ``qgis_process``: ``'label' (NAME)``."""
        definition = self.parameterDefinition(name)
        return f"'{definition.description()}' ({name})" if definition is not None else name

    def parameter_problem(self, parameters, context) -> str:
        """What is wrong with the parameter values before anything runs ('' when nothing): two
        alternatives given, an input file or folder that does not exist, the last day before the first, an
        output file name whose extension the algorithm does not write. Checked here, qgis_process prints
        the message once; an error raised while the algorithm runs, QGIS 3.22 prints three times."""
        names = [definition.name() for definition in self.parameterDefinitions()]
        pairs = [(name, folder_twin(name)) for name in names if folder_twin(name) in names]
        for first, second in [*pairs, *self.alternatives]:
            if given(parameters, first) and given(parameters, second):
                return tr("Give {0} or {1}, not both").format(self.describe(first), self.describe(second))
        for inputs, message in self.one_of:
            twins = [twin for name in inputs for twin in (name, folder_twin(name)) if twin in names]
            if not any(given(parameters, name) for name in twins):
                return tr(message)
        for definition in self.parameterDefinitions():
            if isinstance(definition, QgsProcessingParameterFile) and given(parameters, definition.name()):
                path = self.parameterAsFile(parameters, definition.name(), context)
                if path and not os.path.exists(path) and path not in self.written_before:
                    return tr("{0}: {1} does not exist").format(self.describe(definition.name()), path)
        if "START" in names and "END" in names:
            start, end = self.date(parameters, "START", context), self.date(parameters, "END", context)
            if start and end and end < start:
                return tr("{0} {1} is before {2} {3}").format(self.describe("END"), end,
                                                             self.describe("START"), start)
        folders = [definition.name() for definition in self.destinationParameterDefinitions()
                   if isinstance(definition, QgsProcessingParameterFolderDestination)]
        for definition in self.destinationParameterDefinitions():
            if not isinstance(definition, QgsProcessingParameterFileDestination):
                continue
            suffixes = [f".{ext.lower()}" for ext in re.findall(r"\*\.(\w+)", definition.fileFilter())]
            out = self.parameterAsFileOutput(parameters, definition.name(), context)
            if not out or not suffixes or Path(out).suffix.lower() in suffixes:
                continue
            message = tr("{0}: cannot write {1}: give a name ending in {2}").format(
                self.describe(definition.name()), out, tr(" or ").join(suffixes))
            if Path(out).suffix.lower() in (".tif", ".tiff") and folders:
                message += tr("; GeoTIFFs are written to a folder: {0}").format(self.describe(folders[0]))
            return message
        return ""

    def user_message(self, message: str, parameters, context) -> str:
        """An engine error as the user should read it: the layers they gave instead of the temporary copies
        (:meth:`layer_file`), and the input parameter whose path the error names (:attr:`path_inputs`)."""
        for path, label in self._layer_labels.items():
            message = message.replace(f"{path} layer {TEMP_LAYER}", label).replace(path, label)
        named = {}
        for name in self.path_inputs:
            for key in (name, folder_twin(name)):
                path = self.parameterAsString(parameters, key, context) if given(parameters, key) else ""
                if path and path in message:
                    named[key] = path
        # a path that is part of another one named (``a`` of ``a.zarr``) does not count
        named = {key: path for key, path in named.items()
                 if not any(path != other and path in other for other in named.values())}
        if len(named) == 1:
            message = tr("{0}: {1}").format(self.describe(next(iter(named))), message)
        return message

    def vector_layer(self, parameters, name: str, context):
        """The vector layer parameter ``name``; an error naming the parameter when its value is no layer (a
        model hands its steps values Processing has not checked: a missing file, another step's output)."""
        layer = self.parameterAsVectorLayer(parameters, name, context)
        if layer is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, name))
        return layer

    def layer_file(self, parameters, name: str, context) -> str | None:
        """The polygon layer parameter ``name`` written to a GeoPackage in the Processing temporary folder
        (which QGIS removes when it exits; works for memory layers and any provider) for the engine, or None
        when it is not given. Engine errors name the user's layer, not this copy (:meth:`user_message`)."""
        if not given(parameters, name):
            return None
        layer = self.vector_layer(parameters, name, context)
        label = layer_label(layer)
        if layer.geometryType() != QgsWkbTypes.PolygonGeometry:
            held = {QgsWkbTypes.PointGeometry: tr("points"), QgsWkbTypes.LineGeometry: tr("lines")}
            raise SmrfrError(tr("{0}: the layer {1} holds {2}; expected polygons").format(
                self.describe(name), label, held.get(layer.geometryType(), tr("no geometries"))))
        if context.temporaryLayerStore().mapLayer(layer.id()) is not None and undeclared_shapefile(layer):
            layer.setProviderEncoding(SHAPEFILE_ENCODING)  # a file given by path: read as the CLI does
        path = QgsProcessingUtils.generateTempFilename(f"{TEMP_LAYER}.gpkg")
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        options.layerName = TEMP_LAYER
        error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, context.transformContext(), options)
        if error[0] != QgsVectorFileWriter.NoError:
            raise SmrfrError(tr("Cannot export layer {0}: {1}").format(label, error[1]))
        self._layer_labels[path] = label
        return path

    def add_file_or_folder(self, name: str, label: str, folder_label: str) -> None:
        """A file parameter ``name`` and its twin ``<name>_FOLDER`` for a folder (a Zarr store, yearly
        files): a Processing file parameter takes one or the other, never both. Both are optional;
        :meth:`file_or_folder` reads them."""
        self.addParameter(QgsProcessingParameterFile(name, label, optional=True))
        self.addParameter(QgsProcessingParameterFile(folder_twin(name), folder_label, optional=True,
                                                     behavior=QgsProcessingParameterFile.Folder))

    def add_dates(self, optional: bool) -> None:
        """The ``START`` and ``END`` day parameters (read with :meth:`date`)."""
        for name, label in (("START", tr("First day")), ("END", tr("Last day"))):
            self.addParameter(QgsProcessingParameterDateTime(
                name, label, type=QgsProcessingParameterDateTime.Date, optional=optional))

    def add_area(self) -> None:
        """The optional ``EXTENT`` and ``AOI`` (polygons, read with :meth:`layer_file`) parameters: two ways
        to give the area, list them in :attr:`alternatives`."""
        self.addParameter(QgsProcessingParameterExtent("EXTENT", tr("Area (extent)"), optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer(
            "AOI", tr("Area (polygons)"), [QgsProcessing.TypeVectorPolygon], optional=True))

    def number_or_none(self, parameters, name: str, context) -> float | None:
        """The optional number parameter ``name``, or None when it is not given (the engine's default)."""
        return self.parameterAsDouble(parameters, name, context) if given(parameters, name) else None

    def name_list(self, parameters, name: str, context) -> list[str]:
        """The comma-separated names of the text parameter ``name``, stripped (empty ones left out)."""
        return [item.strip() for item in self.parameterAsString(parameters, name, context).split(",")
                if item.strip()]

    def add_seed(self) -> None:
        """The ``SEED`` parameter: the random seed (0 by default, as ``--seed`` in the command line)."""
        self.addParameter(QgsProcessingParameterNumber(
            "SEED", tr("Random seed"), type=QgsProcessingParameterNumber.Integer, defaultValue=0, minValue=0))

    def file_or_folder(self, parameters, name: str, context) -> str:
        """The path given as ``name`` or as its folder twin ('' when neither is: list a required one in
        :attr:`one_of`)."""
        return (self.parameterAsFile(parameters, name, context)
                or self.parameterAsFile(parameters, folder_twin(name), context))

    def date(self, parameters, name, context) -> str | None:
        """The date parameter ``name`` as ``YYYY-MM-DD`` (its default when it is not given), or None."""
        definition = self.parameterDefinition(name)
        if parameters.get(name) in (None, "") and definition.defaultValue() in (None, ""):
            return None
        value = self.parameterAsDateTime(parameters, name, context)
        return value.date().toString(Qt.ISODate) if value.isValid() else None

    def perform(self, parameters, context, feedback: Feedback) -> dict:
        raise NotImplementedError


def old_python_message() -> str | None:
    """Why SMRFR cannot run in this QGIS when its Python is too old, else None."""
    running = python_too_old()
    if running is None:
        return None
    return tr("SMRFR needs Python {0} or newer, and this QGIS runs Python {1}: no package install can help. "
              "Use a QGIS built with Python {0} or newer.").format(".".join(map(str, MIN_PYTHON)), running)

"""Parameter helpers shared by the dialogs."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsProcessingUtils,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate
from qgis.PyQt.QtWidgets import QComboBox

from smrfr_engine.errors import SmrfrError

from ..i18n import QT_TR_NOOP, tr
from ..processing.algorithms.products import KINDS
from ..tasks import FILE_NAMES
from .base import InputError


def choice(items) -> QComboBox:
    """A combo of ``(key, label)`` items: the labels translated, the keys as item data."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(24)  # long labels do not widen the dialog
    for key, label in items:
        combo.addItem(tr(label), key)
    return combo


#: how the dialogs name the product kinds (``smrfr:subset``'s KIND, ``smrfr:validate``'s KINDS)
KIND_LABELS = {"auto": QT_TR_NOOP("Detect from file and variable names"), "smrfr": "SMRFR",
               "era5": "ERA5-Land", "somo": "SoMo.ml", "smci": "SMCI1.0", "gssm": "GSSM-10"}


def kind_choice() -> QComboBox:
    """A combo of the product kinds, ``auto`` first."""
    return choice([(kind, KIND_LABELS.get(kind, kind)) for kind in KINDS])


def polygon_file(geometry, crs) -> str:
    """``geometry`` (in ``crs``) written to a new GeoPackage in the Processing temporary folder."""
    layer = QgsVectorLayer("Polygon", "area", "memory")
    layer.setCrs(crs)
    feature = QgsFeature()
    feature.setGeometry(geometry)
    layer.dataProvider().addFeatures([feature])
    path = QgsProcessingUtils.generateTempFilename("smrfr_area.gpkg")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, QgsProject.instance().transformContext(),
                                                      options)
    if error[0] != QgsVectorFileWriter.NoError:
        raise SmrfrError(tr("Cannot write the area of interest to {0}: {1}").format(path, error[1]))
    FILE_NAMES[path] = tr("drawn or selected on the map")
    return path


def area_parameters(aoi) -> dict:
    """``AOI`` (a GeoPackage) for a drawn or selected polygon, else ``EXTENT`` (bounding box, WGS 84): the
    algorithms take one or the other; :class:`InputError` when the widget has no usable area."""
    message = aoi.validate()
    if message:
        raise InputError(message)
    if aoi.is_polygon():
        return {"AOI": polygon_file(aoi.geometry(), aoi.area_crs)}
    return {"EXTENT": aoi.extent_parameter()}


def dates_parameters(dates) -> dict:
    """``START`` and ``END`` of a :class:`~smrfr_qgis.widgets.DateRangeWidget`; :class:`InputError` when
    its range is not valid."""
    message = dates.validate()
    if message:
        raise InputError(message)
    start, end = dates.range()
    return {"START": QDate(start), "END": QDate(end)}

"""Dialogs of the model and station workflows: inference, retraining, validation, station import.

Each collects the parameters of its algorithm and, when it is done, adds the outputs to the map
(styled) or shows them (tables, figures, the HTML report). Parameter names follow the algorithms;
parameters an algorithm does not define are left out (see :meth:`WorkflowDialog.known`).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from qgis.core import QgsApplication, QgsMapLayerProxyModel, QgsProject, QgsVectorLayer
from qgis.gui import QgsFieldComboBox
from qgis.PyQt.QtCore import QDate, QUrl
from qgis.PyQt.QtGui import QDesktopServices, QPixmap
from qgis.PyQt.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QTableWidget, QTableWidgetItem

from ..i18n import QT_TR_NOOP, tr
from ..styling import style_station_metric, style_station_pass
from ..temporal import add_daily_layers, product_rasters
from ..widgets import AreaOfInterestWidget, DateRangeWidget, LayerOrFileWidget, PathWidget
from .base import AlgorithmDialog, InputError
from .common import area_parameters

CV_DESIGNS = (("station", QT_TR_NOOP("Leave one station out")),
              ("network", QT_TR_NOOP("Leave one network out")),
              ("kfold", QT_TR_NOOP("Spatial blocks (k-fold)")))
STATION_FILES = QT_TR_NOOP("Stations (*.gpkg *.csv *.shp *.zip);;All files (*)")


def required(value: str, message: str) -> str:
    if not value:
        raise InputError(tr(message))
    return value


def choice(items) -> QComboBox:
    combo = QComboBox()
    for key, label in items:
        combo.addItem(tr(label), key)
    return combo


def add_vector(path: str, name: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(path, name, "ogr")
    if not layer.isValid():
        raise InputError(tr("QGIS cannot open {0} as a vector layer").format(path))
    QgsProject.instance().addMapLayer(layer)
    return layer


class WorkflowDialog(AlgorithmDialog):
    def known(self, parameters: dict) -> dict:
        """``parameters`` restricted to those the algorithm defines (and non-empty)."""
        algorithm = QgsApplication.processingRegistry().algorithmById(self.algorithm_id)
        names = {p.name() for p in algorithm.parameterDefinitions()} if algorithm is not None else set()
        return {key: value for key, value in parameters.items() if key in names and value not in ("", None)}

    def dates_parameters(self, dates: DateRangeWidget) -> dict:
        message = dates.validate()
        if message:
            raise InputError(message)
        start, end = dates.range()
        return {"START": QDate(start), "END": QDate(end)}

    def load_product(self, folder: str) -> None:
        add_daily_layers(product_rasters(folder), canvas=self.canvas)


class InferDialog(WorkflowDialog):
    algorithm_id = "smrfr:infer"
    key = "infer"
    title = QT_TR_NOOP("Run inference…")

    def build(self) -> None:
        self.model = PathWidget("models", "folder")
        self.predictors = PathWidget("predictors", "any", tr("Predictor cubes (*.zarr *.nc);;All files (*)"))
        self.aoi = AreaOfInterestWidget(self.canvas)
        self.dates = DateRangeWidget()
        self.uncertainty = QCheckBox(tr("Also write the uncertainty (spread of the trees)"))
        self.output = PathWidget("infer_output", "folder")
        self.add_row(QT_TR_NOOP("Model bundle"), self.model)
        self.add_row(QT_TR_NOOP("Predictor cube"), self.predictors)
        self.add_row(QT_TR_NOOP("Area of interest"), self.aoi)
        self.add_row(QT_TR_NOOP("Dates"), self.dates)
        self.add_row("", self.uncertainty)
        self.add_row(QT_TR_NOOP("Output folder"), self.output)

    def parameters(self) -> dict:
        return self.known({
            "MODEL": required(self.model.path(), QT_TR_NOOP("Choose a model bundle.")),
            "CUBE": required(self.predictors.path(), QT_TR_NOOP("Choose a predictor cube.")),
            **area_parameters(self.aoi), **self.dates_parameters(self.dates),
            "UNCERTAINTY": self.uncertainty.isChecked(),
            "OUTPUT": self.output.path() or self.temporary_output("smrfr_inference")})

    def on_success(self, results: dict) -> None:
        self.load_product(results["OUTPUT"])

    def save(self) -> None:
        for widget in (self.model, self.predictors, self.output):
            widget.remember()
        self.aoi.save()
        self.remember("uncertainty", self.uncertainty.isChecked())

    def restore(self) -> None:
        self.uncertainty.setChecked(self.setting("uncertainty", True, bool))


class RetrainDialog(WorkflowDialog):
    algorithm_id = "smrfr:recalibrate"
    key = "retrain"
    title = QT_TR_NOOP("Retrain / recalibrate…")

    def build(self) -> None:
        self.stations = LayerOrFileWidget("stations", QgsMapLayerProxyModel.PointLayer, tr(STATION_FILES))
        self.screen = QCheckBox(tr("Keep only stations that pass triple-collocation screening"))
        self.cv = choice(CV_DESIGNS)
        self.base_model = PathWidget("models", "folder")
        self.cube = PathWidget("predictors", "any", tr("Predictor cubes (*.zarr *.nc);;All files (*)"))
        self.output = PathWidget("retrain_output", "folder")
        self.cv_table = QTableWidget()
        self.figures = QHBoxLayout()
        self.add_row(QT_TR_NOOP("Stations (layer or file)"), self.stations)
        self.add_row("", self.screen)
        self.add_row(QT_TR_NOOP("Cross-validation"), self.cv)
        self.add_row(QT_TR_NOOP("Base model bundle"), self.base_model)
        self.add_row(QT_TR_NOOP("Predictor cube"), self.cube)
        self.add_row(QT_TR_NOOP("Output model bundle"), self.output)
        self.add_row(QT_TR_NOOP("Cross-validation results"), self.cv_table)
        self.form.addRow(self.figures)

    def parameters(self) -> dict:
        return self.known({
            "STATIONS": required(self.stations.source(), QT_TR_NOOP("Choose the stations.")),
            "SCREEN": self.screen.isChecked(), "CV": self.cv.currentIndex(),
            "MODEL": required(self.base_model.path(), QT_TR_NOOP("Choose the base model bundle.")),
            "CUBE": required(self.cube.path(), QT_TR_NOOP("Choose a predictor cube.")),
            "OUTPUT": self.output.path() or self.temporary_output("smrfr_model")})

    def on_success(self, results: dict) -> None:
        table = results.get("CV_TABLE", "")
        if table and os.path.exists(table):
            self.show_table(table)
        folder = results.get("FIGURES") or results.get("OUTPUT", "")
        for path in sorted(Path(folder).glob("*.png")) if folder and os.path.isdir(folder) else []:
            label = QLabel()
            label.setPixmap(QPixmap(str(path)).scaledToWidth(280))
            label.setToolTip(path.name)
            self.figures.addWidget(label)
        report = results.get("REPORT", "")
        if report and os.path.exists(report):
            QDesktopServices.openUrl(QUrl.fromLocalFile(report))

    def show_table(self, path: str) -> None:
        with open(path, newline="", encoding="utf-8") as source:
            rows = list(csv.reader(source))
        self.cv_table.setColumnCount(len(rows[0]) if rows else 0)
        self.cv_table.setRowCount(max(len(rows) - 1, 0))
        if rows:
            self.cv_table.setHorizontalHeaderLabels(rows[0])
        for r, row in enumerate(rows[1:]):
            for c, value in enumerate(row):
                self.cv_table.setItem(r, c, QTableWidgetItem(value))

    def save(self) -> None:
        for widget in (self.stations, self.base_model, self.cube, self.output):
            widget.remember()
        self.remember("screen", self.screen.isChecked())
        self.remember("cv", self.cv.currentIndex())

    def restore(self) -> None:
        self.screen.setChecked(self.setting("screen", True, bool))
        self.cv.setCurrentIndex(self.setting("cv", 0, int))


class ValidateDialog(WorkflowDialog):
    algorithm_id = "smrfr:validate"
    key = "validate"
    title = QT_TR_NOOP("Validate against stations…")

    def build(self) -> None:
        self.products = LayerOrFileWidget("products", QgsMapLayerProxyModel.RasterLayer,
                                          tr("Products (*.zarr *.nc *.tif);;All files (*)"), "any")
        self.stations = LayerOrFileWidget("stations", QgsMapLayerProxyModel.PointLayer, tr(STATION_FILES))
        self.group_field = QgsFieldComboBox()
        self.group_field.setAllowEmptyFieldName(True)
        self.stations.layer.layerChanged.connect(self.group_field.setLayer)
        self.stations.file.changed.connect(self.fields_from_file)
        self.output = PathWidget("validate_output", "folder")
        self.add_row(QT_TR_NOOP("Product (layer or file)"), self.products)
        self.add_row(QT_TR_NOOP("Stations (layer or file)"), self.stations)
        self.add_row(QT_TR_NOOP("Group results by field"), self.group_field)
        self.add_row(QT_TR_NOOP("Output folder"), self.output)

    def fields_from_file(self, path: str) -> None:
        if self.stations.current_layer() is None and os.path.isfile(path):
            self.file_layer = QgsVectorLayer(path, "stations", "ogr")
            self.group_field.setLayer(self.file_layer if self.file_layer.isValid() else None)

    def parameters(self) -> dict:
        return self.known({
            "PRODUCTS": required(self.products.source(), QT_TR_NOOP("Choose a product.")),
            "POINTS": required(self.stations.source(), QT_TR_NOOP("Choose the stations.")),
            "GROUP_BY": self.group_field.currentField(),
            "OUTPUT": self.output.path() or self.temporary_output("smrfr_validation")})

    def on_success(self, results: dict) -> None:
        stations = results.get("STATIONS") or []
        for path in [stations] if isinstance(stations, str) else stations:
            layer = add_vector(path, tr("Validation: {0}").format(Path(path.split("|")[0]).stem))
            metric = next((name for name in ("ubrmse", "r") if layer.fields().indexOf(name) >= 0), "")
            if metric:
                style_station_metric(layer, metric)
        report = results.get("REPORT")
        if report and os.path.exists(report):
            QDesktopServices.openUrl(QUrl.fromLocalFile(report))

    def save(self) -> None:
        for widget in (self.products, self.stations, self.output):
            widget.remember()


class StationsDialog(WorkflowDialog):
    algorithm_id = "smrfr:importstations"
    key = "stations"
    title = QT_TR_NOOP("Import and screen stations…")

    def build(self) -> None:
        self.source = PathWidget("ismn", "any", tr("ISMN downloads and tables (*.zip *.csv);;All files (*)"))
        self.unchecked = QCheckBox(tr("Also keep unchecked values (ISMN flag U)"))
        self.output = PathWidget("stations_output", "save", tr("GeoPackage (*.gpkg)"))
        self.add_row(QT_TR_NOOP("ISMN zip, folder or CSV"), self.source)
        self.add_row(QT_TR_NOOP("Quality flags"), self.unchecked)
        self.add_row(QT_TR_NOOP("Output station file"), self.output)

    def parameters(self) -> dict:
        source = required(self.source.path(), QT_TR_NOOP("Choose an ISMN download or a CSV file."))
        return self.known({
            "FOLDER" if os.path.isdir(source) else "INPUT": source,
            "ACCEPT_UNCHECKED": self.unchecked.isChecked(),
            "OUTPUT": self.output.path() or self.temporary_output("smrfr_stations.gpkg")})

    def on_success(self, results: dict) -> None:
        layer = add_vector(results["OUTPUT"], tr("SMRFR stations"))
        fields = layer.fields()
        passed = next((name for name in ("passed", "etc_pass", "pass") if fields.indexOf(name) >= 0), "")
        if passed:
            style_station_pass(layer, passed)

    def save(self) -> None:
        self.source.remember()
        self.output.remember()
        self.remember("unchecked", self.unchecked.isChecked())

    def restore(self) -> None:
        self.unchecked.setChecked(self.setting("unchecked", False, bool))

"""Dialogs of the model and station workflows: inference, retraining, validation, station import.

Each collects the parameters of its algorithms and, when they are done, adds the outputs to the map
(styled) or shows them (tables, figures, the HTML report). Parameter names, choices, defaults and
ranges come from the algorithms (``smrfr_qgis.processing.algorithms``).

Screened stations are shown one point per station, coloured by its worst layer: ``etc_pass`` is 1 when
every screened layer of the station passed, 0 when any failed (or none could be screened). The layer
is a SQL view of the GeoPackage (``stations`` joined to the per-layer table ``screening``) that also
gives ``layers_passed``, ``layers_screened``, ``failed_layers`` and ``worst_rho2``; the per-layer
table itself is added next to it.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsMapLayerProxyModel,
    QgsProcessingParameterNumber,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import QgsFieldComboBox
from qgis.PyQt.QtCore import Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices, QPixmap
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
)

from smrfr_engine.errors import SmrfrError
from smrfr_engine.model.bundle import bundle_uncertainty
from smrfr_engine.model.estimators import BOOSTED, preset_algorithm

from ..i18n import QT_TR_NOOP, tr
from ..processing.algorithms import model as model_algorithms
from ..processing.algorithms import stations as station_algorithms
from ..processing.base import path_value
from ..styling import style_station_metric, style_station_pass
from ..tasks import NOT_AVAILABLE
from ..temporal import layer_product, load_product
from ..widgets import AreaOfInterestWidget, DateRangeWidget, LayerOrFileWidget, PathWidget
from .base import AlgorithmDialog, InputError
from .common import area_parameters, choice, dates_parameters, kind_choice

RETRAIN_MODES = (("train", QT_TR_NOOP("Train a new model")),
                 ("recalibrate", QT_TR_NOOP("Recalibrate a base model with local stations")))
#: labels of the ``CV`` choices of smrfr:train (see smrfr_engine.model.cv.assign_folds)
CV_LABELS = {"station": QT_TR_NOOP("By station: whole stations held out, k folds"),
             "year": QT_TR_NOOP("By year: whole years held out"),
             "block": QT_TR_NOOP("Spatial blocks: whole blocks of cells held out, k folds"),
             "kfold": QT_TR_NOOP("Random k-fold: days mixed across folds (optimistic)")}
#: titles of the cross-validation table per design ({0}: the number of folds; the year design holds
#: out groups of whole years, at most one per year)
CV_TITLES = {"station": QT_TR_NOOP("Cross-validation by station, {0} folds"),
             "year": QT_TR_NOOP("Cross-validation by year"),
             "block": QT_TR_NOOP("Cross-validation by spatial block, {0} folds"),
             "kfold": QT_TR_NOOP("Random k-fold cross-validation, {0} folds")}
#: labels of the ``PRESET`` choices of smrfr:train
PRESET_LABELS = {"default": QT_TR_NOOP(
                     "Default: gradient boosting, fast and compact (within 3 % of the published accuracy)"),
                 "published": QT_TR_NOOP("Published SMRFR Random Forest: 1100 full-depth trees (GBs)")}
#: the message when a base model bundle is needed and none is chosen
CHOOSE_BASE = QT_TR_NOOP("Choose the base model bundle.")
#: labels of the ``MODE`` choices of smrfr:recalibrate
MODE_LABELS = {"refit": QT_TR_NOOP("Refit: the base estimate becomes a predictor, fitted on local stations"),
               "scratch": QT_TR_NOOP("Scratch: local stations only"),
               "combine": QT_TR_NOOP("Combine: base training stations plus weighted local stations")}
STATION_STEPS = (("both", QT_TR_NOOP("Import, then screen by triple collocation")),
                 ("import", QT_TR_NOOP("Import only")),
                 ("screen", QT_TR_NOOP("Screen imported stations (a stations GeoPackage)")))
STATION_FILES = QT_TR_NOOP("Stations (*.gpkg);;All files (*)")
STATION_SOURCES = QT_TR_NOOP(
    "ISMN downloads and station tables (*.zip *.csv *.gpkg *.shp *.stm);;All files (*)")
#: one point per station with its worst screened layer (see the module docstring)
SCREENED_VIEW = ("SELECT s.*, MIN(c.etc_pass) AS etc_pass, SUM(c.etc_pass) AS layers_passed, "
                 "COUNT(c.layer) AS layers_screened, "
                 "GROUP_CONCAT(CASE WHEN c.etc_pass = 0 THEN c.layer END) AS failed_layers, "
                 "MIN(c.etc_rho2) AS worst_rho2 "
                 "FROM stations s LEFT JOIN screening c ON c.station_id = s.station_id GROUP BY s.fid")


def required(value: str, message: str) -> str:
    if not value:
        raise InputError(tr(message))
    return value


def group(title: str) -> tuple[QGroupBox, QFormLayout]:
    box = QGroupBox(title)
    return box, QFormLayout(box)


def algorithm_parameter(algorithm_id: str, name: str):
    """The definition of parameter ``name`` of a registered algorithm."""
    algorithm = QgsApplication.processingRegistry().algorithmById(algorithm_id)
    if algorithm is None:
        raise SmrfrError(tr(NOT_AVAILABLE).format(algorithm_id))
    return algorithm.parameterDefinition(name)


def number_box(algorithm_id: str, name: str) -> QSpinBox | QDoubleSpinBox:
    """A spin box with the range and default of the algorithm's number parameter ``name``."""
    definition = algorithm_parameter(algorithm_id, name)
    integer = definition.dataType() == QgsProcessingParameterNumber.Integer
    box = QSpinBox() if integer else QDoubleSpinBox()
    if not integer:
        box.setDecimals(3)
        box.setSingleStep(0.05)
    limit = 2 ** 31 - 1
    kind = int if integer else float
    box.setRange(kind(max(definition.minimum(), -limit)), kind(min(definition.maximum(), limit)))
    box.setValue(kind(definition.defaultValue()))
    return box


def show_csv(table: QTableWidget, path: str) -> None:
    """The CSV file in ``table``: header row as column titles, numbers rounded to 4 significant digits."""
    with open(path, newline="", encoding="utf-8") as source:
        rows = list(csv.reader(source))
    table.setColumnCount(len(rows[0]) if rows else 0)
    table.setRowCount(max(len(rows) - 1, 0))
    if rows:
        table.setHorizontalHeaderLabels(rows[0])
    for r, row in enumerate(rows[1:]):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(rounded(value)))
    table.resizeColumnsToContents()


def rounded(text: str) -> str:
    try:
        number = float(text)
    except ValueError:
        return text
    return text if number.is_integer() else f"{number:.4g}"


def open_report(path) -> None:
    """Open an HTML (or other) report in the desktop's viewer; nothing when there is none."""
    if path and os.path.exists(path):
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def add_vector(source: str, name: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(source, name, "ogr")
    if not layer.isValid():
        raise SmrfrError(tr("QGIS cannot open {0} as a vector layer").format(source))
    QgsProject.instance().addMapLayer(layer)
    return layer


def add_screened_stations(path: str, name: str) -> QgsVectorLayer:
    """The screened stations (worst layer, green passed / red failed) and the per-layer ``screening``
    table of the GeoPackage ``path``."""
    layer = add_vector(f"{path}|layername=stations|subset={SCREENED_VIEW}", name)
    style_station_pass(layer, "etc_pass")
    add_vector(f"{path}|layername=screening", tr("Screening per station layer"))
    return layer


class WorkflowDialog(AlgorithmDialog):
    def known(self, parameters: dict) -> dict:
        """``parameters`` restricted to those ``algorithm_id`` defines (and non-empty)."""
        algorithm = QgsApplication.processingRegistry().algorithmById(self.algorithm_id)
        names = {p.name() for p in algorithm.parameterDefinitions()} if algorithm is not None else set()
        return {key: value for key, value in parameters.items() if key in names and value not in ("", None)}


class InferDialog(WorkflowDialog):
    algorithm_id = "smrfr:infer"
    key = "infer"
    title = QT_TR_NOOP("Run inference…")

    def build(self) -> None:
        self.model = PathWidget("models", "folder")
        self.predictors = PathWidget("predictors", "any", tr("Predictor cubes (*.zarr *.nc);;All files (*)"))
        self.aoi = AreaOfInterestWidget(self.canvas)
        self.dates = DateRangeWidget()
        self.uncertainty = QCheckBox(tr("Also write the uncertainty (spread of the trees or 10/90 % "
                                        "quantiles)"))
        self.output = PathWidget("infer_output", "folder")
        self.memory = number_box("smrfr:infer", "MEMORY")
        self.memory.setDecimals(0)
        self.memory.setSingleStep(256)
        self.workers = number_box("smrfr:infer", "WORKERS")
        self.scheduler = QLineEdit()
        self.scheduler.setPlaceholderText(tr("optional, e.g. tcp://10.0.0.5:8786"))
        self.add_row(QT_TR_NOOP("Model bundle"), self.model)
        self.add_row(QT_TR_NOOP("Predictor cube"), self.predictors)
        self.add_row(QT_TR_NOOP("Area of interest"), self.aoi)
        self.add_row(QT_TR_NOOP("Dates"), self.dates)
        self.add_row("", self.uncertainty)
        performance_box, performance = group(tr("Memory and parallel processing"))
        performance.addRow(tr("Memory budget per process (MB)"), self.memory)
        performance.addRow(tr("Local Dask worker processes (0: this process)"), self.workers)
        performance.addRow(tr("Dask scheduler address"), self.scheduler)
        self.form.addRow(performance_box)
        self.add_row(QT_TR_NOOP("Output folder"), self.output)
        self.model.changed.connect(self.offer_uncertainty)
        self.offer_uncertainty(self.model.path())

    def offer_uncertainty(self, model: str) -> None:
        """The uncertainty is offered for a model that has one: a forest, or a boosted model with
        quantile models (a bundle that cannot be read yet leaves the choice to the user and the run)."""
        try:
            kinds = bundle_uncertainty(model)
        except SmrfrError:
            kinds = None
        self.uncertainty.setEnabled(kinds != ())
        self.uncertainty.setToolTip(tr("This model has no uncertainty: it is a boosted model trained without "
                                       "the 10/90 % quantile models") if kinds == () else "")

    def parameters(self) -> dict:
        return self.known({
            "MODEL": required(self.model.path(), QT_TR_NOOP("Choose a model bundle.")),
            "CUBE": required(self.predictors.path(), QT_TR_NOOP("Choose a predictor cube.")),
            **area_parameters(self.aoi), **dates_parameters(self.dates),
            "UNCERTAINTY": self.uncertainty.isChecked() and self.uncertainty.isEnabled(),
            "MEMORY": self.memory.value(), "WORKERS": self.workers.value(),
            "SCHEDULER": self.scheduler.text().strip(),
            "OUTPUT": self.output.path() or self.temporary_output("smrfr_inference")})

    def on_success(self, results: dict) -> None:
        load_product(results["OUTPUT"], canvas=self.canvas)

    def save(self) -> None:
        for widget in (self.model, self.predictors, self.output):
            widget.remember()
        self.aoi.save()
        self.remember("uncertainty", self.uncertainty.isChecked())
        self.remember("memory", self.memory.value())
        self.remember("workers", self.workers.value())
        self.remember("scheduler", self.scheduler.text())

    def restore(self) -> None:
        self.uncertainty.setChecked(self.setting("uncertainty", False, bool))
        self.memory.setValue(self.setting("memory", self.memory.value(), float))
        self.workers.setValue(self.setting("workers", self.workers.value(), int))
        self.scheduler.setText(self.setting("scheduler", ""))


class RetrainDialog(WorkflowDialog):
    """Train a new model (``smrfr:train``) or recalibrate a base model with local stations
    (``smrfr:recalibrate``); then show the cross-validation or before/after table and the figures."""

    key = "retrain"
    title = QT_TR_NOOP("Retrain / recalibrate…")

    def build(self) -> None:
        self.mode = choice(RETRAIN_MODES)
        self.cube = PathWidget("predictors", "folder")
        self.output = PathWidget("retrain_output", "folder")
        self.add_row(QT_TR_NOOP("What to do"), self.mode)
        self.add_row(QT_TR_NOOP("Predictor cube (.zarr)"), self.cube)
        self.train_box, train = group(tr("Train a new model"))
        self.stations = LayerOrFileWidget("stations", QgsMapLayerProxyModel.PointLayer, tr(STATION_FILES))
        self.screened_only = QCheckBox(tr("Use only stations that passed screening"))
        self.preset = choice([(key, PRESET_LABELS.get(key, key)) for key in model_algorithms.PRESETS])
        self.cv = choice([(key, CV_LABELS.get(key, key)) for key in model_algorithms.CV_DESIGNS])
        self.folds = number_box("smrfr:train", "FOLDS")
        self.repeats = number_box("smrfr:train", "REPEATS")
        self.layers = QLineEdit()
        self.layers.setPlaceholderText(tr("every layer of the cube"))
        self.importance = QCheckBox(tr("Permutation importance of the predictors (figure)"))
        self.quantiles = QCheckBox(tr("Also fit 10/90 % quantile models (uncertainty bands)"))
        self.estimator = QLineEdit()
        self.estimator.setPlaceholderText(tr('optional, e.g. {"n_estimators": 200}'))
        self.on_base = QCheckBox(tr("Learn a correction of a base model (its estimates become predictors)"))
        self.train_base = PathWidget("models", "folder")
        train.addRow(tr("Stations (layer or GeoPackage)"), self.stations)
        train.addRow("", self.screened_only)
        train.addRow(tr("Model"), self.preset)
        train.addRow(tr("Cross-validation"), self.cv)
        train.addRow(tr("Folds"), self.folds)
        train.addRow(tr("Repeats (new dealings of the folds)"), self.repeats)
        train.addRow(tr("Layers (e.g. 1-5 or 1,3)"), self.layers)
        train.addRow("", self.importance)
        train.addRow("", self.quantiles)
        train.addRow(tr("Estimator parameters (JSON)"), self.estimator)
        train.addRow("", self.on_base)
        train.addRow(tr("Base model bundle"), self.train_base)
        self.recalibrate_box, recalibrate = group(tr("Recalibrate a base model with local stations"))
        self.method = choice([(key, MODE_LABELS.get(key, key)) for key in model_algorithms.MODES])
        self.base_model = PathWidget("models", "folder")
        self.local = LayerOrFileWidget("local_stations", QgsMapLayerProxyModel.PointLayer, tr(STATION_FILES))
        self.base_stations = PathWidget("base_stations", "file", tr("GeoPackage (*.gpkg)"))
        self.weight = number_box("smrfr:recalibrate", "LOCAL_WEIGHT")
        self.holdout = number_box("smrfr:recalibrate", "HOLDOUT")
        recalibrate.addRow(tr("Method"), self.method)
        recalibrate.addRow(tr("Base model bundle"), self.base_model)
        recalibrate.addRow(tr("Local stations (layer or GeoPackage)"), self.local)
        recalibrate.addRow(tr("Base training stations (combine)"), self.base_stations)
        recalibrate.addRow(tr("Weight of local samples (combine)"), self.weight)
        recalibrate.addRow(tr("Share of local stations held out"), self.holdout)
        self.form.addRow(self.train_box)
        self.form.addRow(self.recalibrate_box)
        self.add_row(QT_TR_NOOP("Output model bundle"), self.output)
        self.table_title = QLabel()
        self.table = QTableWidget()
        self.table.setMinimumHeight(150)
        self.figures = QHBoxLayout()
        for widget in (self.table_title, self.table):
            self.results_area.addWidget(widget)
        self.results_area.addLayout(self.figures)
        self.mode.currentIndexChanged.connect(self.show_mode)
        self.method.currentIndexChanged.connect(self.show_mode)
        self.preset.currentIndexChanged.connect(self.show_mode)
        self.on_base.toggled.connect(self.show_mode)
        self.cv.currentIndexChanged.connect(self.show_mode)
        self.clear_results()

    def training(self) -> bool:
        return self.mode.currentData() == "train"

    def show_mode(self) -> None:
        self.train_box.setVisible(self.training())
        self.recalibrate_box.setVisible(not self.training())
        combine = self.method.currentData() == "combine"
        self.base_stations.setEnabled(combine)
        self.weight.setEnabled(combine)
        self.train_base.setEnabled(self.on_base.isChecked())
        self.repeats.setEnabled(self.cv.currentData() != "year")  # year folds are the same at every dealing
        # quantile models are for boosted algorithms; a forest has its spread across trees
        self.quantiles.setEnabled(preset_algorithm(self.preset.currentData()) in BOOSTED)

    def chain(self) -> list[tuple[str, dict]]:
        return [("smrfr:train" if self.training() else "smrfr:recalibrate", self.parameters())]

    def parameters(self) -> dict:
        common = {"CUBE": required(self.cube.path(), QT_TR_NOOP("Choose a predictor cube.")),
                  "OUTPUT": self.output.path() or self.temporary_output("smrfr_model")}
        if self.training():
            parameters = {**common,
                          "STATIONS": required(self.stations.path(), QT_TR_NOOP("Choose the stations.")),
                          "ALL_STATIONS": not self.screened_only.isChecked(),
                          "PRESET": model_algorithms.PRESETS.index(self.preset.currentData()),
                          "CV": model_algorithms.CV_DESIGNS.index(self.cv.currentData()),
                          "FOLDS": self.folds.value(),
                          "REPEATS": self.repeats.value() if self.repeats.isEnabled() else 1,
                          "LAYERS": self.layers.text().strip(),
                          "IMPORTANCE": self.importance.isChecked(),
                          "QUANTILES": self.quantiles.isEnabled() and self.quantiles.isChecked(),
                          "PARAMS": self.estimator.text().strip()}
            if self.on_base.isChecked():
                parameters["BASE_MODEL"] = required(self.train_base.path(), CHOOSE_BASE)
            return parameters
        parameters = {**common, "MODE": model_algorithms.MODES.index(self.method.currentData()),
                      "MODEL": required(self.base_model.path(), CHOOSE_BASE),
                      "STATIONS": required(self.local.path(), QT_TR_NOOP("Choose the local stations.")),
                      "HOLDOUT": self.holdout.value()}
        if self.method.currentData() == "combine":
            parameters["BASE_STATIONS"] = required(
                self.base_stations.path(), QT_TR_NOOP("Combine needs the base model's training stations."))
            parameters["LOCAL_WEIGHT"] = self.weight.value()
        return parameters

    def start(self):
        self.clear_results()
        return super().start()

    def clear_results(self) -> None:
        self.table_title.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.table.hide()
        while self.figures.count():
            figure = self.figures.takeAt(0).widget()  # None for the stretch
            if figure is not None:
                figure.deleteLater()

    def on_success(self, results: dict) -> None:
        algorithm_id, parameters = self.step  # the run's, not the widgets' changed since
        if algorithm_id == "smrfr:train":
            design = model_algorithms.CV_DESIGNS[parameters["CV"]]
            self.table_title.setText(tr(CV_TITLES[design]).format(parameters["FOLDS"]))
        else:
            self.table_title.setText(tr("Base vs recalibrated model on the held-out local stations"))
        show_csv(self.table, results["REPORT"])
        self.table.show()
        bundle = Path(results["OUTPUT"])
        for path in sorted(bundle.glob("*.png")):
            label = QLabel()
            label.setPixmap(QPixmap(str(path)).scaledToWidth(360, Qt.SmoothTransformation))
            label.setToolTip(str(path))
            self.figures.addWidget(label)
        self.figures.addStretch()
        open_report(next(iter(sorted(bundle.glob("*.html"))), ""))

    def save(self) -> None:
        widgets = (self.cube, self.output, self.stations, self.base_model, self.local, self.base_stations,
                   self.train_base)
        for widget in widgets:
            widget.remember()
        for name, combo in (("mode", self.mode), ("preset", self.preset), ("cv", self.cv),
                            ("method", self.method)):
            self.remember(name, combo.currentData())
        for name, box in self.check_boxes().items():
            self.remember(name, box.isChecked())
        self.remember("folds", self.folds.value())
        self.remember("repeats", self.repeats.value())
        self.remember("layers", self.layers.text())

    def check_boxes(self) -> dict[str, QCheckBox]:
        """The remembered check boxes by setting name (all ticked at first)."""
        return {"screened_only": self.screened_only, "importance": self.importance,
                "quantiles": self.quantiles}

    def restore(self) -> None:
        for name, combo, default in (("mode", self.mode, "train"), ("preset", self.preset, "default"),
                                     ("cv", self.cv, "station"), ("method", self.method, "refit")):
            combo.setCurrentIndex(max(combo.findData(self.setting(name, default)), 0))
        for name, box in self.check_boxes().items():
            box.setChecked(self.setting(name, True, bool))
        self.folds.setValue(self.setting("folds", self.folds.value(), int))
        self.repeats.setValue(self.setting("repeats", self.repeats.value(), int))
        self.layers.setText(self.setting("layers", ""))
        self.show_mode()


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
        self.kind = kind_choice()
        self.description = PathWidget("product_descriptions", "file", tr("Product descriptions (*.json)"))
        self.output = PathWidget("validate_output", "folder")
        self.add_row(QT_TR_NOOP("Product (layer or file)"), self.products)
        self.add_row(QT_TR_NOOP("Product kind"), self.kind)
        self.add_row(QT_TR_NOOP("Product description (JSON, optional)"), self.description)
        self.add_row(QT_TR_NOOP("Stations (layer or file)"), self.stations)
        self.add_row(QT_TR_NOOP("Group results by field"), self.group_field)
        self.add_row(QT_TR_NOOP("Output folder"), self.output)

    def fields_from_file(self, path: str) -> None:
        if self.stations.current_layer() is None and os.path.isfile(path):
            self.file_layer = QgsVectorLayer(path, "stations", "ogr")
            self.group_field.setLayer(self.file_layer if self.file_layer.isValid() else None)

    def parameters(self) -> dict:
        # a layer the plugin loaded is validated as its product's layer (a Zarr one is a temporary VRT)
        product, layer = layer_product(self.products.current_layer()) or (
            required(self.products.source(), QT_TR_NOOP("Choose a product.")), "")
        name = Path(product.rstrip("/\\")).stem  # the name smrfr:validate gives a product of PATH alone
        kind, description = self.kind.currentData(), self.description.path()
        return self.known({
            "PRODUCTS": f"{name}={product}", "LAYERS": layer,
            "KINDS": f"{name}={kind}" if kind != "auto" else "",
            "DESCRIPTIONS": f"{name}={description}" if description else "",
            "POINTS": required(self.stations.path(), QT_TR_NOOP("Choose the stations.")),
            "GROUP_BY": self.group_field.currentField(),
            "OUTPUT": self.output.path() or self.temporary_output("smrfr_validation")})

    def on_success(self, results: dict) -> None:
        stations = results.get("STATIONS") or []
        for path in [stations] if isinstance(stations, str) else stations:  # one per product and layer
            name = path.split("|layername=")[1] if "|layername=" in path else Path(path).stem
            layer = add_vector(path, tr("Validation: {0}").format(name))
            metric = next((name for name in ("ubrmse", "r") if layer.fields().indexOf(name) >= 0), "")
            if metric:
                style_station_metric(layer, metric)
        open_report(results.get("REPORT"))

    def save(self) -> None:
        for widget in (self.products, self.stations, self.output, self.description):
            widget.remember()
        self.remember("kind", self.kind.currentData())

    def restore(self) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(self.setting("kind", "auto")), 0))
        self.description.set_path("")  # a description is of one product: offered in the list, not filled in


class StationsDialog(WorkflowDialog):
    """Import stations (``smrfr:importstations``) and/or screen them by triple collocation
    (``smrfr:screenstations``), chained in the background; the result is shown pass/fail on the map."""

    key = "stations"
    title = QT_TR_NOOP("Import and screen stations…")

    def build(self) -> None:
        self.steps = choice(STATION_STEPS)
        self.source = LayerOrFileWidget("ismn", QgsMapLayerProxyModel.PointLayer, tr(STATION_SOURCES), "any")
        self.add_row(QT_TR_NOOP("Steps"), self.steps)
        self.source.setToolTip(tr("An ISMN download (zip or unpacked folder), a station table (CSV, "
                                  "GeoPackage, Shapefile) or a stations GeoPackage to screen, as a file "
                                  "or a project point layer"))
        self.add_row(QT_TR_NOOP("Stations (file, folder or layer)"), self.source)
        self.import_box, imports = group(tr("Import and quality control"))
        self.columns = QLineEdit()
        self.columns.setPlaceholderText("id=site,time=date,value=vwc,depth_unit=cm")
        self.scheme = choice([(name, name) for name in station_algorithms.SCHEMES])
        self.unchecked = QCheckBox(tr("Also keep unchecked values (ISMN flag U)"))
        self.qc = {name: number_box("smrfr:importstations", name)
                   for name in ("MIN_OBS_PER_DAY", "MIN_VALID_DAYS", "GAP_FILL_DAYS")}
        self.output = PathWidget("stations_output", "save", tr("GeoPackage (*.gpkg)"))
        imports.addRow(tr("CSV column names (key=name)"), self.columns)
        imports.addRow(tr("Layer scheme"), self.scheme)
        imports.addRow(tr("Quality flags"), self.unchecked)
        imports.addRow(tr("Minimum sub-daily values for a daily mean"), self.qc["MIN_OBS_PER_DAY"])
        imports.addRow(tr("Minimum valid days per sensor"), self.qc["MIN_VALID_DAYS"])
        imports.addRow(tr("Longest gap to fill, days (0 = off)"), self.qc["GAP_FILL_DAYS"])
        imports.addRow(tr("Imported stations (GeoPackage)"), self.output)
        self.screen_box, screening = group(tr("Screening by triple collocation"))
        self.lsm = PathWidget("lsm", "any", tr("Land-surface model (*.nc *.zarr);;All files (*)"))
        self.satellite = PathWidget("satellite", "any", tr("Satellite soil moisture (*.nc);;All files (*)"))
        self.threshold = number_box("smrfr:screenstations", "THRESHOLD")
        self.triplets = number_box("smrfr:screenstations", "MIN_TRIPLETS")
        self.deep = QComboBox()
        deep_rules = algorithm_parameter("smrfr:screenstations", "DEEP")
        self.deep.addItems(deep_rules.options())
        self.deep.setCurrentIndex(int(deep_rules.defaultValue()))
        self.screened = PathWidget("screened_output", "save", tr("GeoPackage (*.gpkg)"))
        screening.addRow(tr("Land-surface model (e.g. ERA5-Land)"), self.lsm)
        screening.addRow(tr("Satellite surface soil moisture"), self.satellite)
        screening.addRow(tr("Pass when the in-situ rho² is at least"), self.threshold)
        screening.addRow(tr("Minimum complete triplets"), self.triplets)
        screening.addRow(tr("Layers below 10 cm"), self.deep)
        screening.addRow(tr("Screened stations (GeoPackage)"), self.screened)
        self.form.addRow(self.import_box)
        self.form.addRow(self.screen_box)
        self.steps.currentIndexChanged.connect(self.show_steps)

    def show_steps(self) -> None:
        self.import_box.setVisible(self.steps.currentData() != "screen")
        self.screen_box.setVisible(self.steps.currentData() != "import")

    def chain(self) -> list[tuple[str, dict]]:
        steps = self.steps.currentData()
        source = required(self.source.path(), QT_TR_NOOP("Choose the stations: an ISMN download, a table "
                                                          "or a stations GeoPackage."))
        chain, imported = [], source
        if steps != "screen":
            imported = self.output.path() or self.temporary_output("smrfr_stations.gpkg")
            chain.append(("smrfr:importstations", {
                "FOLDER" if os.path.isdir(source) else "INPUT": source,
                "COLUMNS": self.columns.text().strip(),
                "SCHEME": self.scheme.currentIndex(), "ACCEPT_UNCHECKED": self.unchecked.isChecked(),
                **{name: box.value() for name, box in self.qc.items()}, "OUTPUT": imported}))
        if steps != "import":
            chain.append(("smrfr:screenstations", {
                "STATIONS": imported,
                **path_value("LSM", required(self.lsm.path(),
                                             QT_TR_NOOP("Choose the land-surface model product."))),
                **path_value("SAT", required(self.satellite.path(),
                                             QT_TR_NOOP("Choose the satellite soil-moisture product."))),
                "THRESHOLD": self.threshold.value(), "MIN_TRIPLETS": self.triplets.value(),
                "DEEP": self.deep.currentIndex(),
                "OUTPUT": self.screened.path() or self.temporary_output("smrfr_screened.gpkg")}))
        return chain

    def on_success(self, results: dict) -> None:
        if self.step[0] == "smrfr:importstations":
            add_vector(f"{results['OUTPUT']}|layername=stations", tr("SMRFR stations"))
        else:
            add_screened_stations(results["OUTPUT"], tr("SMRFR stations (screening)"))
        summary = results.get("SUMMARY", "")
        if summary:
            self.append_log(summary, False)

    def save(self) -> None:
        for widget in (self.source, self.output, self.lsm, self.satellite, self.screened):
            widget.remember()
        self.remember("steps", self.steps.currentData())
        self.remember("unchecked", self.unchecked.isChecked())

    def restore(self) -> None:
        self.steps.setCurrentIndex(max(self.steps.findData(self.setting("steps", "both")), 0))
        self.unchecked.setChecked(self.setting("unchecked", False, bool))
        self.show_steps()

"""Model algorithms: ``smrfr:buildpredictors``, ``smrfr:train``, ``smrfr:infer``, ``smrfr:recalibrate``.
Each is a thin adapter onto ``smrfr_engine.model``."""

from __future__ import annotations

import json
import os

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingOutputFile,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from smrfr_engine.errors import SmrfrError

from ...i18n import QT_TR_NOOP, tr
from ..base import SmrfrAlgorithm, given

CV_DESIGNS = ["station", "year", "block", "kfold"]
ALGORITHMS = ["rf", "extratrees", "lightgbm", "xgboost"]
PRESETS = ["default", "published"]
MODES = ["refit", "scratch", "combine"]
WGS84 = "EPSG:4326"


class ModelParameters:
    """Mixin of the model algorithms (not an algorithm itself)."""

    group_id = "model"
    requires = ("xarray", "zarr", "dask", "netCDF4", "rasterio", "sklearn", "skops", "geopandas")

    def add_folder(self, name: str, label: str, optional: bool = False) -> None:
        self.addParameter(QgsProcessingParameterFile(name, label, behavior=QgsProcessingParameterFile.Folder,
                                                     optional=optional))

    def add_stations(self, name: str, label: str, optional: bool = False) -> None:
        self.addParameter(QgsProcessingParameterFile(name, label, fileFilter="GeoPackage (*.gpkg)",
                                                     optional=optional))

    def bbox(self, parameters, context) -> tuple[float, float, float, float] | None:
        """The extent parameter in degrees (EPSG:4326), or None when not given."""
        if not given(parameters, "EXTENT"):
            return None
        extent = self.parameterAsExtent(parameters, "EXTENT", context, QgsCoordinateReferenceSystem(WGS84))
        return (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())


class BuildPredictorsAlgorithm(ModelParameters, SmrfrAlgorithm):
    algorithm_id = "buildpredictors"
    requires = ("xarray", "zarr", "dask", "netCDF4", "rasterio")  # no learning library
    alternatives = (("GRID", "EXTENT"), ("GRID_FOLDER", "EXTENT"))
    label = QT_TR_NOOP("Build the predictor cube")
    help_text = QT_TR_NOOP(
        "Brings every predictor of the SMRFR model onto one grid and a daily time axis, as one Zarr "
        "store: ERA5-Land soil moisture and temperature mapped to each layer by thickness-weighted "
        "overlap and regridded bilinearly, precipitation sums, MODIS NDVI/EVI interpolated to daily, "
        "SoilGrids texture, bulk density and field capacity per layer, DEM, slope, longitude and "
        "latitude. The TOML configuration names each source file and variable. The grid comes from a "
        "product (its own cells, or cells of the resolution over its extent when given), or from the extent "
        "and the resolution (default 0.08 degrees), one of them; with neither, from the [grid] section "
        "(bbox, resolution) of the TOML configuration, and no resolution.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.addParameter(QgsProcessingParameterFile("CONFIG", tr("Predictor configuration (TOML)"),
                                                     fileFilter="TOML (*.toml)"))
        self.add_file_or_folder("GRID", tr("Take the grid from this product"),
                                tr("Take the grid from this product folder (Zarr store, yearly stores)"))
        self.addParameter(QgsProcessingParameterExtent("EXTENT", tr("Grid extent"), optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "RESOLUTION", tr("Resolution (degrees)"), QgsProcessingParameterNumber.Double, None,
            optional=True, minValue=0.0001))
        self.add_dates(optional=False)
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT", tr("Predictor cube (.zarr)")))

    def perform(self, parameters, context, feedback):
        from smrfr_engine.model.cube import build_cube
        from smrfr_engine.model.grid import Grid

        grid = Grid.chosen(self.file_or_folder(parameters, "GRID", context), self.bbox(parameters, context),
                           self.number_or_none(parameters, "RESOLUTION", context))
        out = self.parameterAsString(parameters, "OUTPUT", context)
        build_cube(self.parameterAsFile(parameters, "CONFIG", context), out,
                   self.date(parameters, "START", context), self.date(parameters, "END", context), grid,
                   feedback)
        return {"OUTPUT": out}


class TrainAlgorithm(ModelParameters, SmrfrAlgorithm):
    algorithm_id = "train"
    label = QT_TR_NOOP("Train the SMRFR model")
    help_text = QT_TR_NOOP(
        "Trains one regressor per soil layer on the station cells and days of the predictor cube; "
        "layer N also gets the estimate of layer N-1 (out-of-fold in training). Cross-validation by "
        "station, year, spatial block or random k-fold gives R, bias, RMSE, ubRMSE and MAE per layer "
        "(pooled and per-station median) next to the reanalysis at the same samples (with repeats: the "
        "mean over new dealings of the folds, and the ubRMSE range); permutation "
        "importance per predictor and group. Layers are numbers (1-5, 1,2,3 or 2), not layer names; "
        "empty: every layer of the cube's layer scheme. Writes "
        "a model bundle folder (safe formats, checksums). "
        "With a base model, each layer also gets that model's estimate of it, and learns a correction "
        "of it from these stations; the bundle keeps a copy of the base model.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add_folder("CUBE", tr("Predictor cube (.zarr)"))
        self.add_stations("STATIONS", tr("Screened stations (GeoPackage)"))
        self.addParameter(QgsProcessingParameterString(
            "LAYERS", tr("Layers (numbers: 1-5, 1,2,3 or 2; empty: every layer of the cube)"), optional=True))
        self.addParameter(QgsProcessingParameterEnum("CV", tr("Cross-validation"), options=CV_DESIGNS,
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "FOLDS", tr("Folds"), QgsProcessingParameterNumber.Integer, 5, minValue=2))
        self.addParameter(QgsProcessingParameterNumber(
            "REPEATS", tr("Repeats of the cross-validation (new dealings of the folds; scores: their mean)"),
            QgsProcessingParameterNumber.Integer, 1, minValue=1))
        self.addParameter(QgsProcessingParameterNumber(
            "BLOCK_SIZE", tr("Block size in degrees (block cross-validation; empty: from the stations' "
                             "spread)"), QgsProcessingParameterNumber.Double, optional=True, minValue=0))
        self.addParameter(QgsProcessingParameterEnum("PRESET", tr("Preset"), options=PRESETS, defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum(
            "ALGORITHM", tr("Algorithm (empty: the preset's)"), options=ALGORITHMS, optional=True))
        self.addParameter(QgsProcessingParameterString(
            "PARAMS", tr('Estimator parameters (JSON, e.g. {"n_estimators": 200})'), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "ANCHOR", tr("Learn the departure from this per-layer predictor (empty: the preset's, fca "
                         "for default; none: soil moisture itself)"), optional=True))
        self.addParameter(QgsProcessingParameterBoolean("GRID_SEARCH", tr("Grid search"), defaultValue=False))
        self.addParameter(QgsProcessingParameterBoolean("IMPORTANCE", tr("Permutation importance"),
                                                        defaultValue=True))
        self.addParameter(QgsProcessingParameterBoolean(
            "QUANTILES", tr("Also fit 10/90 % quantile models (uncertainty of boosted models)"),
            defaultValue=False))
        self.addParameter(QgsProcessingParameterBoolean(
            "ALL_STATIONS", tr("Also use stations that failed screening"), defaultValue=False))
        self.addParameter(QgsProcessingParameterBoolean(
            "CASCADE", tr("Feed each layer's estimate to the model of the layer below (the cascade)"),
            defaultValue=True))
        self.add_seed()
        self.add_folder("BASE_MODEL", tr("Base model bundle (its estimates become predictors)"),
                        optional=True)
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT", tr("Model bundle")))
        self.addOutput(QgsProcessingOutputFile("REPORT", tr("Cross-validation report")))
        self.addOutput(QgsProcessingOutputString("SUMMARY", tr("Summary")))

    def algorithm(self, parameters, context) -> str | None:
        """The chosen algorithm, or None for the preset's."""
        if not given(parameters, "ALGORITHM"):
            return None
        return ALGORITHMS[self.parameterAsEnum(parameters, "ALGORITHM", context)]

    def perform(self, parameters, context, feedback):
        from smrfr_engine.model.train import train_model

        out = self.parameterAsString(parameters, "OUTPUT", context)
        text = self.parameterAsString(parameters, "PARAMS", context).strip()
        try:
            params = json.loads(text) if text else None
        except ValueError as error:
            raise SmrfrError(tr("Estimator parameters must be JSON: {0}").format(error)) from None
        result = train_model(
            self.parameterAsFile(parameters, "CUBE", context),
            self.parameterAsFile(parameters, "STATIONS", context), out,
            self.parameterAsString(parameters, "LAYERS", context).strip() or None,
            CV_DESIGNS[self.parameterAsEnum(parameters, "CV", context)],
            self.parameterAsInt(parameters, "FOLDS", context),
            self.algorithm(parameters, context), params,
            preset=PRESETS[self.parameterAsEnum(parameters, "PRESET", context)],
            grid_search=self.parameterAsBool(parameters, "GRID_SEARCH", context),
            importance=self.parameterAsBool(parameters, "IMPORTANCE", context),
            only_passed=not self.parameterAsBool(parameters, "ALL_STATIONS", context),
            cascade=self.parameterAsBool(parameters, "CASCADE", context),
            block_size=self.number_or_none(parameters, "BLOCK_SIZE", context),
            anchor=self.parameterAsString(parameters, "ANCHOR", context).strip() or None,
            seed=self.parameterAsInt(parameters, "SEED", context), feedback=feedback,
            quantiles=self.parameterAsBool(parameters, "QUANTILES", context),
            base_model=self.parameterAsFile(parameters, "BASE_MODEL", context) or None,
            repeats=self.parameterAsInt(parameters, "REPEATS", context))
        report = result["report"]
        columns = [column for column in ("layer", "stations", "r", "bias", "ubrmse", "ubrmse_min",
                                         "ubrmse_max", "ubrmse_reference", "ubrmse_base") if column in report]
        summary = report[columns].to_string(index=False, float_format=lambda value: f"{value:.4f}")
        return {"OUTPUT": out, "REPORT": str(result["bundle"] / "cv_report.csv"), "SUMMARY": summary}


class InferAlgorithm(ModelParameters, SmrfrAlgorithm):
    algorithm_id = "infer"
    alternatives = (("EXTENT", "AOI"),)
    label = QT_TR_NOOP("Predict soil moisture over a region")
    help_text = QT_TR_NOOP(
        "Runs a model bundle over the land cells of a predictor cube (optionally within an extent or "
        "polygons and a date range), layer after layer, block by block within a memory budget, and "
        "writes yearly SMRFR-layout Zarr stores SMRFR_YYYY_v1.0.zarr. Cells with a missing predictor "
        "are nodata. Optionally adds the uncertainty: the spread across a forest's trees (e.g. sml1_p_sd) "
        "or, for a boosted model trained with 10/90 % quantile models, an 80 % band (e.g. sml1_p_q10, "
        "sml1_p_q90). A cancelled run resumes where it stopped. The blocks can run on a local Dask "
        "cluster (worker processes) or on a running Dask scheduler; the output is identical.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add_folder("MODEL", tr("Model bundle"))
        self.add_folder("CUBE", tr("Predictor cube (.zarr)"))
        self.add_area()
        self.add_dates(optional=True)
        self.addParameter(QgsProcessingParameterBoolean(
            "UNCERTAINTY", tr("Uncertainty: spread across trees (forests) or 10/90 % quantiles (boosted "
                              "models trained with quantiles)"), defaultValue=False))
        self.addParameter(QgsProcessingParameterNumber(
            "MEMORY", tr("Memory budget per process (MB)"), QgsProcessingParameterNumber.Double, 2048,
            minValue=16))
        self.addParameter(QgsProcessingParameterNumber(
            "WORKERS", tr("Local Dask worker processes (0: this process)"),
            QgsProcessingParameterNumber.Integer, 0, minValue=0))
        self.addParameter(QgsProcessingParameterString(
            "SCHEDULER", tr("Dask scheduler address (e.g. tcp://10.0.0.5:8786)"), optional=True))
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT", tr("Output folder")))
        self.addOutput(QgsProcessingOutputString("STORES", tr("Written stores")))

    def replaced_paths(self, parameters, context) -> list[str]:
        """The yearly stores of the days asked for (the folder may hold other years), or the whole folder
        when the days are the cube's."""
        from smrfr_engine.products.model import yearly_store

        out, start, end = (parameters.get("OUTPUT"), self.date(parameters, "START", context),
                           self.date(parameters, "END", context))
        if not (isinstance(out, str) and out and start and end):
            return super().replaced_paths(parameters, context)
        return [os.path.join(out, yearly_store(year)) for year in range(int(start[:4]), int(end[:4]) + 1)]

    def perform(self, parameters, context, feedback):
        from smrfr_engine.model.infer import infer

        aoi = self.layer_file(parameters, "AOI", context)
        out = self.parameterAsString(parameters, "OUTPUT", context)
        stores = infer(self.parameterAsFile(parameters, "MODEL", context),
                       self.parameterAsFile(parameters, "CUBE", context), out,
                       self.date(parameters, "START", context), self.date(parameters, "END", context),
                       bbox=None if aoi is not None else self.bbox(parameters, context), aoi=aoi,
                       uncertainty=self.parameterAsBool(parameters, "UNCERTAINTY", context),
                       memory_mb=self.parameterAsDouble(parameters, "MEMORY", context),
                       workers=self.parameterAsInt(parameters, "WORKERS", context) or None,
                       scheduler=self.parameterAsString(parameters, "SCHEDULER", context).strip() or None,
                       feedback=feedback)
        return {"OUTPUT": out, "STORES": ";".join(map(str, stores))}


class RecalibrateAlgorithm(ModelParameters, SmrfrAlgorithm):
    algorithm_id = "recalibrate"
    label = QT_TR_NOOP("Recalibrate the model with local stations")
    help_text = QT_TR_NOOP(
        "Retrains a model bundle with a region's own stations: refit (the base model's estimate "
        "becomes a predictor, fitted on the local stations), scratch (local stations only) or combine "
        "(base training stations plus weighted local ones). A share of the local stations (a third by "
        "default) is held out and the report compares the base and the recalibrated model there "
        "(ubRMSE, bias, R per layer).")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add_folder("MODEL", tr("Base model bundle"))
        self.add_folder("CUBE", tr("Predictor cube (.zarr)"))
        self.add_stations("STATIONS", tr("Local stations (GeoPackage)"))
        self.addParameter(QgsProcessingParameterEnum("MODE", tr("Mode"), options=MODES, defaultValue=0))
        self.add_stations("BASE_STATIONS", tr("Base training stations (combine mode)"), optional=True)
        self.addParameter(QgsProcessingParameterNumber(
            "LOCAL_WEIGHT", tr("Weight of local samples (combine)"), QgsProcessingParameterNumber.Double, 5.0,
            minValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            "HOLDOUT", tr("Share of local stations held out"), QgsProcessingParameterNumber.Double, 1 / 3,
            minValue=0.05, maxValue=0.9))
        self.addParameter(QgsProcessingParameterBoolean(
            "ALL_STATIONS", tr("Also use stations that failed screening"), defaultValue=False))
        self.add_seed()
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT", tr("Recalibrated model bundle")))
        self.addOutput(QgsProcessingOutputFile("REPORT", tr("Before/after report")))
        self.addOutput(QgsProcessingOutputFile("HELDOUT", tr("Held-out local stations (GeoPackage)")))

    def perform(self, parameters, context, feedback):
        from smrfr_engine.model.recalibrate import recalibrate

        out = self.parameterAsString(parameters, "OUTPUT", context)
        stations = self.parameterAsFile(parameters, "STATIONS", context)
        if not stations:
            raise SmrfrError(tr("Choose the local stations GeoPackage"))
        result = recalibrate(self.parameterAsFile(parameters, "MODEL", context),
                             self.parameterAsFile(parameters, "CUBE", context), stations, out,
                             MODES[self.parameterAsEnum(parameters, "MODE", context)],
                             self.parameterAsFile(parameters, "BASE_STATIONS", context) or None,
                             self.parameterAsDouble(parameters, "LOCAL_WEIGHT", context),
                             self.parameterAsDouble(parameters, "HOLDOUT", context),
                             only_passed=not self.parameterAsBool(parameters, "ALL_STATIONS", context),
                             seed=self.parameterAsInt(parameters, "SEED", context), feedback=feedback)
        return {"OUTPUT": out, "REPORT": str(result["bundle"] / "recalibration_report.csv"),
                "HELDOUT": str(result["heldout"])}

"""``smrfr:metrics`` and ``smrfr:validate``: skill metrics of paired tables and validation of products
against station/point data, with the outputs loaded into the project."""

from __future__ import annotations

from qgis.core import (
    QgsClassificationQuantile,
    QgsGraduatedSymbolRenderer,
    QgsProcessing,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputFile,
    QgsProcessingOutputFolder,
    QgsProcessingOutputHtml,
    QgsProcessingOutputMultipleLayers,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsStyle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QVariant

from smrfr_engine.options import SAMPLING_METHODS

from ...i18n import QT_TR_NOOP, tr
from ..base import SmrfrAlgorithm, load_on_completion

METRICS_OUTPUTS = (("BY_STATION", "by_station", QT_TR_NOOP("Metrics per station")),
                   ("STATION_SUMMARY", "station_summary", QT_TR_NOOP("Per-station metrics summary")))


def style_by_ubrmse(layer) -> None:
    """Graduated renderer on ``ubrmse`` (5 quantile classes, green = low error, red = high)."""
    renderer = QgsGraduatedSymbolRenderer("ubrmse")
    renderer.setClassificationMethod(QgsClassificationQuantile())
    renderer.updateClasses(layer, 5)
    ramp = QgsStyle.defaultStyle().colorRamp("RdYlGn")
    ramp.invert()
    renderer.updateColorRamp(ramp)
    layer.setRenderer(renderer)


class DefaultStyle(QgsProcessingLayerPostProcessorInterface):
    """Applies the default style stored with the layer (Processing loads result layers without it)."""

    instance = None

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS API name)
        layer.loadDefaultStyle()
        layer.triggerRepaint()

    @staticmethod
    def create() -> DefaultStyle:
        # sip: keep a Python reference or the post-processor is garbage collected while still in use
        DefaultStyle.instance = DefaultStyle()
        return DefaultStyle.instance


def min_n_parameter() -> QgsProcessingParameterNumber:
    from smrfr_engine.options import MIN_N

    return QgsProcessingParameterNumber("MIN_N", tr("Minimum number of pairs"),
                                        QgsProcessingParameterNumber.Integer, MIN_N, minValue=2)


def layer_dataframe(layer):
    """The attribute table of a vector layer as a pandas DataFrame (NULL -> None, dates -> ISO text)."""
    import pandas as pd

    def plain(value):
        if isinstance(value, QVariant):
            return None if value.isNull() else value.value()
        if isinstance(value, (QDate, QDateTime)):
            return value.toString("yyyy-MM-dd") if value.isValid() else None
        return value

    rows = [[plain(value) for value in feature.attributes()] for feature in layer.getFeatures()]
    return pd.DataFrame(rows, columns=layer.fields().names())


class MetricsAlgorithm(SmrfrAlgorithm):
    algorithm_id = "metrics"
    label = QT_TR_NOOP("Skill metrics of a paired table")
    group_id = "validation"
    help_text = QT_TR_NOOP(
        "Computes R (with its 95 % Fisher-z interval), R2 = NSE = 1 - SSE/SST, bias (estimate - observed), "
        "RMSE, ubRMSE, MAE, NRMSE (RMSE / mean observed), KGE (Gupta 2009) with r, alpha and beta, and the "
        "anomaly correlation (35-day centred window) of an estimate field against an observed field, "
        "pooled per group (several group fields: separated by ';', e.g. GROUP=product;layer in "
        "qgis_process, or a list in Python). With a station field, also per station and summarised "
        "(median, IQR) per group. Groups with fewer than the minimum number of pairs get empty scores and "
        "a reason.")
    requires = ("pandas",)

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        numeric = QgsProcessingParameterField.Numeric
        self.addParameter(QgsProcessingParameterVectorLayer(
            "INPUT", tr("Table of matched pairs"), [QgsProcessing.TypeVector]))
        for name, label in (("ESTIMATE", tr("Estimate field")), ("OBSERVED", tr("Observed field"))):
            self.addParameter(QgsProcessingParameterField(name, label, None, "INPUT", numeric))
        self.addParameter(QgsProcessingParameterField("GROUP", tr("Group by fields"), None, "INPUT",
                                                      allowMultiple=True, optional=True))
        self.addParameter(QgsProcessingParameterField("DATE", tr("Date field (for the anomaly correlation)"),
                                                      None, "INPUT", optional=True))
        self.addParameter(QgsProcessingParameterField("STATION", tr("Station field (per-station metrics)"),
                                                      None, "INPUT", optional=True))
        self.addParameter(min_n_parameter())
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", tr("Metrics"),
                                                                tr("CSV files (*.csv)")))
        for name, _, label in METRICS_OUTPUTS:
            self.addOutput(QgsProcessingOutputFile(name, tr(label)))

    def perform(self, parameters, context, feedback):
        from smrfr_engine.metrics import metrics_report, station_outputs

        layer = self.vector_layer(parameters, "INPUT", context)
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        station = self.parameterAsString(parameters, "STATION", context) or None
        tables = metrics_report(
            layer_dataframe(layer), self.parameterAsString(parameters, "ESTIMATE", context),
            self.parameterAsString(parameters, "OBSERVED", context),
            self.parameterAsFields(parameters, "GROUP", context),
            self.parameterAsString(parameters, "DATE", context) or None, station,
            self.parameterAsInt(parameters, "MIN_N", context), out, feedback)
        paths = station_outputs(out)
        results = {"OUTPUT": out}
        load_on_completion(context, out, tr("Metrics"), "OUTPUT")
        for name, table, label in METRICS_OUTPUTS:
            if table in tables:
                results[name] = str(paths[table])
                load_on_completion(context, results[name], tr(label), name)
        return results


class ValidateAlgorithm(SmrfrAlgorithm):
    algorithm_id = "validate"
    label = QT_TR_NOOP("Validate products against stations")
    group_id = "validation"
    help_text = QT_TR_NOOP(
        "Extracts each product at each station's cell for each day, maps the station depths to the "
        "product's layers and computes the metrics per product, layer, station and group on the common "
        "valid sample of all products. Products: one per line, NAME=PATH or PATH (Zarr store, folder of "
        "yearly stores, NetCDF, GeoTIFF folder); a product whose layout is not detected takes its kind "
        "(NAME=smrfr, era5, somo, smci or gssm) or a JSON description (NAME=FILE). Points: a stations "
        "GeoPackage (Import stations) or a CSV "
        "with station_id, lon, lat, date, layer_top, layer_bottom (cm) and sm (m3/m3). Writes the metric "
        "tables, the matched pairs, a GeoPackage of stations with their metrics (loaded, styled by "
        "ubRMSE) and report.html with the figures.")
    requires = ("pandas", "xarray", "zarr", "geopandas", "pyogrio", "matplotlib")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.addParameter(QgsProcessingParameterString(
            "PRODUCTS", tr("Products (one per line: NAME=PATH or PATH)"), multiLine=True))
        self.addParameter(QgsProcessingParameterString(
            "KINDS", tr("Kinds of products not detected (one per line: NAME=KIND)"), multiLine=True,
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            "DESCRIPTIONS", tr("JSON descriptions of products (one per line: NAME=FILE)"), multiLine=True,
            optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "POINTS", tr("Stations GeoPackage or points CSV"), fileFilter=tr("Stations (*.gpkg *.csv)")))
        self.addParameter(QgsProcessingParameterString(
            "LAYERS", tr("Product layers (comma-separated, empty = all)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "GROUP_BY", tr("Group stations by field (e.g. koppen)"), optional=True))
        self.add_dates(optional=True)
        self.addParameter(QgsProcessingParameterEnum("SAMPLING", tr("Sampling"), list(SAMPLING_METHODS),
                                                     defaultValue=0))
        self.addParameter(min_n_parameter())
        self.addParameter(QgsProcessingParameterBoolean(
            "ONLY_PASSED", tr("Only station layers that passed screening"), defaultValue=False))
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT", tr("Output folder")))
        self.addOutput(QgsProcessingOutputHtml("REPORT", tr("Validation report")))
        self.addOutput(QgsProcessingOutputFile("POOLED", tr("Pooled metrics")))
        self.addOutput(QgsProcessingOutputFile("PAIRS", tr("Matched pairs")))
        self.addOutput(QgsProcessingOutputFolder("FOLDER", tr("Output folder")))
        self.addOutput(QgsProcessingOutputMultipleLayers("STATIONS", tr("Stations with metrics")))

    def perform(self, parameters, context, feedback):
        from smrfr_engine.validation import parse_named, parse_products, station_layer_name, validate

        def lines(name):
            return [line for line in self.parameterAsString(parameters, name, context).splitlines()
                    if line.strip()]

        products = parse_products(lines("PRODUCTS"))
        kinds, descriptions = (parse_named(lines(name), products, self.describe(name))
                               for name in ("KINDS", "DESCRIPTIONS"))
        out = self.parameterAsString(parameters, "OUTPUT", context)
        result = validate(products, self.parameterAsFile(parameters, "POINTS", context), out,
                          self.name_list(parameters, "LAYERS", context) or None,
                          self.parameterAsString(parameters, "GROUP_BY", context).strip() or None,
                          self.date(parameters, "START", context), self.date(parameters, "END", context),
                          SAMPLING_METHODS[self.parameterAsEnum(parameters, "SAMPLING", context)],
                          self.parameterAsInt(parameters, "MIN_N", context),
                          only_passed=self.parameterAsBool(parameters, "ONLY_PASSED", context),
                          feedback=feedback, kinds=kinds, descriptions=descriptions)
        gpkg = result.files["stations"]
        station_layers = []
        for product, layer in result.pooled[["product", "layer"]].drop_duplicates().itertuples(index=False):
            name = station_layer_name(product, layer)
            station_layers.append(f"{gpkg}|layername={name}")
            # one post-processor per layer: the context takes ownership of each and deletes it
            load_on_completion(context, station_layers[-1], tr("ubRMSE {0}").format(name), "STATIONS",
                               DefaultStyle.create())
        self._station_layers = station_layers
        load_on_completion(context, str(result.files["pooled"]), tr("Pooled metrics"), "POOLED")
        feedback.info(tr("Report: {0}").format(result.files["report"]))
        return {"REPORT": str(result.files["report"]), "POOLED": str(result.files["pooled"]), "FOLDER": out,
                "PAIRS": str(result.files["pairs"]), "OUTPUT": out, "STATIONS": station_layers}

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802 (QGIS API name)
        """Store the ubRMSE style as each station layer's default style in the GeoPackage (main thread),
        so QGIS applies it whenever the layer is loaded."""
        for uri in getattr(self, "_station_layers", []):
            layer = QgsVectorLayer(uri, "stations", "ogr")
            style_by_ubrmse(layer)
            message = layer.saveStyleToDatabase("ubrmse", tr("Stations coloured by ubRMSE"), True, "")
            if message:
                feedback.reportError(message, fatalError=False)
        return {}

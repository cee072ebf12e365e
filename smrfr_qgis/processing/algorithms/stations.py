"""``smrfr:importstations``, ``smrfr:screenstations``, ``smrfr:tripletcollocation``: the station side."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from smrfr_engine.layers import SCHEMES as LAYER_SCHEMES

from ...i18n import QT_TR_NOOP, tr
from ..base import SmrfrAlgorithm, load_on_completion

#: deep-layer screening rules of smrfr_engine.stations.screen.DEEP_RULES, with their labels
DEEP_CHOICES = (
    ("swi", QT_TR_NOOP("Satellite Soil Water Index")),
    ("station", QT_TR_NOOP("Verdict of the station's surface layers")),
    ("skip", QT_TR_NOOP("Not screened")),
)

#: the named layer schemes of the SCHEME choices (smrfr first, the default)
SCHEMES = tuple(LAYER_SCHEMES)
GPKG_FILTER = "GeoPackage (*.gpkg)"


def _load_stations(context, path: str, name: str) -> None:
    load_on_completion(context, f"{path}|layername=stations", name, "OUTPUT")


class ImportStationsAlgorithm(SmrfrAlgorithm):
    algorithm_id = "importstations"
    label = QT_TR_NOOP("Import and quality-control stations")
    group_id = "stations"
    requires = ("pandas", "geopandas", "pyogrio")
    one_of = ((("INPUT", "FOLDER"), QT_TR_NOOP("Give an ISMN download, a station table or a folder")),)
    help_text = QT_TR_NOOP(
        "Reads an ISMN download (zip archive or unpacked folder, 'Header+values' or 'CEOP separate') or a "
        "station table (CSV with station id, lon, lat, time, depth or layer and value; GeoPackage/Shapefile "
        "points with a linked time-series table), keeps ISMN flag G values (optionally U), applies the "
        "Dorigo et al. (2013) plausibility checks to data without flags, averages sub-daily values to daily "
        "means, drops short sensors, maps sensor depths to the layers of a scheme (several sensors in a "
        "layer: those nearest its mid-depth, or all, averaged), optionally averages the stations of a "
        "grid cell and rescales each series to a reference product's mean and standard deviation, and "
        "writes one GeoPackage with the layers stations, daily, sensors, qc_log and run_info. Every "
        "dropped value is counted in qc_log."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        from smrfr_engine.options import LAYER_SENSOR_RULES, PLAUSIBILITY_RULES, QcOptions

        defaults = QcOptions()
        self.addParameter(
            QgsProcessingParameterFile(
                "INPUT",
                tr("ISMN zip, station table (CSV, GPKG, SHP) or .stm file"),
                optional=True,
                fileFilter="ISMN / tables (*.zip *.csv *.gpkg *.shp *.stm)",
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                "FOLDER",
                tr("Unpacked ISMN download folder"),
                QgsProcessingParameterFile.Folder,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum("SCHEME", tr("Layer scheme"), list(SCHEMES), defaultValue=0)
        )
        self.addParameter(
            QgsProcessingParameterString(
                "CUSTOM_SCHEME",
                tr("Custom layers in cm (e.g. 0-10,10-30), overrides the scheme"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                "ACCEPT_UNCHECKED", tr("Also keep unchecked values (ISMN flag U)"), False
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "MIN_OBS_PER_DAY",
                tr("Minimum sub-daily values for a daily mean"),
                QgsProcessingParameterNumber.Integer,
                defaults.min_obs_per_day,
                minValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "MIN_VALID_DAYS",
                tr("Minimum valid days per sensor"),
                QgsProcessingParameterNumber.Integer,
                defaults.min_valid_days,
                minValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "GAP_FILL_DAYS",
                tr("Linear gap filling within +- days (0 = off)"),
                QgsProcessingParameterNumber.Integer,
                defaults.gap_fill_days,
                minValue=0,
            )
        )
        self.addParameter(QgsProcessingParameterEnum(
            "PLAUSIBILITY", tr("Plausibility checks (Dorigo et al. 2013): auto = only data without flags"),
            list(PLAUSIBILITY_RULES), defaultValue=PLAUSIBILITY_RULES.index(defaults.plausibility)))
        self.addParameter(QgsProcessingParameterEnum(
            "LAYER_SENSORS", tr("Several sensors in a layer: nearest its mid-depth, or the mean of all"),
            list(LAYER_SENSOR_RULES), defaultValue=LAYER_SENSOR_RULES.index(defaults.layer_sensors)))
        self.addParameter(QgsProcessingParameterNumber(
            "CELL_SIZE", tr("Average the stations within cells of this size (degrees; empty = off)"),
            QgsProcessingParameterNumber.Double, optional=True, minValue=0))
        self.add_file_or_folder("RESCALE", tr("Rescale each series to this product (file)"),
                                tr("Rescale each series to this product (folder)"))
        self.addParameter(
            QgsProcessingParameterString(
                "COLUMNS",
                tr("Table column names (key=name, e.g. id=site,time=date,value=vwc,depth_unit=cm)"),
                optional=True,
            )
        )
        self.addParameter(QgsProcessingParameterFile(
            "SERIES", tr("Time-series table linked to a point layer (CSV or GeoPackage)"), optional=True,
            fileFilter="CSV / GeoPackage (*.csv *.gpkg)"))
        self.addParameter(
            QgsProcessingParameterFileDestination("OUTPUT", tr("Stations GeoPackage"), GPKG_FILTER)
        )
        self.addOutput(QgsProcessingOutputString("SUMMARY", tr("Import summary")))

    def perform(self, parameters, context, feedback):
        from smrfr_engine.options import LAYER_SENSOR_RULES, PLAUSIBILITY_RULES
        from smrfr_engine.stations import QcOptions, TableColumns, import_stations

        inputs = [
            p
            for p in (
                self.parameterAsFile(parameters, "INPUT", context),
                self.parameterAsFile(parameters, "FOLDER", context),
            )
            if p
        ]
        scheme = (
            self.parameterAsString(parameters, "CUSTOM_SCHEME", context).strip()
            or SCHEMES[self.parameterAsEnum(parameters, "SCHEME", context)]
        )
        options = QcOptions(
            accept_unchecked=self.parameterAsBool(parameters, "ACCEPT_UNCHECKED", context),
            min_obs_per_day=self.parameterAsInt(parameters, "MIN_OBS_PER_DAY", context),
            min_valid_days=self.parameterAsInt(parameters, "MIN_VALID_DAYS", context),
            gap_fill_days=self.parameterAsInt(parameters, "GAP_FILL_DAYS", context),
            plausibility=PLAUSIBILITY_RULES[self.parameterAsEnum(parameters, "PLAUSIBILITY", context)],
            layer_sensors=LAYER_SENSOR_RULES[self.parameterAsEnum(parameters, "LAYER_SENSORS", context)],
            cell_size=self.number_or_none(parameters, "CELL_SIZE", context),
            rescale_reference=self.file_or_folder(parameters, "RESCALE", context) or None,
        )
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        columns = TableColumns.parse(self.parameterAsString(parameters, "COLUMNS", context))
        summary = import_stations(inputs, out, scheme, options, feedback, columns=columns,
                                  series=self.parameterAsFile(parameters, "SERIES", context) or None)
        text = summary.text()
        for line in text.splitlines():
            feedback.info(line)
        _load_stations(context, out, tr("Stations"))
        return {"OUTPUT": out, "SUMMARY": text}


class ScreenStationsAlgorithm(SmrfrAlgorithm):
    algorithm_id = "screenstations"
    label = QT_TR_NOOP("Screen stations by triple collocation")
    group_id = "stations"
    requires = ("pandas", "geopandas", "pyogrio", "xarray", "netCDF4")
    path_inputs = ("STATIONS", "LSM", "SAT")
    one_of = ((("LSM",), QT_TR_NOOP("Choose the land-surface model product.")),
              (("SAT",), QT_TR_NOOP("Choose the satellite soil-moisture product.")))
    help_text = QT_TR_NOOP(
        "Per station and layer, collocates the daily in-situ series with a land-surface model (e.g. "
        "ERA5-Land, layers mapped by thickness-weighted overlap) and a satellite surface soil-moisture "
        "product at the station's cell and computes Extended Triple Collocation (McColl et al. 2014). "
        "Layers below 10 cm take the verdict of the station's surface layers (the default), use the "
        "satellite's Soil Water Index (exponential filter) or are left unscreened. The land-surface model "
        "and the satellite product are each a file or a folder of yearly files. A layer passes when the "
        "in-situ rho2 reaches the threshold (SMRFR: 0.762). Writes a "
        "copy of the stations GeoPackage with the table 'screening'; nothing is deleted."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        from smrfr_engine.etc import DEFAULT_MIN_TRIPLETS, DEFAULT_THRESHOLD

        self.addParameter(
            QgsProcessingParameterFile("STATIONS", tr("Stations GeoPackage"), fileFilter=GPKG_FILTER)
        )
        self.add_file_or_folder("LSM", tr("Land-surface model product (NetCDF, Zarr)"),
                                tr("Land-surface model folder (yearly NetCDF files, Zarr store)"))
        self.add_file_or_folder("SAT", tr("Satellite surface soil moisture (NetCDF)"),
                                tr("Satellite surface soil moisture folder (yearly NetCDF files)"))
        self.addParameter(
            QgsProcessingParameterNumber(
                "THRESHOLD",
                tr("Pass when the in-situ rho2 is at least"),
                QgsProcessingParameterNumber.Double,
                DEFAULT_THRESHOLD,
                minValue=0.0,
                maxValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "MIN_TRIPLETS",
                tr("Minimum complete triplets"),
                QgsProcessingParameterNumber.Integer,
                DEFAULT_MIN_TRIPLETS,
                minValue=3,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "DEEP",
                tr("Layers below 10 cm"),
                [tr(label) for _, label in DEEP_CHOICES],
                defaultValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination("OUTPUT", tr("Screened stations"), GPKG_FILTER)
        )
        self.addOutput(QgsProcessingOutputString("SUMMARY", tr("Screening summary")))

    def perform(self, parameters, context, feedback):
        from smrfr_engine.stations import screen_stations

        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        table = screen_stations(
            self.parameterAsFile(parameters, "STATIONS", context),
            self.file_or_folder(parameters, "LSM", context),
            self.file_or_folder(parameters, "SAT", context),
            out,
            self.parameterAsDouble(parameters, "THRESHOLD", context),
            self.parameterAsInt(parameters, "MIN_TRIPLETS", context),
            feedback,
            deep=DEEP_CHOICES[self.parameterAsEnum(parameters, "DEEP", context)][0],
        )
        summary = tr("{0} of {1} station layers pass").format(int(table["etc_pass"].sum()), len(table))
        _load_stations(context, out, tr("Screened stations"))
        return {"OUTPUT": out, "SUMMARY": summary}


class TripleCollocationAlgorithm(SmrfrAlgorithm):
    algorithm_id = "tripletcollocation"
    label = QT_TR_NOOP("Extended Triple Collocation of three columns")
    group_id = "stations"
    requires = ("pandas",)
    help_text = QT_TR_NOOP(
        "Extended Triple Collocation (McColl et al. 2014) of three collocated columns of a CSV table: per "
        "column the squared correlation with the unknown truth (rho2), the error standard deviation in its "
        "own units and scaled to the first column, the scaling factor beta and the number of triplets used."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        from smrfr_engine.etc import DEFAULT_MIN_TRIPLETS

        self.addParameter(QgsProcessingParameterFile("INPUT", tr("CSV table"), fileFilter="CSV (*.csv)"))
        self.addParameter(
            QgsProcessingParameterString("COLUMNS", tr("Three columns, comma-separated (A,B,C)"))
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "MIN_TRIPLETS",
                tr("Minimum complete triplets"),
                QgsProcessingParameterNumber.Integer,
                DEFAULT_MIN_TRIPLETS,
                minValue=3,
            )
        )
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", tr("ETC result"), "CSV (*.csv)"))
        self.addOutput(QgsProcessingOutputString("SUMMARY", tr("ETC summary")))

    def perform(self, parameters, context, feedback):
        from smrfr_engine.etc import etc_csv

        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        columns = [c.strip() for c in self.parameterAsString(parameters, "COLUMNS", context).split(",")]
        rows = etc_csv(
            self.parameterAsFile(parameters, "INPUT", context),
            columns,
            out,
            self.parameterAsInt(parameters, "MIN_TRIPLETS", context),
        )
        lines = [
            f"{row['column']}: rho2 {row['rho2']:.4f}, err_std {row['err_std']:.5f}, n {row['n']}"
            for row in rows
        ]
        for line in lines:
            feedback.info(line)
        return {"OUTPUT": out, "SUMMARY": "\n".join(lines)}

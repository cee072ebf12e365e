"""``smrfr:synth``: generate the synthetic demo region (a thin adapter onto ``smrfr_engine.synth``)."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingOutputFile,
    QgsProcessingOutputFolder,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QDate

from ...i18n import QT_TR_NOOP, tr
from ..base import SmrfrAlgorithm

#: the region's inputs of the next steps, as outputs a graphical model passes on (QGIS 3.22 has no expression
#: variable for a folder output to build their paths from): name, label, entry of the manifest's files (a
#: file, or the files of a folder), output type
REGION_INPUTS = (
    ("CONFIG", QT_TR_NOOP("Predictor configuration (TOML)"), "predictors", QgsProcessingOutputFile),
    ("ISMN", QT_TR_NOOP("ISMN station download (zip)"), "stations", QgsProcessingOutputFile),
    ("REANALYSIS", QT_TR_NOOP("ERA5-Land-like reanalysis folder"), "era5land", QgsProcessingOutputFolder),
    ("SATELLITE", QT_TR_NOOP("Satellite soil-moisture folder"), "satellite", QgsProcessingOutputFolder),
    ("TRUTH", QT_TR_NOOP("True soil moisture folder (SMRFR stores)"), "truth", QgsProcessingOutputFolder),
)


def region_path(out: str, entry: str | list[str]) -> str:
    """The path in the region ``out`` of a manifest ``files`` entry: the file, or the folder of its files."""
    return str(Path(out) / (entry if isinstance(entry, str) else Path(entry[0]).parent))


class SynthAlgorithm(SmrfrAlgorithm):
    algorithm_id = "synth"
    label = QT_TR_NOOP("Generate the demo region")
    group_id = "tools"
    help_text = QT_TR_NOOP(
        "Generates a synthetic soil-moisture region whose true soil moisture is known, with every input "
        "written in its real format: the truth as SMRFR Zarr stores, ERA5-Land-like NetCDF, satellite "
        "surface soil moisture, MODIS-like NDVI/EVI GeoTIFFs, SoilGrids-like texture and field capacity, "
        "a DEM and an ISMN station download (zip), plus manifest.json listing the files and the known "
        "facts (which stations are poor) and predictors.toml, the region's predictor configuration for "
        "Build the predictor cube. The configuration, the station download, the reanalysis, satellite and "
        "truth folders are also outputs, for the next steps of a model. The same seed gives the same bytes.")
    requires = ("numpy", "pandas", "scipy", "xarray", "zarr", "netCDF4", "rasterio")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add_seed()
        self.addParameter(QgsProcessingParameterNumber(
            "SIZE", tr("Grid cells per side (0.08 degree cells)"), type=QgsProcessingParameterNumber.Integer,
            defaultValue=48, minValue=4, maxValue=1000))
        self.addParameter(QgsProcessingParameterNumber(
            "STATIONS", tr("Number of stations"), type=QgsProcessingParameterNumber.Integer,
            defaultValue=40, minValue=3))
        self.addParameter(QgsProcessingParameterDateTime(
            "START", tr("First day"), type=QgsProcessingParameterDateTime.Date,
            defaultValue=QDate(2019, 1, 1)))
        self.addParameter(QgsProcessingParameterDateTime(
            "END", tr("Last day"), type=QgsProcessingParameterDateTime.Date,
            defaultValue=QDate(2021, 12, 31)))
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT", tr("Output folder")))
        self.addOutput(QgsProcessingOutputString("MANIFEST", tr("Manifest file")))
        self.addOutput(QgsProcessingOutputNumber("POOR_STATIONS", tr("Number of poor stations")))
        for name, label, _, output in REGION_INPUTS:
            self.addOutput(output(name, tr(label)))

    def perform(self, parameters, context, feedback):
        from smrfr_engine.synth import generate

        out = self.parameterAsString(parameters, "OUTPUT", context)
        start, end = self.date(parameters, "START", context), self.date(parameters, "END", context)
        manifest = generate(out, seed=self.parameterAsInt(parameters, "SEED", context),
                            size=self.parameterAsInt(parameters, "SIZE", context), start=start, end=end,
                            n_stations=self.parameterAsInt(parameters, "STATIONS", context),
                            feedback=feedback)
        feedback.info(tr("Poor stations: {0}").format(", ".join(manifest["poor_stations"])))
        return {"OUTPUT": out, "MANIFEST": f"{out}/manifest.json",
                "POOR_STATIONS": len(manifest["poor_stations"]),
                **{name: region_path(out, manifest["files"][entry]) for name, _, entry, _ in REGION_INPUTS}}

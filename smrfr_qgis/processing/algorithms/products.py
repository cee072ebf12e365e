"""Product algorithms: ``smrfr:info``, ``smrfr:subset``, ``smrfr:pointseries``, ``smrfr:zonalstats``,
``smrfr:anomaly``. Each is a thin adapter onto the engine in ``smrfr_engine.products``."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterPoint,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsProcessingUtils,
)

from smrfr_engine.errors import SmrfrError
from smrfr_engine.options import LAYOUT_KINDS, SAMPLING_METHODS

from ...i18n import QT_TR_NOOP, tr
from ...temporal import daily_layer
from ..base import SmrfrAlgorithm, given, load_on_completion

#: the KIND choices: detected, or a kind the engine reads without a description
KINDS = ["auto", *LAYOUT_KINDS]
STATS = ["mean", "median", "min", "max", "std", "count"]


class ProductParameters:
    """Mixin of the product algorithms (not an algorithm itself): parameters and outputs they share."""

    group_id = "products"
    #: the two ways to give the area (:meth:`~smrfr_qgis.processing.base.SmrfrAlgorithm.add_area`)
    alternatives = (("EXTENT", "AOI"),)
    one_of = ((("SOURCE",), QT_TR_NOOP("Choose a product file or a product folder")),)
    requires = ("xarray", "zarr", "dask", "netCDF4", "rasterio", "pyproj", "geopandas")

    def add_source(self, dates: bool = True) -> None:
        self.add_file_or_folder("SOURCE", tr("Product file (NetCDF, GeoTIFF)"),
                                tr("Product folder (Zarr store, yearly SMRFR stores, GeoTIFF folder)"))
        self.addParameter(QgsProcessingParameterEnum("KIND", tr("Product kind"), options=KINDS,
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterFile(
            "DESCRIPTION", tr("Product description (JSON) of another CF NetCDF or GeoTIFF series"),
            optional=True, fileFilter="JSON (*.json)"))
        if dates:
            self.add_dates(optional=True)
            self.addParameter(QgsProcessingParameterString(
                "LAYERS", tr("Layers (comma-separated names, empty = all)"), optional=True))

    def add_raster_outputs(self) -> None:
        self.addParameter(QgsProcessingParameterFolderDestination(
            "OUTPUT_FOLDER", tr("GeoTIFF folder (one file per layer, one band per day)"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_FILE", tr("NetCDF or Zarr output"), fileFilter="NetCDF (*.nc);;Zarr store (*.zarr)",
            optional=True, createByDefault=False))
        self.addParameter(QgsProcessingParameterEnum(
            "ZARR_FORMAT", tr("Zarr format (QGIS 3.22 and GDAL < 3.8 read only 2)"), options=["2", "3"],
            defaultValue=0))

    def source(self, parameters, context) -> dict:
        path = self.file_or_folder(parameters, "SOURCE", context)
        kind = KINDS[self.parameterAsEnum(parameters, "KIND", context)]
        return {"source": path, "kind": None if kind == "auto" else kind,
                "description": self.parameterAsFile(parameters, "DESCRIPTION", context) or None}

    def selection(self, parameters, context) -> dict:
        return {"start": self.date(parameters, "START", context),
                "end": self.date(parameters, "END", context),
                "layers": self.name_list(parameters, "LAYERS", context) or None}

    def region(self, parameters, context) -> dict:
        """The product, its layers and dates, and the area: the arguments every map operation takes."""
        return {**self.source(parameters, context), **self.selection(parameters, context),
                **self.area(parameters, context)}

    def area(self, parameters, context) -> dict:
        """The polygons or the extent given; none: the whole product."""
        aoi = self.layer_file(parameters, "AOI", context)
        if aoi is not None:
            return {"aoi": aoi}
        if not given(parameters, "EXTENT"):
            return {}
        extent = self.parameterAsExtent(parameters, "EXTENT", context)
        crs = self.parameterAsExtentCrs(parameters, "EXTENT", context)
        bbox = (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
        return {"bbox": bbox, "bbox_crs": crs_text(crs)}

    def write_outputs(self, parameters, context, feedback, write) -> dict:
        """Call ``write(out=, fmt=, zarr_format=, feedback=)`` for each requested output and load the
        results. Every output is checked before any is written: a failing second output leaves no first
        one behind."""
        from smrfr_engine.products.writers import check_output

        folder = self.parameterAsString(parameters, "OUTPUT_FOLDER", context)
        file = self.parameterAsFileOutput(parameters, "OUTPUT_FILE", context)
        targets = [(folder, "geotiff")] if folder else []
        targets += [(file, None)] if file else []
        if not targets:
            raise SmrfrError(tr("Choose a GeoTIFF folder or a NetCDF/Zarr output"))
        source = self.source(parameters, context)["source"]
        for out, fmt in targets:
            try:
                check_output(out, fmt, source)
            except SmrfrError as error:
                name = "OUTPUT_FOLDER" if fmt else "OUTPUT_FILE"
                raise SmrfrError(tr("{0}: {1}").format(self.describe(name), error)) from None
        zarr_format = 2 + self.parameterAsEnum(parameters, "ZARR_FORMAT", context)
        results = {}
        for index, (out, fmt) in enumerate(targets):
            write(out=out, fmt=fmt, zarr_format=zarr_format,
                  feedback=feedback.span(index / len(targets), (index + 1) / len(targets)))
            load_rasters(Path(out), context, "OUTPUT_FOLDER" if fmt else "OUTPUT_FILE")
            results["OUTPUT_FOLDER" if fmt else "OUTPUT_FILE"] = out
        return results


def crs_text(crs: QgsCoordinateReferenceSystem) -> str | None:
    """The CRS as the engine takes it (``EPSG:3857``, else WKT); None when it is not valid (the product's)."""
    if not crs.isValid():
        return None
    return crs.authid() or crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED)


def load_rasters(out: Path, context, output_name: str) -> None:
    """Add the written rasters to the project when the algorithm completes (GeoTIFF, NetCDF) as the
    dialogs do: styled temporal layers (:func:`~smrfr_qgis.temporal.daily_layer`). Each is handed over as
    a layer of the context's temporary store: QGIS 3.22 loads a layer to load on completion from a string
    only when that string is an existing file, which a ``NETCDF:"file":variable`` is not."""
    if out.suffix.lower() == ".nc":
        import pandas as pd
        import xarray as xr

        with xr.open_dataset(out) as ds:
            days = list(pd.DatetimeIndex(ds.time.values).date)
            sources = [(f'NETCDF:"{out}":{name}', name, days) for name in ds.data_vars if ds[name].ndim == 3]
    elif out.is_dir() and out.suffix.lower() != ".zarr":
        sources = [(str(path), None, None) for path in sorted(out.glob("*.tif"))]  # dates in the bands
    else:
        return  # Zarr: GDAL opens one day at a time (ZARR:"store":/layer:index), not loaded
    for uri, name, days in sources:
        layer = daily_layer(uri, name, days)
        context.temporaryLayerStore().addMapLayer(layer)
        load_on_completion(context, layer.id(), layer.name(), output_name,
                           hint=QgsProcessingUtils.LayerHint.Raster)


class InfoAlgorithm(ProductParameters, SmrfrAlgorithm):
    algorithm_id = "info"
    label = QT_TR_NOOP("Product information")
    help_text = QT_TR_NOOP("Lists the layers and their depths, extent, resolution, CRS, dates and "
                           "size on disk of a soil-moisture product (SMRFR Zarr stores, ERA5-Land, "
                           "SoMo.ml, SMCI1.0, GSSM-10 or files written by SMRFR).")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add_source(dates=False)
        self.addOutput(QgsProcessingOutputString("REPORT", tr("Report")))
        self.addOutput(QgsProcessingOutputString("LAYERS", tr("Layer names")))
        self.addOutput(QgsProcessingOutputString("START", tr("First day")))
        self.addOutput(QgsProcessingOutputString("END", tr("Last day")))

    def perform(self, parameters, context, feedback):
        from smrfr_engine.products.ops import format_info, info

        facts = info(**self.source(parameters, context))
        report = format_info(facts)
        for line in report.splitlines():
            feedback.info(line)
        return {"REPORT": report, "LAYERS": ",".join(item["name"] for item in facts["layers"]),
                "START": facts["start"], "END": facts["end"]}


class SubsetAlgorithm(ProductParameters, SmrfrAlgorithm):
    algorithm_id = "subset"
    label = QT_TR_NOOP("Subset a product")
    help_text = QT_TR_NOOP("Crops a soil-moisture product to an extent or polygons (cells outside "
                           "the polygons become nodata; neither: the whole product) and a date "
                           "range, optionally adds the 0-100 cm root-zone layer and depth-range "
                           "layers, and writes a folder of GeoTIFFs (one per layer, one band per day) "
                           "and/or a NetCDF or Zarr file. GeoTIFF and NetCDF outputs are added to the "
                           "project.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add_source()
        self.add_area()
        self.addParameter(QgsProcessingParameterBoolean("ROOT_ZONE", tr("Add the 0-100 cm root-zone layer"),
                                                        defaultValue=False))
        self.addParameter(QgsProcessingParameterString(
            "DEPTHS", tr("Add depth-range layers (cm, thickness-weighted, e.g. 0-10,10-40)"), optional=True))
        self.add_raster_outputs()

    def perform(self, parameters, context, feedback):
        from smrfr_engine.products.ops import parse_depths, subset

        kwargs = {**self.region(parameters, context),
                  "add_root_zone": self.parameterAsBoolean(parameters, "ROOT_ZONE", context),
                  "depth_ranges": parse_depths(self.parameterAsString(parameters, "DEPTHS", context).strip())}
        return self.write_outputs(parameters, context, feedback, lambda **output: subset(**output, **kwargs))


class AnomalyAlgorithm(ProductParameters, SmrfrAlgorithm):
    algorithm_id = "anomaly"
    label = QT_TR_NOOP("Soil-moisture anomalies and percentiles")
    help_text = QT_TR_NOOP("Daily anomalies against a smoothed day-of-year climatology of the "
                           "climatology period, and the percentile of each day within that "
                           "climatology (drought monitoring).")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add_source()
        self.add_area()
        for name, label in (("CLIM_START", tr("Climatology first day")),
                            ("CLIM_END", tr("Climatology last day"))):
            self.addParameter(QgsProcessingParameterDateTime(name, label,
                                                             type=QgsProcessingParameterDateTime.Date))
        self.addParameter(QgsProcessingParameterNumber("WINDOW", tr("Climatology window (days)"),
                                                       defaultValue=31, minValue=1, maxValue=365))
        self.add_raster_outputs()

    def perform(self, parameters, context, feedback):
        from smrfr_engine.products.anomaly import anomaly

        kwargs = {**self.region(parameters, context),
                  "clim_start": self.date(parameters, "CLIM_START", context),
                  "clim_end": self.date(parameters, "CLIM_END", context),
                  "window": self.parameterAsInt(parameters, "WINDOW", context)}
        return self.write_outputs(parameters, context, feedback, lambda **output: anomaly(**output, **kwargs))


class PointSeriesAlgorithm(ProductParameters, SmrfrAlgorithm):
    algorithm_id = "pointseries"
    label = QT_TR_NOOP("Point time series")
    help_text = QT_TR_NOOP("Daily soil moisture of every layer at a point to a CSV table, added to the "
                           "project: the value of the cell containing it (nearest) or interpolated "
                           "between the four nearest cell centres (bilinear); reports the centre of "
                           "the cell used and its distance to the point.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add_source()
        self.addParameter(QgsProcessingParameterPoint("POINT", tr("Point")))
        self.addParameter(QgsProcessingParameterEnum("SAMPLING", tr("Sampling"),
                                                     options=list(SAMPLING_METHODS), defaultValue=0))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", tr("Series"),
                                                                fileFilter="CSV (*.csv)"))
        self.addOutput(QgsProcessingOutputNumber("CELL_LON", tr("Cell centre x")))
        self.addOutput(QgsProcessingOutputNumber("CELL_LAT", tr("Cell centre y")))
        self.addOutput(QgsProcessingOutputNumber("DISTANCE_KM", tr("Distance to the cell centre (km)")))

    def perform(self, parameters, context, feedback):
        from smrfr_engine.products.ops import point_series

        point = self.parameterAsPoint(parameters, "POINT", context)
        crs = self.parameterAsPointCrs(parameters, "POINT", context)
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        method = SAMPLING_METHODS[self.parameterAsEnum(parameters, "SAMPLING", context)]
        _, facts = point_series(lon=point.x(), lat=point.y(), crs=crs_text(crs),
                                out=out, method=method, feedback=feedback, **self.source(parameters, context),
                                **self.selection(parameters, context))
        feedback.info(tr("Cell centre {0:.6g}, {1:.6g} at {2:.3f} km").format(
            facts["cell_lon"], facts["cell_lat"], facts["distance_km"]))
        load_on_completion(context, out, Path(out).stem, "OUTPUT")
        return {"OUTPUT": out, "CELL_LON": facts["cell_lon"], "CELL_LAT": facts["cell_lat"],
                "DISTANCE_KM": facts["distance_km"]}


class ZonalStatsAlgorithm(ProductParameters, SmrfrAlgorithm):
    algorithm_id = "zonalstats"
    label = QT_TR_NOOP("Zonal statistics of a product")
    help_text = QT_TR_NOOP("Statistics of each layer per polygon and per day. Coverage rule "
                           "'fraction' weights each cell by its area inside the polygon (on a "
                           "longitude/latitude grid, its area on the sphere): the zone's area mean; "
                           "'centre' counts the cells whose centre is inside. Writes a "
                           "GeoPackage (zone geometry on every row) or CSV.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add_source()
        self.addParameter(QgsProcessingParameterVectorLayer("ZONES", tr("Zones"),
                                                            [QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField("FIELD", tr("Zone name field"),
                                                      parentLayerParameterName="ZONES"))
        self.addParameter(QgsProcessingParameterEnum("STATS", tr("Statistics"), options=STATS,
                                                     allowMultiple=True,
                                                     defaultValue=list(range(len(STATS)))))
        self.addParameter(QgsProcessingParameterEnum("RULE", tr("Cell coverage rule"),
                                                     options=["fraction", "centre"], defaultValue=0))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", tr("Statistics"), fileFilter="GeoPackage (*.gpkg);;CSV (*.csv)"))

    def perform(self, parameters, context, feedback):
        from smrfr_engine.products.zonal import zonal_stats

        zones = self.vector_layer(parameters, "ZONES", context)
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        stats = [STATS[index] for index in self.parameterAsEnums(parameters, "STATS", context)]
        rule = ["fraction", "centre"][self.parameterAsEnum(parameters, "RULE", context)]
        field = self.parameterAsString(parameters, "FIELD", context)
        if zones.fields().indexOf(field) < 0:
            raise SmrfrError(tr("The zones layer {0} has no field {1!r}; its fields: {2}").format(
                zones.publicSource(), field, ", ".join(zones.fields().names())))
        zonal_stats(zones=self.layer_file(parameters, "ZONES", context), field=field, out=out, stats=stats,
                    rule=rule, feedback=feedback, **self.source(parameters, context),
                    **self.selection(parameters, context))
        name = Path(out).stem
        uri = f"{out}|layername=zonal_stats" if out.lower().endswith(".gpkg") else out
        load_on_completion(context, uri, name, "OUTPUT")
        return {"OUTPUT": out}

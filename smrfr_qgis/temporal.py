"""Daily SMRFR results as temporal raster layers that the QGIS temporal controller navigates.

Approach (portable to QGIS 3.22): one raster layer per soil layer, each a multi-band source with one
band per day (a GeoTIFF whose band descriptions are ISO dates, or a VRT stacking the daily slices
``ZARR:"store":/sml1_p:<t>`` of every Zarr v2 store of a product, e.g. all yearly
``SMRFR_YYYY_v1.0.zarr`` of a folder, in date order: a multi-year product is one layer per soil
layer). Each layer gets a fixed temporal range covering its days (so it hides outside them) and
keeps its dates in the custom property ``smrfr/dates``.
:class:`BandSwitcher` follows the canvas temporal range and shows, in every such layer, the band of
the day the current frame starts in (nothing on a day it has no band of). The layer tree stays small
(one layer per soil layer, not one per day) and the dates travel with the project. On QGIS >= 3.38 the
native per-band fixed ranges are set as well, so exports and animations render the right day without the
switcher.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from qgis.core import (
    QgsDateTimeRange,
    QgsInterval,
    QgsLayerTreeGroup,
    QgsProject,
    QgsRasterLayer,
    QgsRasterLayerTemporalProperties,
    QgsSingleBandGrayRenderer,
    QgsSingleBandPseudoColorRenderer,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QObject

from smrfr_engine.errors import SmrfrError
from smrfr_engine.layers import layer_extras

from .i18n import tr
from .styling import style_result

DATES_PROPERTY = "smrfr/dates"
#: the product (folder, store, file) a layer of :func:`load_product` shows a variable of
PRODUCT_PROPERTY = "smrfr/product"
#: the renderer's opacity of a layer hidden on a day it has no band of (:func:`show_day`)
OPACITY_PROPERTY = "smrfr/opacity"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def qdatetime(day: dt.date) -> QDateTime:
    """The start of ``day`` in local time (the temporal controller works in local time): midnight, or the
    first moment of a day whose midnight daylight saving time skips (Brazil until 2019: 01:00)."""
    return QDate(day.year, day.month, day.day).startOfDay()


def day_range(first: dt.date, last: dt.date) -> QgsDateTimeRange:
    """``first`` 00:00 to ``last + 1 day`` 00:00, end excluded: the whole of each day."""
    return QgsDateTimeRange(qdatetime(first), qdatetime(last + dt.timedelta(days=1)), True, False)


def band_dates(path: str) -> list[dt.date]:
    """The date of every band of a daily raster, read from the band descriptions (ISO dates)."""
    from osgeo import gdal

    dataset = gdal.Open(str(path))
    if dataset is None:
        raise SmrfrError(f"cannot open {path} as a raster")
    descriptions = [dataset.GetRasterBand(i + 1).GetDescription() for i in range(dataset.RasterCount)]
    if not descriptions or not all(ISO_DATE.match(text) for text in descriptions):
        raise SmrfrError(f"{path}: band descriptions must be ISO dates (YYYY-MM-DD), found "
                         f"{', '.join(descriptions[:3]) or 'no bands'}")
    return [dt.date.fromisoformat(text[:10]) for text in descriptions]


def layer_label(path: str) -> str:
    """``sml1_p 0-5 cm`` from the file's name and its ``LAYER_TOP``/``LAYER_BOTTOM`` (or Zarr
    ``depth_top_cm``/``depth_bottom_cm``) metadata, any case."""
    from osgeo import gdal

    stem = Path(path).stem
    dataset = gdal.Open(str(path))
    metadata = dataset.GetMetadata() if dataset is not None else {}
    if dataset is not None and dataset.RasterCount:
        metadata = {**dataset.GetRasterBand(1).GetMetadata(), **metadata}
    metadata = {key.lower(): value for key, value in metadata.items()}
    for top, bottom in (("layer_top", "layer_bottom"), ("depth_top_cm", "depth_bottom_cm")):
        try:
            return f"{stem} {float(metadata[top]):g}-{float(metadata[bottom]):g} cm"
        except (KeyError, ValueError):
            continue
    return stem


def zarr_dates(store: str, variable: str) -> list[dt.date]:
    """Dates of ``variable``'s time axis in a Zarr v2 store (CF ``<unit> since <date>`` encoding)."""
    from osgeo import gdal

    dataset = gdal.OpenEx(str(store), gdal.OF_MULTIDIM_RASTER)
    array = dataset.GetRootGroup().OpenMDArray(variable) if dataset is not None else None
    if array is None:
        raise SmrfrError(f"{store}: no variable {variable!r} readable by GDAL (Zarr v2 expected)")
    time = array.GetDimensions()[0].GetIndexingVariable()
    attribute = time.GetAttribute("units")
    units = time.GetUnit() or (attribute.Read() if attribute is not None else "")
    return cf_dates(time.ReadAsArray().tolist(), units)


def cf_dates(values: Sequence[float], units: str) -> list[dt.date]:
    """Dates of CF time ``values`` in ``units`` such as ``days since 2020-01-01`` (or hours/seconds)."""
    match = re.match(r"\s*(days|hours|minutes|seconds)\s+since\s+(\d{4}-\d{1,2}-\d{1,2})(?:[ T](\S+))?",
                     units)
    if not match:
        raise SmrfrError(f"unsupported time units {units!r}: expected '<days|hours|seconds> since <date>'")
    origin = dt.datetime.combine(dt.date.fromisoformat("-".join(f"{int(p):02d}" for p in
                                                                match.group(2).split("-"))),
                                 dt.time.fromisoformat(match.group(3)) if match.group(3) else dt.time())
    return [(origin + dt.timedelta(**{match.group(1): float(v)})).date() for v in values]


def zarr_vrt(stores: Sequence[str], variable: str, path: str) -> str:
    """A VRT at ``path`` stacking the daily slices of ``variable`` of all ``stores`` in date order, bands
    described by ISO dates, with the variable's attributes (depths) as metadata."""
    from osgeo import gdal

    days = sorted((day, f'ZARR:"{store}":/{variable}:{index}')
                  for store in stores for index, day in enumerate(zarr_dates(store, variable)))
    sources = [source for _, source in days]
    vrt = gdal.BuildVRT(path, sources, options=gdal.BuildVRTOptions(separate=True))
    if vrt is None:
        raise SmrfrError(f"cannot read {sources[0]} with GDAL")
    vrt.SetMetadata(gdal.Open(sources[0]).GetMetadata())
    for index, (day, _) in enumerate(days, start=1):
        vrt.GetRasterBand(index).SetDescription(day.isoformat())
    del vrt  # closing writes the VRT
    return path


def zarr_variables(store: str) -> list[str]:
    """The (time, lat, lon) variables of a Zarr v2 store, as GDAL reads them."""
    from osgeo import gdal

    dataset = gdal.OpenEx(str(store), gdal.OF_MULTIDIM_RASTER)
    if dataset is None:
        raise SmrfrError(f"GDAL cannot read the Zarr store {store} (Zarr format 2 expected)")
    root = dataset.GetRootGroup()
    return [name for name in root.GetMDArrayNames() if len(root.OpenMDArray(name).GetDimensions()) == 3]


def zarr_rasters(stores: Sequence[str]) -> list[str]:
    """One VRT per variable over every day of every store (in a new temporary folder)."""
    from qgis.core import QgsProcessingUtils

    variables = {str(store): zarr_variables(str(store)) for store in stores}
    names = raster_order({name for found in variables.values() for name in found})
    folder = Path(QgsProcessingUtils.generateTempFilename("smrfr_layers"))
    folder.mkdir(parents=True, exist_ok=True)
    return [zarr_vrt([store for store, found in variables.items() if name in found], name,
                     str(folder / f"{name}.vrt")) for name in names]


def raster_order(names: Iterable[str]) -> list[str]:
    """The variable names in load order: moisture layers in depth order, then the other variables of a layer
    (``sml1_p_sd``, ``10cm_anomaly``: :func:`~smrfr_engine.layers.layer_extras`); numbers in names compare
    as numbers (SMCI1.0's ``10cm`` before ``100cm``)."""
    names = list(names)
    extras = layer_extras(names)
    return sorted(names, key=lambda name: (name in extras, [int(part) if part.isdigit() else part
                                                             for part in re.split(r"(\d+)", name)]))


def stored_dates(layer) -> list[dt.date]:
    """The band dates kept in a layer's ``smrfr/dates`` property (empty for other layers)."""
    text = layer.customProperty(DATES_PROPERTY, "") or ""
    return [dt.date.fromisoformat(part) for part in str(text).split(",") if part]


def band_for(dates: Sequence[dt.date], day: dt.date) -> int:
    """1-based band of the last date on or before ``day`` (the first band before the first date)."""
    return max(1, bisect.bisect_right(list(dates), day))


def show_band(layer, band: int) -> bool:
    """Render ``band`` with the layer's current single-band renderer; False if it has none."""
    renderer = layer.renderer()
    if isinstance(renderer, QgsSingleBandPseudoColorRenderer):
        if renderer.band() != band:
            renderer.setBand(band)
            layer.triggerRepaint()
        return True
    if isinstance(renderer, QgsSingleBandGrayRenderer):
        if renderer.grayBand() != band:
            renderer.setGrayBand(band)
            layer.triggerRepaint()
        return True
    return False


def show_day(layer, dates: Sequence[dt.date], day: dt.date) -> None:
    """Render the band of ``day``; on a day the layer has no band of (a gap such as a noleap year's 29
    February, or the day before its first, which QGIS 3.22 counts as in its range) render nothing rather
    than another day's band. A hidden layer keeps its renderer's opacity in ``smrfr/opacity``."""
    if not show_band(layer, band_for(dates, day)):
        return
    renderer, kept = layer.renderer(), layer.customProperty(OPACITY_PROPERTY)
    if day in dates and kept is not None:
        renderer.setOpacity(float(kept))
        layer.removeCustomProperty(OPACITY_PROPERTY)
    elif day not in dates and kept is None:
        layer.setCustomProperty(OPACITY_PROPERTY, renderer.opacity())
        renderer.setOpacity(0.0)
    else:
        return
    layer.triggerRepaint()


def daily_layer(path: str, name: str | None = None, dates: Sequence[dt.date] | None = None) -> QgsRasterLayer:
    """A styled temporal layer over a daily multi-band raster (see the module docstring)."""
    dates = list(dates or band_dates(path))
    layer = QgsRasterLayer(str(path), name or layer_label(path), "gdal")
    if not layer.isValid():
        raise SmrfrError(f"QGIS cannot open {path} as a raster layer")
    layer.setCustomProperty(DATES_PROPERTY, ",".join(day.isoformat() for day in dates))
    style_result(layer, 1)
    properties = layer.temporalProperties()
    properties.setMode(QgsRasterLayerTemporalProperties.ModeFixedTemporalRange)
    properties.setFixedTemporalRange(day_range(dates[0], dates[-1]))
    if hasattr(properties, "setFixedRangePerBand"):  # QGIS >= 3.38: native per-band ranges
        from qgis.core import Qgis

        properties.setFixedRangePerBand({i: day_range(d, d) for i, d in enumerate(dates, start=1)})
        properties.setMode(Qgis.RasterTemporalMode.FixedRangePerBand)
    properties.setIsActive(True)
    return layer


def group_name(first: dt.date, last: dt.date) -> str:
    return f"SMRFR {first.isoformat()}" + (f" – {last.isoformat()}" if last != first else "")


def add_daily_layers(paths: Iterable[str], project: QgsProject | None = None,
                     canvas=None) -> tuple[QgsLayerTreeGroup, list[QgsRasterLayer]]:
    """Add one temporal layer per daily raster (GeoTIFF, VRT) in a top group ``SMRFR <dates>``; the canvas
    temporal controller spans the days of every SMRFR layer of the project (an earlier load stays
    reachable), one-day frames, and shows the first day of this load."""
    project = project or QgsProject.instance()
    layers = [daily_layer(str(path)) for path in paths]
    if not layers:
        raise SmrfrError(tr("The run produced no raster layers to add."))
    all_dates = sorted({day for layer in layers for day in stored_dates(layer)})
    group = project.layerTreeRoot().insertGroup(0, group_name(all_dates[0], all_dates[-1]))
    for layer in layers:
        project.addMapLayer(layer, False)
        group.addLayer(layer)
    if canvas is not None:
        loaded = sorted({day for layer in project.mapLayers().values() for day in stored_dates(layer)})
        set_controller(canvas, loaded[0], loaded[-1], shown=all_dates[0])
    return group, layers


def load_product(folder: str, project: QgsProject | None = None,
                 canvas=None) -> tuple[QgsLayerTreeGroup, list[QgsRasterLayer]]:
    """:func:`add_daily_layers` of a product's rasters (:func:`product_rasters`); each layer remembers the
    product (``smrfr/product``) so it can be read as the product again (:func:`layer_product`), not through
    its temporary VRT."""
    group, layers = add_daily_layers(product_rasters(folder), project, canvas)
    for layer in layers:
        layer.setCustomProperty(PRODUCT_PROPERTY, str(folder))
    return group, layers


def layer_product(layer) -> tuple[str, str] | None:
    """The product a layer of :func:`load_product` comes from and the variable it shows, else None."""
    product = layer.customProperty(PRODUCT_PROPERTY, "") if layer is not None else ""
    return (str(product), Path(layer.source()).stem) if product else None


def product_rasters(folder: str) -> list[str]:
    """The daily rasters of a product: GeoTIFFs (one per layer), or one VRT per variable over all the
    Zarr stores of a folder (or one store); moisture layers first in depth order, then the others."""
    path = Path(folder)
    if path.suffix.lower() == ".zarr":
        return zarr_rasters([str(path)])
    if path.is_file():
        return [str(path)]
    stores = sorted(path.glob("*.zarr"))
    if stores:
        return zarr_rasters([str(store) for store in stores])
    tifs = {file.stem: str(file) for file in path.glob("*.tif")}
    return [tifs[name] for name in raster_order(tifs)]


def set_controller(canvas, first: dt.date, last: dt.date, shown: dt.date | None = None) -> None:
    """Temporal controller: extent ``first..last`` (whole days), one-day frames, animated navigation
    mode on; the canvas shows the day ``shown`` (default the first)."""
    controller = canvas.temporalController()
    shown = shown or first
    if controller is not None and hasattr(controller, "setFrameDuration"):
        controller.setFrameDuration(QgsInterval(1, QgsUnitTypes.TemporalDays))
        controller.setTemporalExtents(day_range(first, last))
        if controller.navigationMode() == controller.NavigationOff:
            controller.setNavigationMode(controller.Animated)
        controller.setCurrentFrameNumber((shown - first).days)
    canvas.setTemporalRange(day_range(shown, shown))


class BandSwitcher(QObject):
    """Shows the band of the current day in every SMRFR temporal layer of the project (see module doc)."""

    def __init__(self, canvas, project: QgsProject | None = None):
        super().__init__()
        self.canvas = canvas
        self.project = project or QgsProject.instance()
        canvas.temporalRangeChanged.connect(self.update)
        self.project.layersAdded.connect(self.update)

    def update(self, *_args) -> None:
        begin = self.canvas.temporalRange().begin()
        if not begin.isValid():
            return
        day = begin.date().toPyDate()
        for layer in self.project.mapLayers().values():
            dates = stored_dates(layer) if isinstance(layer, QgsRasterLayer) else []
            if dates:
                show_day(layer, dates, day)

    def detach(self) -> None:
        self.canvas.temporalRangeChanged.disconnect(self.update)
        self.project.layersAdded.disconnect(self.update)

"""Daily results load as temporal layers the temporal controller navigates, from GeoTIFF and Zarr."""

import datetime as dt

import numpy as np
import pytest
from qgis.core import (
    QgsInterval,
    QgsProject,
    QgsRaster,
    QgsRasterLayerTemporalProperties,
    QgsSingleBandPseudoColorRenderer,
    QgsTemporalNavigationObject,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QDate

from smrfr_engine.errors import SmrfrError
from smrfr_qgis.temporal import (
    add_daily_layers,
    band_for,
    cf_dates,
    day_range,
    product_rasters,
    stored_dates,
)

DAYS = [dt.date(2020, 1, 30) + dt.timedelta(days=i) for i in range(4)]
WEST, NORTH, CELL = 10.0, 50.0, 0.5


def cube(offset: float) -> np.ndarray:
    """Day i of layer ``offset`` holds 0.1 * (i + 1) + offset (known values per band), the corner cell 0.05
    more."""
    data = np.stack([np.full((3, 4), 0.1 * (i + 1) + offset, "float32") for i in range(len(DAYS))])
    data[:, 0, 0] += 0.05
    return data


def write_geotiff(path, data, top, bottom, descriptions=None):
    import rasterio
    from rasterio.transform import from_origin

    with rasterio.open(path, "w", driver="GTiff", width=4, height=3, count=len(data), dtype="float32",
                       crs="EPSG:4326", transform=from_origin(WEST, NORTH, CELL, CELL), nodata=np.nan) as out:
        out.write(data)
        out.update_tags(layer_top=top, layer_bottom=bottom)
        for index, text in enumerate(descriptions or [d.isoformat() for d in DAYS], start=1):
            out.set_band_description(index, text)


@pytest.fixture()
def product(tmp_path):
    folder = tmp_path / "product"
    folder.mkdir()
    write_geotiff(folder / "sml1_p.tif", cube(0.0), 0, 5)
    write_geotiff(folder / "sml2_p.tif", cube(0.01), 5, 10)
    return folder


def value_at_centre(layer):
    centre = layer.extent().center()
    return layer.dataProvider().identify(centre, QgsRaster.IdentifyFormatValue).results()


def test_geotiffs_load_as_styled_temporal_layers_in_a_dated_group(canvas, product):
    group, layers = add_daily_layers(product_rasters(str(product)), canvas=canvas)
    assert group.name() == "SMRFR 2020-01-30 – 2020-02-02"
    assert QgsProject.instance().layerTreeRoot().children()[0] == group
    assert [layer.name() for layer in layers] == ["sml1_p 0-5 cm", "sml2_p 5-10 cm"]
    layer = layers[0]
    assert layer.crs().authid() == "EPSG:4326"
    extent = layer.extent()
    assert (extent.xMinimum(), extent.yMaximum(), extent.xMaximum(), extent.yMinimum()) == (10, 50, 12, 48.5)
    properties = layer.temporalProperties()
    assert properties.isActive()
    assert properties.mode() == QgsRasterLayerTemporalProperties.ModeFixedTemporalRange
    assert properties.fixedTemporalRange().begin().date() == QDate(2020, 1, 30)
    assert properties.fixedTemporalRange().end().date() == QDate(2020, 2, 3)
    assert stored_dates(layer) == DAYS
    renderer = layer.renderer()
    assert isinstance(renderer, QgsSingleBandPseudoColorRenderer)
    assert (renderer.classificationMin(), renderer.classificationMax()) == (0.0, 0.6)


def test_controller_gets_the_dates_and_one_day_frames_and_bands_follow_the_frame(canvas, product):
    _, layers = add_daily_layers(product_rasters(str(product)), canvas=canvas)
    controller = canvas.temporalController()
    assert controller.frameDuration() == QgsInterval(1, QgsUnitTypes.TemporalDays)
    assert controller.temporalExtents() == day_range(DAYS[0], DAYS[-1])
    assert controller.totalFrameCount() == 4
    assert controller.navigationMode() == QgsTemporalNavigationObject.Animated
    assert layers[0].renderer().band() == 1
    controller.next()
    controller.next()
    assert canvas.temporalRange().begin().date() == QDate(2020, 2, 1)
    assert [layer.renderer().band() for layer in layers] == [3, 3]
    assert value_at_centre(layers[1])[3] == pytest.approx(0.31)


def test_zarr_store_loads_through_gdal_with_its_dates(canvas, tmp_path):
    import pandas as pd
    import xarray as xr

    lat = NORTH - CELL / 2 - CELL * np.arange(3)
    lon = WEST + CELL / 2 + CELL * np.arange(4)
    ds = xr.Dataset({"sml1_p": (("time", "lat", "lon"), cube(0.0))},
                    coords={"time": pd.to_datetime(DAYS), "lat": lat, "lon": lon})
    store = tmp_path / "SMRFR_2020_v1.0.zarr"
    ds.to_zarr(store, zarr_format=2, consolidated=True)
    paths = product_rasters(str(store))
    assert len(paths) == 1 and paths[0].endswith(".vrt")
    _, layers = add_daily_layers(paths, canvas=canvas)
    assert stored_dates(layers[0]) == DAYS
    canvas.setTemporalRange(day_range(DAYS[1], DAYS[1]))
    assert layers[0].renderer().band() == 2
    assert value_at_centre(layers[0])[2] == pytest.approx(0.2)


def write_store(path, days, offset=0.0):
    import pandas as pd
    import xarray as xr

    lat = NORTH - CELL / 2 - CELL * np.arange(3)
    lon = WEST + CELL / 2 + CELL * np.arange(4)
    values = np.stack([np.full((3, 4), 0.01 * (day - days[0]).days + offset, "float32") for day in days])
    dims = ("time", "lat", "lon")
    ds = xr.Dataset({"sml1_p": (dims, values, {"depth_top_cm": 0, "depth_bottom_cm": 5}),
                     "sml2_p": (dims, values + 0.1, {"depth_top_cm": 5, "depth_bottom_cm": 10})},
                    coords={"time": pd.to_datetime(days), "lat": lat, "lon": lon})
    ds.to_zarr(path, zarr_format=2, consolidated=True)


def test_yearly_zarr_stores_load_as_one_layer_per_soil_layer_over_all_years(canvas, tmp_path):
    folder = tmp_path / "product"
    december = [dt.date(2019, 12, 30), dt.date(2019, 12, 31)]
    january = [dt.date(2020, 1, 1), dt.date(2020, 1, 2), dt.date(2020, 1, 3)]
    write_store(folder / "SMRFR_2020_v1.0.zarr", january, offset=0.02)
    write_store(folder / "SMRFR_2019_v1.0.zarr", december)
    group, layers = add_daily_layers(product_rasters(str(folder)), canvas=canvas)
    assert group.name() == "SMRFR 2019-12-30 – 2020-01-03"
    assert [layer.name() for layer in layers] == ["sml1_p 0-5 cm", "sml2_p 5-10 cm"]
    assert all(layer.bandCount() == 5 and stored_dates(layer) == december + january for layer in layers)
    assert canvas.temporalController().totalFrameCount() == 5
    canvas.setTemporalRange(day_range(january[1], january[1]))  # across the year boundary
    assert [layer.renderer().band() for layer in layers] == [4, 4]
    assert value_at_centre(layers[0])[2] == pytest.approx(0.01)  # 31 Dec, second day of 2019
    assert value_at_centre(layers[0])[4] == pytest.approx(0.03)  # 2 Jan, second day of 2020
    assert value_at_centre(layers[1])[4] == pytest.approx(0.13)


def test_a_second_load_extends_the_controller_over_both_and_shows_its_own_first_day(canvas, tmp_path):
    december = [dt.date(2019, 12, 30), dt.date(2019, 12, 31)]
    march = [dt.date(2020, 3, 1), dt.date(2020, 3, 2)]
    write_store(tmp_path / "a" / "SMRFR_2019_v1.0.zarr", december)
    write_store(tmp_path / "b" / "SMRFR_2020_v1.0.zarr", march)
    _, first = add_daily_layers(product_rasters(str(tmp_path / "a")), canvas=canvas)
    _, second = add_daily_layers(product_rasters(str(tmp_path / "b")), canvas=canvas)
    controller = canvas.temporalController()
    assert controller.temporalExtents() == day_range(december[0], march[-1])
    assert canvas.temporalRange().begin().date() == QDate(2020, 3, 1)
    assert controller.currentFrameNumber() == (march[0] - december[0]).days
    controller.setCurrentFrameNumber(1)  # back to the first load's last day
    assert canvas.temporalRange().begin().date() == QDate(2019, 12, 31)
    assert first[0].renderer().band() == 2


def test_bad_inputs_are_user_errors(tmp_path):
    write_geotiff(tmp_path / "x.tif", cube(0.0), 0, 5, descriptions=["a", "b", "c", "d"])
    with pytest.raises(SmrfrError, match="band descriptions must be ISO dates"):
        add_daily_layers([str(tmp_path / "x.tif")])
    with pytest.raises(SmrfrError, match="unsupported time units"):
        cf_dates([1], "fortnights since 2020-01-01")


def test_cf_dates_and_band_lookup():
    assert cf_dates([0, 1, 31], "days since 2020-01-01") == [dt.date(2020, 1, 1), dt.date(2020, 1, 2),
                                                             dt.date(2020, 2, 1)]
    assert cf_dates([36], "hours since 2020-1-1 00:00:00") == [dt.date(2020, 1, 2)]
    assert [band_for(DAYS, day) for day in (dt.date(2019, 1, 1), DAYS[0], DAYS[2], dt.date(2021, 1, 1))] == [
        1, 1, 3, 4]

"""Products: readers onto the common model, writers that round-trip exactly, operations, bad input."""

import contextlib
import importlib
import json
import logging
import os
import re
import subprocess
import sys
import warnings

import geopandas
import numpy as np
import pandas as pd
import psutil
import pytest
import rasterio
import xarray as xr
from conftest_products import (
    LAT,
    LON,
    UTM_DAYS,
    UTM_EASTING,
    UTM_NORTHING,
    YEARS,
    old_axis_names,
    smrfr_folder,
    somo_folder,
    truth,
    utm_folder,
    utm_truth,
)
from recorder import Recorder
from shapely.geometry import Polygon, box

from smrfr_engine.cli import main
from smrfr_engine.errors import SmrfrError
from smrfr_engine.feedback import Cancelled
from smrfr_engine.products import (
    anomalies,
    anomaly,
    depth_aggregate,
    info,
    open_product,
    point_series,
    root_zone,
    sample_points,
    select,
    subset,
    write_product,
    zonal_stats,
)
from smrfr_engine.products.anomaly import noleap_doy
from smrfr_engine.products.aoi import crop, load_aoi
from smrfr_engine.products.ops import format_info
from smrfr_engine.products.zonal import day_blocks
from smrfr_engine.stations.screen import open_surface_product

ALL_DAYS = YEARS[2019].append(YEARS[2020])


@pytest.fixture()
def product(tmp_path):
    return smrfr_folder(tmp_path / "smrfr")


def expected(layer, days=ALL_DAYS):
    return truth(layer, days)


# ---------------------------------------------------------------- readers and the common model


def write_band(path, values, crs, transform, nodata=None) -> None:
    """A one-band GeoTIFF of the 2-D ``values`` (its dtype) in ``crs`` with ``transform``."""
    with rasterio.open(path, "w", driver="GTiff", width=values.shape[1], height=values.shape[0], count=1,
                       dtype=values.dtype, crs=crs, transform=transform, nodata=nodata) as dst:
        dst.write(values, 1)


def test_smrfr_folder_reads_across_years_as_the_common_model(product):
    ds = open_product(product)
    sm = ds["soil_moisture"]
    assert sm.dims == ("layer", "time", "lat", "lon") and sm.dtype == np.float32
    assert sm.chunks is not None  # lazy, dask-backed
    assert list(ds.layer.values) == [f"sml{i}_p" for i in range(1, 6)]
    assert list(ds.layer_top.values) == [0, 5, 10, 30, 50] and list(ds.layer_bottom.values) == [
        5,
        10,
        30,
        50,
        100,
    ]
    assert ds.attrs["product"] == "smrfr" and ds.attrs["crs"] == "EPSG:4326"
    np.testing.assert_array_equal(ds.lat.values, LAT)
    np.testing.assert_array_equal(ds.lon.values, LON)
    assert pd.DatetimeIndex(ds.time.values).equals(ALL_DAYS)
    np.testing.assert_array_equal(sm.sel(layer="sml3_p").values, expected(3))


@pytest.mark.parametrize(
    "variant",
    [
        {"names": ("latitude", "longitude")},
        {"names": ("y", "x")},
        {"ascending": True},
        {"zarr_format": 3},
        {"consolidated": False},
        {"zarr_format": 3, "consolidated": False, "ascending": True},
    ],
)
def test_store_variants_give_the_same_model(tmp_path, variant):
    ds = open_product(smrfr_folder(tmp_path / "v", **variant))
    np.testing.assert_array_equal(ds.lat.values, LAT)
    np.testing.assert_array_equal(ds["soil_moisture"].sel(layer="sml1_p").values, expected(1))


def test_era5_hourly_0_360_valid_time_becomes_daily_means_in_minus_180_180(tmp_path):
    hours = pd.date_range("2020-01-01", periods=48, freq="h")
    lon = np.array([0.0, 90.0, 180.0, 270.0])
    lat = np.array([-10.0, 0.0, 10.0])
    base = np.arange(48, dtype="float32")[:, None, None] + np.zeros((1, 3, 4), "float32")
    data = {
        f"swvl{i}": (("valid_time", "latitude", "longitude"), base / 100 + i + lon[None, None, :] / 1000)
        for i in range(1, 5)
    }
    xr.Dataset(data, coords={"valid_time": hours, "latitude": lat, "longitude": lon}).to_netcdf(
        tmp_path / "era5.nc"
    )
    ds = open_product(tmp_path / "era5.nc")
    assert ds.attrs["product"] == "era5" and list(ds.layer_bottom.values) == [7, 28, 100, 289]
    assert list(ds.lon.values) == [-180, -90, 0, 90] and list(ds.lat.values) == [10, 0, -10]
    assert pd.DatetimeIndex(ds.time.values).equals(pd.date_range("2020-01-01", periods=2))
    day1 = ds["soil_moisture"].sel(layer="swvl2", lon=-90).isel(time=0, lat=0).values
    assert day1 == pytest.approx(np.mean(np.arange(24)) / 100 + 2 + 0.27, abs=1e-6)


def test_somo_smci_gssm_and_described_products(tmp_path):
    days = pd.date_range("2010-01-01", periods=3)
    lat, lon = np.array([40.5, 40.0]), np.array([100.0, 100.5, 101.0])
    ds = open_product(somo_folder(tmp_path / "somo"))
    assert ds.attrs["product"] == "somo" and list(ds.layer_bottom.values) == [10, 30, 50]
    assert float(ds["soil_moisture"].sel(layer="layer3").max()) == pytest.approx(0.3)

    smci = tmp_path / "smci"
    smci.mkdir()
    for depth in (10, 20):
        raw = np.array([[[250, -999, 300]] * 2] * 3, dtype="int16")
        xr.Dataset({"SMCI": (("time", "lat", "lon"), raw)}, coords={"lat": lat, "lon": lon}).to_netcdf(
            smci / f"SMCI_9km_2010_{depth}cm.nc"
        )
    ds = open_product(smci)
    assert ds.attrs["product"] == "smci" and list(ds.layer.values) == ["10cm", "20cm"]
    assert pd.Timestamp(ds.time.values[0]) == pd.Timestamp("2010-01-01")
    cells = ds["soil_moisture"].isel(layer=1, time=2, lat=0).values
    assert cells[0] == pytest.approx(0.25) and np.isnan(cells[1]) and cells[2] == pytest.approx(0.3)

    gssm = tmp_path / "gssm"
    gssm.mkdir()
    for index, day in enumerate(("20200105", "20200106")):
        write_band(gssm / f"GSSM_{day}.tif", np.array([[0.2 + index, -1, 0.3]] * 2, "float32"), "EPSG:32633",
                   rasterio.transform.from_origin(500000, 4500020, 10, 10), nodata=-1)
    ds = open_product(gssm)
    assert ds.attrs["product"] == "gssm" and "32633" in ds.attrs["crs"] and ds.attrs["resolution"] == (10, 10)
    assert list(ds.lon.values) == [500005, 500015, 500025] and list(ds.lat.values) == [4500015, 4500005]
    assert np.isnan(ds["soil_moisture"].values[0, 1, 0, 1])
    assert ds["soil_moisture"].values[0, 1, 0, 0] == np.float32(1.2)

    description = {
        "layers": [{"name": "top", "variable": "SM_A", "top": 0, "bottom": 7}],
        "scale": 0.01,
        "fill": -1,
        "crs": "EPSG:4326",
    }
    raw = np.array([[[20, -1, 30]] * 2] * 3, dtype="int16")
    xr.Dataset({"SM_A": (("time", "y", "x"), raw)}, coords={"time": days, "y": lat, "x": lon}).to_netcdf(
        tmp_path / "custom.nc"
    )
    (tmp_path / "custom.json").write_text(json.dumps(description))
    ds = open_product(tmp_path / "custom.nc", description=tmp_path / "custom.json")
    assert ds.attrs["product"] == "custom" and float(ds.layer_bottom[0]) == 7
    assert ds["soil_moisture"].values[0, 0, 0, 0] == pytest.approx(0.2) and np.isnan(
        ds["soil_moisture"].values[0, 0, 0, 1]
    )


def test_a_described_netcdf_masks_the_fill_value_it_declares(tmp_path):
    """A description without "fill" read the file's own _FillValue (ESA CCI: -9999) as data: -99.99 m3/m3
    with a percent scale; the declared fill (or missing_value) is nodata, as a GeoTIFF's nodata is."""
    days = pd.date_range("2020-01-01", periods=2)
    lat, lon = np.array([45.5, 45.0]), np.array([10.0, 10.5])
    raw = np.array([[[25.0, -9999.0], [30.0, 31.0]], [[26.0, 27.0], [-5.0, 33.0]]], "float32")
    cube = xr.Dataset({"sm": (("time", "lat", "lon"), raw)}, coords={"time": days, "lat": lat, "lon": lon})
    cube.to_netcdf(tmp_path / "cci.nc", encoding={"sm": {"_FillValue": -9999.0}})
    cube["sm"].attrs["missing_value"] = -5.0
    cube.to_netcdf(tmp_path / "other.nc", encoding={"sm": {"_FillValue": None}})
    description = {"layers": [{"name": "sm", "variable": "sm", "top": 0, "bottom": 5}], "scale": 0.01}
    for name in ("cci.nc", "other.nc"):
        with open_product(tmp_path / name, description=description) as ds:
            values = ds["soil_moisture"].sel(layer="sm").values
        expected = np.where(raw == (-9999.0 if name == "cci.nc" else -5.0), np.nan, raw / 100)
        np.testing.assert_allclose(values, expected, rtol=1e-6)
    # numbers written as text in the JSON: read as numbers, or refused by name (was a dask TypeError)
    with open_product(tmp_path / "cci.nc", description=description | {"scale": "0.01"}) as ds:
        assert float(ds["soil_moisture"][0, 0, 0, 0]) == pytest.approx(0.25)
    with pytest.raises(SmrfrError, match="^the scale of a product description must be a number, not 'perc"):
        open_product(tmp_path / "cci.nc", description=description | {"scale": "percent"})


@pytest.mark.parametrize(("names", "message"), [
    (["0:10cm"], "layer name '0:10cm' of the product description cannot name its files: it holds ':', which "
                 "Windows refuses in file names; rename the layer"),
    (["top/sub"], "layer name 'top/sub' .* it holds '/'"),
    (["aux"], "layer name 'aux' .* Windows reserves it for a device"),
    (["COM1.top"], "layer name 'COM1.top' .* Windows reserves it for a device"),
    (["top."], "layer name 'top.' .* Windows drops a trailing dot or space"),
    (["Top", "top"], "layers 'Top' and 'top' of the product description would name the same files on Windows "
                     "and macOS, which tell no case: give each layer its own name"),
])
def test_description_layer_names_that_cannot_name_files_everywhere_are_refused(tmp_path, names, message):
    """A layer's name names its GeoTIFF (``<name>.tif``), its Zarr variable and its QGIS VRT. On Linux a
    described product with layers 'Top' and 'top' exported two GeoTIFFs; on Windows and macOS (no case in
    file names) the second overwrote the first, and '0:10cm.tif' on NTFS is a stream of a file '0'."""
    values = np.full((2, 2, 2), 0.2, "float32")
    cube = xr.Dataset({name: (("time", "lat", "lon"), values) for name in ("a", "b")},
                      coords={"time": pd.date_range("2020-01-01", periods=2), "lat": [45.5, 45.0],
                              "lon": [10.0, 10.5]})
    cube.to_netcdf(tmp_path / "two.nc")

    def described(names):
        return {"layers": [{"name": name, "variable": variable, "top": 0, "bottom": 5}
                           for name, variable in zip(names, "ab")]}

    with pytest.raises(SmrfrError, match=f"^{message}"):
        open_product(tmp_path / "two.nc", description=described(names))
    with open_product(tmp_path / "two.nc", description=described(["top 0-5 cm", "deep"])) as ds:
        assert list(ds.layer.values) == ["top 0-5 cm", "deep"]


def held_files(folder) -> list[str]:
    """The files under ``folder`` this process holds open."""
    return [file.path for file in psutil.Process().open_files() if file.path.startswith(f"{folder}/")]


@pytest.mark.parametrize("fail", [
    lambda somo, out: point_series(somo, 0, 0),
    lambda somo, out: subset(somo, out / "cut.nc", bbox=(0, 0, 1, 1)),
    lambda somo, out: zonal_stats(somo, far_zone(out), "name"),
    lambda somo, out: open_product(write_grid_mismatch(somo)),
], ids=["series", "subset", "zonal", "reader"])
def test_a_product_closes_its_files_when_closed_or_when_an_operation_fails(tmp_path, fail):
    somo = somo_folder(tmp_path / "somo")
    ds = open_product(somo)
    assert len(held_files(somo)) == 3  # open while the product is lazy
    ds.close()
    assert held_files(somo) == []
    with pytest.raises(SmrfrError) as caught:  # its traceback keeps the operation's locals alive
        fail(somo, tmp_path)
    assert held_files(somo) == [], caught.value


def write_grid_mismatch(somo):
    """A fourth SoMo.ml file, of layer 1 in 2011, on another grid than the others."""
    xr.Dataset({"sm": (("time", "lat", "lon"), np.zeros((1, 1, 1), "float32"))},
               coords={"time": [pd.Timestamp("2011-01-01")], "lat": [0.0], "lon": [0.0]}).to_netcdf(
        somo / "SoMo.ml_v1_layer1_2011.nc")
    return somo


def far_zone(folder):
    """A GeoPackage of one zone, ``far``, far from the SoMo.ml cells."""
    path = folder / "zones.gpkg"
    geopandas.GeoDataFrame({"name": ["far"]}, geometry=[box(0, 0, 1, 1)], crs="EPSG:4326").to_file(path)
    return path


@pytest.mark.parametrize(
    "encoding",
    [{"_FillValue": -999}, {"_FillValue": None}, {"_FillValue": -999, "scale_factor": 0.001}],
    ids=["fill-value", "no-fill-value", "own-scale-factor"],
)
def test_smci_integers_read_as_m3_m3_with_the_fill_as_nan(tmp_path, encoding):
    # int16 with a _FillValue is decoded to floats by xarray: still 0.001 m3/m3, never scaled twice
    lat, lon = np.array([-0.5, -1.0]), np.array([-51.5, -51.0, -50.5])
    raw = np.array([[[252, -999, 300]] * 2, [[255, -999, 301]] * 2], dtype="int16")
    if "scale_factor" in encoding:
        raw = raw * 0.001  # xarray packs these floats into int16 with the file's own scale_factor
    xr.Dataset({"SMCI": (("time", "lat", "lon"), raw)}, coords={"lat": lat, "lon": lon}).to_netcdf(
        tmp_path / "SMCI_9km_2019_10cm.nc", encoding={"SMCI": {"dtype": "int16", **encoding}}
    )
    ds = open_product(tmp_path)
    assert ds.attrs["product"] == "smci" and ds["soil_moisture"].dtype == np.float32
    assert pd.DatetimeIndex(ds.time.values).equals(pd.date_range("2019-01-01", periods=2))
    cells = ds["soil_moisture"].sel(layer="10cm", lat=-0.5).values
    np.testing.assert_allclose(cells[:, [0, 2]], [[0.252, 0.3], [0.255, 0.301]], rtol=1e-6)
    assert np.isnan(cells[:, 1]).all()


def test_a_folder_of_modis_composites_is_refused_not_read_as_gssm(tmp_path, capsys):
    modis = tmp_path / "modis"
    modis.mkdir()
    for index in ("NDVI", "EVI"):
        for day in ("2019-01-01", "2019-01-17"):
            write_band(modis / f"{index}_{day}.tif", np.full((2, 2), 5000, "int16"), "EPSG:4326",
                       rasterio.transform.from_origin(-52, 0, 0.5, 0.5))
    message = (
        f"unrecognised GeoTIFF product {modis} (found: EVI_2019-01-01.tif, EVI_2019-01-17.tif, "
        "NDVI_2019-01-01.tif, NDVI_2019-01-17.tif); expected GSSM-10 files with GSSM in the name "
        "(GSSM_YYYYMMDD.tif) or GeoTIFFs written by write_product (LAYER_NAME tags); "
        "give the product kind or a product description"
    )
    for read in (open_product, open_surface_product):
        with pytest.raises(SmrfrError, match=re.escape(message) + "$"):
            read(modis)
    assert main(["info", str(modis)]) == 2 and "unrecognised GeoTIFF product" in capsys.readouterr().err
    forced = open_product(modis / "NDVI_2019-01-01.tif", kind="gssm")
    assert forced.attrs["product"] == "gssm" and list(forced.layer.values) == ["ssm"]


def test_a_point_series_of_a_geotiff_folder_reads_one_window_of_each_file(tmp_path, monkeypatch):
    """The COGs ``write_product`` writes keep all bands of a tile together (pixel interleaved), and the reader
    read them band by band over the whole raster, decompressing every band for each: a point series of a
    GeoTIFF export of 600 x 800 cells x 60 days took 109 s (2 s from the Zarr store)."""
    days = pd.date_range("2021-01-01", periods=4)
    values = np.random.default_rng(0).random((4, 300, 600)).astype("float32")
    xr.Dataset({"sml1_p": (("time", "lat", "lon"), values)},
               coords={"time": days, "lat": 10 - 0.08 * (np.arange(300) + 0.5),
                       "lon": 0.08 * (np.arange(600) + 0.5)}).to_zarr(tmp_path / "p.zarr", zarr_format=2)
    subset(tmp_path / "p.zarr", tmp_path / "tifs")
    windows = []

    def recorded(self, *args, **kwargs):
        windows.append(kwargs.get("window"))
        return read(self, *args, **kwargs)

    read = rasterio.io.DatasetReader.read
    monkeypatch.setattr(rasterio.io.DatasetReader, "read", recorded)
    monkeypatch.setattr("smrfr_engine.products.readers.TIF_CHUNK_VALUES", 4 * 256 * 256)  # 4 days x a tile
    table, facts = point_series(tmp_path / "tifs", lon=30.01, lat=1.01)  # cell row 112, col 375
    assert (facts["cell_lon"], facts["cell_lat"]) == pytest.approx((30.04, 1.0))
    np.testing.assert_array_equal(table["sml1_p"].to_numpy(), values[:, 112, 375])
    assert windows == [rasterio.windows.Window(256, 0, 256, 256)]  # the tile holding the cell, every day
    with open_product(tmp_path / "tifs") as product:
        np.testing.assert_array_equal(product.soil_moisture.values[0], values)


# ---------------------------------------------------------------- writers round-trip exactly


@pytest.mark.parametrize("name", ["out.zarr", "out.nc", "tifs"])
def test_every_output_format_round_trips_values_crs_and_geotransform(product, tmp_path, name):
    source = open_product(product)
    out = write_product(source, tmp_path / name)
    back = open_product(out)
    np.testing.assert_array_equal(back["soil_moisture"].values, source["soil_moisture"].values)
    assert pd.DatetimeIndex(back.time.values).equals(ALL_DAYS)
    assert list(back.layer_top.values) == list(source.layer_top.values) and back.attrs["crs"] == "EPSG:4326"
    if name == "tifs":
        with rasterio.open(out / "sml4_p.tif") as src:
            assert src.transform.to_gdal() == (10.0, 0.5, 0.0, 43.0, 0.0, -0.5) and src.crs.to_epsg() == 4326
            assert src.descriptions[0] == "2019-12-28" and np.isnan(src.nodata)
            assert src.profile["tiled"] and src.profile["compress"] == "deflate"
            np.testing.assert_array_equal(src.read(6), expected(4)[5])
    elif name == "out.nc":
        with rasterio.open(f'NETCDF:"{out}":sml2_p') as src:
            assert src.transform.to_gdal() == (10.0, 0.5, 0.0, 43.0, 0.0, -0.5) and src.crs.to_epsg() == 4326
            np.testing.assert_array_equal(src.read(7), expected(2)[6])
        with xr.open_dataset(out) as raw:
            assert raw.attrs["Conventions"] == "CF-1.8, ACDD-1.3" and raw["sml2_p"].encoding["zlib"]
    else:
        done = subprocess.run(
            ["/usr/bin/gdalinfo", f'ZARR:"{out}":/sml1_p:4'], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert "Origin = (10.000000000000000,43.000000000000000)" in done.stdout
        assert (
            "Pixel Size = (0.500000000000000,-0.500000000000000)" in done.stdout and "WGS 84" in done.stdout
        )
        with rasterio.open(f'ZARR:"{out}":/sml1_p:4') as src:  # the 5th day, 2020-01-01
            np.testing.assert_array_equal(src.read(1), expected(1)[4])


def test_zarr_v3_on_request_and_yearly_smrfr_layout(product, tmp_path):
    source = open_product(product)
    write_product(source, tmp_path / "v3.zarr", zarr_format=3)
    assert (tmp_path / "v3.zarr" / "zarr.json").exists()
    np.testing.assert_array_equal(
        open_product(tmp_path / "v3.zarr")["soil_moisture"].values, source["soil_moisture"].values
    )
    write_product(source, tmp_path / "yearly", fmt="smrfr-yearly")
    assert sorted(p.name for p in (tmp_path / "yearly").iterdir()) == [
        "SMRFR_2019_v1.0.zarr",
        "SMRFR_2020_v1.0.zarr",
    ]
    back = open_product(tmp_path / "yearly")
    np.testing.assert_array_equal(back["soil_moisture"].values, source["soil_moisture"].values)
    for store in (tmp_path / "yearly").iterdir():
        assert (
            subprocess.run(["/usr/bin/gdalinfo", f'ZARR:"{store}":/sml5_p:0'], capture_output=True).returncode
            == 0
        )



def test_outputs_follow_cf_for_coordinates_and_standard_names(product, tmp_path):
    """The CF checker found lat/lon with a _FillValue (CF 2.5.1: a coordinate variable has no missing
    data), soil moisture without its standard name and the axes of a projected product without units."""
    import netCDF4
    import zarr

    subset(product, tmp_path / "out.nc", add_root_zone=True)
    anomaly(product, tmp_path / "anomaly.nc", "2019-12-28", "2020-01-03", window=365)
    subset(product, tmp_path / "out.zarr")
    with netCDF4.Dataset(tmp_path / "out.nc") as nc:
        for name in ("lat", "lon", "time"):
            assert "_FillValue" not in nc[name].ncattrs()
        assert nc["lat"].units == "degrees_north" and nc["lon"].long_name == "longitude"
        for name in ("sml1_p", "rootzone"):
            assert nc[name].standard_name == "volume_fraction_of_condensed_water_in_soil"
            assert nc[name].units == "m3 m-3" and np.isnan(nc[name]._FillValue)
    with netCDF4.Dataset(tmp_path / "anomaly.nc") as nc:  # an anomaly or a percentile is no soil moisture
        assert not [name for name in nc.variables if "standard_name" in nc[name].ncattrs()
                    and nc[name].standard_name.startswith("volume_fraction")]
        assert nc["sml1_p_percentile"].units == "%" and nc["sml1_p_anomaly"].units == "m3 m-3"
    assert zarr.open_group(tmp_path / "out.zarr", mode="r")["lat"].fill_value is None

    write_band(tmp_path / "GSSM_20200105.tif", np.full((2, 3), 0.2, "float32"), "EPSG:32633",
               rasterio.transform.from_origin(500000, 4500020, 10, 10))
    subset(tmp_path / "GSSM_20200105.tif", tmp_path / "utm.nc")
    with netCDF4.Dataset(tmp_path / "utm.nc") as nc:
        assert (nc["x"].standard_name, nc["x"].units) == ("projection_x_coordinate", "m")
        assert (nc["y"].standard_name, nc["y"].units) == ("projection_y_coordinate", "m")
    assert open_product(tmp_path / "utm.nc").attrs["resolution"] == (10, 10)



def test_outputs_carry_acdd_discovery_attributes(product, tmp_path):
    """The ACDD checker found no summary, time coverage, latitude/longitude extents nor creation date, and
    ``geospatial_bounds`` was "W S E N", no WKT; history had no date."""
    import shapely.wkt
    from pyproj import Transformer

    before = pd.Timestamp.now(tz="UTC").floor("s")
    subset(product, tmp_path / "out.nc", start="2019-12-30", end="2020-01-02", layers=["sml1_p", "sml5_p"])
    with xr.open_dataset(tmp_path / "out.nc") as nc:
        attrs = nc.attrs
    assert attrs["Conventions"] == "CF-1.8, ACDD-1.3" and attrs["geospatial_bounds_crs"] == "EPSG:4326"
    # cell edges of the 6 x 8 cells of 0.5 deg from 10 E, 43 N; EPSG:4326 order: latitude, longitude
    assert shapely.wkt.loads(attrs["geospatial_bounds"]).equals(box(40, 10, 43, 14))
    assert (attrs["geospatial_lat_min"], attrs["geospatial_lat_max"]) == (40, 43)
    assert (attrs["geospatial_lon_min"], attrs["geospatial_lon_max"]) == (10, 14)
    assert (attrs["geospatial_vertical_min"], attrs["geospatial_vertical_max"]) == (0, 100)
    assert (attrs["time_coverage_start"], attrs["time_coverage_end"]) == ("2019-12-30", "2020-01-02")
    assert attrs["time_coverage_duration"] == "P4D" and attrs["time_coverage_resolution"] == "P1D"
    assert "sml1_p (0-5 cm), sml5_p (50-100 cm), 2019-12-30 to 2020-01-02" in attrs["summary"]
    created = pd.Timestamp(attrs["date_created"])  # ISO 8601 in UTC
    assert attrs["date_created"].endswith("Z") and before <= created <= pd.Timestamp.now(tz="UTC")
    assert attrs["history"].startswith(f"{attrs['date_created']} written by the SMRFR toolkit ")

    write_band(tmp_path / "GSSM_20200105.tif", np.full((2, 3), 0.2, "float32"), "EPSG:32633",
               rasterio.transform.from_origin(500000, 4500020, 10, 10))
    subset(tmp_path / "GSSM_20200105.tif", tmp_path / "utm.nc")
    with xr.open_dataset(tmp_path / "utm.nc") as nc:
        attrs = nc.attrs
    assert attrs["geospatial_bounds_crs"] == "EPSG:32633"  # in the product CRS, easting first
    assert shapely.wkt.loads(attrs["geospatial_bounds"]).equals(box(500000, 4500000, 500030, 4500020))
    lon, lat = Transformer.from_crs("EPSG:32633", "EPSG:4326", always_xy=True).transform(500000, 4500000)
    assert attrs["geospatial_lon_min"] == pytest.approx(lon, abs=1e-6) == pytest.approx(15)
    assert attrs["geospatial_lat_min"] == pytest.approx(lat, abs=1e-6)



def test_projected_outputs_have_a_cf_grid_mapping(tmp_path):
    """The grid mapping of a UTM product had crs_wkt alone: no grid_mapping_name (a CF error; cfchecks
    stopped with a traceback on it)."""
    import netCDF4

    write_band(tmp_path / "GSSM_20200105.tif", np.full((2, 3), 0.2, "float32"), "EPSG:32633",
               rasterio.transform.from_origin(500000, 4500020, 10, 10))
    subset(tmp_path / "GSSM_20200105.tif", tmp_path / "utm.nc")
    with netCDF4.Dataset(tmp_path / "utm.nc") as nc:
        crs = nc["crs"]
        assert (crs.grid_mapping_name, crs.longitude_of_central_meridian) == ("transverse_mercator", 15)
        assert (crs.scale_factor_at_central_meridian, crs.false_easting) == (0.9996, 500000)
        assert (crs.false_northing, crs.latitude_of_projection_origin, crs.semi_major_axis) == (0, 0, 6378137)
        assert "UTM zone 33N" in crs.crs_wkt
    with rasterio.open(f'NETCDF:"{tmp_path / "utm.nc"}":ssm') as src:
        assert src.crs.to_epsg() == 32633 and src.transform.to_gdal() == (500000, 10, 0, 4500020, 0, -10)


def test_projected_outputs_name_their_axes_y_x_and_geographic_ones_lat_lon(product, tmp_path):
    """A projected product's outputs (GSSM-10 in UTM) named their northing/easting axes lat/lon: two CF
    errors (compliance-checker: a coordinate named lat must be a latitude)."""
    import netCDF4
    import zarr

    gssm = utm_folder(tmp_path / "gssm")
    subset(gssm, tmp_path / "utm.nc")
    subset(gssm, tmp_path / "utm.zarr")
    subset(product, tmp_path / "geo.nc", end="2019-12-29")
    with netCDF4.Dataset(tmp_path / "utm.nc") as nc:
        assert nc["ssm"].dimensions == ("time", "y", "x") and not {"lat", "lon"} & set(nc.variables)
        assert (nc["y"].standard_name, nc["y"].units, nc["y"].axis) == ("projection_y_coordinate", "m", "Y")
        assert (nc["x"].standard_name, nc["x"].units, nc["x"].axis) == ("projection_x_coordinate", "m", "X")
        assert list(nc["y"][:]) == list(UTM_NORTHING) and list(nc["x"][:]) == list(UTM_EASTING)
    stored = zarr.open_group(tmp_path / "utm.zarr", mode="r")["ssm"]
    assert stored.attrs["_ARRAY_DIMENSIONS"] == ["time", "y", "x"]
    with netCDF4.Dataset(tmp_path / "geo.nc") as nc:
        assert nc["sml1_p"].dimensions == ("time", "lat", "lon")
        assert (nc["lat"].standard_name, nc["lat"].units) == ("latitude", "degrees_north")
        assert (nc["lon"].standard_name, nc["lon"].units) == ("longitude", "degrees_east")


def test_projected_outputs_read_alike_with_new_and_old_axis_names(tmp_path):
    """Every reader takes a projected product's outputs with axes y/x and those of earlier versions, whose
    axes named lat/lon held northing/easting: the product, a point series, zonal statistics, validation."""
    from smrfr_engine.validation import validate

    gssm = utm_folder(tmp_path / "gssm")
    subset(gssm, tmp_path / "utm.nc")
    subset(gssm, tmp_path / "utm.zarr")
    new = [tmp_path / "utm.nc", tmp_path / "utm.zarr"]
    outputs = new + [old_axis_names(path, tmp_path / f"old{path.suffix}") for path in new]
    zones = tmp_path / "zones.gpkg"  # the two western cells of the northern row
    geopandas.GeoDataFrame({"name": ["nw"]}, geometry=[box(500000, 4500010, 500020, 4500020)],
                           crs="EPSG:32633").to_file(zones)
    lon, lat = pyproj_lonlat(500025, 4500005)  # centre of row 1, column 2
    points = tmp_path / "points.csv"
    pd.DataFrame({"station_id": "s", "lon": lon, "lat": lat, "date": UTM_DAYS.strftime("%Y-%m-%d"),
                  "layer_top": 0, "layer_bottom": 5, "sm": [0.2, 0.21, 0.22]}).to_csv(points, index=False)
    for path in outputs:
        with open_product(path) as ds:
            assert (ds.attrs["product"], ds.attrs["crs"], ds.attrs["resolution"]) == ("gssm", "EPSG:32633",
                                                                                      (10, 10))
            assert list(ds.lat.values) == list(UTM_NORTHING) and list(ds.lon.values) == list(UTM_EASTING)
            np.testing.assert_array_equal(ds["soil_moisture"].sel(layer="ssm").values, utm_truth())
        table, facts = point_series(path, 500015, 4500012)  # row 0, column 1
        assert (facts["cell_lon"], facts["cell_lat"]) == (500015, 4500015)
        np.testing.assert_array_equal(table["ssm"].values, utm_truth()[:, 0, 1])
        stats = zonal_stats(path, zones, "name", stats=["mean", "count"])
        np.testing.assert_allclose(stats["mean"], utm_truth()[:, 0, :2].mean(axis=1), rtol=1e-6)
        assert list(stats["count"]) == [2, 2, 2]
        result = validate({"gssm": path}, points, tmp_path / f"validation_{path.name}")
        np.testing.assert_array_equal(result.pairs.sort_values("date")["estimate"], utm_truth()[:, 1, 2])


def pyproj_lonlat(x: float, y: float) -> tuple[float, float]:
    """Longitude, latitude of a point in UTM 33N."""
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:32633", "EPSG:4326", always_xy=True).transform(x, y)


def test_daily_means_say_so_in_cell_methods_and_nothing_else_claims_it(product, tmp_path):
    """No output said what its daily values are: SMRFR layers (and the root zone of them) are daily means
    of hourly data, so are ERA5-Land days averaged from hourly steps; anomalies, percentiles and values of
    unknown kind (GSSM-10, daily ERA5-Land files) do not claim it."""
    import netCDF4

    subset(product, tmp_path / "smrfr.nc", add_root_zone=True)
    subset(product, tmp_path / "smrfr.zarr", end="2019-12-29")
    anomaly(product, tmp_path / "anomaly.nc", "2019-12-28", "2020-01-03", window=365)
    subset(utm_folder(tmp_path / "gssm"), tmp_path / "gssm.nc")
    with netCDF4.Dataset(tmp_path / "smrfr.nc") as nc:
        assert {nc[name].cell_methods for name in ("sml1_p", "sml5_p", "rootzone")} == {"time: mean"}
        assert nc["time"].bounds == "time_bnds" and nc["time_bnds"].dimensions == ("time", "nv")
        days = nc["time"][:]  # days since 1970-01-01: each mean is over its day
        np.testing.assert_array_equal(nc["time_bnds"][:], np.stack([days, days + 1], axis=1))
    with xr.open_zarr(tmp_path / "smrfr.zarr") as store:
        assert store["sml2_p"].attrs["cell_methods"] == "time: mean"
        assert str(store.time_bnds.values[1, 1])[:10] == "2019-12-30"
    for path in (tmp_path / "anomaly.nc", tmp_path / "gssm.nc"):
        with netCDF4.Dataset(path) as nc:
            assert not [name for name in nc.variables if "cell_methods" in nc[name].ncattrs()]
            assert "time_bnds" not in nc.variables and "bounds" not in nc["time"].ncattrs()
    assert "cell_methods" not in open_product(tmp_path / "gssm.nc")["soil_moisture"].attrs

    hours = pd.date_range("2020-01-01", periods=48, freq="h")
    for name, times in (("hourly", hours), ("daily", hours[::24])):
        values = np.full((len(times), 2, 2), 0.3, "float32")
        coords = {"time": times, "lat": [1.0, 0.0], "lon": [0.0, 1.0]}
        era5 = xr.Dataset({"swvl1": (("time", "lat", "lon"), values)}, coords=coords)
        era5.to_netcdf(tmp_path / f"{name}.nc")
    assert open_product(tmp_path / "hourly.nc")["soil_moisture"].attrs["cell_methods"] == "time: mean"
    assert "cell_methods" not in open_product(tmp_path / "daily.nc")["soil_moisture"].attrs
    # a file that says its days are means (an output written from the hourly one) is read so again
    subset(tmp_path / "hourly.nc", tmp_path / "era5.nc")
    assert open_product(tmp_path / "era5.nc")["soil_moisture"].attrs["cell_methods"] == "time: mean"


# ---------------------------------------------------------------- points and depth aggregation


def test_sample_points_nearest_reports_the_cell_and_distance_and_bilinear_interpolates(product):
    ds = open_product(product)
    values = sample_points(ds, [10.3, 10.9, 50.0], [42.9, 41.8, 0.0])
    assert list(values.dims) == ["point", "layer", "time"]
    assert list(values.cell_lon.values[:2]) == [10.25, 10.75] and list(values.cell_lat.values[:2]) == [
        42.75,
        41.75,
    ]
    assert values.distance_km.values[0] == pytest.approx(
        17.17, abs=0.01
    )  # haversine, 0.05 deg E / 0.15 deg N
    np.testing.assert_array_equal(values.isel(point=1).sel(layer="sml2_p").values, expected(2)[:, 2, 1])
    assert np.isnan(values.isel(point=2)).all() and np.isnan(values.cell_lon.values[2])
    middle = sample_points(ds, [10.5], [42.5], method="bilinear").isel(point=0, time=0).sel(layer="sml1_p")
    assert float(middle) == pytest.approx(float(expected(1)[0, :2, :2].mean()), abs=1e-6)


def test_points_given_in_0_to_360_longitudes_are_the_same_places(product, tmp_path):
    """Products are read with longitudes -180..180; a point typed 0..360 (as many global grids give it,
    370.3 for 10.3) was refused as outside the product."""
    ds = open_product(product)
    wrapped = sample_points(ds, [370.3, 10.9 - 360], [42.9, 41.8])
    plain = sample_points(ds, [10.3, 10.9], [42.9, 41.8])
    np.testing.assert_array_equal(wrapped.values, plain.values)
    assert list(wrapped.cell_lon.values) == [10.25, 10.75]
    table, facts = point_series(product, 370.3, 42.9, crs="EPSG:4326")
    assert facts["cell_lon"] == 10.25 and not table.isna().all().any()


def test_root_zone_and_depth_range_are_thickness_weighted(product):
    ds = open_product(product)
    rz = root_zone(ds)
    assert list(rz.layer.values) == ["rootzone"] and (float(rz.layer_top[0]), float(rz.layer_bottom[0])) == (
        0,
        100,
    )
    by_hand = sum(w * expected(i + 1) for i, w in enumerate([0.05, 0.05, 0.2, 0.2, 0.5]))
    np.testing.assert_allclose(rz["soil_moisture"].isel(layer=0).values, by_hand, rtol=1e-6)
    shallow = depth_aggregate(ds, 0, 20)  # 5/20 l1 + 5/20 l2 + 10/20 l3
    np.testing.assert_allclose(
        shallow["soil_moisture"].isel(layer=0).values,
        0.25 * expected(1) + 0.25 * expected(2) + 0.5 * expected(3),
        rtol=1e-6,
    )
    with pytest.raises(SmrfrError, match="do not cover 0-150 cm"):
        depth_aggregate(ds, 0, 150)


def test_a_bbox_on_cell_edges_keeps_only_the_cells_inside_it():
    # the 0.08 degree demo grid: its edges (e.g. -51.04) are not exact in binary, and a neighbour
    # cell that only shares an edge with the bbox used to be kept through the rounding
    lon, lat = -53.72 + 0.08 * np.arange(48), 1.24 - 0.08 * np.arange(48)
    ds = xr.Dataset(coords={"lon": lon, "lat": lat},
                    attrs={"resolution": (lon[1] - lon[0], lat[0] - lat[1]), "source": "grid"})
    for first in range(0, 40, 3):
        for n in (1, 2, 5, 8):
            west, east = round(lon[first] - 0.04, 2), round(lon[first + n - 1] + 0.04, 2)
            south, north = round(lat[first + n - 1] - 0.04, 2), round(lat[first] + 0.04, 2)
            kept = crop(ds, load_aoi("EPSG:4326", bbox=(west, south, east, north)))
            assert (kept.sizes["lon"], kept.sizes["lat"]) == (n, n), (west, south, east, north)
            np.testing.assert_allclose(kept.lon.values[[0, -1]], lon[[first, first + n - 1]])


# ---------------------------------------------------------------- subset


def test_subset_bbox_in_another_crs_is_reprojected_across_years(product, tmp_path):
    # EPSG:3857 box around 10.6..11.4 E, 41.9..42.4 N
    out = tmp_path / "sub.nc"
    result = subset(
        product,
        out,
        bbox="1180000,5147000,1269000,5222000",
        bbox_crs="EPSG:3857",
        start="2019-12-30",
        end="2020-01-02",
        layers=["sml2_p"],
        add_root_zone=True,
    )
    assert result["layers"] == ["sml2_p", "rootzone"] and result["days"] == 4
    back = open_product(out)
    assert list(back.lon.values) == [10.75, 11.25] and list(back.lat.values) == [42.25, 41.75]
    np.testing.assert_array_equal(
        back["soil_moisture"].sel(layer="sml2_p").values, expected(2)[2:6, 1:3, 1:3]
    )


def test_without_an_area_subset_and_anomaly_take_the_whole_product(product, tmp_path, capsys):
    assert main(["subset", str(product), "--out", str(tmp_path / "all.nc"), "--quiet"]) == 0
    assert "8 x 6 cells" in capsys.readouterr().out
    np.testing.assert_array_equal(open_product(tmp_path / "all.nc")["soil_moisture"].sel(layer="sml3_p"),
                                  expected(3))
    somo = subset(somo_folder(tmp_path / "somo"), tmp_path / "somo.zarr")  # a format conversion
    assert somo["shape"] == [2, 3] and somo["layers"] == ["layer1", "layer2", "layer3"]
    result = anomaly(product, tmp_path / "anomaly.nc", "2019-12-28", "2020-01-03", window=1)
    assert result["days"] == 7 and open_product(tmp_path / "anomaly.nc").sizes["lat"] == len(LAT)
    with pytest.raises(SmrfrError, match="not both"):
        subset(product, tmp_path / "both.nc", bbox="10,40,11,41", aoi=tmp_path / "zones.gpkg")


def test_a_replaced_file_output_loses_the_old_files_gdal_statistics(product, tmp_path):
    """QGIS (GDAL) keeps the statistics it computed of a layer in ``<file>.aux.xml``; a run that replaced
    the file left them, and the new file was drawn with the old file's minimum and maximum."""
    out = tmp_path / "out" / "sub.nc"
    subset(product, out, start="2020-01-01", end="2020-01-02")
    stats = subprocess.run(["/usr/bin/gdalinfo", "-stats", f'NETCDF:"{out}":sml1_p'], capture_output=True)
    assert stats.returncode == 0 and out.with_name("sub.nc.aux.xml").exists()
    subset(product, out, start="2020-01-03", end="2020-01-04")
    assert sorted(path.name for path in out.parent.iterdir()) == ["sub.nc"]


def test_subset_masks_outside_the_polygons(product, tmp_path):
    zones = tmp_path / "aoi.gpkg"
    triangle = Polygon([(10.0, 40.0), (12.0, 40.0), (10.0, 42.0)])
    geopandas.GeoDataFrame({"name": ["t"]}, geometry=[triangle], crs="EPSG:4326").to_crs(3857).to_file(zones)
    subset(product, tmp_path / "tri", aoi=zones, start="2019-12-28", end="2019-12-28", layers=["sml1_p"])
    with rasterio.open(tmp_path / "tri" / "sml1_p.tif") as src:
        values = src.read(1)
        assert src.transform.to_gdal() == (10.0, 0.5, 0.0, 42.0, 0.0, -0.5) and values.shape == (4, 4)
    kept = ~np.isnan(values)
    assert kept[3, 0] and kept[0, 0] and kept[3, 3] and not kept[0, 3]  # corner cells and the far corner
    np.testing.assert_array_equal(values[kept], expected(1)[0, 2:6, 0:4][kept])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"bbox": "50,50,60,60"}, "outside the product .* whose extent is 10,40,14,43"),
        (
            {"bbox": "10,40,14,43", "start": "2021-01-01", "end": "2021-02-01"},
            "dates 2021-01-01..2021-02-01 are outside .* which covers 2019-12-28..2020-01-03",
        ),
        ({"bbox": "10,40,14,43", "layers": ["swvl1"]}, "unknown layer.*swvl1.*available: sml1_p, sml2_p"),
        ({"bbox": "1,2,3"}, "four numbers"),
        ({"bbox": "10,40,14,43", "bbox_crs": "EPSG:999999"}, "unknown CRS"),
    ],
)
def test_bad_input_gives_one_clear_message_and_no_output(product, tmp_path, kwargs, message):
    with pytest.raises(SmrfrError, match=message):
        subset(product, tmp_path / "out.nc", **kwargs)
    assert list(tmp_path.iterdir()) == [tmp_path / "smrfr"]


def test_an_in_memory_geodataframe_works_wherever_a_vector_file_does(product, tmp_path):
    """zonal_stats(zones=frame) and subset/anomaly(aoi=frame) failed with a TypeError from Path(): the
    same polygons give the same results in memory as from a file, in any CRS; without a CRS they are
    refused by name."""
    zones = geopandas.GeoDataFrame({"name": ["west", "east"]}, geometry=[box(10, 40, 12, 43),
                                   box(12, 40.6, 14, 43)], crs="EPSG:4326").to_crs("EPSG:3857")
    zones.to_file(tmp_path / "zones.gpkg")
    table = zonal_stats(product, zones, "name", stats=["mean", "count"], out=tmp_path / "z.gpkg")
    from_file = zonal_stats(product, tmp_path / "zones.gpkg", "name", stats=["mean", "count"])
    pd.testing.assert_frame_equal(table, from_file)
    first = table.iloc[0]  # west, 2019-12-28, sml1_p: cols 0-3 (mean 1.5), rows 0-5 weighted by cell area
    band = np.sin(np.deg2rad(LAT + 0.25)) - np.sin(np.deg2rad(LAT - 0.25))
    assert (first["name"], first["layer"], first["count"]) == ("west", "sml1_p", 24)
    assert first["mean"] == pytest.approx(0.1 + 0.01 * (np.arange(6) * band).sum() / band.sum() + 0.00015,
                                          abs=1e-6)
    written = geopandas.read_file(tmp_path / "z.gpkg")
    assert len(written) == len(table) and written.crs == "EPSG:4326"  # the zones in the product CRS
    renamed = zones.rename_geometry("geom")  # as read_postgis names it
    again = zonal_stats(product, renamed, "name", stats=["mean"], out=tmp_path / "g.gpkg")
    assert again["mean"].tolist() == table["mean"].tolist() and len(geopandas.read_file(tmp_path / "g.gpkg"))
    west = zones.iloc[[0]]
    subset(product, tmp_path / "frame.nc", aoi=west)
    with xr.open_dataset(tmp_path / "frame.nc") as framed:
        assert (framed.sizes["lat"], framed.sizes["lon"]) == (6, 4)
        np.testing.assert_array_equal(framed["sml1_p"].values, expected(1)[:, :, :4])
    anomaly(product, tmp_path / "a.nc", "2019-12-28", "2020-01-03", aoi=west, window=1)
    assert open_product(tmp_path / "a.nc").sizes["lon"] == 4
    with pytest.raises(SmrfrError, match=r"^the AOI GeoDataFrame \(W,S,E,N 100,"):
        subset(product, tmp_path / "far.nc", aoi=geopandas.GeoDataFrame(geometry=[box(100, 0, 101, 1)],
                                                                      crs="EPSG:4326"))
    with pytest.raises(SmrfrError, match=r"^GeoDataFrame has no CRS: set it \(e.g. frame.set_crs"):
        zonal_stats(product, zones.set_crs(None, allow_override=True), "name")
    with pytest.raises(SmrfrError, match="^field 'nom' is not in GeoDataFrame; available: name$"):
        zonal_stats(product, zones, "nom")
    with pytest.raises(SmrfrError, match="^polygons come from a vector file or a geopandas.GeoDataFrame, "
                                         "not a Polygon$"):
        subset(product, tmp_path / "p.nc", aoi=box(10, 40, 12, 43))
    with pytest.raises(SmrfrError, match="^layer 'zones' names a layer of a vector file: give none with a"):
        subset(product, tmp_path / "p.nc", aoi=west, aoi_layer="zones")


def test_empty_polygon_intersection_unknown_layout_and_corrupted_store(product, tmp_path):
    zones = tmp_path / "sliver.gpkg"
    sliver = box(10.01, 40.01, 10.02, 40.02)
    geopandas.GeoDataFrame({"n": [1]}, geometry=[sliver], crs="EPSG:4326").to_file(zones)
    subset(product, tmp_path / "small.nc", aoi=zones)  # a sliver touches one cell: kept
    far = tmp_path / "far.gpkg"
    geopandas.GeoDataFrame({"n": [1]}, geometry=[box(100, 0, 101, 1)], crs="EPSG:4326").to_file(far)
    with pytest.raises(SmrfrError, match="outside the product"):
        subset(product, tmp_path / "none.nc", aoi=far)
    (tmp_path / "fields.csv").write_text("name,area\nA,12\n")  # no geometry: was an AttributeError
    with pytest.raises(SmrfrError, match="^.*fields.csv layer fields has no geometry: give a polygon layer"):
        zonal_stats(product, tmp_path / "fields.csv", "name")
    with pytest.raises(SmrfrError) as error:  # was xarray's advice on its backends, cut off at "see:)"
        open_product(tmp_path / "fields.csv")
    assert str(error.value) == (f"cannot read {tmp_path / 'fields.csv'}: a product is a Zarr store, a NetCDF "
                                "file (.nc, .nc4) or a GeoTIFF (.tif, .tiff), or a folder of them")
    xr.Dataset(
        {"temperature": (("time", "lat", "lon"), np.zeros((1, 2, 2)))},
        coords={"time": [pd.Timestamp("2020-01-01")], "lat": [0, 1], "lon": [0, 1]},
    ).to_netcdf(tmp_path / "t.nc")
    with pytest.raises(SmrfrError, match="unrecognised product layout: variables temperature"):
        open_product(tmp_path / "t.nc")
    store = product / "SMRFR_2020_v1.0.zarr"
    (store / "sml1_p" / ".zarray").write_text("{broken")
    (store / ".zmetadata").unlink()
    with pytest.raises(SmrfrError, match="cannot read .*SMRFR_2020_v1.0.zarr"):
        subset(product, tmp_path / "c.nc", bbox="10,40,14,43")
    assert not (tmp_path / "c.nc").exists() and not (tmp_path / "none.nc").exists()


def test_a_zarr_store_announcing_huge_chunks_is_refused_before_any_reading(tmp_path):
    """A crafted or broken store (metadata only, 100 kB on disk) whose one chunk holds 365 x 3000 x 4000
    values: a point series allocated 33 GiB for it (a MemoryError traceback, or the machine's memory)."""
    import dask.array

    def store(name, chunks):
        shape = (365, 3000, 4000)
        values = dask.array.zeros(shape, dtype=np.float32, chunks=chunks)
        xr.Dataset({"sml1_p": (("time", "lat", "lon"), values)},
                   coords={"time": pd.date_range("2020-01-01", periods=365), "lat": np.linspace(60, 30, 3000),
                           "lon": np.linspace(0, 40, 4000)}).to_zarr(tmp_path / name, zarr_format=2,
                                                                     consolidated=False, compute=False)
        return tmp_path / name

    whole = store("whole.zarr", (365, 3000, 4000))
    with pytest.raises(SmrfrError) as error:
        open_product(whole)
    assert str(error.value) == (f"cannot read {whole}: its array sml1_p is stored in pieces of 365 x 3000 x "
                                "4000 values (float32), more than 1 GiB to read at once; rechunk the store "
                                "into smaller chunks")
    long = store("long.zarr", (30, 500, 500))
    meta = json.loads((long / "lat" / ".zarray").read_text())
    (long / "lat" / ".zarray").write_text(json.dumps({**meta, "shape": [2 * 10**8]}))  # loaded whole
    with pytest.raises(SmrfrError, match=f"^cannot read {long}: its array lat is stored in pieces of "
                                         "200000000 values \\(float64\\), more than 1 GiB"):
        open_product(long)


# ---------------------------------------------------------------- series, zonal, anomaly, info


def test_point_series_in_another_crs_reports_cell_and_distance(product, tmp_path):
    table, facts = point_series(product, 1252000, 5200000, out=tmp_path / "s.csv", crs="EPSG:3857")
    radius = 6378137.0  # spherical Mercator
    lon, lat = np.degrees(1252000 / radius), np.degrees(2 * np.arctan(np.exp(5200000 / radius)) - np.pi / 2)
    assert (facts["cell_lon"], facts["cell_lat"]) == (11.25, 42.25)  # 11.247 E, 42.260 N
    dlat, dlon = np.radians(42.25 - lat), np.radians(11.25 - lon)
    a = np.sin(dlat / 2) ** 2 + np.cos(np.radians(lat)) * np.cos(np.radians(42.25)) * np.sin(dlon / 2) ** 2
    assert facts["distance_km"] == pytest.approx(2 * 6371.0088 * np.arcsin(np.sqrt(a)), rel=1e-6)
    csv = pd.read_csv(tmp_path / "s.csv")
    assert list(csv.columns[:6]) == ["date", "sml1_p", "sml2_p", "sml3_p", "sml4_p", "sml5_p"]
    np.testing.assert_array_equal(csv["sml5_p"].to_numpy("float32"), expected(5)[:, 1, 2])
    with pytest.raises(SmrfrError, match="point 1,1 is outside"):
        point_series(product, 1, 1)


def test_a_point_series_is_indexed_by_day_as_pandas_time_series_are(product, tmp_path):
    """The index held datetime.date objects (dtype object): no .loc["2020-01"], no resample, no join with
    other time series."""
    table, _ = point_series(product, 11.25, 42.25, out=tmp_path / "s.csv")
    assert isinstance(table.index, pd.DatetimeIndex) and table.index.name == "date"
    assert table.index.equals(pd.DatetimeIndex(ALL_DAYS, name="date"))
    np.testing.assert_array_equal(table.loc["2020-01", "sml2_p"].to_numpy(), expected(2)[4:, 1, 2])
    weekly = table["sml1_p"].resample("7D").mean()
    assert weekly.iloc[0] == pytest.approx(expected(1)[:, 1, 2].astype("float64").mean())
    dates = pd.read_csv(tmp_path / "s.csv", dtype=str)["date"]
    assert dates.tolist() == [str(day.date()) for day in ALL_DAYS]  # the CSV as before: YYYY-MM-DD


def test_a_point_series_of_several_points_is_refused_by_name(product):
    """Lists of coordinates failed deep in pandas with "Index data must be 1-dimensional"."""
    with pytest.raises(SmrfrError, match=r"^a point series is of one point: give lon and lat as numbers, not "
                                         r"\[11.25, 12\], \[42.25, 41\] \(sample_points reads"):
        point_series(product, [11.25, 12], [42.25, 41])
    table, facts = point_series(product, np.float32(11.25), np.array(42.25))
    assert (facts["cell_lon"], facts["cell_lat"]) == (11.25, 42.25) and len(table) == len(ALL_DAYS)


def test_a_lon_lat_point_on_a_projected_product_is_told_to_give_its_crs(tmp_path):
    """A longitude, latitude on a UTM product was only "outside the product (extent 4.5e+06...)"."""
    write_band(tmp_path / "GSSM_20200105.tif", np.full((2, 3), 0.2, "float32"), "EPSG:32633",
               rasterio.transform.from_origin(500000, 4500020, 10, 10))
    with pytest.raises(SmrfrError, match=r"^point 15.1,40.6 \(x,y in the product CRS EPSG:32633\) is outside "
                                         r".*; give the point's CRS \(EPSG:4326 for longitude, latitude\)$"):
        point_series(tmp_path, 15.1, 40.6)
    with pytest.raises(SmrfrError, match=r"^point 15.1,40.6 is outside .*\)$"):
        point_series(tmp_path, 15.1, 40.6, crs="EPSG:4326")
    table, facts = point_series(tmp_path, 15.000059, 40.65099, crs="EPSG:4326")
    assert (facts["cell_lon"], facts["cell_lat"]) == (500005, 4500015)
    assert table["ssm"].tolist() == [np.float32(0.2)]


def test_layers_and_statistics_are_one_name_or_any_sequence_of_names(product, tmp_path):
    """A notebook passes ``layers="sml2_p"`` or the product's own ``ds.layer.values``: the text was read as
    six one-letter layers ("unknown layer(s) s, m, l, 2, _, p"), an array failed with NumPy's "truth value
    of an array is ambiguous"."""
    with open_product(product) as ds:
        for layers in ("sml2_p", ["sml2_p"], ("sml2_p",), np.array(["sml2_p"]), pd.Index(["sml2_p"])):
            assert select(ds, layers).layer.values.tolist() == ["sml2_p"]
        assert select(ds, ds.layer.values[:2]).layer.values.tolist() == ["sml1_p", "sml2_p"]
        with pytest.raises(SmrfrError, match="^unknown layer.s. sml9_p in "):
            select(ds, "sml9_p")
    table, _ = point_series(product, 11.25, 42.25, layers="sml3_p")
    assert table.columns.tolist() == ["sml3_p"]
    np.testing.assert_array_equal(table["sml3_p"].to_numpy(), expected(3)[:, 1, 2])
    zones = tmp_path / "zones.gpkg"
    geopandas.GeoDataFrame({"id": ["a"]}, geometry=[box(10, 42.5, 11, 43)], crs="EPSG:4326").to_file(zones)
    stats = zonal_stats(product, zones, "id", stats="mean", layers="sml1_p", start="2019-12-28",
                        end="2019-12-28")
    assert stats.columns.tolist() == ["id", "date", "layer", "mean"]
    assert stats["mean"].item() == pytest.approx(expected(1)[0, 0, :2].astype("float64").mean())  # one row


def test_zonal_statistics_match_a_hand_computation(product, tmp_path):
    zones = tmp_path / "zones.gpkg"
    # zone a: whole cells (rows 0-1, cols 0-1); zone b: all of cell (row 5, col 6), a fifth of (5, 7)
    frame = geopandas.GeoDataFrame(
        {"id": ["a", "b"]}, geometry=[box(10, 42, 11, 43), box(13, 40, 13.6, 40.5)], crs="EPSG:4326"
    )
    frame.to_file(zones)
    table = zonal_stats(
        product, zones, "id", out=tmp_path / "z.csv", start="2019-12-28", end="2019-12-29", layers=["sml1_p"]
    )
    day0 = expected(1)[0]
    a = table[(table.id == "a")].iloc[0]
    cells = day0[:2, :2].astype("float64").ravel()
    lat = np.deg2rad(np.repeat([42.75, 42.25], 2))  # the cells' centres; each is 0.5 deg high
    area = np.sin(lat + np.deg2rad(0.25)) - np.sin(lat - np.deg2rad(0.25))
    mean = (cells * area).sum() / area.sum()
    assert a["mean"] == pytest.approx(mean)
    # sorted: the two northern cells (smaller), then the southern ones, whose larger area passes half first
    assert a["median"] == pytest.approx(cells[2])
    assert a["std"] == pytest.approx(np.sqrt((area * (cells - mean) ** 2).sum() / area.sum()))
    assert (a["min"], a["max"], a["count"]) == (cells.min(), cells.max(), 4)
    b = table[(table.id == "b")].iloc[0]
    assert b["mean"] == pytest.approx((day0[5, 6] * 1 + day0[5, 7] * 0.2) / 1.2) and b["count"] == 2
    centre = zonal_stats(product, zones, "id", rule="centre", layers=["sml1_p"], stats=["mean", "count"])
    b = centre[centre.id == "b"].iloc[0]
    assert b["count"] == 1 and b["mean"] == pytest.approx(day0[5, 6])  # centre 13.75 is outside
    assert len(pd.read_csv(tmp_path / "z.csv")) == 4
    zonal_stats(product, zones, "id", out=tmp_path / "z.gpkg", layers=["sml1_p"])
    assert len(geopandas.read_file(tmp_path / "z.gpkg", layer="zonal_stats")) == 2 * 7
    before = zones.read_bytes()  # --out the zones file replaced the user's polygons with the statistics
    with pytest.raises(SmrfrError, match=f"output {zones} would replace its input {zones}"):
        zonal_stats(product, zones, "id", out=zones, layers=["sml1_p"])
    assert zones.read_bytes() == before
    with pytest.raises(SmrfrError, match=f"output {product / 'p.csv'} would replace its input {product} or "
                                         "write into it"):
        point_series(product, 11, 41, out=product / "p.csv")
    with pytest.raises(SmrfrError, match="field 'name' is not in .*available: id"):
        zonal_stats(product, zones, "name")
    frame.iloc[:1].to_file(zones, layer="second")  # another layer: the first one is read, silently
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert set(zonal_stats(product, zones, "id", layers=["sml1_p"], stats=["count"]).id) == {"a", "b"}


#: the files opened while :func:`opened_files` records (an audit hook cannot be removed: it records only then)
OPENED: list[str] | None = None


def _record_open(event, args):
    if event == "open" and OPENED is not None and isinstance(args[0], str):
        OPENED.append(args[0])


sys.addaudithook(_record_open)


@contextlib.contextmanager
def opened_files():
    """The paths of the files opened (by Python, as Zarr reads its chunks) in the ``with`` block."""
    global OPENED
    OPENED = []
    try:
        yield OPENED
    finally:
        OPENED = None


def test_zonal_statistics_read_the_product_once_however_many_zones_cover_it(product, tmp_path, monkeypatch):
    """Each zone read its own window from the product: 300 zones over a year of 125 x 125 cells spent 26 s
    of 38 decompressing the same chunks again. Zones are now read together, a block of days at a time."""
    def zones(names, geometries, name="zones.gpkg"):
        geopandas.GeoDataFrame({"id": names}, geometry=geometries, crs="EPSG:4326").to_file(tmp_path / name)
        return tmp_path / name

    squares = [box(10 + 0.2 * i, 40 + 0.1 * i, 11.5 + 0.2 * i, 42.5) for i in range(12)]
    every = zones([f"z{i}" for i in range(12)], squares)
    with opened_files() as one:
        zonal_stats(product, zones(["z0"], squares[:1], "one.gpkg"), "id")
    with opened_files() as twelve:
        table = zonal_stats(product, every, "id")
    chunks = [path for path in twelve if str(product) in path]
    assert sorted(chunks) == sorted(path for path in one if str(product) in path) and chunks
    assert table.id.unique().tolist() == [f"z{i}" for i in range(12)]
    monkeypatch.setattr("smrfr_engine.products.zonal.BLOCK_VALUES", 1)  # one day at a time
    monkeypatch.setattr("smrfr_engine.products.zonal.STATS_VALUES", 1)  # one row of a zone at a time
    pd.testing.assert_frame_equal(zonal_stats(product, every, "id"), table)
    for zone, geometry in zip(["z3", "z11"], [squares[3], squares[11]]):  # each as if it were alone
        alone = zonal_stats(product, zones([zone], [geometry], "z.gpkg"), "id")
        pd.testing.assert_frame_equal(table[table.id == zone].reset_index(drop=True), alone)


def test_zonal_blocks_of_days_end_on_chunk_boundaries_so_each_chunk_is_read_once(tmp_path, monkeypatch):
    """Blocks of whole chunks were as long as a multiple of the longest chunk, counted from the first day:
    over yearly stores in 3-day chunks (3 + 1 days, then 3) blocks of 3 days cut the last chunk in two, read
    twice (on 10 yearly stores of 200 x 200 cells in 92-day chunks: 17 s of reading -> 12.5 s)."""
    folder = tmp_path / "smrfr"
    for year, dates in YEARS.items():
        data = {f"sml{layer}_p": (("time", "lat", "lon"), truth(layer, dates)) for layer in range(1, 6)}
        xr.Dataset(data, coords={"time": dates, "lat": LAT, "lon": LON}).to_zarr(
            folder / f"SMRFR_{year}_v1.0.zarr", encoding={name: {"chunks": (3, 6, 8)} for name in data})
    zones = tmp_path / "zones.gpkg"
    geopandas.GeoDataFrame({"id": ["all"]}, geometry=[box(10, 40, 14, 43)], crs="EPSG:4326").to_file(zones)
    monkeypatch.setattr("smrfr_engine.products.zonal.BLOCK_VALUES", 4 * 5 * 6 * 8)  # 4 days at most
    with opened_files() as opened:
        table = zonal_stats(folder, zones, "id", stats=["mean"], rule="centre")
    chunks = [path for path in opened if "sml1_p" in path and not path.endswith((".zarray", ".zattrs"))]
    assert len(chunks) == 3 and len(set(chunks)) == 3
    assert table["mean"].tolist() == pytest.approx([float(np.mean(truth(layer, ALL_DAYS)[day]))
                                                    for layer in range(1, 6) for day in range(7)])
    assert day_blocks([92, 92, 92, 89, 92, 92, 92, 90], 276) == [(0, 276), (276, 549), (549, 731)]
    assert day_blocks([92, 89], 50) == [(0, 46), (46, 92), (92, 136), (136, 181)]


def test_zonal_statistics_reduce_only_the_cells_a_zone_weighs(product, tmp_path, monkeypatch):
    """The statistics sorted every cell of a zone's bounding box, those outside the polygon too (weight 0:
    half of a Voronoi cell's box; 14 s of 43 for 300 zones over 600 x 800 cells x 60 days)."""
    import smrfr_engine.products.zonal as zonal

    zones = tmp_path / "zones.gpkg"
    triangle = Polygon([(10, 40), (14, 40), (10, 43)])  # 6 x 8 cells of 0.5 deg, about half of them inside
    point_like = box(12.1, 41.1, 12.2, 41.2)  # no cell centre inside: nothing to count with rule centre
    geopandas.GeoDataFrame({"id": ["t", "p"]}, geometry=[triangle, point_like],
                           crs="EPSG:4326").to_file(zones)
    widths = []

    def recorded(values, weights, stats):
        widths.append(values.shape[1])
        return real(values, weights, stats)

    real = zonal.weighted_stats
    monkeypatch.setattr(zonal, "weighted_stats", recorded)
    table = zonal_stats(product, zones, "id", rule="centre", layers="sml1_p", start="2019-12-28",
                        end="2019-12-28")
    rows, cols = np.meshgrid(LAT, LON, indexing="ij")
    inside = expected(1)[0][(rows - 40) / 3 + (cols - 10) / 4 < 1]  # centre inside the triangle
    assert widths[0] == inside.size < 48
    t = table[table.id == "t"].iloc[0]
    assert t["mean"] == pytest.approx(inside.astype("float64").mean()) and t["count"] == inside.size
    assert (t["min"], t["max"]) == (inside.min(), inside.max())
    p = table[table.id == "p"].iloc[0]
    assert p["count"] == 0 and np.isnan([p["mean"], p["median"], p["min"], p["max"], p["std"]]).all()


def test_cover_fractions_intersect_only_the_cells_on_the_polygon_edge(monkeypatch):
    """Every cell of a zone's window was intersected with the polygon (17 s of 60 for 300 zones over 600 x
    800 cells); cells wholly inside count 1 and cells apart 0 without it, the others as before."""
    import shapely

    from smrfr_engine.products.aoi import cover_fractions

    ds = xr.Dataset(coords={"lat": 9.5 - np.arange(10.0), "lon": 0.5 + np.arange(10.0)},
                    attrs={"resolution": (1.0, 1.0)})
    polygon = Polygon([(1, 1), (9, 1.5), (8.5, 9), (0.5, 8)])
    intersected = []

    def counted(cells, geometry):
        intersected.append(np.size(cells))
        return real(cells, geometry)

    real = shapely.intersection
    monkeypatch.setattr(shapely, "intersection", counted)
    fractions = cover_fractions(ds, polygon)
    lon, lat = np.meshgrid(ds.lon.values, ds.lat.values)
    cells = shapely.box(lon - 0.5, lat - 0.5, lon + 0.5, lat + 0.5)
    np.testing.assert_allclose(fractions, shapely.area(real(cells, polygon)), rtol=0, atol=1e-12)
    on_edge = shapely.intersects(polygon.boundary, cells)
    assert sum(intersected) == on_edge.sum() < cells.size
    assert (fractions[~on_edge & shapely.within(cells, polygon)] == 1).all()


@pytest.mark.parametrize("crs, expected_mean", [
    # bands 60-90, 30-60 and 0-30 deg N hold 1 - sin 60, sin 60 - sin 30 and sin 30 of the sphere's half
    ("EPSG:4326", 0.1 * (1 - np.sqrt(3) / 2) + 0.2 * (np.sqrt(3) / 2 - 0.5) + 0.3 * 0.5),
    ("EPSG:32633", 0.2),  # projected: every cell has the same area
])
def test_the_zonal_mean_is_an_area_mean(tmp_path, crs, expected_mean):
    """A zone over 0-90 deg N counted its polar cell as much as its equatorial one (mean 0.2, not 0.2366)."""
    write_band(tmp_path / "GSSM_20200105.tif", np.array([[0.1], [0.2], [0.3]], "float32"), crs,
               rasterio.transform.from_origin(0, 90, 30, 30))
    zones = tmp_path / "zones.gpkg"
    geopandas.GeoDataFrame({"id": ["all"]}, geometry=[box(-1, -1, 31, 91)], crs=crs).to_file(zones)
    table = zonal_stats(tmp_path, zones, "id", stats=["mean", "count"])
    assert table["mean"].item() == pytest.approx(expected_mean) and table["count"].item() == 3
    centre = zonal_stats(tmp_path, zones, "id", rule="centre", stats=["mean"])
    assert centre["mean"].item() == pytest.approx(0.2)  # the centre rule counts cells, as QGIS's tool does


def test_zones_with_accents_and_a_shapefile_whose_text_is_not_its_declared_encoding(product, tmp_path,
                                                                                    capsys):
    """Accented and Chinese zone names reach the table as they are; a Shapefile whose .cpg says UTF-8 over
    Windows-1252 text (or whose field name GDAL cut inside an accented letter) stopped the command with a
    UnicodeDecodeError traceback."""
    names = ["Bacia São João", "流域 北"]
    zones = tmp_path / "zonas 区域.gpkg"
    frame = geopandas.GeoDataFrame({"nome_região": names}, crs="EPSG:4326",
                                   geometry=[box(10, 42, 11, 43), box(13, 40, 14, 41)])
    frame.to_file(zones)
    out = tmp_path / "estatísticas 统计.csv"
    assert main(["zonal", str(product), "--zones", str(zones), "--field", "nome_região",
                 "--stat", "mean", "--start", "2019-12-28", "--end", "2019-12-28", "--layers", "sml1_p",
                 "--out", str(out), "--quiet"]) == 0
    assert pd.read_csv(out, encoding="utf-8")["nome_região"].tolist() == names
    shapefile = tmp_path / "zonas.shp"
    frame.iloc[:1].rename(columns={"nome_região": "nome"}).to_file(shapefile, encoding="cp1252")
    shapefile.with_suffix(".cpg").write_text("UTF-8")
    capsys.readouterr()
    assert main(["zonal", str(product), "--zones", str(shapefile), "--field", "nome", "--out",
                 str(tmp_path / "z.csv"), "--quiet"]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"smrfr: error: {shapefile} layer zonas: a field name or value is not utf-8 text "
                            "as the file declares (bytes b'\\xe3o Jo\\xe3o'):") and error.count("\n") == 1
    assert not (tmp_path / "z.csv").exists()


def test_anomaly_and_percentile_against_a_hand_computation(tmp_path):
    days = pd.date_range("2018-01-01", "2020-12-31")
    rng = np.random.default_rng(1)
    values = rng.random((len(days), 1, 2)).astype("float32")
    xr.Dataset(
        {"sml1_p": (("time", "lat", "lon"), values)},
        coords={"time": days, "lat": [0.25], "lon": [0.25, 0.75]},
    ).to_zarr(tmp_path / "a.zarr", zarr_format=2)
    ds = open_product(tmp_path / "a.zarr")
    result = anomalies(ds, "2018-01-01", "2019-12-31", "2020-03-01", "2020-03-01", window=5).load()
    clim_days = days[
        (days.year < 2020) & (days.month == 3) & (days.day <= 3)
        | (days.year < 2020) & (days.month == 2) & (days.day >= 27)
    ]
    samples = values[days.get_indexer(clim_days), 0, 1]
    today = values[days.get_loc(pd.Timestamp("2020-03-01")), 0, 1]
    assert float(result["anomaly"].values[0, 0, 0, 1]) == pytest.approx(today - samples.mean(), abs=1e-6)
    assert float(result["percentile"].values[0, 0, 0, 1]) == pytest.approx(
        100 * (samples < today).mean(), abs=1e-4
    )
    with pytest.raises(SmrfrError, match="^climatology end date 2018-01-01 is before climatology start date "
                                         "2019-12-31$"):
        anomalies(ds, "2019-12-31", "2018-01-01")
    with pytest.raises(SmrfrError, match="^end date 2020-03-01 is before start date 2020-03-05$"):
        anomalies(ds, "2018-01-01", "2019-12-31", "2020-03-05", "2020-03-01")


def test_percentiles_count_ties_as_half_and_leave_out_nan_as_the_definition_does(tmp_path, monkeypatch):
    """percentile = 100 (climatology values below + half those equal) / valid climatology values of the
    day's window: by hand on one cell (ties and a NaN in the window), NaN for a NaN day and for a window
    without any valid value, and value by value against that definition for 21 days (29 February among
    them, which shares 28 February's day) of 6 cells compared 4 at a time."""
    monkeypatch.setattr(importlib.import_module("smrfr_engine.products.anomaly"), "CELLS", 4)  # module
    days = pd.date_range("2018-01-01", "2020-12-31")
    values = np.random.default_rng(5).integers(0, 5, (len(days), 2, 3)).astype("float32") / 10  # ties
    values[np.random.default_rng(6).random(values.shape) < 0.1] = np.nan
    window = days.get_indexer(pd.to_datetime(["2018-02-28", "2018-03-01", "2018-03-02", "2019-02-28",
                                              "2019-03-01", "2019-03-02"]))  # of 2020-03-01, window 3
    values[window, 0, 0] = [0.1, 0.2, 0.2, 0.3, np.nan, 0.2]
    values[window, 0, 2] = np.nan
    today = days.get_loc(pd.Timestamp("2020-03-01"))
    values[today, 0, :3] = [0.2, np.nan, 0.2]
    store = tmp_path / "p.zarr"
    xr.Dataset({"sml1_p": (("time", "lat", "lon"), values)},
               coords={"time": days, "lat": [0.75, 0.25], "lon": [0.25, 0.75, 1.25]}).to_zarr(store)
    result = anomalies(open_product(store), "2018-01-01", "2019-12-31", "2020-02-20", "2020-03-11",
                       window=3)["percentile"].load()
    by_hand = result.sel(time="2020-03-01").values[0, 0]
    assert by_hand[0] == 100 * (1 + 0.5 * 3) / 5 and np.isnan(by_hand[1:]).all()
    clim_doy = noleap_doy(days[days.year < 2020])
    for number, day in enumerate(result.time.values):
        doy = noleap_doy([day])[0]
        distance = np.abs(clim_doy - doy)
        samples = values[:len(clim_doy)][np.minimum(distance, 365 - distance) <= 1]
        current = values[days.get_loc(day)]
        for row, col in np.ndindex(current.shape):
            valid = samples[:, row, col][~np.isnan(samples[:, row, col])]
            below, equal = (valid < current[row, col]).sum(), (valid == current[row, col]).sum()
            want = np.nan if np.isnan(current[row, col]) or not len(valid) else (
                100 * (below + 0.5 * equal) / len(valid))
            assert np.array_equal(result.values[0, number, row, col], np.float32(want), equal_nan=True)


def test_anomalies_give_the_layer_depths_as_plain_values_as_open_product_does(product):
    ds = open_product(product)
    result = anomalies(ds, "2019-12-28", "2020-01-03", window=5)
    for name in ("layer_top", "layer_bottom"):
        assert ds[name].chunks is None and result[name].chunks is None
        assert result[name].values.tolist() == ds[name].values.tolist()
    assert result["layer_top"].values.tolist() == [0, 5, 10, 30, 50]


def test_dates_reaching_beyond_the_product_are_cut_with_a_warning(product, tmp_path, capsys):
    assert main(["subset", str(product), "--bbox", "10,40,14,43", "--start", "2019-12-01", "--end",
                 "2020-01-02", "--out", str(tmp_path / "s.nc"), "--quiet"]) == 0
    printed = capsys.readouterr().err.splitlines()  # --quiet: the warning, not the progress messages
    assert len(printed) == 1 and printed[0].startswith("warning: dates 2019-12-01..2020-01-02 reach beyond")
    assert open_product(tmp_path / "s.nc").sizes["time"] == 6
    recorder = Recorder()
    point_series(product, 11, 41, start="2019-12-30", end="2020-01-05", feedback=recorder)
    assert recorder.warnings == [f"dates 2019-12-30..2020-01-05 reach beyond the product {product}, which "
                                 "covers 2019-12-28..2020-01-03: 2019-12-30..2020-01-03 kept"]
    point_series(product, 11, 41, start="2019-12-30", end="2020-01-03", feedback=recorder)
    assert len(recorder.warnings) == 1


def test_without_a_feedback_the_warnings_are_logged(product, caplog):
    """Called from a notebook without ``feedback``, a series cut to the product said nothing at all."""
    caplog.set_level(logging.INFO, "smrfr_engine")
    table, _ = point_series(product, 11, 41, start="2019-12-30", end="2020-01-05")
    assert len(table) == 5
    assert [(record.name, record.levelname, record.getMessage()) for record in caplog.records] == [
        ("smrfr_engine", "WARNING", f"dates 2019-12-30..2020-01-05 reach beyond the product {product}, which "
                                    "covers 2019-12-28..2020-01-03: 2019-12-30..2020-01-03 kept"),
        ("smrfr_engine", "INFO", "reading the series")]


def test_dates_in_a_gap_of_the_product_say_so(tmp_path):
    """Dates between two files of a product (a missing year, days between GSSM-10 passes) were "outside
    the product, which covers" a range holding them."""
    for day in ("20200105", "20200110"):
        write_band(tmp_path / f"GSSM_{day}.tif", np.full((2, 3), 0.2, "float32"), "EPSG:32633",
                   rasterio.transform.from_origin(500000, 4500020, 10, 10))
    gap = (r"^dates 2020-01-06..2020-01-08 fall in a gap of the product .*, which covers "
           r"2020-01-05..2020-01-10: it has no day between 2020-01-05 and 2020-01-10$")
    with pytest.raises(SmrfrError, match=gap):
        point_series(tmp_path, 500005, 4500015, start="2020-01-06", end="2020-01-08")
    with pytest.raises(SmrfrError, match=r"^dates 2020-01-11..2020-01-12 are outside the product"):
        point_series(tmp_path, 500005, 4500015, start="2020-01-11", end="2020-01-12")


def test_info_names_the_gaps_of_a_daily_product_and_writes_projected_extents_in_full(tmp_path):
    """A missing yearly store was invisible in info (the day count alone), and UTM extents were printed
    as 4.5e+06; an irregular series (GSSM-10 passes) has no gaps to name."""
    from conftest_products import smrfr_store

    folder = tmp_path / "smrfr"
    folder.mkdir()
    smrfr_store(folder / "SMRFR_2019_v1.0.zarr", pd.date_range("2019-12-30", "2019-12-31"))
    smrfr_store(folder / "SMRFR_2021_v1.0.zarr", pd.date_range("2021-01-01", "2021-01-02"))
    facts = info(folder)
    assert facts["gaps"] == [["2020-01-01", "2020-12-31"]]
    assert "(4 days; no data 2020-01-01 .. 2020-12-31)" in format_info(facts)
    (tmp_path / "gssm").mkdir()
    for day in ("20200105", "20200110"):
        write_band(tmp_path / "gssm" / f"GSSM_{day}.tif", np.full((2, 3), 0.2, "float32"), "EPSG:32633",
                   rasterio.transform.from_origin(500000, 4500020, 10, 10))
    passes = info(tmp_path / "gssm")
    assert passes["gaps"] == []
    assert "extent:     W 500000, S 4500000, E 500030, N 4500020" in format_info(passes)


def test_info_gives_the_bytes_of_every_file_of_the_product(product, tmp_path):
    """size_on_disk_bytes: every file under the folder (each store's chunks and metadata, at any depth),
    one file's own size for a file; the layer axis of the opened product is one chunk per layer."""
    files = [os.path.join(folder, name) for folder, _, names in os.walk(product) for name in names]
    assert len(files) > 20 and info(product)["size_on_disk_bytes"] == sum(map(os.path.getsize, files))
    subset(product, tmp_path / "s.nc", start="2019-12-28", end="2019-12-29", layers="sml1_p")
    assert info(tmp_path / "s.nc")["size_on_disk_bytes"] == os.path.getsize(tmp_path / "s.nc")
    assert open_product(product)["soil_moisture"].chunks[0] == (1, 1, 1, 1, 1)


def test_extents_are_shown_without_floating_point_noise(tmp_path):
    """On the demo grid (0.08 degree cells centred at -0.04, -0.12, ...) the north edge showed as -6.9e-18 in
    info() and in the messages on an area or a point outside the product; the data keep their values."""
    product = tmp_path / "g.zarr"
    lat, lon = -0.04 - 0.08 * np.arange(4), -52.44 + 0.08 * np.arange(4)
    xr.Dataset({"sml1_p": (("time", "lat", "lon"), np.full((1, 4, 4), 0.2, "float32"))},
               coords={"time": [pd.Timestamp("2020-01-01")], "lat": lat, "lon": lon}).to_zarr(
        product, zarr_format=2)
    facts = info(product)
    assert facts["extent"] == [-52.48, -0.32, -52.16, 0] and str(facts["extent"][3]) == "0.0"  # not -0.0
    assert "extent:     W -52.48, S -0.32, E -52.16, N 0\n" in format_info(facts)
    result = subset(product, tmp_path / "s.nc", bbox=(-52.4, -0.2, -52.3, 1))
    assert result["bounds"] == [-52.4, -0.24, -52.24, 0]
    with pytest.raises(SmrfrError, match="whose extent is -52.48,-0.32,-52.16,0$"):
        subset(product, tmp_path / "far.nc", bbox=(100, 0, 101, 1))
    with pytest.raises(SmrfrError, match=r"\(extent W,S,E,N -52.48,-0.32,-52.16,0\)$"):
        point_series(product, 100, 0)
    assert xr.open_dataset(tmp_path / "s.nc").lat.values.tolist() == lat[:3].tolist()


def test_info_and_the_cli_commands(product, tmp_path, capsys):
    facts = info(product)
    assert facts["extent"] == [10, 40, 14, 43] and facts["resolution"] == [0.5, 0.5] and facts["days"] == 7
    assert facts["crs"] == "EPSG:4326" and facts["size_on_disk_bytes"] > 0
    assert main(["info", str(product)]) == 0 and "sml5_p (50-100 cm)" in capsys.readouterr().out
    assert (
        main(
            [
                "subset",
                str(product),
                "--bbox",
                "10,40,11,41",
                "--start",
                "2020-01-01",
                "--end",
                "2020-01-02",
                "--root-zone",
                "--depths",
                "0-10",
                "--out",
                str(tmp_path / "o.zarr"),
                "--quiet",
            ]
        )
        == 0
    )
    assert list(open_product(tmp_path / "o.zarr").layer.values)[-2:] == ["rootzone", "sm_0_10cm"]
    assert (
        main(["series", str(product), "--point", "11,42", "--out", str(tmp_path / "s.csv"), "--quiet"]) == 0
    )
    assert "cell centre 11.25,42.25" in capsys.readouterr().out
    assert main(["series", str(product), "--point", "11,42", "--method", "bilinear", "--out",
                 str(tmp_path / "s.csv"), "--quiet"]) == 0
    assert "interpolated at 11,42 between the four nearest cell centres" in capsys.readouterr().out  # no cell
    frame = geopandas.GeoDataFrame({"id": [1]}, geometry=[box(10, 40, 12, 42)], crs="EPSG:4326")
    frame.to_file(tmp_path / "z.gpkg")
    assert (
        main(
            [
                "zonal",
                str(product),
                "--zones",
                str(tmp_path / "z.gpkg"),
                "--field",
                "id",
                "--stat",
                "mean",
                "--out",
                str(tmp_path / "z.csv"),
                "--quiet",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "anomaly",
                str(product),
                "--bbox",
                "10,40,14,43",
                "--clim-start",
                "2019-12-28",
                "--clim-end",
                "2020-01-03",
                "--out",
                str(tmp_path / "an.nc"),
                "--quiet",
            ]
        )
        == 0
    )
    assert "sml1_p_percentile" in xr.open_dataset(tmp_path / "an.nc").data_vars
    assert (
        main(["subset", str(product), "--bbox", "50,50,60,60", "--out", str(tmp_path / "x.nc"), "--quiet"])
        == 2
    )
    assert "outside the product" in capsys.readouterr().err


def test_on_the_synthetic_demo_region(tmp_path):
    synth = pytest.importorskip("smrfr_engine.synth")
    synth.generate(tmp_path / "demo", seed=1, size=8, start="2019-12-10", end="2020-01-20", n_stations=3)
    truth_ds = open_product(tmp_path / "demo" / "truth")
    assert truth_ds.attrs["product"] == "smrfr" and truth_ds.sizes["time"] == 42
    era5 = open_product(tmp_path / "demo" / "era5land")
    assert era5.attrs["product"] == "era5" and era5.sizes["layer"] == 4
    store = xr.open_zarr(tmp_path / "demo" / "truth" / "SMRFR_2020_v1.0.zarr")
    lat_name = "lat" if "lat" in store.dims else "latitude"
    raw = store["sml3_p"].isel(time=2).load()
    lat, lon = float(raw[lat_name][1]), float(raw[raw.dims[-1]][2])
    picked = sample_points(truth_ds, [lon], [lat]).sel(layer="sml3_p", time="2020-01-03").values[0]
    assert picked == raw.values[1, 2] or (np.isnan(picked) and np.isnan(raw.values[1, 2]))


@pytest.mark.parametrize("name", ["c.zarr", "c.nc", "tifs"])
def test_cancel_stops_the_export_and_leaves_nothing(product, tmp_path, name):
    with pytest.raises(Cancelled):
        subset(product, tmp_path / name, bbox="10,40,14,43", feedback=Recorder(checks=2))
    assert list(tmp_path.iterdir()) == [tmp_path / "smrfr"]


@pytest.mark.parametrize("name", ["c.zarr", "c.nc"])
def test_a_cancelled_export_waits_for_the_blocks_being_written(tmp_path, name):
    """A cancel (or Ctrl-C, or an error) while Dask threads were writing other blocks: the temporary output
    was deleted while they still wrote into it, so the run ended in "OSError: Directory not empty" instead
    of cancelling, and a hidden .c.zarr.*.partial folder stayed behind."""
    import threading
    import time

    started, finished = threading.Event(), threading.Event()

    def blocks(values):  # the second block of days is slow: still being written when the cancel comes
        if values.sizes["time"] and values.time.values[0] == np.datetime64("2019-01-09"):
            started.set()
            time.sleep(0.3)
            finished.set()
        return values

    class CancelOnceSlowBlockRuns(Recorder):
        def is_cancelled(self):
            return started.is_set()

    product = open_product(smrfr_folder(tmp_path / "smrfr"))
    days = pd.date_range("2019-01-01", periods=64)
    ds = product.isel(time=[0] * 64).assign_coords(time=days).load()
    chunked = ds["soil_moisture"].chunk(time=8)
    ds["soil_moisture"] = chunked.map_blocks(blocks, template=chunked)
    with pytest.raises(Cancelled):
        write_product(ds, tmp_path / name, feedback=CancelOnceSlowBlockRuns())
    assert finished.is_set()  # waited for, not left running
    assert sorted(path.name for path in tmp_path.iterdir()) == ["smrfr"]


@pytest.mark.parametrize("name", ["c.zarr", "c.nc", "tifs"])
def test_a_cancel_at_any_check_keeps_the_earlier_output_or_finishes(product, tmp_path, name):
    """A cancel at the last check, after the new output had replaced the earlier one, still raised
    Cancelled: the command said "cancelled; no partial output was kept" (Processing: failed) although the
    earlier output was gone and the new one complete."""
    out = tmp_path / name
    subset(product, out, bbox="10,41,12,43")  # the earlier output: 4 x 4 cells
    counter = Recorder(checks=10 ** 6)
    subset(product, tmp_path / f"all_{name}", feedback=counter)
    total = 10 ** 6 - counter.checks_left
    for checks in sorted({*range(0, total, 4), total - 1}):  # every fourth and the last
        with pytest.raises(Cancelled):
            subset(product, out, feedback=Recorder(checks=checks))  # the whole product: 6 x 8 cells
        assert open_product(out).sizes["lat"] == 4, checks
    subset(product, out, feedback=Recorder(checks=total))
    assert open_product(out).sizes["lat"] == 6
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([name, f"all_{name}", "smrfr"])


def test_an_export_never_deletes_the_users_files_or_its_source(tmp_path, capsys):
    """``--out`` naming a folder with other files in it, or the product itself, stops with an error and
    keeps both as they were; an earlier export of the same kind is replaced."""
    source = smrfr_folder(tmp_path / "work" / "maps")
    (tmp_path / "work" / "notes.txt").write_text("keep me")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "field.csv").write_text("keep me")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    for out, error in ((tmp_path / "mine", "is a folder holding other files (field.csv)"),
                       (tmp_path / "work", "would replace its input"), (source, "would replace its input"),
                       (source / "SMRFR_2019_v1.0.zarr", "would replace its input")):
        assert main(["subset", str(source), "--bbox", "10,40,12,42", "--out", str(out), "--quiet"]) == 2, out
        assert error in capsys.readouterr().err, out
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    for bbox in ("10,40,12,42", "10,40,11,41"):
        assert main(["subset", str(source), "--bbox", bbox, "--out", str(tmp_path / "tifs"), "--quiet"]) == 0
    assert len(rasterio.open(tmp_path / "tifs" / "sml1_p.tif").read(1)[0]) == 2  # the second export


@pytest.mark.parametrize("out", ["bands.zarr", "bands_tifs"])
def test_a_layers_other_variables_are_not_layers(tmp_path, out):
    """A store with ``sml1_p_q10`` (or ``_sd``, ``_anomaly``) beside ``sml1_p`` has five layers: the root
    zone and depth ranges average the soil moisture only."""
    product = open_product(smrfr_folder(tmp_path / "smrfr"))
    banded = product.assign(q10=product["soil_moisture"] - 0.05, q90=product["soil_moisture"] + 0.05)
    write_product(banded, tmp_path / out)
    reopened = open_product(tmp_path / out)
    assert list(reopened.layer.values) == list(product.layer.values)
    xr.testing.assert_allclose(reopened["soil_moisture"].load(), product["soil_moisture"].load())
    expected = root_zone(product)["soil_moisture"].sel(layer="rootzone")
    subset(tmp_path / out, tmp_path / "rz.nc", bbox="10,40,14,43", add_root_zone=True)
    written = xr.open_dataset(tmp_path / "rz.nc")["rootzone"]
    np.testing.assert_allclose(written.values, expected.values, rtol=1e-6)


def test_yearly_stores_of_another_grid_are_refused_not_shifted(tmp_path):
    """Two runs over different areas into one folder: the odd store is named, never read onto the
    other's coordinates."""
    folder = smrfr_folder(tmp_path / "maps")
    odd = folder / "SMRFR_2020_v1.0.zarr"
    moved = xr.open_zarr(odd).load().drop_encoding()
    moved.assign_coords(lon=moved.lon + 2.0).to_zarr(odd, mode="w", consolidated=True, zarr_format=2)
    with pytest.raises(SmrfrError, match=f"{odd} has another grid than .*SMRFR_2019_v1.0.zarr \\(lon 12.25"):
        open_product(folder)


def test_a_climatology_that_misses_the_days_asked_for_is_refused(tmp_path):
    ds = open_product(smrfr_folder(tmp_path / "smrfr"))  # 2019-12-28 .. 2020-01-03
    with pytest.raises(SmrfrError, match="the climatology 2019-12-28..2019-12-29 has no day within the 5-day "
                                         "window of 3 of the days asked for \\(first 2020-01-01\\)"):
        anomalies(ds, "2019-12-28", "2019-12-29", "2019-12-30", "2020-01-03", window=5)
    assert anomalies(ds, "2019-12-28", "2019-12-29", "2019-12-30", "2019-12-31", window=5).sizes["time"] == 2
    result = anomalies(ds, "2019-01-01", "2019-12-29", "2019-12-30", "2019-12-31", window=5,
                       feedback=(recorder := Recorder()))
    assert recorder.warnings == [f"climatology dates 2019-01-01..2019-12-29 reach beyond the product "
                                 f"{ds.attrs['source']}, which covers 2019-12-28..2020-01-03: "
                                 "2019-12-28..2019-12-29 kept"]
    assert result.attrs["climatology"] == "2019-12-28..2019-12-29, window 5 days"
    # the outputs record it too (it was dropped on writing)
    for name in ("a.nc", "a.zarr", "tifs"):
        anomaly(tmp_path / "smrfr", tmp_path / name, "2019-01-01", "2019-12-29", "2019-12-30", "2019-12-31",
                bbox=(10, 40, 14, 43), window=5)
    assert xr.open_dataset(tmp_path / "a.nc").attrs["climatology"] == "2019-12-28..2019-12-29, window 5 days"
    assert xr.open_zarr(tmp_path / "a.zarr").attrs["climatology"] == "2019-12-28..2019-12-29, window 5 days"
    with rasterio.open(tmp_path / "tifs" / "sml1_p_anomaly.tif") as src:
        assert src.tags()["CLIMATOLOGY"] == "2019-12-28..2019-12-29, window 5 days"

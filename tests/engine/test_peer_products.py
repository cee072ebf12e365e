"""Peer products (SoMo.ml, SMCI1.0, GSSM-10) laid out as CF files and GeoTIFFs are read as they store them:
values checked against the raw files by hand."""

import numpy as np
import pandas as pd
import pytest
import xarray as xr

from smrfr_engine.errors import SmrfrError
from smrfr_engine.products import open_product

#: a 0.25 degree SoMo.ml-like grid around (0, 0): latitude ascending, longitudes 0..360 as CF files often are
LAT = np.array([-0.375, -0.125, 0.125, 0.375])
LON = np.array([359.625, 359.875, 0.125, 0.375])


def cf_somo_file(path, name, days, values, extra=None) -> None:
    """A SoMo.ml-like layer file: ``name`` (time, lat, lon) packed to int16 with ``scale_factor`` 1e-4 and
    ``_FillValue`` -9999, times in days since 2000-01-01 with ``time_bnds``, plus ``extra`` variables."""
    offsets = np.asarray((days - pd.Timestamp("2000-01-01")).days, "float64")
    data = {"time_bnds": (("time", "bnds"), np.stack([offsets, offsets + 1], axis=1)),
            name: (("time", "lat", "lon"), values, {"units": "m3 m-3"}), **(extra or {})}
    coords = {"time": ("time", offsets, {"units": "days since 2000-01-01", "calendar": "standard",
                                         "bounds": "time_bnds"}),
              "lat": ("lat", LAT, {"units": "degrees_north"}), "lon": ("lon", LON, {"units": "degrees_east"})}
    encoding = {name: {"dtype": "int16", "scale_factor": 1e-4, "_FillValue": -9999}}
    xr.Dataset(data, coords=coords).to_netcdf(path, encoding=encoding)


def test_a_somo_file_with_time_bounds_is_read_by_its_one_gridded_variable(tmp_path):
    # the reader took the first variable of 2 dimensions, time_bnds (time, bnds): the folder was unreadable
    days = pd.date_range("2012-02-27", "2012-03-02")
    values = (0.2 + 0.01 * np.arange(len(days))[:, None, None] + 0.001 * np.arange(16).reshape(1, 4, 4))
    values[:, 0, 0] = np.nan
    cf_somo_file(tmp_path / "SoMo.ml_v1_layer1_2012.nc", "layer1", days, values.astype("float32"))
    with open_product(tmp_path) as ds:
        assert ds.attrs["product"] == "somo" and list(ds.layer.values) == ["layer1"]
        assert pd.DatetimeIndex(ds.time.values).equals(days)
        assert list(ds.lat.values) == [0.375, 0.125, -0.125, -0.375]
        assert list(ds.lon.values) == [-0.375, -0.125, 0.125, 0.375]
        # by hand: 2012-03-01 is day 3; latitude 0.125 is row 2 of the file, longitude 0.125 column 2
        cell = float(ds["soil_moisture"].sel(layer="layer1", time="2012-03-01", lat=0.125, lon=0.125))
        assert cell == pytest.approx(0.2 + 0.03 + 0.001 * 10, abs=5e-5)
        assert np.isnan(float(ds["soil_moisture"].sel(layer="layer1", time="2012-03-01", lat=-0.375,
                                                      lon=-0.375)))

    extra = {"layer1_std": (("time", "lat", "lon"), np.zeros(values.shape, "float32"))}
    cf_somo_file(tmp_path / "SoMo.ml_v1_layer1_2012.nc", "layer1", days, values.astype("float32"), extra)
    with pytest.raises(SmrfrError) as caught:
        open_product(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path / 'SoMo.ml_v1_layer1_2012.nc'} has 2 variables on a lat/lon grid (variables: "
        "time_bnds('time', 'bnds'), layer1('time', 'lat', 'lon'), layer1_std('time', 'lat', 'lon')); "
        "a file of one layer has one: give a product description naming the variable")

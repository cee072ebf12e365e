"""Writers for the real formats: GeoTIFF, CDS-style NetCDF, SMRFR Zarr (same input, same bytes)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..layers import SCHEMES
from .grid import Grid


@lru_cache(maxsize=1)
def crs_wkt() -> str:
    """WKT of EPSG:4326."""
    from rasterio.crs import CRS

    return CRS.from_epsg(4326).to_wkt()


def crs_variable():
    """The CF ``crs`` grid-mapping variable for EPSG:4326 (read by xarray/rioxarray and GDAL)."""
    import xarray as xr

    return xr.DataArray(np.int32(0), attrs={
        "grid_mapping_name": "latitude_longitude", "semi_major_axis": 6378137.0,
        "inverse_flattening": 298.257223563, "longitude_of_prime_meridian": 0.0,
        "spatial_ref": crs_wkt(), "crs_wkt": crs_wkt(), "epsg_code": "EPSG:4326"})


def write_geotiff(path: Path, data: np.ndarray, grid: Grid, dtype: str, nodata: float | None = None,
                  **tags: str) -> None:
    """One-band (or bands-first) GeoTIFF on ``grid``, DEFLATE-compressed; NaN become ``nodata``."""
    import rasterio

    bands = data[None] if data.ndim == 2 else data
    if nodata is not None:
        bands = np.where(np.isnan(bands), nodata, bands)
    profile = {"driver": "GTiff", "width": grid.nlon, "height": grid.nlat, "count": len(bands),
               "dtype": dtype, "crs": "EPSG:4326", "transform": grid.transform, "nodata": nodata,
               "compress": "deflate"}
    with rasterio.open(path, "w", **profile) as dst:
        dst.write(bands.astype(dtype))
        if tags:
            dst.update_tags(**tags)


def write_netcdf(path: Path, dataset) -> None:
    """NetCDF-4 with zlib compression and no history attribute (byte-reproducible)."""
    encoding = {name: {"zlib": True, "complevel": 4} for name in dataset.data_vars}
    dataset.to_netcdf(path, engine="netcdf4", format="NETCDF4", encoding=encoding)


def smrfr_year(time: pd.DatetimeIndex, grid: Grid, layers: np.ndarray, names: list[str], year: int):
    """An SMRFR-layout dataset: ``sml1_p``..``sml5_p`` (time, lat, lon) float32, CF attributes, CRS."""
    import xarray as xr

    coords = {"time": time, "lat": ("lat", grid.lat, {"units": "degrees_north", "standard_name": "latitude",
                                                      "long_name": "latitude", "axis": "Y"}),
              "lon": ("lon", grid.lon, {"units": "degrees_east", "standard_name": "longitude",
                                        "long_name": "longitude", "axis": "X"})}
    variables = {"crs": crs_variable()}
    for index, name in enumerate(names):
        layer = SCHEMES["smrfr"][index]
        values = layers[:, index].astype(np.float32)
        variables[name] = xr.DataArray(values, dims=("time", "lat", "lon"), attrs={
            "units": "m3 m-3", "long_name": f"volumetric soil moisture {layer.label} (synthetic truth)",
            "standard_name": "volume_fraction_of_condensed_water_in_soil", "grid_mapping": "crs",
            "depth_top_cm": layer.top, "depth_bottom_cm": layer.bottom})
    return xr.Dataset(variables, coords=coords, attrs={
        "title": f"SMRFR-layout synthetic truth {year}", "Conventions": "CF-1.8",
        "source": "smrfr_engine.synth five-layer water balance", "crs": "EPSG:4326",
        "geospatial_lat_resolution": grid.res, "geospatial_lon_resolution": grid.res})


def write_zarr(path: Path, dataset, time_chunk: int = 92) -> None:
    """Zarr format 2 with consolidated metadata (GDAL 3.6 reads it); NaN fill value."""
    encoding = {name: {"chunks": (min(time_chunk, dataset.sizes["time"]), dataset.sizes["lat"],
                                  dataset.sizes["lon"]), "_FillValue": np.float32("nan")}
                for name in dataset.data_vars if dataset[name].ndim == 3}
    encoding["time"] = {"units": f"days since {pd.Timestamp(dataset.time.values[0]):%Y-%m-%d}",
                        "calendar": "proleptic_gregorian", "dtype": "int32"}
    dataset.to_zarr(path, mode="w", zarr_format=2, consolidated=True, encoding=encoding)

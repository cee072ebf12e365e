"""The target grid of the predictor cube: regular lon/lat cells, north-up (lat descending)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import xarray as xr

from ..errors import SmrfrError, check_range

DEFAULT_RESOLUTION = 0.08


@dataclass(frozen=True)
class Grid:
    west: float
    south: float
    east: float
    north: float
    resolution: float = DEFAULT_RESOLUTION

    @classmethod
    def from_bbox(cls, bbox, resolution: float = DEFAULT_RESOLUTION) -> Grid:
        """Cells of ``resolution`` degrees from the west/north corner covering west, south, east, north."""
        try:
            west, south, east, north = (float(v) for v in bbox)
        except (TypeError, ValueError):
            raise SmrfrError(f"a bounding box is four numbers west,south,east,north; got {bbox!r}") from None
        if not (west < east and south < north):
            raise SmrfrError(f"bad grid: bbox {bbox!r} needs west < east and south < north")
        check_range("resolution", resolution, 0 < resolution < np.inf, "a cell size > 0 degrees")
        ncols = max(1, int(np.ceil((east - west) / resolution - 1e-6)))
        nrows = max(1, int(np.ceil((north - south) / resolution - 1e-6)))
        return cls(west, north - nrows * resolution, west + ncols * resolution, north, resolution)

    @classmethod
    def chosen(cls, product: str | Path | None = None, bbox=None,
               resolution: float | None = None) -> Grid | None:
        """The grid a user chose: a product's (at ``resolution`` over its extent when given), or ``bbox`` at
        ``resolution`` (default 0.08); None when neither (the predictor configuration's ``[grid]``)."""
        if product and bbox is not None:
            raise SmrfrError("give either a product to take the grid from (--grid, Processing GRID) or an "
                             "extent (--bbox, Processing EXTENT), not both")
        if product:
            grid = cls.from_product(product)
            return grid if resolution is None else cls.from_bbox(
                (grid.west, grid.south, grid.east, grid.north), resolution)
        if bbox is not None:
            return cls.from_bbox(bbox, DEFAULT_RESOLUTION if resolution is None else resolution)
        if resolution is not None:
            raise SmrfrError(f"a resolution ({resolution:g}) needs a product (--grid, Processing GRID) or an "
                             "extent (--bbox, Processing EXTENT); the configuration's [grid] has its own")
        return None

    @classmethod
    def from_coords(cls, lats, lons) -> Grid:
        lats, lons = np.asarray(lats, float), np.asarray(lons, float)
        if len(lons) < 2:
            raise SmrfrError("a grid needs at least two cells along each axis")
        res = float(np.median(np.abs(np.diff(lons))))
        return cls(float(lons.min()) - res / 2, float(lats.min()) - res / 2, float(lons.max()) + res / 2,
                   float(lats.max()) + res / 2, res)

    @classmethod
    def from_product(cls, path: str | Path) -> Grid:
        """The grid of an existing product or cube (Zarr, NetCDF or GeoTIFF)."""
        path = Path(path)
        if path.suffix.lower() in (".tif", ".tiff"):
            import rasterio

            with rasterio.open(path) as src:
                west, south, east, north = src.bounds
                return cls(west, south, east, north, abs(src.res[0]))
        from ..products import open_product
        from ..products.model import COORD_NAMES

        if not path.exists():
            raise SmrfrError(f"grid product {path} does not exist")
        try:
            ds = xr.open_zarr(path) if path.suffix == ".zarr" else xr.open_dataset(path)
        except Exception:  # a folder of yearly stores or files: the product readers know them
            ds = open_product(path)
        with ds:
            names = {key: next((n for n in aliases if n in ds.coords), None)
                     for key, aliases in COORD_NAMES.items()}
            if not names["lat"] or not names["lon"]:
                raise SmrfrError(f"{path} has no lat/lon coordinates to take a grid from")
            return cls.from_coords(ds[names["lat"]].values, ds[names["lon"]].values)

    @property
    def shape(self) -> tuple[int, int]:
        res = self.resolution
        return (round((self.north - self.south) / res), round((self.east - self.west) / res))

    @property
    def lats(self) -> np.ndarray:
        return self.north - self.resolution * (np.arange(self.shape[0]) + 0.5)

    @property
    def lons(self) -> np.ndarray:
        return self.west + self.resolution * (np.arange(self.shape[1]) + 0.5)

    @property
    def transform(self):
        from affine import Affine

        return Affine(self.resolution, 0, self.west, 0, -self.resolution, self.north)

    def cell_of(self, lons, lats) -> tuple[np.ndarray, np.ndarray]:
        """Row and column of the cells holding the points; -1 outside the grid."""
        rows = np.floor((self.north - np.asarray(lats, float)) / self.resolution).astype(int)
        cols = np.floor((np.asarray(lons, float) - self.west) / self.resolution).astype(int)
        inside = (rows >= 0) & (rows < self.shape[0]) & (cols >= 0) & (cols < self.shape[1])
        return np.where(inside, rows, -1), np.where(inside, cols, -1)

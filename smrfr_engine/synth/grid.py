"""The regular lon/lat grids of the synthetic region and spatially correlated random fields."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from scipy.ndimage import gaussian_filter

#: the real ERA5 forcing cell the region is centred on (lon, lat)
CENTRE = (-51.875, -0.625)


@dataclass(frozen=True)
class Grid:
    """A north-up EPSG:4326 grid: ``nlat`` x ``nlon`` cells of ``res`` degrees from ``west``, ``north``."""

    west: float
    north: float
    res: float
    nlat: int
    nlon: int

    @classmethod
    def centred(cls, size: int, res: float = 0.08, centre: tuple[float, float] = CENTRE) -> Grid:
        """A ``size`` x ``size`` grid, edges on multiples of ``res``, centred near ``centre``."""
        west = round(round((centre[0] - size * res / 2) / res) * res, 6)
        north = round(round((centre[1] + size * res / 2) / res) * res, 6)
        return cls(west, north, res, size, size)

    @property
    def east(self) -> float:
        return round(self.west + self.nlon * self.res, 6)

    @property
    def south(self) -> float:
        return round(self.north - self.nlat * self.res, 6)

    @property
    def shape(self) -> tuple[int, int]:
        return self.nlat, self.nlon

    @property
    def lat(self) -> np.ndarray:
        """Cell-centre latitudes, descending (north first)."""
        return np.round(self.north - (np.arange(self.nlat) + 0.5) * self.res, 6)

    @property
    def lon(self) -> np.ndarray:
        return np.round(self.west + (np.arange(self.nlon) + 0.5) * self.res, 6)

    @property
    def transform(self):
        from affine import Affine

        return Affine(self.res, 0.0, self.west, 0.0, -self.res, self.north)

    def refine(self, factor: int) -> Grid:
        """The same extent with cells ``factor`` times smaller."""
        res = round(self.res / factor, 9)
        return Grid(self.west, self.north, res, self.nlat * factor, self.nlon * factor)

    def index(self, lon: np.ndarray | float, lat: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
        """(row, col) of the cells holding the points (clipped to the grid)."""
        row = np.clip(np.floor((self.north - np.asarray(lat)) / self.res).astype(int), 0, self.nlat - 1)
        col = np.clip(np.floor((np.asarray(lon) - self.west) / self.res).astype(int), 0, self.nlon - 1)
        return row, col

    def as_dict(self) -> dict:
        return {"crs": "EPSG:4326", "resolution": self.res, "west": self.west, "south": self.south,
                "east": self.east, "north": self.north, "nlat": self.nlat, "nlon": self.nlon}


def covering_grid(grid: Grid, res: float) -> Grid:
    """A grid of ``res`` degrees covering ``grid``, cell centres on multiples of ``res`` (as ERA5-Land)."""
    west = np.floor(grid.west / res + 0.5) * res - res / 2
    north = np.ceil(grid.north / res - 0.5) * res + res / 2
    nlon = int(np.ceil((grid.east - west) / res - 1e-9))
    nlat = int(np.ceil((north - grid.south) / res - 1e-9))
    return Grid(round(west, 6), round(north, 6), res, nlat, nlon)


def random_field(rng: np.random.Generator, shape: tuple[int, ...],
                 scale: float | tuple[float, ...]) -> np.ndarray:
    """Gaussian random field with unit variance and correlation length ``scale`` cells (per axis).

    White noise smoothed by a Gaussian kernel of standard deviation ``scale`` (wrap-free, reflect
    boundaries), then standardised.
    """
    field = gaussian_filter(rng.standard_normal(shape), scale, mode="reflect")
    axes = tuple(range(field.ndim - 2, field.ndim)) if field.ndim > 2 else None
    field -= field.mean(axis=axes, keepdims=True)
    return field / np.maximum(field.std(axis=axes, keepdims=True), 1e-12)


def year_blocks(time) -> list[slice]:
    """The days of each year of the daily ``time`` (a DatetimeIndex), as slices: the daily fields are
    computed and written year by year, so memory follows a year in float64, not the period."""
    starts = np.flatnonzero(np.diff(time.year, prepend=time.year[0] - 1))
    return [slice(int(a), int(b)) for a, b in zip(starts, [*starts[1:], len(time)])]


def block_mean(fine: np.ndarray, factor: int, log: bool = False) -> np.ndarray:
    """Mean over ``factor`` x ``factor`` blocks of the last two axes, ignoring NaN (geometric if ``log``)."""
    values = np.log(fine) if log else fine
    *lead, ny, nx = values.shape
    blocks = values.reshape(*lead, ny // factor, factor, nx // factor, factor)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN blocks stay NaN
        mean = np.nanmean(blocks, axis=(-3, -1))
    return np.exp(mean) if log else mean


def upsample(coarse: np.ndarray, factor: int) -> np.ndarray:
    """Repeat each cell ``factor`` x ``factor`` times along the last two axes."""
    return np.repeat(np.repeat(coarse, factor, axis=-2), factor, axis=-1)

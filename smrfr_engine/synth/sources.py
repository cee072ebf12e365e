"""What users get instead of the truth: ERA5-Land-like reanalysis, satellite soil moisture, MODIS NDVI/EVI."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.ndimage import gaussian_filter

from ..layers import SCHEMES
from .grid import Grid, covering_grid, random_field, upsample

ERA5_RES = 0.1
#: response rate per day of each reanalysis layer (exponential smoothing of the truth) ...
ERA5_RESPONSE = (0.45, 0.2, 0.06, 0.015)
#: ... and of the soil temperature levels to the air temperature
STL_RESPONSE = (0.6, 0.25, 0.06, 0.012)
ERA5_DAMPING = 0.7
ERA5_WET_BIAS = 0.03
ERA5_NOISE = (0.012, 0.008, 0.005, 0.003)
#: MODIS grid: 4 cells per model cell (0.02 deg)
MODIS_FINE = 4


def smooth_in_time(values: np.ndarray, rate: float, previous: np.ndarray | None = None) -> np.ndarray:
    """Exponential smoothing along axis 0: ``y_t = y_(t-1) + rate (x_t - y_(t-1))``, ``y_0 = x_0``, or
    ``y_(-1) = previous`` (the last value of the block before)."""
    result = np.empty_like(values)
    result[0] = values[0] if previous is None else previous + rate * (values[0] - previous)
    for t in range(1, len(values)):
        result[t] = result[t - 1] + rate * (values[t] - result[t - 1])
    return result


def ar1_noise(rng: np.random.Generator, shape: tuple[int, ...], std: float, phi: float,
              blocks: list[slice]) -> Iterator[np.ndarray]:
    """AR(1) noise along axis 0 with stationary standard deviation ``std`` and lag-1 correlation ``phi``,
    yielded by ``blocks`` of axis 0. The draws are those of the whole series at once: every shock, then
    the first value (``rng`` is advanced past them now, the shocks are drawn again block by block)."""
    shocks = copy.deepcopy(rng)
    for part in blocks:
        rng.standard_normal((part.stop - part.start, *shape[1:]))
    first = rng.standard_normal(shape[1:])

    def noise():
        previous = None
        for part in blocks:
            values = shocks.standard_normal((part.stop - part.start, *shape[1:]))
            values *= np.sqrt(1 - phi**2)
            if previous is None:
                values[0] = first
            else:
                values[0] += phi * previous
            for t in range(1, len(values)):
                values[t] += phi * values[t - 1]
            previous = values[-1].copy()
            yield values * std

    return noise()


def aggregation_matrix(fine: Grid, coarse: Grid, land: np.ndarray) -> sparse.csr_matrix:
    """Sparse (coarse cells x fine cells) matrix averaging the land cells whose centres fall in each cell."""
    lat, lon = np.meshgrid(fine.lat, fine.lon, indexing="ij")
    row, col = coarse.index(lon.ravel(), lat.ravel())
    target = (row * coarse.nlon + col)[land.ravel()]
    source = np.flatnonzero(land.ravel())
    matrix = sparse.csr_matrix((np.ones(len(source)), (target, source)),
                               shape=(coarse.nlat * coarse.nlon, fine.nlat * fine.nlon))
    counts = np.asarray(matrix.sum(1)).ravel()
    return sparse.diags(np.where(counts > 0, 1 / np.maximum(counts, 1), np.nan)) @ matrix


def era5_grid(grid: Grid) -> Grid:
    """The reanalysis grid: 0.1 deg, cell centres on multiples of 0.1 deg, covering ``grid``."""
    return covering_grid(grid, ERA5_RES)


def era5_layer_weights() -> list[np.ndarray]:
    """Weights of the SMRFR layers in each ERA5-Land layer (thickness overlap; swvl4 below 100 cm gets
    the deepest SMRFR layer)."""
    weights = []
    for layer in SCHEMES["era5"]:
        overlap = np.array([s.overlap(layer.top, layer.bottom) for s in SCHEMES["smrfr"]])
        weights.append(overlap / overlap.sum() if overlap.sum() else np.eye(5)[4])
    return weights


def make_reanalysis(grid: Grid, land: np.ndarray, truth: np.ndarray, fc: np.ndarray, temperature: np.ndarray,
                    precipitation: np.ndarray, rng: np.random.Generator,
                    blocks: list[slice]) -> Iterator[dict[str, np.ndarray]]:
    """ERA5-Land-like daily fields on :func:`era5_grid`: the truth seen through a land-surface model.

    For ERA5 layer k with true value ``x`` (thickness-weighted SMRFR layers) and field capacity ``FC``::

        swvl_k = mean(x) + 0.7 (S_k(x) - mean(x)) + 0.03 + 0.8 (FC_era - FC) + e_k

    ``S_k`` exponential smoothing (slower dynamics, response 0.45 to 0.015 per day), ``FC_era`` the field
    capacity smoothed over ~40 km (the model's coarse soil map: a texture-dependent bias), all averaged
    to 0.1 deg, plus AR(1) noise ``e_k`` (sd 0.012 to 0.003). Soil temperatures smooth the air temperature.
    Yields the fields (name -> float32 (days, lat, lon)) of each of ``blocks`` (days of the period).
    """
    era = era5_grid(grid)
    matrix = aggregation_matrix(grid, era, land)
    nt = truth.shape[0]

    def regrid(values: np.ndarray) -> np.ndarray:
        flat = np.nan_to_num(values.reshape(len(values), -1))
        return (matrix @ flat.T).T.reshape(len(values), *era.shape)

    layers = []
    for k, weights in enumerate(era5_layer_weights()):
        total = np.zeros(truth.shape[2:])
        for days in blocks:
            for day in np.tensordot(weights, truth[days], axes=([0], [1])):  # as x.mean(0) adds them
                total += day
        fc_layer = np.tensordot(weights, fc, axes=([0], [0]))
        bias = ERA5_WET_BIAS + 0.8 * (_smooth_nan(fc_layer, land, 4.0) - fc_layer)
        noise = ar1_noise(rng, (nt, *era.shape), ERA5_NOISE[k], 0.9, blocks)
        layers.append((weights, total / nt, bias, noise))
    last = {}  # the last day of the block before, per smoothed series
    for days in blocks:
        fields = {}
        for k, (weights, mean, bias, noise) in enumerate(layers):
            x = smooth_in_time(np.tensordot(weights, truth[days], axes=([0], [1])), ERA5_RESPONSE[k],
                               last.get(f"swvl{k}"))
            last[f"swvl{k}"] = x[-1].copy()
            model = mean + ERA5_DAMPING * (x - mean)
            model += bias
            fields[f"swvl{k + 1}"] = np.clip(regrid(model) + next(noise), 0.01, 0.65).astype(np.float32)
        air = temperature[days].astype(np.float64)
        for k, rate in enumerate(STL_RESPONSE):
            x = smooth_in_time(air, rate, last.get(f"stl{k}"))
            last[f"stl{k}"] = x[-1].copy()
            fields[f"stl{k + 1}"] = regrid(x + 1.0).astype(np.float32)
        fields["t2m"] = regrid(air).astype(np.float32)
        fields["tp"] = regrid(precipitation[days].astype(np.float64) / 1000.0).astype(np.float32)
        yield fields


def _smooth_nan(field: np.ndarray, land: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian smoothing of the land values (normalised convolution, NaN elsewhere)."""
    weight = gaussian_filter(land.astype(float), sigma)
    return gaussian_filter(np.where(land, field, 0.0), sigma) / np.maximum(weight, 1e-9)


def satellite_noise_std(greenness: np.ndarray) -> np.ndarray:
    """Retrieval noise sd per cell: 0.03 + 0.025 g (vegetation degrades retrievals)."""
    return 0.03 + 0.025 * greenness


def make_satellite(truth_surface: np.ndarray, land: np.ndarray, greenness: np.ndarray,
                   rng: np.random.Generator, blocks: list[slice]) -> Iterator[np.ndarray]:
    """Satellite surface soil moisture on the model grid: ``0.03 + 0.85 x + e`` with white noise ``e`` of
    sd :func:`satellite_noise_std`; observed on 2 of 3 days along swaths, minus 15 % random dropouts;
    NaN over water. Yields float32 (days, lat, lon) of each of ``blocks`` (days of the period).

    The draws are those of the whole period at once: every error, then every dropout."""
    nt, ny, nx = truth_surface.shape
    noise_std = satellite_noise_std(greenness)
    errors = copy.deepcopy(rng)
    for days in blocks:  # rng skips the errors
        rng.standard_normal((days.stop - days.start, ny, nx))
    for days in blocks:
        block = (days.stop - days.start, ny, nx)
        values = 0.03 + 0.85 * truth_surface[days] + errors.standard_normal(block) * noise_std
        swath = (np.arange(days.start, days.stop)[:, None, None] + np.arange(nx)[None, None, :] // 6) % 3 != 0
        observed = swath & (rng.random(block) > 0.15) & land
        yield np.where(observed, np.clip(values, 0.0, 0.6), np.nan).astype(np.float32)


def composite_dates(time: pd.DatetimeIndex) -> list[pd.Timestamp]:
    """MODIS 16-day composite start dates (day of year 1, 17, ..., 353 of each year) within ``time``."""
    dates = []
    for year in sorted(set(time.year)):
        dates += [pd.Timestamp(year, 1, 1) + pd.Timedelta(days=d) for d in range(0, 365, 16)]
    return [d for d in dates if time[0] <= d <= time[-1]]


def make_modis(time: pd.DatetimeIndex, green: np.ndarray, land: np.ndarray, precipitation: np.ndarray,
               rng: np.random.Generator):
    """Yield (date, ndvi, evi) 16-day composites at 0.02 deg (fraction units, NaN under clouds).

    Daily ``NDVI = 0.15 + 0.72 g + 0.03 sin(2 pi (doy - 60) / 365)`` and ``EVI = 0.08 + 0.45 g +
    0.02 sin(...)`` from the green cover ``g`` of the water balance (so they respond to soil moisture
    and season), averaged over the 16 days, refined with a static sub-cell pattern and noise; water
    NDVI -0.05, EVI -0.02; clouds cover 5-35 % of each composite, more in wetter periods.
    """
    season = np.sin(2 * np.pi * (time.dayofyear.to_numpy() - 60) / 365)[:, None, None]
    fine_shape = (land.shape[0] * MODIS_FINE, land.shape[1] * MODIS_FINE)
    detail = 0.04 * random_field(rng, fine_shape, 1.5)
    water = upsample(~land, MODIS_FINE)
    wettest = max(float(precipitation.mean()), 1e-6) * 2
    for date in composite_dates(time):
        days = (time >= date) & (time < date + pd.Timedelta(days=16))
        cloud_share = 0.05 + 0.3 * min(float(precipitation[days].mean()) / wettest, 1.0)
        clouds = random_field(rng, fine_shape, 5.0)
        clouds = clouds > np.quantile(clouds, 1 - cloud_share)
        layers = []
        cover = np.nan_to_num(green[days])
        for base, slope, amplitude, water_value in ((0.15, 0.72, 0.03, -0.05), (0.08, 0.45, 0.02, -0.02)):
            daily = base + slope * cover + amplitude * season[days]
            fine = upsample(daily.mean(0), MODIS_FINE) + detail
            fine += 0.015 * rng.standard_normal(fine_shape)
            fine = np.where(water, water_value, np.clip(fine, -0.2, 1.0))
            layers.append(np.where(clouds, np.nan, fine))
        yield date, layers[0], layers[1]

"""What users get instead of the truth: ERA5-Land-like reanalysis, satellite soil moisture, MODIS NDVI/EVI."""

from __future__ import annotations

from dataclasses import dataclass

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


def smooth_in_time(values: np.ndarray, rate: float) -> np.ndarray:
    """Exponential smoothing along axis 0: ``y_t = y_(t-1) + rate (x_t - y_(t-1))``, ``y_0 = x_0``."""
    result = np.empty_like(values)
    result[0] = values[0]
    for t in range(1, len(values)):
        result[t] = result[t - 1] + rate * (values[t] - result[t - 1])
    return result


def ar1_noise(rng: np.random.Generator, shape: tuple[int, ...], std: float, phi: float) -> np.ndarray:
    """AR(1) noise along axis 0 with stationary standard deviation ``std`` and lag-1 correlation ``phi``."""
    shocks = rng.standard_normal(shape) * np.sqrt(1 - phi**2)
    noise = np.empty(shape)
    noise[0] = rng.standard_normal(shape[1:])
    for t in range(1, shape[0]):
        noise[t] = phi * noise[t - 1] + shocks[t]
    return noise * std


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


@dataclass
class Reanalysis:
    grid: Grid
    fields: dict[str, np.ndarray]  # name -> (time, lat, lon) on ``grid``


def era5_layer_weights() -> list[np.ndarray]:
    """Weights of the SMRFR layers in each ERA5-Land layer (thickness overlap; swvl4 below 100 cm gets
    the deepest SMRFR layer)."""
    weights = []
    for layer in SCHEMES["era5"]:
        overlap = np.array([s.overlap(layer.top, layer.bottom) for s in SCHEMES["smrfr"]])
        weights.append(overlap / overlap.sum() if overlap.sum() else np.eye(5)[4])
    return weights


def make_reanalysis(grid: Grid, land: np.ndarray, truth: np.ndarray, fc: np.ndarray, temperature: np.ndarray,
                    precipitation: np.ndarray, rng: np.random.Generator) -> Reanalysis:
    """ERA5-Land-like daily fields on a 0.1 deg grid: the truth seen through a land-surface model.

    For ERA5 layer k with true value ``x`` (thickness-weighted SMRFR layers) and field capacity ``FC``::

        swvl_k = mean(x) + 0.7 (S_k(x) - mean(x)) + 0.03 + 0.8 (FC_era - FC) + e_k

    ``S_k`` exponential smoothing (slower dynamics, response 0.45 to 0.015 per day), ``FC_era`` the field
    capacity smoothed over ~40 km (the model's coarse soil map: a texture-dependent bias), all averaged
    to 0.1 deg, plus AR(1) noise ``e_k`` (sd 0.012 to 0.003). Soil temperatures smooth the air temperature.
    """
    era = covering_grid(grid, ERA5_RES)
    matrix = aggregation_matrix(grid, era, land)
    nt = truth.shape[0]

    def regrid(values: np.ndarray) -> np.ndarray:
        flat = np.nan_to_num(values.reshape(nt, -1))
        return (matrix @ flat.T).T.reshape(nt, *era.shape)

    fields = {}
    for k, weights in enumerate(era5_layer_weights()):
        x = np.tensordot(weights, truth, axes=([0], [1]))
        fc_layer = np.tensordot(weights, fc, axes=([0], [0]))
        fc_era = _smooth_nan(fc_layer, land, 4.0)
        mean = x.mean(0)
        model = mean + ERA5_DAMPING * (smooth_in_time(x, ERA5_RESPONSE[k]) - mean)
        model += ERA5_WET_BIAS + 0.8 * (fc_era - fc_layer)
        noise = ar1_noise(rng, (nt, *era.shape), ERA5_NOISE[k], 0.9)
        fields[f"swvl{k + 1}"] = np.clip(regrid(model) + noise, 0.01, 0.65)
    for k, rate in enumerate(STL_RESPONSE):
        fields[f"stl{k + 1}"] = regrid(smooth_in_time(temperature.astype(np.float64), rate) + 1.0)
    fields["t2m"] = regrid(temperature.astype(np.float64))
    fields["tp"] = regrid(precipitation.astype(np.float64) / 1000.0)
    return Reanalysis(era, {name: value.astype(np.float32) for name, value in fields.items()})


def _smooth_nan(field: np.ndarray, land: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian smoothing of the land values (normalised convolution, NaN elsewhere)."""
    weight = gaussian_filter(land.astype(float), sigma)
    return gaussian_filter(np.where(land, field, 0.0), sigma) / np.maximum(weight, 1e-9)


def make_satellite(truth_surface: np.ndarray, land: np.ndarray, greenness: np.ndarray,
                   rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Satellite surface soil moisture on the model grid: ``0.03 + 0.85 x + e`` with white noise ``e`` of
    sd 0.03 + 0.025 g (vegetation degrades retrievals); observed on 2 of 3 days along swaths, minus
    15 % random dropouts; NaN over water. Returns (sm, noise sd per cell)."""
    nt, ny, nx = truth_surface.shape
    noise_std = 0.03 + 0.025 * greenness
    sm = 0.03 + 0.85 * truth_surface + rng.standard_normal(truth_surface.shape) * noise_std
    swath = (np.arange(nt)[:, None, None] + np.arange(nx)[None, None, :] // 6) % 3 != 0
    observed = swath & (rng.random(truth_surface.shape) > 0.15) & land
    return np.where(observed, np.clip(sm, 0.0, 0.6), np.nan).astype(np.float32), noise_std


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
    ndvi = 0.15 + 0.72 * np.nan_to_num(green) + 0.03 * season
    evi = 0.08 + 0.45 * np.nan_to_num(green) + 0.02 * season
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
        for daily, water_value in ((ndvi, -0.05), (evi, -0.02)):
            fine = upsample(daily[days].mean(0), MODIS_FINE) + detail
            fine += 0.015 * rng.standard_normal(fine_shape)
            fine = np.where(water, water_value, np.clip(fine, -0.2, 1.0))
            layers.append(np.where(clouds, np.nan, fine))
        yield date, layers[0], layers[1]

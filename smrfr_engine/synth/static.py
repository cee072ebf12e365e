"""Static fields of the synthetic region: terrain, water, soil texture and hydraulic parameters."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..layers import SCHEMES, get_scheme
from .grid import Grid, block_mean, random_field
from .soil import saxton_rawls

#: SoilGrids depth intervals (cm)
SOILGRIDS_DEPTHS = ((0, 5), (5, 15), (15, 30), (30, 60), (60, 100))
SOILGRIDS = get_scheme(",".join(f"{top}-{bottom}" for top, bottom in SOILGRIDS_DEPTHS))
#: fine cells per model cell for SoilGrids and the DEM (0.08 / 8 = 0.01 deg)
FINE = 8


@dataclass
class Static:
    """Static fields. ``fine_*`` on the 0.01 deg grid (arrays (depth, y, x) for soil), the others on the
    model grid; soil parameters on the model grid are per SMRFR layer (5, y, x)."""

    grid: Grid
    fine_grid: Grid
    fine_elevation: np.ndarray
    fine_water: np.ndarray
    fine_soil: dict[str, np.ndarray]  # sand, silt, clay (fraction), om (%), bd (g/cm3), fc, wp, sat, ks
    land: np.ndarray
    elevation: np.ndarray
    slope: np.ndarray  # degrees
    soil: dict[str, np.ndarray]  # the same per SMRFR layer
    greenness: np.ndarray  # potential green cover fraction of the vegetation (0..1)


def make_static(grid: Grid, rng: np.random.Generator) -> Static:
    fine_grid = grid.refine(FINE)
    ny, nx = fine_grid.shape
    y, x = np.meshgrid(np.linspace(0, 1, ny), np.linspace(0, 1, nx), indexing="ij")
    # a ridge running SW-NE across the region, hills, and a gentle rise to the south-west
    ridge = 1100.0 * np.exp(-(((x - y) / np.sqrt(2) - 0.15) / 0.12) ** 2)
    hills = 120.0 * random_field(rng, (ny, nx), FINE * 2.5)
    elevation = np.maximum(60.0 + 80.0 * y + ridge + hills, 2.0)
    # a lake in the lowest, wettest part (about 5 % of the area)
    basin = random_field(rng, (ny, nx), FINE * 3.0) - elevation / 300.0
    fine_water = basin > np.quantile(basin, 0.95)
    water_share = block_mean(fine_water.astype(float), FINE)
    land = water_share < 0.5
    if land.all():  # tiny grids: make the wettest cell water so every region has some
        land.flat[np.argmax(water_share)] = False
    fine_water |= np.repeat(np.repeat(~land, FINE, 0), FINE, 1)
    elevation[fine_water] = np.median(elevation[fine_water])  # a flat lake surface

    fine_soil = _texture(rng, elevation, fine_water)
    soil = _model_layers(fine_soil)
    slope = block_mean(_slope(elevation, fine_grid), FINE)
    green = 0.55 + 0.12 * random_field(rng, grid.shape, 3.0) - 0.15 * (block_mean(elevation, FINE) / 1200)
    return Static(grid, fine_grid, elevation.astype(np.float32), fine_water, fine_soil, land,
                  block_mean(elevation, FINE), slope, soil, np.clip(green, 0.25, 0.9))


def _texture(rng: np.random.Generator, elevation: np.ndarray, water: np.ndarray) -> dict[str, np.ndarray]:
    """Sand, silt, clay, organic matter and density factor per SoilGrids depth, then Saxton-Rawls."""
    shape = elevation.shape
    sand_field = random_field(rng, shape, FINE * 2.0)
    clay_field = random_field(rng, shape, FINE * 1.5)
    om_field = random_field(rng, shape, FINE * 1.0)
    density_field = random_field(rng, shape, FINE * 1.5)
    layers = {key: [] for key in ("sand", "silt", "clay", "om", "bd", "fc", "wp", "sat", "ks")}
    for depth in range(len(SOILGRIDS_DEPTHS)):
        # coarser soils on the ridge, clay accumulating with depth (argillic horizons)
        sand = np.clip(0.42 + 0.13 * sand_field + 0.12 * elevation / 1100 - 0.02 * depth, 0.08, 0.88)
        clay = np.clip(0.22 + 0.07 * clay_field - 0.25 * (sand - 0.42) + 0.03 * depth, 0.04, 0.92 - sand)
        sand, clay = np.round(sand, 3), np.round(clay, 3)  # SoilGrids ships g/kg
        silt = np.round(1 - sand - clay, 3)
        om = np.clip((2.8 - 0.5 * depth) * (1 + 0.25 * om_field), 0.2, 6.0)
        density = np.clip(0.97 + 0.03 * density_field + 0.01 * depth, 0.9, 1.1)
        params = saxton_rawls(sand, clay, om, density)
        for key, value in {"sand": sand, "silt": silt, "clay": clay, "om": om, **params}.items():
            layers[key].append(np.where(water, np.nan, value))
    return {key: np.stack(values) for key, values in layers.items()}


def _model_layers(fine_soil: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Soil parameters on the model grid per SMRFR layer: spatial mean of the fine cells (geometric for
    the conductivity), then thickness-weighted overlap of the SoilGrids depths."""
    coarse = {key: block_mean(value, FINE, log=key == "ks") for key, value in fine_soil.items()}
    result = {}
    for key, value in coarse.items():
        layers = []
        for layer in SCHEMES["smrfr"]:
            weights = SOILGRIDS.overlap_weights(layer.top, layer.bottom)
            source = np.log(value) if key == "ks" else value
            mixed = sum(w * source[i] for i, w in enumerate(weights) if w > 0)
            layers.append(np.exp(mixed) if key == "ks" else mixed)
        result[key] = np.stack(layers)
    return result


def _slope(elevation: np.ndarray, grid: Grid) -> np.ndarray:
    """Terrain slope in degrees: arctan of the gradient norm, metres per degree from the WGS84 sphere."""
    metres = grid.res * 111_320.0
    coslat = np.cos(np.radians(grid.lat))[:, None]
    dz_dy, dz_dx = np.gradient(elevation, metres, metres)
    return np.degrees(np.arctan(np.hypot(dz_dx / coslat, dz_dy)))

"""The truth: a daily five-layer soil water balance on the SMRFR layers, vectorised over cells."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..layers import SCHEMES

#: layer thickness in mm (0-5, 5-10, 10-30, 30-50, 50-100 cm)
THICKNESS = np.array([layer.thickness * 10 for layer in SCHEMES["smrfr"]])
#: root distribution of Gale and Grigal (1987): cumulative fraction above depth d (cm) is 1 - beta^d
ROOT_BETA = 0.96
#: readily available water fraction of FAO-56 (no transpiration stress above it)
STRESS_FRACTION = 0.5
#: days for the green cover to adjust to water stress
GREENING_DAYS = 20.0


@dataclass
class WaterBalance:
    """Daily results: ``theta`` (time, 5, cells) m3/m3 and ``green`` (time, cells) cover fraction; the
    water fluxes (time, cells) in mm: precipitation, runoff, evapotranspiration, deep drainage."""

    theta: np.ndarray
    green: np.ndarray
    precipitation: np.ndarray
    runoff: np.ndarray
    evapotranspiration: np.ndarray
    drainage: np.ndarray
    initial_storage: np.ndarray  # mm per cell before the first day


def root_fractions(beta: float = ROOT_BETA) -> np.ndarray:
    """Share of the 0-100 cm roots in each layer: (beta^top - beta^bottom) / (1 - beta^100)."""
    bounds = np.array([[layer.top, layer.bottom] for layer in SCHEMES["smrfr"]])
    return (beta ** bounds[:, 0] - beta ** bounds[:, 1]) / (1 - beta**100)


def simulate(params: dict[str, np.ndarray], precipitation: np.ndarray, pet: np.ndarray, slope: np.ndarray,
             green_max: np.ndarray, spinup_days: int = 365) -> WaterBalance:
    """Run the bucket model over ``precipitation`` and ``pet`` (time, cells), mm/day.

    ``params`` holds ``wp``, ``fc``, ``sat`` (m3/m3) and ``ks`` (mm/day) per layer (5, cells). Each day:

    1. runoff: a slope share ``c = 0.25 tanh(slope / 8 deg)`` of the rain, and the rain beyond the
       infiltration capacity ``min(Ks_1, free pore space of the profile)`` (Hortonian and saturation
       excess); the infiltration ``I = P - R`` fills the layers from the top, each up to saturation;
    2. percolation from each layer above field capacity (SWAT, Neitsch et al. 2011):
       ``D_i = (theta_i - FC_i) dz_i (1 - exp(-Ks_i / ((SAT_i - FC_i) dz_i)))``, limited by the free
       space of the layer below; the bottom layer drains out of the profile;
    3. evapotranspiration: soil evaporation ``E = PET (1 - g) f_1`` from the top layer and transpiration
       ``T_i = PET g r_i f_i`` by the root fractions ``r_i``, with stress ``f_i = clip((theta_i - WP_i) /
       (p (FC_i - WP_i)), 0, 1)`` (p = 0.5, FAO-56; ``f_1`` with p = 1 for evaporation), never taking a
       layer below the wilting point;
    4. the green cover ``g`` relaxes in 20 days towards ``g_max * sum_i r_i f_i`` (vegetation follows
       the water available to its roots).

    So ``WP <= theta <= SAT`` and ``sum_i dz_i dtheta_i = P - R - ET - D_5`` each day. The first
    ``spinup_days`` days are run once beforehand to start from a balanced state.
    """
    wp, fc, sat, ks = (params[key] for key in ("wp", "fc", "sat", "ks"))
    dz = THICKNESS[:, None]
    roots = root_fractions()[:, None]
    runoff_share = 0.25 * np.tanh(slope / 8.0)
    travel = 1 - np.exp(-ks / ((sat - fc) * dz))
    state = np.empty_like(wp)
    state[:] = (fc + wp) / 2
    green = np.asarray(green_max, dtype=float) * 0.8

    def step(theta, green, rain, demand):
        store = theta * dz
        capacity = ((sat - theta) * dz).sum(0)
        infiltration = np.minimum(rain * (1 - runoff_share), np.minimum(ks[0], capacity))
        incoming = infiltration
        for i in range(5):  # fill from the top
            added = np.minimum(incoming, (sat[i] - theta[i]) * dz[i])
            store[i] += added
            incoming = incoming - added
        for i in range(5):  # percolation
            excess = np.maximum(store[i] - fc[i] * dz[i], 0) * travel[i]
            if i < 4:
                excess = np.minimum(excess, sat[i + 1] * dz[i + 1] - store[i + 1])
                store[i + 1] += excess
            else:
                drained = excess
            store[i] -= excess
        available = np.maximum(store - wp * dz, 0)
        theta = store / dz
        stress = np.clip((theta - wp) / (STRESS_FRACTION * (fc - wp)), 0, 1)
        evaporation_stress = np.clip((theta[0] - wp[0]) / (fc[0] - wp[0]), 0, 1)
        uptake = demand * green * roots * stress
        uptake[0] += demand * (1 - green) * evaporation_stress
        uptake = np.minimum(uptake, available)
        store -= uptake
        green = green + (green_max * (roots * stress).sum(0) - green) / GREENING_DAYS
        return store / dz, green, rain - infiltration, uptake.sum(0), drained

    for day in range(min(spinup_days, len(precipitation))):
        state, green, *_ = step(state, green, precipitation[day], pet[day])
    nt, n = precipitation.shape
    result = WaterBalance(np.empty((nt, 5, n), np.float32), np.empty((nt, n), np.float32),
                          precipitation.astype(np.float64), np.empty((nt, n)), np.empty((nt, n)),
                          np.empty((nt, n)), (state * dz).sum(0))
    for day in range(nt):
        state, green, result.runoff[day], result.evapotranspiration[day], result.drainage[day] = step(
            state, green, precipitation[day].astype(np.float64), pet[day])
        result.theta[day] = state
        result.green[day] = green
    return result

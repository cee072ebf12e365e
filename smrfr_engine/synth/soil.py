"""Soil water characteristics from texture: the Saxton and Rawls (2006) pedotransfer functions."""

from __future__ import annotations

import numpy as np


def saxton_rawls(sand: np.ndarray, clay: np.ndarray, organic_matter: np.ndarray,
                 density_factor: np.ndarray | float = 1.0) -> dict[str, np.ndarray]:
    """Wilting point, field capacity, porosity, bulk density and saturated conductivity from texture.

    Saxton, K.E. and Rawls, W.J. (2006), Soil water characteristic estimates by texture and organic
    matter for hydrologic solutions, SSSA J. 70:1569-1578, equations 1-5, 6-8 (density) and 16:
    ``S``, ``C`` sand and clay (fraction), ``OM`` organic matter (% weight), ``DF`` density factor::

        th1500t = -0.024 S + 0.487 C + 0.006 OM + 0.005 S OM - 0.013 C OM + 0.068 S C + 0.031
        th1500  = th1500t + 0.14 th1500t - 0.02                                   (wilting point)
        th33t   = -0.251 S + 0.195 C + 0.011 OM + 0.006 S OM - 0.027 C OM + 0.452 S C + 0.299
        th33    = th33t + 1.283 th33t^2 - 0.374 th33t - 0.015                     (field capacity)
        thS33t  = 0.278 S + 0.034 C + 0.022 OM - 0.018 S OM - 0.027 C OM - 0.584 S C + 0.078
        thS33   = thS33t + 0.636 thS33t - 0.107
        thS     = th33 + thS33 - 0.097 S + 0.043                                  (saturation)
        rhoN    = (1 - thS) 2.65;  rhoDF = rhoN DF                                (bulk density)
        thS_DF  = 1 - rhoDF / 2.65;  th33_DF = th33 - 0.2 (thS - thS_DF)
        B = (ln 1500 - ln 33) / (ln th33_DF - ln th1500);  lambda = 1 / B
        Ks = 1930 (thS_DF - th33_DF)^(3 - lambda)  mm/h

    Returns ``wp``, ``fc``, ``sat`` (m3/m3), ``bd`` (g/cm3) and ``ks`` (mm/day, at least 1).
    """
    s, c, om = sand, clay, organic_matter
    t1500 = -0.024 * s + 0.487 * c + 0.006 * om + 0.005 * s * om - 0.013 * c * om + 0.068 * s * c + 0.031
    wp = t1500 + (0.14 * t1500 - 0.02)
    t33 = -0.251 * s + 0.195 * c + 0.011 * om + 0.006 * s * om - 0.027 * c * om + 0.452 * s * c + 0.299
    fc = t33 + (1.283 * t33**2 - 0.374 * t33 - 0.015)
    ts33 = 0.278 * s + 0.034 * c + 0.022 * om - 0.018 * s * om - 0.027 * c * om - 0.584 * s * c + 0.078
    sat = fc + ts33 + (0.636 * ts33 - 0.107) - 0.097 * s + 0.043
    bd = (1 - sat) * 2.65 * density_factor
    sat_df = 1 - bd / 2.65
    fc_df = fc - 0.2 * (sat - sat_df)
    slope_b = (np.log(1500) - np.log(33)) / (np.log(fc_df) - np.log(wp))
    ks = np.maximum(1930 * np.maximum(sat_df - fc_df, 1e-3) ** (3 - 1 / slope_b) * 24, 1.0)
    return {"wp": wp, "fc": fc_df, "sat": sat_df, "bd": bd, "ks": ks}

"""Defaults of the user options that interfaces show before any work.

Imports no scientific package, so that QGIS lists the Processing algorithms and opens the dialogs (with
the install message) where those packages are missing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

#: the product kinds a reader knows (``custom``: read by a product description, not detected)
PRODUCT_KINDS = ("smrfr", "era5", "somo", "smci", "gssm", "custom")
#: the kinds a product can be named as without a description
LAYOUT_KINDS = tuple(kind for kind in PRODUCT_KINDS if kind != "custom")

#: how a product is read at a point: the cell containing it, or interpolated between the four nearest
#: cell centres
SAMPLING_METHODS = ("nearest", "bilinear")

#: default minimum number of valid pairs for metrics (fewer gives NaN and a reason)
MIN_N = 10


#: when the Dorigo et al. (2013) plausibility checks run: ``auto`` only on series without ISMN flags
PLAUSIBILITY_RULES = ("auto", "always", "never")
#: several sensors in one station layer: those nearest the layer mid-depth, averaged, or all averaged
LAYER_SENSOR_RULES = ("nearest", "mean")


@dataclass
class QcOptions:
    """Every station quality-control and aggregation choice, with the papers' defaults."""

    #: ISMN flags kept (SMRFR, SoMo.ml: only ``G``)
    accept_flags: tuple[str, ...] = ("G",)
    #: also keep ``U`` (unchecked) values, for old networks that were never flagged
    accept_unchecked: bool = False
    #: plausibility checks: ``auto`` (only series without flags), ``always`` or ``never``
    plausibility: str = "auto"
    #: upper range limit in m3/m3 where the station's porosity (saturation) is unknown
    max_value: float = 0.6
    spike_rel: float = 0.15
    break_abs: float = 0.01
    break_rel: float = 0.10
    plateau_days: float = 5.0
    #: fewest sub-daily values for a daily mean (SoMo.ml: 6); series already daily are kept as they are
    min_obs_per_day: int = 6
    #: sensors with fewer valid days are dropped (SMRFR: 200)
    min_valid_days: int = 200
    #: linear gap filling of missing days within +- this many days of valid data (SMCI1.0: 5; 0 = off)
    gap_fill_days: int = 0
    #: several sensors in one station layer: ``nearest`` (those nearest the layer mid-depth, averaged)
    #: or ``mean`` (all averaged)
    layer_sensors: str = "nearest"
    #: average the stations within grid cells of this size in degrees (None = off)
    cell_size: float | None = None
    #: reference product to rescale each station series to (mean and std over the overlap; None = off)
    rescale_reference: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def as_names(value) -> list[str]:
    """Names given as one name or any sequence of them (list, tuple, NumPy array, pandas Index) as a list
    of text; None gives none. (``list("sml1_p")`` made six one-letter names of one layer.)"""
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(name) for name in value]

"""Depth aggregation: thickness-weighted mean of the layers over a depth range, as a derived layer."""

from __future__ import annotations

import numpy as np
import xarray as xr

from .model import scheme_of


def depth_aggregate(ds: xr.Dataset, top: float, bottom: float, name: str | None = None) -> xr.Dataset:
    """The dataset reduced to one derived layer ``top..bottom`` cm (default name ``sm_<top>_<bottom>cm``).

    value = sum_i w_i * layer_i with w_i = overlap(layer_i, top..bottom) / (bottom - top)
    (:meth:`LayerScheme.overlap_weights`); a cell is NaN when any contributing layer is NaN.
    Raises :class:`SmrfrError` when the layers do not cover the range.
    """
    weights = scheme_of(ds).overlap_weights(top, bottom)
    used = [index for index, weight in enumerate(weights) if weight > 0]
    weight = xr.DataArray(np.array([weights[i] for i in used], dtype="float32"), dims="layer")
    layers = ds.isel(layer=used)
    name = name or f"sm_{top:g}_{bottom:g}cm"
    derived = {}
    for variable in ds.data_vars:
        values = (layers[variable] * weight.values[:, None, None, None]).sum("layer", skipna=False)
        values = values.astype("float32").expand_dims(layer=[name])
        derived[variable] = values.assign_attrs(ds[variable].attrs)
    out = xr.Dataset(derived, attrs=ds.attrs)
    return out.assign_coords(layer_top=("layer", [float(top)]), layer_bottom=("layer", [float(bottom)]))


def root_zone(ds: xr.Dataset, top: float = 0, bottom: float = 100, name: str | None = None) -> xr.Dataset:
    """Root-zone soil moisture (default 0-100 cm) as one derived layer named ``rootzone`` (or ``name``).

    For SMRFR: 0.05*sml1 + 0.05*sml2 + 0.2*sml3 + 0.2*sml4 + 0.5*sml5.
    """
    return depth_aggregate(ds, top, bottom, name or ("rootzone" if (top, bottom) == (0, 100) else None))

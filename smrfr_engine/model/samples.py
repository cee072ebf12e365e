"""Training samples: one row per station cell x day, with the in-situ target of each layer and every
cube predictor at the station's cell.

Columns: ``station_id``, ``date`` (datetime), ``row``/``col`` (cube cell), every cube predictor
(``lon``/``lat`` are the cell centre, as at inference), and ``target<N>`` (m3/m3) for each layer N;
NaN where a station has no (screened) value that day.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import xarray as xr

from ..errors import SmrfrError
from ..feedback import Feedback
from ..stations.store import read_stations
from .cube import cube_grid, cube_predictors, cube_values


def target_column(layer: int) -> str:
    return f"target{layer}"


def layer_stations(samples: pd.DataFrame, layer: int) -> list[str]:
    """The ids (as text, sorted) of the stations with a target in ``layer``: what ``model.json`` records."""
    return sorted(map(str, samples.loc[samples[target_column(layer)].notna(), "station_id"].unique()))


def station_samples(cube: xr.Dataset, path, layers: list[int], only_passed: bool = True,
                    feedback: Feedback | None = None) -> pd.DataFrame:
    """:func:`build_samples` of the stations GeoPackage ``path`` (with ``only_passed``, only the station
    layers that passed screening)."""
    stations, daily = read_stations(path, only_passed)
    return build_samples(cube, stations, daily, layers, feedback)


def build_samples(cube: xr.Dataset, stations: pd.DataFrame, daily: pd.DataFrame, layers: list[int],
                  feedback: Feedback | None = None) -> pd.DataFrame:
    """Samples for ``layers`` (1-based) from ``daily`` (station_id, layer, date, sm) at the cube cells of
    ``stations`` (station_id, lon, lat); stations outside the cube or days outside its period are
    dropped (with a message)."""
    feedback = feedback or Feedback()
    grid = cube_grid(cube)
    rows, cols = grid.cell_of(stations["lon"].to_numpy(float), stations["lat"].to_numpy(float))
    located = pd.DataFrame({"station_id": stations["station_id"].to_numpy(), "row": rows, "col": cols})
    outside = located[located["row"] < 0]
    if len(outside):
        feedback.warning(f"{len(outside)} station(s) outside the cube are ignored: "
                         f"{', '.join(map(str, outside['station_id'][:5]))}")
    located = located[located["row"] >= 0]
    daily = daily[daily["layer"].astype(int).isin(layers)]
    targets = daily.assign(date=pd.to_datetime(daily["date"]), layer=daily["layer"].astype(int)).pivot_table(
        index=["station_id", "date"], columns="layer", values="sm", aggfunc="mean")
    targets.columns = [target_column(int(layer)) for layer in targets.columns]
    targets = targets.reset_index().merge(located, on="station_id", how="inner")
    times = pd.DatetimeIndex(cube.time.values)
    targets = targets[targets["date"].isin(times)]
    if targets.empty:
        raise SmrfrError(f"no station value falls inside the cube ({times[0].date()}..{times[-1].date()}, "
                         f"{len(located)} stations inside its grid) for layers {layers}")
    for layer in layers:
        if target_column(layer) not in targets:
            targets[target_column(layer)] = np.nan
    cells = targets[["row", "col"]].drop_duplicates().reset_index(drop=True)
    cell_index = targets.merge(cells.reset_index(), on=["row", "col"])["index"].to_numpy()
    time_index = times.get_indexer(targets["date"])
    at_cells = cube.isel(lat=xr.DataArray(cells["row"].to_numpy(), dims="cell"),
                         lon=xr.DataArray(cells["col"].to_numpy(), dims="cell"))
    predictors = cube_predictors(cube)
    columns = {}
    for number, name in enumerate(predictors):
        feedback.progress(number / len(predictors), f"reading {name} at the stations")
        if "time" in cube[name].dims:
            values = cube_values(at_cells[name].transpose("time", "cell"), cube)[time_index, cell_index]
        else:
            values = cube_values(at_cells[name], cube)[cell_index]
        columns[name] = values.astype("float64")
    samples = pd.concat([targets.reset_index(drop=True), pd.DataFrame(columns)], axis=1)
    feedback.progress(1.0, f"{len(samples)} samples at {samples['station_id'].nunique()} stations")
    return samples.sort_values(["station_id", "date"]).reset_index(drop=True)

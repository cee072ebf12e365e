"""Cross-validation designs of the papers and the per-layer skill report.

Every design assigns each sample (station cell x day) to one of ``folds`` test folds:

- ``station``: stations shuffled and dealt to the folds (station-to-station; 3 folds = 2/3 vs 1/3);
- ``year``: the sorted years split into contiguous groups (year-to-year: train years vs test years);
- ``block``: square spatial blocks of ``block_size`` degrees dealt to the folds (spatially blocked);
- ``kfold``: rows dealt at random (random k-fold; optimistic for time series).

With few stations one dealing decides a score to a few thousandths; repeated cross-validation deals
the folds again with other seeds (:func:`summarise_repeats`, every design but ``year``, whose folds
are fixed).

The same assignment gives the out-of-fold cascade inputs and the CV scores, so every held-out
sample is predicted, through all layers, by models that never saw its fold.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import SmrfrError, check_range
from ..metrics import metrics_table, summarise_stations

DESIGNS = ("station", "year", "block", "kfold")
REPORT_SCORES = ("r", "bias", "rmse", "ubrmse", "mae")


def assign_folds(samples: pd.DataFrame, design: str = "station", folds: int = 5, seed: int = 0,
                 block_size: float | None = None) -> np.ndarray:
    """Test fold (0..folds-1) of every row of ``samples`` (columns station_id, date, lon, lat)."""
    check_design(design, folds, block_size=block_size)
    rng = np.random.default_rng(seed)
    if design == "kfold":
        return rng.permutation(np.arange(len(samples)) % folds)
    if design == "year":
        years = pd.to_datetime(samples["date"]).dt.year.to_numpy()
        unique = np.unique(years)
        if len(unique) < 2:
            raise SmrfrError(f"year-to-year cross-validation needs at least 2 years; the samples cover "
                             f"{unique}")
        groups = np.array_split(unique, min(folds, len(unique)))
        fold_of_year = {year: fold for fold, group in enumerate(groups) for year in group}
        return np.array([fold_of_year[year] for year in years])
    if design == "station":
        keys = samples["station_id"].to_numpy()
    else:
        size = default_block_size(samples) if block_size is None else block_size
        keys = (np.floor(samples["lon"].to_numpy() / size).astype(int) * 100003
                + np.floor(samples["lat"].to_numpy() / size).astype(int))
    unique, inverse = np.unique(keys, return_inverse=True)
    if len(unique) < folds:
        raise SmrfrError(f"{design} cross-validation with {folds} folds needs at least {folds} "
                         f"{'stations' if design == 'station' else 'spatial blocks'}; found {len(unique)}")
    fold_of_group = rng.permutation(np.arange(len(unique)) % folds)
    return fold_of_group[inverse]


def check_design(design: str, folds: int, repeats: int = 1, block_size: float | None = None) -> None:
    """Refuse (:class:`SmrfrError`) an unknown design, fewer than 2 folds, a block size other than > 0 or
    given to another design than ``block``, fewer than one repeat, or repeating the fixed year folds."""
    if design not in DESIGNS:
        raise SmrfrError(f"unknown cross-validation design {design!r}: use one of {', '.join(DESIGNS)}")
    if folds < 2:
        raise SmrfrError(f"cross-validation needs at least 2 folds, got {folds}")
    if block_size is not None:
        if design != "block":
            raise SmrfrError(f"a block size ({block_size:g} deg) applies to the block cross-validation "
                             f"design only, not to the {design} design")
        check_range("block_size", block_size, 0 < block_size < np.inf, "a block size > 0 degrees")
    if repeats < 1:
        raise SmrfrError(f"repeats must be at least 1, got {repeats}")
    if repeats > 1 and design == "year":
        raise SmrfrError(f"{repeats} repeats of year-to-year cross-validation would give the same folds each "
                         "time: repeat the station, block or kfold design, or use 1 repeat")


def default_block_size(samples: pd.DataFrame) -> float:
    """A quarter of the larger extent of the stations: about 16 blocks."""
    extent = max(np.ptp(samples["lon"].to_numpy()), np.ptp(samples["lat"].to_numpy()))
    return max(extent / 4, 1e-6)


def skill_report(predictions: pd.DataFrame, references: tuple[str, ...] = ()) -> pd.DataFrame:
    """Per layer pooled and per-station median R, bias, RMSE, ubRMSE, MAE of ``estimate`` vs ``target``.

    ``predictions`` has columns layer, station_id, date, estimate, target and each of ``references``
    (other estimates at the same samples, e.g. ``reference`` the reanalysis, ``base`` a base model),
    reported alongside as ``<score>_<reference>``.
    """
    rows = []
    for layer, part in predictions.groupby("layer", sort=True):
        row = {"layer": int(layer), "samples": len(part), "stations": part["station_id"].nunique()}
        for column, suffix in [("estimate", ""), *((name, f"_{name}") for name in references)]:
            pooled = metrics_table(part, column, "target").iloc[0]
            per_station = summarise_stations(metrics_table(part, column, "target", group=["station_id"]))
            for score in REPORT_SCORES:
                row[f"{score}{suffix}"] = float(pooled[score])
                row[f"{score}_station_median{suffix}"] = float(per_station[f"{score}_median"].iloc[0])
        rows.append(row)
    return pd.DataFrame(rows)


def summarise_repeats(reports: list[pd.DataFrame], seeds: list[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The :func:`skill_report` of repeated cross-validation from one report per dealing (fold seeds
    ``seeds``): every score averaged over the dealings, with the range of the ubRMSE (``ubrmse_min``,
    ``ubrmse_max``); and all the reports in one table with ``repeat`` (0, 1, ...) and ``seed`` columns."""
    table = pd.concat([report.assign(repeat=number, seed=seed)
                       for number, (report, seed) in enumerate(zip(reports, seeds))], ignore_index=True)
    by_layer = table.drop(columns=["repeat", "seed"]).groupby("layer", as_index=False)
    mean = by_layer.mean()
    counts = ["samples", "stations"]
    mean[counts] = mean[counts].round().astype(int)
    ubrmse = by_layer.ubrmse
    mean.insert(mean.columns.get_loc("ubrmse") + 1, "ubrmse_min", ubrmse.min()["ubrmse"])
    mean.insert(mean.columns.get_loc("ubrmse_min") + 1, "ubrmse_max", ubrmse.max()["ubrmse"])
    return mean, table

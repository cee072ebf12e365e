"""How often the 10/90 % band of a boosted model holds the observations of stations it never saw.

On the demo region (``smrfr_engine.demo.prepare_inputs``, seed 0: the stations, hold-out and cube of
``make demo``) the default preset is trained with ``--quantiles`` (station CV, whose held-out misses give
the conformal widening ``w``), and its map of ``YEAR`` is inferred with ``--uncertainty``. At the cell of
each held-out station, per layer, over the daily observations of the sensors that passed screening (the
only ones training uses): the share inside the widened band ``[q10, q90]`` (nominal 80 %) with the 5-95 %
range of that share over 2000 resamplings of the held-out stations (its sampling spread), the share
inside the raw band of the quantile models ``[q10 + w, q90 - w]``, the share with the sensors that failed
screening too, the share of days whose true soil moisture (the region's known truth) is inside the
widened band, and the median band width. The last line, ``bench: ...``, gives the widened coverage per
layer (sensors that passed screening).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

YEAR = 2021


def station_spread(pairs: pd.DataFrame, inside: pd.Series, seed: int = 0) -> tuple[float, float]:
    """5-95 % range of the pooled share ``inside`` when the stations of ``pairs`` are resampled."""
    counts = pairs.assign(inside=inside).groupby("station_id")["inside"].agg(["sum", "size"]).to_numpy()
    picks = np.random.default_rng(seed).integers(0, len(counts), (2000, len(counts)))
    shares = counts[picks, 0].sum(1) / counts[picks, 1].sum(1)
    return float(np.quantile(shares, 0.05)), float(np.quantile(shares, 0.95))


def main() -> None:
    from smrfr_engine.demo import prepare_inputs
    from smrfr_engine.model.bundle import load_bundle
    from smrfr_engine.model.infer import infer
    from smrfr_engine.model.train import train_model
    from smrfr_engine.stations import read_stations

    with tempfile.TemporaryDirectory() as tmp:
        inputs = prepare_inputs(Path(tmp) / "region")
        model = train_model(inputs.cube, inputs.training, Path(tmp) / "model", cv="station", quantiles=True,
                            importance=False)["bundle"]
        widening = load_bundle(model).quantile_widening
        store = infer(model, inputs.cube, Path(tmp) / "maps", start=f"{YEAR}-01-01", end=f"{YEAR}-12-31",
                      uncertainty=True)[0]
        stations, daily = read_stations(inputs.held_out)
        key = ["station_id", "layer", "date"]
        passed = pd.MultiIndex.from_frame(read_stations(inputs.held_out, only_passed=True)[1][key])
        daily = daily.assign(passed=pd.MultiIndex.from_frame(daily[key]).isin(passed),
                             date=pd.to_datetime(daily["date"]))
        rows = []
        cells = {"lon": xr.DataArray(stations.geometry.x.to_numpy(), dims="station"),
                 "lat": xr.DataArray(stations.geometry.y.to_numpy(), dims="station")}
        with (xr.open_zarr(store) as maps,
              xr.open_zarr(inputs.region / "truth" / f"SMRFR_{YEAR}_v1.0.zarr") as truth):
            at_maps = maps.sel(**cells, method="nearest").load()
            at_truth = truth.sel(**cells, method="nearest").sel(time=at_maps.time).load()
            for layer in range(1, 6):
                name, w = f"sml{layer}_p", widening.get(layer, 0.0)

                def flat(values):
                    return values.transpose("station", "time").values.ravel()

                band = pd.DataFrame({
                    "station_id": np.repeat(stations["station_id"].to_numpy(), at_maps.sizes["time"]),
                    "date": np.tile(at_maps.time.values, len(stations)),
                    "q10": flat(at_maps[f"{name}_q10"]), "q90": flat(at_maps[f"{name}_q90"]),
                    "truth": flat(at_truth[name])})
                every = daily[daily["layer"] == layer].merge(band, on=["station_id", "date"]).dropna()
                pairs = every[every["passed"]]
                inside = pairs["sm"].between(pairs["q10"], pairs["q90"])
                low, high = station_spread(pairs, inside)
                rows.append({"layer": layer, "observations": len(pairs),
                             "stations": pairs["station_id"].nunique(), "widening": w,
                             "raw": pairs["sm"].between(pairs["q10"] + w, pairs["q90"] - w).mean(),
                             "widened": inside.mean(), "spread_5": low, "spread_95": high,
                             "with_failed": every["sm"].between(every["q10"], every["q90"]).mean(),
                             "failed_stations": every.loc[~every["passed"], "station_id"].nunique(),
                             "truth": pairs["truth"].between(pairs["q10"], pairs["q90"]).mean(),
                             "median_width": (pairs["q90"] - pairs["q10"]).median()})
    table = pd.DataFrame(rows).set_index("layer")
    print(f"10/90 % band at the held-out stations' cells, {YEAR} (nominal coverage 0.80):")
    print(table.round(3).to_string())
    print("bench: " + " ".join(f"coverage_layer{layer}={row.widened:.2f}" for layer, row in table.iterrows()))


if __name__ == "__main__":
    main()

"""How often the 10/90 % band of a boosted model holds the observations of stations it never saw.

On the demo region (``smrfr_engine.demo.prepare_inputs``, seed 0: the stations, hold-out and cube of
``make demo``) the default preset is trained with ``--quantiles`` (station CV, whose held-out misses give
the conformal widening ``w``), and its map of ``YEAR`` is inferred with ``--uncertainty``. At the cell of
each held-out station, per layer: the share of its daily observations inside the widened band
``[q10, q90]`` (nominal 80 %) and inside the raw band of the quantile models ``[q10 + w, q90 - w]``, and
the median band width. The last line, ``bench: ...``, gives the widened coverage per layer.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

YEAR = 2021


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
        daily = daily.assign(date=pd.to_datetime(daily["date"]))
        rows = []
        with xr.open_zarr(store) as maps:
            cells = maps.sel(lon=xr.DataArray(stations.geometry.x.to_numpy(), dims="station"),
                             lat=xr.DataArray(stations.geometry.y.to_numpy(), dims="station"),
                             method="nearest").load()
            for layer in range(1, 6):
                name, w = f"sml{layer}_p", widening.get(layer, 0.0)
                band = pd.DataFrame({
                    "station_id": np.repeat(stations["station_id"].to_numpy(), cells.sizes["time"]),
                    "date": np.tile(cells.time.values, len(stations)),
                    "q10": cells[f"{name}_q10"].transpose("station", "time").values.ravel(),
                    "q90": cells[f"{name}_q90"].transpose("station", "time").values.ravel()})
                pairs = daily[daily["layer"] == layer].merge(band, on=["station_id", "date"]).dropna()
                inside = pairs["sm"].between(pairs["q10"], pairs["q90"])
                raw = pairs["sm"].between(pairs["q10"] + w, pairs["q90"] - w)
                width = (pairs["q90"] - pairs["q10"]).median()
                rows.append({"layer": layer, "observations": len(pairs),
                             "stations": pairs["station_id"].nunique(), "widening": w, "raw": raw.mean(),
                             "widened": inside.mean(), "median_width": width})
    table = pd.DataFrame(rows).set_index("layer")
    print(f"10/90 % band at the held-out stations' cells, {YEAR} (nominal coverage 0.80):")
    print(table.round(3).to_string())
    print("bench: " + " ".join(f"coverage_layer{layer}={row.widened:.2f}" for layer, row in table.iterrows()))


if __name__ == "__main__":
    main()

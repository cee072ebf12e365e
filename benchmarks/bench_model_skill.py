"""Station-to-station CV skill of the model against the reanalysis, on several demo regions.

For each region seed in ``SEEDS`` (``smrfr_engine.demo.prepare_inputs``: 48 x 48 cells, 2019-2021,
40 stations, the same training stations as ``make demo``), the cascade is trained with station CV
(5 folds, seed = region seed) in four variants:

- ``default``: the default preset (LightGBM learning the departure from field capacity, ``fca``);
- ``no-anchor``: the same learning soil moisture itself (``--anchor none``);
- ``no-cascade``: the default without the upper layer's estimate as a predictor;
- ``true-layer-above``: ``no-cascade`` whose layer-5 model gets the *true* 30-50 cm soil moisture
  instead (a copy of the cube with the truth as the predictor ``true_above#layer5``, in training and
  at inference): the best cascade input there could be, so it bounds what any estimate of the layer
  above can add to layer 5 in this world.

It prints the pooled ubRMSE per layer of each variant and of the reanalysis at the same samples
(``ubrmse_reference``). Each model then maps the last year over the whole region (``smrfr infer``),
compared with the known truth on every land cell-day (about 800,000 per layer, no station noise), as
is the reanalysis mapped to the same layers (the cube's ``era5sm#layerN``). The last line,
``bench: ...``, gives per variant how many (region, layer) pairs beat the reanalysis in CV, the
mean CV ubRMSE and the mean map ubRMSE, and the reanalysis's means. Region 0 is the demo's region: its
``default`` row is what ``make demo`` reports.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

SEEDS = (0, 1, 2)
YEAR = 2021
VARIANTS = {"default": {}, "no-anchor": {"anchor": "none"}, "no-cascade": {"cascade": False},
            "true-layer-above": {"cascade": False}}
#: the predictor of the ``true-layer-above`` variant: the truth of layer 4, used by layer 5 only
TRUE_ABOVE = "true_above#layer5"


def map_ubrmse(estimate: np.ndarray, truth: np.ndarray) -> float:
    """ubRMSE (:func:`smrfr_engine.metrics.ubrmse`) over the cell-days where both are valid."""
    from smrfr_engine.metrics import ubrmse

    valid = np.isfinite(estimate) & np.isfinite(truth)
    return ubrmse(estimate[valid].astype("float64"), truth[valid].astype("float64"))


def true_above_cube(inputs, out: Path) -> Path:
    """A copy of the demo cube with the true soil moisture of layer 4 as the predictor :data:`TRUE_ABOVE`."""
    import shutil

    import zarr

    from smrfr_engine.model.cube import SPACE_CHUNK, TIME_CHUNK

    shutil.copytree(inputs.cube, out)
    cube = xr.open_zarr(out)
    truth = xr.concat([xr.open_zarr(store)["sml4_p"]
                       for store in sorted((inputs.region / "truth").glob("SMRFR_*_v1.0.zarr"))], "time")
    values = truth.sel(time=cube.time).transpose("time", "lat", "lon").values
    xr.Dataset({TRUE_ABOVE: (("time", "lat", "lon"), values.astype("float32"))}).chunk(
        {"time": TIME_CHUNK, "lat": SPACE_CHUNK, "lon": SPACE_CHUNK}).to_zarr(out, mode="a", zarr_format=2)
    group = zarr.open_group(out, mode="r+", zarr_format=2)
    group.attrs["predictors"] = json.dumps([*json.loads(cube.attrs["predictors"]), TRUE_ABOVE])
    zarr.consolidate_metadata(out)
    return out


def map_skill(model: Path, inputs, cube: Path, year: int, out: Path) -> list[dict]:
    """Pooled ubRMSE per layer against the truth of the model's map of ``year`` (inferred from ``cube``)
    and of the reanalysis."""
    from smrfr_engine.model.infer import infer

    store = infer(model, cube, out, start=f"{year}-01-01", end=f"{year}-12-31")[0]
    maps, predictors = xr.open_zarr(store), xr.open_zarr(inputs.cube).sel(time=str(year))
    truth = xr.open_zarr(inputs.region / "truth" / f"SMRFR_{year}_v1.0.zarr")
    rows = []
    for layer in range(1, 6):
        expected = truth[f"sml{layer}_p"].values
        rows.append({"layer": layer, "model": map_ubrmse(maps[f"sml{layer}_p"].values, expected),
                     "reanalysis": map_ubrmse(predictors[f"era5sm#layer{layer}"].values, expected)})
    return rows


def main() -> None:
    from smrfr_engine.demo import prepare_inputs
    from smrfr_engine.model.train import train_model

    rows, maps = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in SEEDS:
            inputs = prepare_inputs(Path(tmp) / f"region{seed}", seed=seed)
            oracle = true_above_cube(inputs, Path(tmp) / f"cube{seed}-true-above.zarr")
            for variant, options in VARIANTS.items():
                cube = oracle if variant == "true-layer-above" else inputs.cube
                report = train_model(cube, inputs.training, Path(tmp) / f"model{seed}-{variant}",
                                     cv="station", importance=False, seed=seed, **options)["report"]
                rows += [{"region": seed, "variant": variant, "layer": row.layer, "stations": row.stations,
                          "model": row.ubrmse, "reanalysis": row.ubrmse_reference}
                         for row in report.itertuples()]
                maps += [{"region": seed, "variant": variant, **row} for row in
                         map_skill(Path(tmp) / f"model{seed}-{variant}", inputs, cube, YEAR,
                                   Path(tmp) / f"maps{seed}-{variant}")]
    table = pd.DataFrame(rows)
    print(table.pivot_table(index=["region", "variant"], columns="layer", values="model").round(4)
          .to_string())
    print("reanalysis:")
    print(table[table.variant == "default"].pivot_table(index="region", columns="layer",
                                                         values="reanalysis").round(4).to_string())
    maps = pd.DataFrame(maps)
    print(f"map of {YEAR} against the truth, pooled ubRMSE over the land cell-days:")
    print(maps.pivot_table(index=["region", "variant"], columns="layer", values="model").round(4).to_string())
    print("reanalysis:")
    print(maps[maps.variant == "default"].pivot_table(index="region", columns="layer",
                                                       values="reanalysis").round(4).to_string())
    summary = [f"reanalysis_cv_mean={table[table.variant == 'default'].reanalysis.mean():.4f}",
               f"reanalysis_map_mean={maps[maps.variant == 'default'].reanalysis.mean():.4f}"]
    for variant, part in table.groupby("variant", sort=False):
        wins = int((part.model < part.reanalysis).sum())
        summary.append(f"{variant}: cv_wins={wins}/{len(part)} cv_mean={part.model.mean():.4f} "
                       f"map_mean={maps[maps.variant == variant].model.mean():.4f}")
    print("bench: " + " ".join(summary))


if __name__ == "__main__":
    main()

"""Does the cascade input pay on the demo region? Station CV over fold dealings, and maps over station draws.

With about 20 stations per layer, one dealing of the stations to folds decides a score to a few
thousandths, which is more than the cascade input changes. So on the demo region
(``smrfr_engine.demo.prepare_inputs``, seed 0: the stations and cube of ``make demo``) the default
preset is trained with and without the cascade input (``--no-cascade``) and compared pairwise, twice:

- station CV (5 folds) repeated over ``REPEATS`` dealings (``--repeats``): the pooled ubRMSE per layer
  (same samples, same folds);
- maps: ``DRAWS`` draws of ``KEPT`` of the training stations (fixed seeds), each trained with and
  without, then mapped for ``YEAR`` over the whole region and compared with the known truth on every
  land cell-day (no sensor offsets, no fold luck; :func:`bench_model_skill.map_skill`).

It prints per layer the mean and the range of each difference (with minus without; negative: the
cascade input helps) and in how many dealings or draws it helps; the last line, ``bench: ...``, gives
layer 5.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pandas as pd
from bench_model_skill import YEAR, map_skill

REPEATS = 8
DRAWS = 8
KEPT = 0.8


def summary(scores: pd.DataFrame, reference: pd.Series, runs: str) -> pd.DataFrame:
    """Per layer: the mean scores with (``True``) and without (``False``) the cascade input, the reference,
    and the mean, range and count of helped ``runs`` of the difference."""
    difference = (scores[True] - scores[False]).groupby("layer")
    return pd.DataFrame({
        "with": scores[True].groupby("layer").mean(), "without": scores[False].groupby("layer").mean(),
        "reanalysis": reference, "difference_mean": difference.mean(), "difference_min": difference.min(),
        "difference_max": difference.max(), f"{runs}_helped": difference.apply(lambda d: int((d < 0).sum()))})


def main() -> None:
    from smrfr_engine.demo import prepare_inputs
    from smrfr_engine.model.train import train_model
    from smrfr_engine.stations import read_stations
    from smrfr_engine.stations.store import subset_store

    tables, maps = [], []
    with tempfile.TemporaryDirectory() as tmp:
        inputs = prepare_inputs(Path(tmp) / "region")
        for cascade in (True, False):
            result = train_model(inputs.cube, inputs.training, Path(tmp) / f"model-{cascade}", cv="station",
                                 importance=False, cascade=cascade, repeats=REPEATS)
            tables.append(result["repeats"].assign(cascade=cascade))
        ids = sorted(read_stations(inputs.training)[0]["station_id"])
        for draw in range(DRAWS):
            kept = subset_store(inputs.training, random.Random(draw).sample(ids, round(KEPT * len(ids))),
                                Path(tmp) / f"stations{draw}.gpkg")
            for cascade in (True, False):
                model = Path(tmp) / f"draw{draw}-{cascade}"
                train_model(inputs.cube, kept, model, importance=False, cascade=cascade)
                rows = map_skill(model, inputs, inputs.cube, YEAR, Path(tmp) / f"maps{draw}-{cascade}")
                maps += [{"draw": draw, "cascade": cascade, **row} for row in rows]
    table = pd.concat(tables).rename(columns={"ubrmse_reference": "reanalysis"})
    cv = summary(table.pivot_table(index=["layer", "seed"], columns="cascade", values="ubrmse"),
                 table.groupby("layer").reanalysis.mean(), "seeds")
    print(f"station CV (5 folds) on the demo region over {REPEATS} fold seeds, pooled ubRMSE:")
    print(cv.round(4).to_string())
    maps = pd.DataFrame(maps)
    mapped = summary(maps.pivot_table(index=["layer", "draw"], columns="cascade", values="model"),
                     maps.groupby("layer").reanalysis.mean(), "draws")
    print(f"map of {YEAR} against the truth over {DRAWS} draws of {KEPT:.0%} of the training stations, "
          "pooled ubRMSE over the land cell-days:")
    print(mapped.round(4).to_string())
    layer5, map5 = cv.loc[5], mapped.loc[5]
    print(f"bench: layer5_with={layer5['with']:.4f} layer5_without={layer5['without']:.4f} "
          f"layer5_difference_mean={layer5.difference_mean:+.4f} "
          f"layer5_helped={int(layer5.seeds_helped)}/{REPEATS} "
          f"map5_difference_mean={map5.difference_mean:+.4f} "
          f"map5_difference_range={map5.difference_min:+.4f}..{map5.difference_max:+.4f} "
          f"map5_helped={int(map5.draws_helped)}/{DRAWS}")


if __name__ == "__main__":
    main()

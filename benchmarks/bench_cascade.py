"""Does the cascade input pay on the demo region? Station CV with and without it, over fold dealings.

With about 20 stations per layer, one dealing of the stations to folds decides a score to a few
thousandths, which is more than the cascade input changes. So on the demo region
(``smrfr_engine.demo.prepare_inputs``, seed 0: the stations and cube of ``make demo``) the default
preset is trained with 5-fold station CV repeated over ``REPEATS`` dealings (``--repeats``), with and
without the cascade input (``--no-cascade``), and the pooled ubRMSE per layer is compared pairwise
(same samples, same folds). It prints per layer the mean and the range of the difference (with minus
without; negative: the cascade input helps), how many seeds it helps in, and the mean scores of both
and of the reanalysis at the same samples; the last line, ``bench: ...``, gives layer 5.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

REPEATS = 8


def main() -> None:
    from smrfr_engine.demo import prepare_inputs
    from smrfr_engine.model.train import train_model

    tables = []
    with tempfile.TemporaryDirectory() as tmp:
        inputs = prepare_inputs(Path(tmp) / "region")
        for cascade in (True, False):
            result = train_model(inputs.cube, inputs.training, Path(tmp) / f"model-{cascade}", cv="station",
                                 importance=False, cascade=cascade, repeats=REPEATS)
            tables.append(result["repeats"].assign(cascade=cascade))
    table = pd.concat(tables).rename(columns={"ubrmse_reference": "reanalysis"})
    scores = table.pivot_table(index=["layer", "seed"], columns="cascade", values="ubrmse")
    difference = (scores[True] - scores[False]).groupby("layer")
    summary = pd.DataFrame({
        "with": scores[True].groupby("layer").mean(), "without": scores[False].groupby("layer").mean(),
        "reanalysis": table.groupby("layer").reanalysis.mean(),
        "difference_mean": difference.mean(), "difference_min": difference.min(),
        "difference_max": difference.max(), "seeds_helped": difference.apply(lambda d: int((d < 0).sum()))})
    print(f"station CV (5 folds) on the demo region over {REPEATS} fold seeds, pooled ubRMSE:")
    print(summary.round(4).to_string())
    print(scores.unstack("layer").round(4).to_string())
    layer5 = summary.loc[5]
    print(f"bench: layer5_with={layer5['with']:.4f} layer5_without={layer5['without']:.4f} "
          f"layer5_difference_mean={layer5.difference_mean:+.4f} "
          f"layer5_helped={int(layer5.seeds_helped)}/{REPEATS}")


if __name__ == "__main__":
    main()

"""Station-to-station CV skill of the model against the reanalysis, on several demo regions.

For each region seed in ``SEEDS`` (``smrfr_engine.demo.prepare_inputs``: 48 x 48 cells, 2019-2021,
40 stations, the same training stations as ``make demo``), the cascade is trained with station CV
(5 folds, seed = region seed) in three variants:

- ``default``: the default preset (LightGBM learning the departure from field capacity, ``fca``);
- ``no-anchor``: the same learning soil moisture itself (``--anchor none``);
- ``no-cascade``: the default without the upper layer's estimate as a predictor.

It prints the pooled ubRMSE per layer of each variant and of the reanalysis at the same samples
(``ubrmse_reference``), then ``bench: ...`` with, per variant, how many (region, layer) pairs beat
the reanalysis and the mean ubRMSE over them. Region 0 is the demo's region: its ``default`` row is
what ``make demo`` reports.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

SEEDS = (0, 1, 2)
VARIANTS = {"default": {}, "no-anchor": {"anchor": "none"}, "no-cascade": {"cascade": False}}


def main() -> None:
    from smrfr_engine.demo import prepare_inputs
    from smrfr_engine.model.train import train_model

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in SEEDS:
            inputs = prepare_inputs(Path(tmp) / f"region{seed}", seed=seed)
            for variant, options in VARIANTS.items():
                report = train_model(inputs.cube, inputs.training, Path(tmp) / f"model{seed}-{variant}",
                                     cv="station", importance=False, seed=seed, **options)["report"]
                rows += [{"region": seed, "variant": variant, "layer": row.layer, "stations": row.stations,
                          "model": row.ubrmse, "reanalysis": row.ubrmse_reference}
                         for row in report.itertuples()]
    table = pd.DataFrame(rows)
    print(table.pivot_table(index=["region", "variant"], columns="layer", values="model").round(4)
          .to_string())
    print("reanalysis:")
    print(table[table.variant == "default"].pivot_table(index="region", columns="layer",
                                                         values="reanalysis").round(4).to_string())
    summary = []
    for variant, part in table.groupby("variant", sort=False):
        wins = int((part.model < part.reanalysis).sum())
        summary.append(f"{variant}_wins={wins}/{len(part)} {variant}_mean={part.model.mean():.4f}")
    print(f"bench: reanalysis_mean={table[table.variant == 'default'].reanalysis.mean():.4f} "
          + " ".join(summary))


if __name__ == "__main__":
    main()

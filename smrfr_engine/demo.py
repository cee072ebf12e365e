"""The demo job: every pipeline step on the built-in demo region, end to end.

synthesise the region -> import and quality-control its ISMN stations -> screen them by ETC -> hold
out a third of the stations -> build the predictor cube -> train the cascade (station CV) -> infer
the last year over the whole region -> validate the inference and the reanalysis on the held-out
stations.
"""

from __future__ import annotations

import random
from pathlib import Path

from .feedback import Feedback

#: (fraction of the total progress, message) per step, in order
STEPS = (
    (0.15, "synthesising the demo region"),
    (0.05, "importing and quality-controlling the stations"),
    (0.10, "screening the stations by Extended Triple Collocation"),
    (0.15, "building the predictor cube"),
    (0.25, "training the per-layer cascade with station-to-station CV"),
    (0.15, "inferring soil moisture over the region"),
    (0.15, "validating the inference and the reanalysis on held-out stations"),
)
HOLDOUT_FRACTION = 1 / 3


def run_demo(out: str | Path, feedback: Feedback | None = None, size: int = 48, start: str = "2019-01-01",
             end: str = "2021-12-31", n_stations: int = 40, seed: int = 0) -> dict[str, Path]:
    """Run the demo pipeline into the folder ``out``; returns the main outputs by name."""
    from .model.cube import build_cube, demo_predictor_config
    from .model.infer import infer
    from .model.train import train_model
    from .stations import import_stations, read_stations, screen_stations
    from .stations.store import subset_store
    from .synth import generate
    from .validation import validate

    feedback = feedback or Feedback()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    spans = _spans(feedback)
    region = out / "region"
    generate(region, seed=seed, size=size, start=start, end=end, n_stations=n_stations, feedback=next(spans))
    stations = out / "stations.gpkg"
    import_stations([region / "stations" / "SYNTH_ismn.zip"], stations, feedback=next(spans))
    screened = out / "screened.gpkg"
    screen_stations(stations, region / "era5land", region / "satellite", screened, feedback=next(spans))
    ids = sorted(read_stations(screened)[0]["station_id"])
    held_out = sorted(random.Random(seed).sample(ids, round(len(ids) * HOLDOUT_FRACTION)))
    training = subset_store(screened, [i for i in ids if i not in held_out], out / "training_stations.gpkg")
    validation_points = subset_store(screened, held_out, out / "heldout_stations.gpkg")
    config = region / "predictors.toml"
    config.write_text(demo_predictor_config(region), encoding="utf-8")
    cube = build_cube(config, out / "cube.zarr", start, end, feedback=next(spans))
    model = out / "model"
    train_model(cube, training, model, cv="station", seed=seed, feedback=next(spans))
    year = end[:4]
    inference = out / "inference"
    infer(model, cube, inference, start=f"{year}-01-01", end=end, feedback=next(spans))
    result = validate({"inference": inference, "reanalysis": region / "era5land"}, validation_points,
                      out / "validation", start=f"{year}-01-01", end=end, only_passed=True,
                      feedback=next(spans))
    feedback.progress(1.0, "demo complete")
    return {"region": region, "stations": screened, "cube": cube, "model": model / "model.json",
            "cv_report": model / "cv_report.csv", "inference": inference,
            "metrics": result.files["pooled"], "report": result.files["report"]}


def _spans(feedback: Feedback):
    """One child feedback per step, announcing it; each covers its share of the total progress."""
    done = 0.0
    for share, message in STEPS:
        feedback.info(message)
        yield feedback.span(done, done + share)
        done += share

"""The demo job: every pipeline step on the built-in demo region, end to end.

synthesise the region -> import and quality-control its ISMN stations -> screen them by ETC -> hold
out a third of the stations -> build the predictor cube -> train the cascade (station CV) -> infer
the last year over the whole region -> validate the inference and the reanalysis on the held-out
stations.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from .dates import parse_day
from .feedback import Feedback

#: (share of the progress, message) of the steps preparing the inputs, then of the modelling steps
PREPARE_STEPS = (
    (0.15, "synthesising the demo region"),
    (0.05, "importing and quality-controlling the stations"),
    (0.10, "screening the stations by Extended Triple Collocation"),
    (0.15, "building the predictor cube"),
)
MODEL_STEPS = (
    (0.25, "training the per-layer cascade with station-to-station CV"),
    (0.15, "inferring soil moisture over the region"),
    (0.15, "validating the inference and the reanalysis on held-out stations"),
)
HOLDOUT_FRACTION = 1 / 3


@dataclass
class DemoInputs:
    """What the modelling steps start from: the synthetic region, the screened stations split into
    training and held-out ones, and the predictor cube."""

    region: Path
    screened: Path
    training: Path
    held_out: Path
    cube: Path


def prepare_inputs(out: str | Path, feedback: Feedback | None = None, size: int = 48,
                   start: str = "2019-01-01", end: str = "2021-12-31", n_stations: int = 40,
                   seed: int = 0) -> DemoInputs:
    """Synthesise the region, import and screen its stations, hold out a third of them (by ``seed``)
    and build the predictor cube, in the folder ``out``."""
    from .model.cube import build_cube
    from .stations import import_stations, read_stations, screen_stations
    from .stations.store import subset_store
    from .synth import generate

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    spans = _spans(feedback or Feedback(), PREPARE_STEPS)
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
    cube = build_cube(region / "predictors.toml", out / "cube.zarr", start, end, feedback=next(spans))
    return DemoInputs(region, screened, training, validation_points, cube)


def run_demo(out: str | Path, feedback: Feedback | None = None, size: int = 48, start: str = "2019-01-01",
             end: str = "2021-12-31", n_stations: int = 40, seed: int = 0) -> dict[str, Path]:
    """Run the demo pipeline into the folder ``out``; returns the main outputs by name."""
    from .model.infer import infer
    from .model.train import train_model
    from .validation import validate

    feedback = feedback or Feedback()
    out = Path(out)
    prepared = sum(share for share, _ in PREPARE_STEPS)
    inputs = prepare_inputs(out, feedback.span(0.0, prepared), size, start, end, n_stations, seed)
    spans = _spans(feedback.span(prepared, 1.0), MODEL_STEPS)
    model = out / "model"
    train_model(inputs.cube, inputs.training, model, cv="station", seed=seed, feedback=next(spans))
    year = parse_day(end, "end").year
    inference = out / "inference"
    infer(model, inputs.cube, inference, start=f"{year}-01-01", end=end, feedback=next(spans))
    result = validate({"inference": inference, "reanalysis": inputs.region / "era5land"}, inputs.held_out,
                      out / "validation", start=f"{year}-01-01", end=end, only_passed=True,
                      feedback=next(spans))
    feedback.progress(1.0, "demo complete")
    return {"region": inputs.region, "stations": inputs.screened, "cube": inputs.cube,
            "model": model / "model.json", "cv_report": model / "cv_report.csv", "inference": inference,
            "metrics": result.files["pooled"], "report": result.files["report"]}


def _spans(feedback: Feedback, steps: tuple[tuple[float, str], ...]):
    """One child feedback per step, announcing it; each covers its share of ``feedback``'s progress."""
    total = sum(share for share, _ in steps)
    done = 0.0
    for share, message in steps:
        feedback.info(message)
        yield feedback.span(done / total, (done + share) / total)
        done += share

"""``smrfr demo``: the whole pipeline on the built-in demo region."""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from ..demo import run_demo
from .progress import TerminalFeedback, add_quiet


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help="run the main job on the built-in demo region",
                                   formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("demo_output"), help="output folder")
    parser.add_argument("--size", type=int, default=48, help="cells per side of the demo region")
    parser.add_argument("--start", default="2019-01-01", help="first day (YYYY-MM-DD)")
    parser.add_argument("--end", default="2021-12-31", help="last day (YYYY-MM-DD)")
    parser.add_argument("--stations", type=int, default=40, help="number of stations")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the region")
    add_quiet(parser)
    parser.set_defaults(func=_run)


def _run(args) -> None:
    with TerminalFeedback("demo", quiet=args.quiet) as feedback:
        outputs = run_demo(args.out, feedback, size=args.size, start=args.start, end=args.end,
                           n_stations=args.stations, seed=args.seed)
    cv = pd.read_csv(outputs["cv_report"])
    print("station-to-station CV, pooled ubRMSE (m3/m3), model and reanalysis at the same samples:")
    print(cv[["layer", "stations", "ubrmse", "ubrmse_reference"]].to_string(
        index=False, float_format=lambda v: f"{v:.4f}"))
    pooled = pd.read_csv(outputs["metrics"])
    columns = ["product", "layer", "n", "r", "bias", "ubrmse", "kge"]
    print("held-out station skill (pooled):")
    print(pooled[columns].to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    for name, path in outputs.items():
        print(f"{name:>10}: {path.resolve()}")

"""``smrfr recalibrate``: retrain a model bundle with local stations, with a before/after report."""

from __future__ import annotations

from pathlib import Path

from .progress import TerminalFeedback
from .train import add_fit_arguments


def register(subparsers) -> None:
    from ..model.recalibrate import MODES

    parser = subparsers.add_parser("recalibrate", help="retrain a model with local stations")
    parser.add_argument("--model", type=Path, required=True, help="base model bundle")
    parser.add_argument("--cube", type=Path, required=True, help="predictor cube covering the local stations")
    parser.add_argument("--stations", type=Path, required=True, help="local stations GeoPackage")
    parser.add_argument("--out", type=Path, required=True, help="output model bundle folder")
    parser.add_argument("--mode", choices=MODES, default="refit",
                        help="scratch: local only; combine: base + weighted local; "
                             "refit (default): base estimate as a predictor")
    parser.add_argument("--base-stations", type=Path, help="the base model's stations (combine mode)")
    parser.add_argument("--local-weight", type=float, default=5.0,
                        help="weight of local samples (combine; > 0; default 5)")
    parser.add_argument("--holdout", type=float, default=1 / 3,
                        help="share of local stations held out (0 < share < 1; default 1/3)")
    add_fit_arguments(parser)
    parser.set_defaults(func=_run)


def _run(args) -> None:
    from ..model.recalibrate import recalibrate

    with TerminalFeedback("recalibrate", quiet=args.quiet) as feedback:
        result = recalibrate(args.model, args.cube, args.stations, args.out, args.mode, args.base_stations,
                             args.local_weight, args.holdout, only_passed=not args.all_stations,
                             seed=args.seed, feedback=feedback)
    print(result["report"].to_string(index=False, float_format=lambda v: f"{v:.4f}"))
    print(f"recalibrated bundle: {result['bundle']}")
    print(f"held-out stations (to validate on): {result['heldout']}")

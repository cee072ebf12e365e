"""``smrfr train``: the per-layer cascade from a predictor cube and screened stations."""

from __future__ import annotations

import json
from pathlib import Path

from .progress import TerminalFeedback, add_quiet


def register(subparsers) -> None:
    from ..model.cv import DESIGNS
    from ..model.estimators import ALGORITHMS, DEFAULT_ALGORITHM, PRESETS

    parser = subparsers.add_parser("train", help="train the SMRFR model (one regressor per layer)")
    parser.add_argument("--cube", type=Path, required=True, help="predictor cube (smrfr predictors build)")
    parser.add_argument("--stations", type=Path, required=True, help="screened stations GeoPackage")
    parser.add_argument("--out", type=Path, required=True, help="output model bundle folder")
    parser.add_argument("--layers", default=None, help="layers to train, e.g. 1-5 (default all)")
    parser.add_argument("--cv", choices=DESIGNS, default="station",
                        help="cross-validation design (default station)")
    parser.add_argument("--folds", type=int, default=5, help="number of CV folds (3 = 2/3 vs 1/3; default 5)")
    parser.add_argument("--repeats", type=int, default=1,
                        help="repeat the cross-validation with this many dealings of the folds (fold seeds "
                             "--seed, --seed + 1, ...): scores are their mean, with the ubRMSE range; "
                             "not with --cv year")
    parser.add_argument("--block-size", type=float, default=None, help="block size in degrees for --cv block")
    parser.add_argument("--preset", choices=PRESETS, default="default",
                        help=f"default: the toolkit's model ({DEFAULT_ALGORITHM}, about as accurate as "
                             "published at a fraction of the cost); published: the SMRFR paper's Random "
                             "Forest (1100 trees, max_depth 560)")
    parser.add_argument("--algorithm", choices=ALGORITHMS, default=None,
                        help="regressor (default: the preset's); with --preset default each algorithm has "
                             "practical settings")
    parser.add_argument("--params", type=json.loads, default=None,
                        help='estimator parameters as JSON, e.g. \'{"n_estimators": 200}\'')
    parser.add_argument("--grid-search", action="store_true", help="grid search (k-fold grouped by station)")
    parser.add_argument("--no-cascade", action="store_true", help="do not feed the upper layer's estimate")
    parser.add_argument("--no-importance", action="store_true", help="skip the permutation importance")
    parser.add_argument("--anchor", default=None, metavar="PREDICTOR",
                        help="learn the departure from this per-layer predictor, e.g. fca or era5sm; none: "
                             "soil moisture itself (default: the preset's: fca for default, none for "
                             "published)")
    parser.add_argument("--quantiles", action="store_true",
                        help="also fit 10 %% and 90 %% quantile models per layer (lightgbm, xgboost): the "
                             "uncertainty of a boosted model (smrfr infer --uncertainty writes <layer>_q10 "
                             "and <layer>_q90); forests have their spread across trees instead")
    parser.add_argument("--base-model", type=Path, default=None, metavar="MODEL",
                        help="a model bundle whose estimate of each layer becomes a predictor of that layer: "
                             "the new model learns a correction of it from these stations (the bundle "
                             "keeps a copy of it, which inference runs first)")
    add_fit_arguments(parser)
    parser.set_defaults(func=_run)


def add_fit_arguments(parser) -> None:
    """--all-stations, --seed and --quiet: what train and recalibrate share."""
    parser.add_argument("--all-stations", action="store_true", help="use stations that failed screening too")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    add_quiet(parser)


def _run(args) -> None:
    from ..model.train import train_model

    with TerminalFeedback("train", quiet=args.quiet) as feedback:
        result = train_model(args.cube, args.stations, args.out, args.layers, args.cv, args.folds,
                             args.algorithm, args.params, args.preset, args.grid_search,
                             not args.no_importance, not args.all_stations, not args.no_cascade,
                             args.block_size, args.anchor, args.seed, feedback, quantiles=args.quantiles,
                             base_model=args.base_model, repeats=args.repeats)
    columns = ["layer", "stations", "samples", "r", "bias", "rmse", "ubrmse", "ubrmse_min", "ubrmse_max",
               "mae", "ubrmse_station_median", "ubrmse_reference", "ubrmse_base"]
    report = result["report"]
    print(report[[column for column in columns if column in report]].to_string(
        index=False, float_format=lambda v: f"{v:.4f}"))
    print(f"model bundle: {result['bundle']}")

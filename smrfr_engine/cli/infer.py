"""``smrfr infer``: run a model bundle over a region into yearly SMRFR-layout Zarr stores."""

from __future__ import annotations

from pathlib import Path

from . import add_bbox_argument
from .progress import TerminalFeedback, add_quiet


def register(subparsers) -> None:
    parser = subparsers.add_parser("infer", help="predict the five layers over a region, block by block")
    parser.add_argument("--model", type=Path, required=True, help="model bundle folder")
    parser.add_argument("--cube", type=Path, required=True, help="predictor cube")
    area = parser.add_mutually_exclusive_group()
    add_bbox_argument(area, "area in degrees (default: the whole cube)")
    area.add_argument("--aoi", type=Path, help="area of interest: polygons in a vector file")
    parser.add_argument("--start", help="first day YYYY-MM-DD (default: the cube's)")
    parser.add_argument("--end", help="last day YYYY-MM-DD (default: the cube's)")
    parser.add_argument("--out", type=Path, required=True, help="output folder for SMRFR_YYYY_v1.0.zarr")
    parser.add_argument("--uncertainty", action="store_true",
                        help="add the uncertainty: <layer>_sd, the spread across the trees, for a forest "
                             "(rf, extratrees); <layer>_q10 and <layer>_q90, the 10 %% and 90 %% quantiles, "
                             "for a boosted model trained with smrfr train --quantiles")
    parser.add_argument("--memory", default="2GB",
                        help="memory budget per process, e.g. 2GB, 512MB or a number of MB (default 2GB)")
    cluster = parser.add_mutually_exclusive_group()
    cluster.add_argument("--workers", type=int, default=None,
                         help="run the blocks on a local Dask cluster of N worker processes")
    cluster.add_argument("--scheduler", default=None, metavar="ADDRESS",
                         help="run the blocks on the Dask cluster of this scheduler, e.g. "
                              "tcp://10.0.0.5:8786 (paths must be the same on every worker)")
    add_quiet(parser)
    parser.set_defaults(func=_run)


def _run(args) -> None:
    from ..model.infer import infer

    with TerminalFeedback("infer", quiet=args.quiet) as feedback:
        stores = infer(args.model, args.cube, args.out, args.start, args.end, args.bbox, args.aoi,
                       args.uncertainty, args.memory, workers=args.workers, scheduler=args.scheduler,
                       feedback=feedback)
    for store in stores:
        print(store)

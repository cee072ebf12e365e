"""``smrfr anomaly``: daily anomalies and percentiles against a day-of-year climatology."""

from __future__ import annotations

from .product_arguments import (
    add_aoi_arguments,
    add_output_arguments,
    add_source_arguments,
    area_kwargs,
    source_kwargs,
)
from .progress import TerminalFeedback


def register(subparsers) -> None:
    parser = subparsers.add_parser("anomaly", help="anomalies and percentiles against a climatology")
    add_source_arguments(parser)
    add_aoi_arguments(parser)
    add_output_arguments(parser)
    parser.add_argument("--clim-start", required=True, help="first day of the climatology period")
    parser.add_argument("--clim-end", required=True, help="last day of the climatology period")
    parser.add_argument("--window", type=int, default=31, help="climatology smoothing window in days")
    parser.set_defaults(func=_run)


def _run(args) -> None:
    from ..products.anomaly import anomaly

    with TerminalFeedback("anomaly", quiet=args.quiet) as feedback:
        result = anomaly(args.source, args.out, args.clim_start, args.clim_end, start=args.start,
                         end=args.end, **area_kwargs(args), layers=args.layers, window=args.window,
                         fmt=args.fmt, zarr_format=args.zarr_format, feedback=feedback, **source_kwargs(args))
    print(f"wrote {result['out']}: {result['days']} days, layers {', '.join(result['layers'])}")

"""``smrfr anomaly``: daily anomalies and percentiles against a day-of-year climatology."""

from __future__ import annotations

from .progress import TerminalFeedback
from .subset import add_aoi_arguments, add_output_arguments, add_source_arguments, source_kwargs


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
                         end=args.end, bbox=args.bbox, bbox_crs=args.bbox_crs, aoi=args.aoi,
                         aoi_layer=args.aoi_layer,
                         layers=args.layers, window=args.window, fmt=args.fmt, zarr_format=args.zarr_format,
                         feedback=feedback, **source_kwargs(args))
    print(f"wrote {result['out']}: {result['days']} days, layers {', '.join(result['layers'])}")

"""``smrfr series``: daily series of every layer at a point, to CSV."""

from __future__ import annotations

from ..options import SAMPLING_METHODS
from .product_arguments import add_source_arguments, source_kwargs
from .progress import TerminalFeedback


def register(subparsers) -> None:
    parser = subparsers.add_parser("series",
                                   help="time series of every layer at a point (nearest cell or bilinear)")
    add_source_arguments(parser)
    parser.add_argument("--point", required=True, help="LON,LAT or LON LAT (X,Y in --crs)")
    parser.add_argument("--crs", help="CRS of --point (default: the product CRS; EPSG:4326 for lon/lat "
                        "on a projected product)")
    parser.add_argument("--method", choices=SAMPLING_METHODS, default=SAMPLING_METHODS[0],
                        help="the cell containing the point (default) or bilinear between the four nearest "
                             "cell centres")
    parser.add_argument("--out", required=True, help="CSV file")
    parser.set_defaults(func=_run)


def _run(args) -> None:
    from ..errors import SmrfrError
    from ..products.ops import point_series

    try:
        lon, lat = (float(value) for value in args.point.split(","))
    except ValueError:
        raise SmrfrError(f"--point {args.point!r} must be LON,LAT") from None
    with TerminalFeedback("series", quiet=args.quiet) as feedback:
        _, facts = point_series(args.source, lon, lat, out=args.out, crs=args.crs, start=args.start,
                                end=args.end, layers=args.layers, method=args.method, feedback=feedback,
                                **source_kwargs(args))
    cell = f"cell centre {facts['cell_lon']:.10g},{facts['cell_lat']:.10g}"
    where = (f"{cell} at {facts['distance_km']:.3f} km from the point" if args.method == "nearest"
             else f"interpolated at {args.point} between the four nearest cell centres")
    print(f"wrote {args.out}: {facts['days']} days; {where}")

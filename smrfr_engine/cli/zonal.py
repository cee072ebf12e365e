"""``smrfr zonal``: per polygon, per day, per layer statistics to CSV or GeoPackage."""

from __future__ import annotations

from .product_arguments import add_source_arguments, source_kwargs
from .progress import TerminalFeedback


def register(subparsers) -> None:
    parser = subparsers.add_parser("zonal", help="zonal statistics per polygon, day and layer")
    add_source_arguments(parser)
    parser.add_argument("--zones", required=True, help="vector file with the zone polygons")
    parser.add_argument("--zones-layer", help="layer of the zones file (default: the first)")
    parser.add_argument("--field", required=True, help="field naming each zone")
    parser.add_argument("--stat", default="mean,median,min,max,std,count",
                        help="comma-separated: mean,median,min,max,std,count")
    parser.add_argument("--rule", choices=["fraction", "centre"], default="fraction",
                        help="fraction: cells weighted by their area inside the polygon (on a "
                             "longitude/latitude grid, their area on the sphere); "
                             "centre: cells whose centre is inside, weight 1")
    parser.add_argument("--out", required=True, help="CSV or GeoPackage (.gpkg)")
    parser.set_defaults(func=_run)


def _run(args) -> None:
    from ..products.zonal import zonal_stats

    with TerminalFeedback("zonal", quiet=args.quiet) as feedback:
        table = zonal_stats(args.source, args.zones, args.field, out=args.out, start=args.start, end=args.end,
                            stats=[s.strip() for s in args.stat.split(",") if s.strip()], layers=args.layers,
                            rule=args.rule, zones_layer=args.zones_layer, feedback=feedback,
                            **source_kwargs(args))
    print(f"wrote {args.out}: {len(table)} rows")

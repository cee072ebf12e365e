"""``smrfr validate``: validate soil-moisture products against station or point data."""

from __future__ import annotations

from pathlib import Path

from ..metrics import MIN_N
from ..options import LAYOUT_KINDS, SAMPLING_METHODS
from ..validation import parse_named, parse_products, validate
from . import expand_home
from .progress import TerminalFeedback, add_quiet

SHOWN = ["product", "layer", "n", "r", "bias", "rmse", "ubrmse", "mae", "kge"]


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate", help="validate products against station/point data (metrics, GeoPackage, report)",
        description="Match each product to the points' cells, depths and dates, compute metrics per "
                    "product, layer, station and group on the common valid sample, and write "
                    "metrics_*.csv, matched_pairs.csv, stations_metrics.gpkg and report.html into --out.")
    parser.add_argument("--product", action="append", required=True, metavar="[NAME=]PATH",
                        help="a product to validate (repeat to compare); NAME defaults to the file name")
    parser.add_argument("--kind", action="append", metavar="NAME=KIND",
                        help=f"kind of product NAME when not detected ({', '.join(LAYOUT_KINDS)})")
    parser.add_argument("--description", action="append", metavar="NAME=FILE",
                        help="JSON description of product NAME (any other CF NetCDF/GeoTIFF series)")
    parser.add_argument("--points", type=Path, required=True,
                        help="stations GeoPackage (smrfr stations import) or CSV (station_id, lon, lat, "
                             "date, layer_top/depth_from, layer_bottom/depth_to in cm, sm)")
    parser.add_argument("--out", type=Path, required=True,
                        help="output folder: new, empty or an earlier validation's (replaced)")
    parser.add_argument("--layers", nargs="+", help="product layer names to validate (default: all mapped)")
    parser.add_argument("--group-by", help="station field to group by, e.g. koppen")
    parser.add_argument("--start", help="first date YYYY-MM-DD")
    parser.add_argument("--end", help="last date YYYY-MM-DD")
    parser.add_argument("--sampling", choices=SAMPLING_METHODS, default=SAMPLING_METHODS[0])
    parser.add_argument("--min-n", type=int, default=MIN_N, help=f"minimum valid pairs (default {MIN_N})")
    parser.add_argument("--only-passed", action="store_true",
                        help="only the station layers that passed screening (screened GeoPackage)")
    add_quiet(parser)
    parser.set_defaults(func=_run)


def _run(args) -> None:
    with TerminalFeedback("validate", quiet=args.quiet) as feedback:
        products = {name: expand_home(path) for name, path in parse_products(args.product).items()}
        descriptions = parse_named(args.description, products, "--description")
        result = validate(products, args.points, args.out, args.layers, args.group_by,
                          args.start, args.end, args.sampling, args.min_n,
                          only_passed=args.only_passed, feedback=feedback,
                          kinds=parse_named(args.kind, products, "--kind"),
                          descriptions={name: expand_home(path) for name, path in descriptions.items()})
    print(result.pooled[SHOWN].to_string(index=False, float_format="{:.4f}".format))
    print(f"report: {result.files['report'].resolve()}")

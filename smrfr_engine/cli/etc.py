"""``smrfr etc``: Extended Triple Collocation on three columns of a CSV table."""

from __future__ import annotations

from pathlib import Path

from ..etc import DEFAULT_MIN_TRIPLETS, etc_csv


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "etc",
        help="Extended Triple Collocation (McColl et al. 2014) on three collocated columns",
        description="Per column: squared correlation with the unknown truth (rho2), error std in its own "
        "units and scaled to the first column, scaling factor beta, number of triplets n.",
    )
    parser.add_argument("table", type=Path, help="CSV table with the three collocated series")
    parser.add_argument("--columns", required=True, help="three column names, comma separated: A,B,C")
    parser.add_argument("--out", help="write the result as CSV here")
    parser.add_argument(
        "--min-triplets",
        type=int,
        default=DEFAULT_MIN_TRIPLETS,
        help=f"fewest complete triplets accepted (default {DEFAULT_MIN_TRIPLETS})",
    )
    parser.set_defaults(func=_run)


def _run(args) -> None:
    columns = [c.strip() for c in args.columns.split(",")]
    rows = etc_csv(args.table, columns, args.out, args.min_triplets)
    print(f"{'column':<20} {'rho2':>8} {'err_std':>10} {'err_std_scaled':>14} {'beta':>8} {'n':>7}")
    for row in rows:
        print(
            f"{row['column']:<20} {row['rho2']:8.4f} {row['err_std']:10.5f} {row['err_std_scaled']:14.5f} "
            f"{row['beta']:8.4f} {row['n']:7d}"
        )
    if args.out:
        print(f"written {args.out}")

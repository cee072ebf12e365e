"""``smrfr metrics``: skill metrics of any paired table (estimate and observed columns)."""

from __future__ import annotations

from pathlib import Path

from ..metrics import MIN_N, metrics_report, station_outputs

SHOWN = ["n", "r", "r2", "bias", "rmse", "ubrmse", "mae", "kge", "reason"]


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "metrics", help="skill metrics (R, bias, RMSE, ubRMSE, NSE, KGE, ...) of a paired CSV table",
        description="Metrics of an estimate column against an observed column, pooled per group; with "
                    "--station also per station and summarised (median, IQR) per group.")
    parser.add_argument("table", type=Path, help="CSV table of matched pairs")
    parser.add_argument("--estimate", required=True, help="column of the estimated values")
    parser.add_argument("--observed", required=True, help="column of the observed values")
    parser.add_argument("--group", nargs="+", default=[], metavar="COL", help="group by these columns")
    parser.add_argument("--date", help="date column (enables the anomaly correlation anomaly_r)")
    parser.add_argument("--station", help="station column: adds per-station metrics and their summary")
    parser.add_argument("--min-n", type=int, default=MIN_N, help=f"minimum valid pairs (default {MIN_N})")
    parser.add_argument("--out", help="output CSV of the pooled metrics")
    parser.set_defaults(func=_run)


def _run(args) -> None:
    tables = metrics_report(args.table, args.estimate, args.observed, args.group, args.date, args.station,
                            args.min_n, args.out)
    for name, frame in tables.items():
        columns = [c for c in frame.columns if c in args.group or c == args.station or c in SHOWN
                   or c == "stations" or c.endswith("_median")]
        print(f"{name}:\n{frame[columns].to_string(index=False, float_format='{:.4f}'.format)}\n")
    if args.out:
        written = [str(path) for name, path in station_outputs(args.out).items() if name in tables]
        print("written: " + ", ".join(written))

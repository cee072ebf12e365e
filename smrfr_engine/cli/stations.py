"""``smrfr stations import|screen``: build a stations GeoPackage and screen it by triple collocation."""

from __future__ import annotations

from pathlib import Path

from ..etc import DEFAULT_MIN_TRIPLETS, DEFAULT_THRESHOLD
from ..layers import SCHEMES
from ..options import LAYER_SENSOR_RULES, PLAUSIBILITY_RULES
from ..stations import QcOptions, TableColumns, import_stations, screen_stations
from ..stations.screen import DEEP_RULES
from .progress import TerminalFeedback, add_quiet


def register(subparsers) -> None:
    parser = subparsers.add_parser("stations", help="import, quality-control and screen in-situ stations")
    commands = parser.add_subparsers(title="stations commands", metavar="COMMAND")
    defaults = QcOptions()

    imp = commands.add_parser(
        "import",
        help="ISMN downloads or station tables -> one stations GeoPackage",
        description="Reads ISMN downloads (zip or folder, Header+values or CEOP separate) and station "
        "tables (CSV; GeoPackage/Shapefile points with a time-series table), applies the quality "
        "control, daily means and layer mapping, and writes stations, daily, sensors, qc_log "
        "and run_info into one GeoPackage.",
    )
    imp.add_argument("inputs", nargs="+", type=Path, help="ISMN zip/folder/.stm files, CSV, GPKG or SHP")
    imp.add_argument("--out", required=True, help="output GeoPackage (stations.gpkg)")
    imp.add_argument(
        "--scheme",
        default="smrfr",
        help=f"layer scheme: {', '.join(SCHEMES)} or depths in cm like 0-10,10-30",
    )
    imp.add_argument("--accept-unchecked", action="store_true", help="also keep ISMN flag U (unchecked)")
    imp.add_argument(
        "--plausibility",
        choices=PLAUSIBILITY_RULES,
        default=defaults.plausibility,
        help="Dorigo et al. (2013) checks: auto = only for data without flags",
    )
    imp.add_argument(
        "--min-obs-per-day",
        type=int,
        default=defaults.min_obs_per_day,
        help=f"fewest sub-daily values for a daily mean (default {defaults.min_obs_per_day})",
    )
    imp.add_argument(
        "--min-valid-days",
        type=int,
        default=defaults.min_valid_days,
        help=f"drop sensors with fewer valid days (default {defaults.min_valid_days})",
    )
    imp.add_argument(
        "--gap-fill-days",
        type=int,
        default=defaults.gap_fill_days,
        help="linear gap filling within +- N days (SMCI1.0: 5; default 0 = off)",
    )
    imp.add_argument(
        "--layer-sensors",
        choices=LAYER_SENSOR_RULES,
        default=defaults.layer_sensors,
        help="several sensors in a layer: nearest the layer mid-depth, or the mean of all",
    )
    imp.add_argument("--cell-size", type=float, help="average stations in cells of this size (degrees)")
    imp.add_argument(
        "--rescale", metavar="PRODUCT", help="rescale each series to this product's mean and std"
    )
    imp.add_argument(
        "--columns",
        default="",
        metavar="KEY=NAME,...",
        help="column names of station tables, e.g. id=site,time=date,value=vwc,depth_unit=cm",
    )
    imp.add_argument("--series", type=Path, help="time-series table linked to a point layer (CSV or GPKG)")
    add_quiet(imp)
    imp.set_defaults(func=_import)

    scr = commands.add_parser(
        "screen",
        help="Extended Triple Collocation screening with a land-surface model and a satellite",
        description="Adds the table 'screening' (etc_rho2, etc_err_std, etc_n, etc_pass, etc_reason per "
        "station and layer) to a copy of the stations GeoPackage; nothing is deleted.",
    )
    scr.add_argument("stations", type=Path, help="stations GeoPackage written by `smrfr stations import`")
    scr.add_argument("--lsm", required=True, type=Path, help="land-surface model product (e.g. ERA5-Land)")
    scr.add_argument("--sat", required=True, type=Path, help="satellite surface soil-moisture product")
    scr.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help=f"pass when the in-situ rho2 >= this, 0 to 1 (default {DEFAULT_THRESHOLD})",
    )
    scr.add_argument(
        "--min-triplets",
        type=int,
        default=DEFAULT_MIN_TRIPLETS,
        help=f"fewest complete triplets (default {DEFAULT_MIN_TRIPLETS})",
    )
    scr.add_argument(
        "--deep",
        choices=DEEP_RULES,
        default="station",
        help="layers below 10 cm: satellite Soil Water Index as third source (swi), the verdict of the "
        "station's surface layers (station, the default), or not screened (skip)",
    )
    scr.add_argument("--out", required=True, help="output GeoPackage (screened.gpkg)")
    add_quiet(scr)
    scr.set_defaults(func=_screen)
    parser.set_defaults(func=lambda args: parser.print_help())


def _import(args) -> None:
    options = QcOptions(
        accept_unchecked=args.accept_unchecked,
        plausibility=args.plausibility,
        min_obs_per_day=args.min_obs_per_day,
        min_valid_days=args.min_valid_days,
        gap_fill_days=args.gap_fill_days,
        layer_sensors=args.layer_sensors,
        cell_size=args.cell_size,
        rescale_reference=args.rescale,
    )
    with TerminalFeedback("stations import", quiet=args.quiet) as feedback:
        summary = import_stations(
            args.inputs,
            args.out,
            args.scheme,
            options,
            feedback,
            columns=TableColumns.parse(args.columns),
            series=args.series,
        )
    print(summary.text())


def _screen(args) -> None:
    with TerminalFeedback("stations screen", quiet=args.quiet) as feedback:
        table = screen_stations(
            args.stations,
            args.lsm,
            args.sat,
            args.out,
            args.threshold,
            args.min_triplets,
            feedback,
            deep=args.deep,
        )
    print(f"{int(table['etc_pass'].sum())} of {len(table)} station layers pass; written {args.out}")
    for row in table.itertuples():
        print(f"  {row.station_id} layer {row.layer}: {row.etc_reason}")

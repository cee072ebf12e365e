"""``smrfr synth``: generate the synthetic demo region (truth, reanalysis, satellite, MODIS, SoilGrids,
DEM, ISMN stations) into a folder."""

from __future__ import annotations

from pathlib import Path

from ..synth import generate
from .progress import TerminalFeedback, add_quiet


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "synth", help="generate the synthetic demo region with known truth",
        description="Generate a synthetic soil-moisture region whose truth is known, with every input "
                    "written in its real format (Zarr, NetCDF, GeoTIFF, ISMN zip) and a manifest.json.")
    parser.add_argument("--out", type=Path, required=True, help="output folder (replaced)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same bytes; default 0)")
    parser.add_argument("--size", type=int, default=48, help="grid cells per side (0.08 deg) (default 48)")
    parser.add_argument("--start", default="2019-01-01", help="first day, YYYY-MM-DD (default 2019-01-01)")
    parser.add_argument("--end", default="2021-12-31", help="last day, YYYY-MM-DD (default 2021-12-31)")
    parser.add_argument("--stations", type=int, default=40, help="number of ISMN stations (default 40)")
    add_quiet(parser)
    parser.set_defaults(func=_run)


def _run(args) -> None:
    with TerminalFeedback("synth", quiet=args.quiet) as feedback:
        manifest = generate(args.out, seed=args.seed, size=args.size, start=args.start, end=args.end,
                            n_stations=args.stations, feedback=feedback)
    count = sum(len(paths) if isinstance(paths, list) else 1 for paths in manifest["files"].values())
    print(f"demo region: {args.out.resolve()}")
    print(f"grid: {manifest['grid']['nlat']} x {manifest['grid']['nlon']} cells of 0.08 deg, "
          f"{manifest['start']} to {manifest['end']}, seed {manifest['seed']}")
    print(f"files: {count} (+ manifest.json)")
    for kind, paths in manifest["files"].items():
        print(f"  {kind}: {paths if isinstance(paths, str) else f'{len(paths)} files'}")
    print(f"poor stations: {len(manifest['poor_stations'])} of {len(manifest['stations'])} "
          f"({', '.join(manifest['poor_stations'])})")

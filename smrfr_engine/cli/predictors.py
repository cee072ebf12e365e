"""``smrfr predictors build``: the predictor cube (every predictor on one grid and daily axis)."""

from __future__ import annotations

from pathlib import Path

from ..errors import SmrfrError
from . import add_bbox_argument
from .progress import TerminalFeedback, add_quiet


def register(subparsers) -> None:
    parser = subparsers.add_parser("predictors", help="build the predictor cube of the SMRFR model")
    commands = parser.add_subparsers(title="predictors commands", metavar="COMMAND")
    build = commands.add_parser("build", help="bring every predictor onto one grid and daily time axis")
    build.add_argument("--config", type=Path, required=True, help="predictor configuration (TOML)")
    build.add_argument("--grid", help="take the grid from this product (Zarr, NetCDF, GeoTIFF)")
    add_bbox_argument(build, "grid extent in degrees (with --resolution)")
    build.add_argument("--resolution", type=float, default=None,
                       help="cell size in degrees (with --bbox: default 0.08; with --grid: cells of that "
                            "size over the product's extent)")
    build.add_argument("--start", required=True, help="first day YYYY-MM-DD")
    build.add_argument("--end", required=True, help="last day YYYY-MM-DD")
    build.add_argument("--out", type=Path, required=True, help="output cube (Zarr store)")
    add_quiet(build)
    build.set_defaults(func=_build)
    example = commands.add_parser("example", help="print the predictor configuration of a demo region")
    example.add_argument("synth_dir", type=Path, help="demo region folder (made by the synthesiser)")
    example.set_defaults(func=lambda args: print(_example(args.synth_dir), end=""))


def _example(folder: Path) -> str:
    from ..model.cube import demo_predictor_config

    if not folder.is_dir():
        raise SmrfrError(f"demo region folder {folder} does not exist: make one with smrfr synth")
    return demo_predictor_config(folder)


def _build(args) -> None:
    from ..model.cube import build_cube
    from ..model.grid import Grid

    grid = Grid.chosen(args.grid, args.bbox, args.resolution)
    with TerminalFeedback("predictors", quiet=args.quiet) as feedback:
        out = build_cube(args.config, args.out, args.start, args.end, grid, feedback)
    print(f"predictor cube: {out}")

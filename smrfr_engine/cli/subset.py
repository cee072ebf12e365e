"""``smrfr subset``: crop a product to an area and dates and export it (Zarr, NetCDF or GeoTIFFs)."""

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
    parser = subparsers.add_parser("subset", help="crop a product to an area and dates and export it "
                                                "(or convert all of it)")
    add_source_arguments(parser)
    add_aoi_arguments(parser)
    add_output_arguments(parser)
    parser.add_argument("--root-zone", action="store_true", help="add the 0-100 cm root-zone layer")
    parser.add_argument("--depths", help="add depth-range layers, e.g. 0-10,10-40 (cm, thickness-weighted)")
    parser.set_defaults(func=_run)


def _run(args) -> None:
    from ..products.ops import parse_depths, subset

    with TerminalFeedback("subset", quiet=args.quiet) as feedback:
        result = subset(args.source, args.out, **area_kwargs(args), start=args.start, end=args.end,
                        layers=args.layers, add_root_zone=args.root_zone,
                        depth_ranges=parse_depths(args.depths or ""), fmt=args.fmt,
                        zarr_format=args.zarr_format, feedback=feedback, **source_kwargs(args))
    print(f"wrote {result['out']}: layers {', '.join(result['layers'])}; {result['days']} days; "
          f"{result['shape'][1]} x {result['shape'][0]} cells")

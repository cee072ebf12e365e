"""``smrfr subset``: crop a product to an area and dates and export it (Zarr, NetCDF or GeoTIFFs)."""

from __future__ import annotations

import argparse

from ..options import PRODUCT_KINDS
from . import add_bbox_argument
from .progress import TerminalFeedback, add_quiet


def add_source_arguments(parser: argparse.ArgumentParser, dates: bool = True) -> None:
    """SOURCE, --kind, --description, --quiet and (optionally) --start/--end, --layers."""
    parser.add_argument("source", help="product: Zarr store, folder of yearly stores, NetCDF, GeoTIFF(s)")
    parser.add_argument("--kind", choices=PRODUCT_KINDS,
                        help="product kind (detected when omitted)")
    parser.add_argument("--description", help="JSON product description for other CF NetCDF/GeoTIFF series")
    if dates:
        parser.add_argument("--start", help="first day, YYYY-MM-DD (default: the product's first)")
        parser.add_argument("--end", help="last day, YYYY-MM-DD (default: the product's last)")
        parser.add_argument("--layers", nargs="+", help="layer names (default: all)")
    add_quiet(parser)


def add_aoi_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    add_bbox_argument(group, "area in --bbox-crs (default the product CRS; without --bbox or --aoi: "
                             "the whole product)")
    group.add_argument("--aoi", help="vector file with the area-of-interest polygon(s)")
    parser.add_argument("--bbox-crs", help="CRS of --bbox, e.g. EPSG:3857")
    parser.add_argument("--aoi-layer", help="layer of the AOI file (default: the first)")


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True,
                        help="x.zarr (one Zarr store), x.nc (CF NetCDF) or a folder (one GeoTIFF per layer)")
    parser.add_argument("--format", dest="fmt", choices=["zarr", "smrfr-yearly", "netcdf", "geotiff"],
                        help="override the format implied by --out "
                             "(smrfr-yearly: a folder of SMRFR_YYYY_v1.0.zarr stores)")
    parser.add_argument("--zarr-format", type=int, choices=[2, 3], default=2,
                        help="Zarr format (2 by default: GDAL < 3.8 and QGIS 3.22 read only v2)")


def source_kwargs(args) -> dict:
    return {"kind": args.kind, "description": args.description}


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
        result = subset(args.source, args.out, bbox=args.bbox, bbox_crs=args.bbox_crs, aoi=args.aoi,
                        aoi_layer=args.aoi_layer, start=args.start, end=args.end, layers=args.layers,
                        add_root_zone=args.root_zone, depth_ranges=parse_depths(args.depths or ""),
                        fmt=args.fmt, zarr_format=args.zarr_format, feedback=feedback, **source_kwargs(args))
    print(f"wrote {result['out']}: layers {', '.join(result['layers'])}; {result['days']} days; "
          f"{result['shape'][1]} x {result['shape'][0]} cells")

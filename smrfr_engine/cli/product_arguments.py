"""The arguments the product commands share (``subset``, ``anomaly``, ``info``, ``series``, ``zonal``)."""

from __future__ import annotations

import argparse

from ..options import PRODUCT_KINDS
from . import add_bbox_argument
from .progress import add_quiet


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
    """--bbox or --aoi, --bbox-crs and --aoi-layer (read with :func:`area_kwargs`)."""
    group = parser.add_mutually_exclusive_group()
    add_bbox_argument(group, "area in --bbox-crs (default the product CRS; without --bbox or --aoi: "
                             "the whole product)")
    group.add_argument("--aoi", help="vector file with the area-of-interest polygon(s)")
    parser.add_argument("--bbox-crs", help="CRS of --bbox, e.g. EPSG:3857")
    parser.add_argument("--aoi-layer", help="layer of the AOI file (default: the first)")


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """--out, --format and --zarr-format of the commands that write a product."""
    parser.add_argument("--out", required=True,
                        help="x.zarr (one Zarr store), x.nc (CF NetCDF) or a folder (one GeoTIFF per layer)")
    parser.add_argument("--format", dest="fmt", choices=["zarr", "smrfr-yearly", "netcdf", "geotiff"],
                        help="override the format implied by --out "
                             "(smrfr-yearly: a folder of SMRFR_YYYY_v1.0.zarr stores)")
    parser.add_argument("--zarr-format", type=int, choices=[2, 3], default=2,
                        help="Zarr format (2 by default: GDAL < 3.8 and QGIS 3.22 read only v2)")


def source_kwargs(args) -> dict:
    """How to read the source (:func:`add_source_arguments`): its kind and description."""
    return {"kind": args.kind, "description": args.description}


def area_kwargs(args) -> dict:
    """The area given (:func:`add_aoi_arguments`), as the product operations take it."""
    return {"bbox": args.bbox, "bbox_crs": args.bbox_crs, "aoi": args.aoi, "aoi_layer": args.aoi_layer}

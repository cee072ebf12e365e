"""``smrfr info``: layers, depths, extent, resolution, CRS, dates and size of a product."""

from __future__ import annotations

import json

from .product_arguments import add_source_arguments, source_kwargs


def register(subparsers) -> None:
    parser = subparsers.add_parser("info", help="describe a soil-moisture product")
    add_source_arguments(parser, dates=False)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(func=_run)


def _run(args) -> None:
    from ..products.ops import format_info, info

    facts = info(args.source, **source_kwargs(args))
    print(json.dumps(facts, indent=2) if args.json else format_info(facts))

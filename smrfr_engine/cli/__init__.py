"""The ``smrfr`` command line: one subcommand per engine operation."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from .. import __version__
from ..errors import SmrfrError
from ..feedback import Cancelled


def command_modules():
    """Every module of this package with ``register(subparsers)``: one per subcommand."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            yield module


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smrfr",
        description="SMRFR soil-moisture toolkit: products, stations, Random Forest models, validation.",
    )
    parser.add_argument("--version", action="version", version=f"smrfr {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in command_modules():
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 1
    try:
        args.func(args)
    except SmrfrError as error:
        print(f"smrfr: error: {error}", file=sys.stderr)
        return 2
    except (Cancelled, KeyboardInterrupt):
        print("smrfr: cancelled; no partial output was kept", file=sys.stderr)
        return 130
    return 0

"""The ``smrfr`` command line: one subcommand per engine operation."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
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


#: a comma-separated value starting with a minus (``-52,-1,-51,0``), which argparse takes for an option
NEGATIVE_LIST = re.compile(r"-[\d.]+(,[-+\d.eE]*)+")


def attach_negative_lists(argv: list[str]) -> list[str]:
    """``--bbox -52,-1,-51,0`` -> ``--bbox=-52,-1,-51,0``: argparse only knows single negative numbers
    as values, so western and southern coordinates would need the ``=`` form."""
    result: list[str] = []
    for token in argv:
        previous = result[-1] if result else ""
        if previous.startswith("--") and "=" not in previous and NEGATIVE_LIST.fullmatch(token):
            result[-1] = f"{previous}={token}"
        else:
            result.append(token)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(attach_negative_lists(sys.argv[1:] if argv is None else argv))
    if not hasattr(args, "func"):
        parser.print_help()
        return 1
    try:
        args.func(args)
    except SmrfrError as error:
        print(f"smrfr: error: {error}", file=sys.stderr)
        return 2
    except (Cancelled, KeyboardInterrupt) as stop:
        print(f"smrfr: cancelled; {stop or 'no partial output was kept'}", file=sys.stderr)
        return 130
    return 0

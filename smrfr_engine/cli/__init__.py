"""The ``smrfr`` command line: one subcommand per engine operation."""

from __future__ import annotations

import argparse
import importlib
import io
import os
import pkgutil
import re
import signal
import sys
import threading
from pathlib import PurePath

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


#: one number, as written for a coordinate
NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


#: the options of several numbers and how many: each also takes them separated by spaces
SPACED_NUMBERS = {"--bbox": 4, "--point": 2}


def join_spaced_numbers(argv: list[str]) -> list[str]:
    """``--bbox W S E N`` -> ``--bbox=W,S,E,N``, ``--point X Y`` -> ``--point=X,Y`` (at most the count of
    :data:`SPACED_NUMBERS`): every command takes both spellings."""
    result: list[str] = []
    option, numbers = None, []
    for token in [*argv, ""]:
        if option and len(numbers) < SPACED_NUMBERS[option] and NUMBER.fullmatch(token):
            numbers.append(token)
            continue
        if numbers:
            result[-1] = f"{option}={','.join(numbers)}"
        option, numbers = (token if token in SPACED_NUMBERS else None), []
        result.append(token)
    return result[:-1]


def bbox_value(text: str) -> tuple[float, float, float, float]:
    """The ``--bbox`` type of every command: W,S,E,N degrees or product units, checked."""
    from ..products.aoi import parse_bbox

    try:
        return parse_bbox(text)
    except SmrfrError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_bbox_argument(container, help: str) -> None:
    container.add_argument("--bbox", type=bbox_value, metavar="W,S,E,N", help=f"W,S,E,N or W S E N: {help}")


def expand_home(value):
    """A value starting with ``~`` (``~/maps``, ``~user/maps``; in a list, each) with the home folder:
    a shell leaves ``~`` as it is in quotes, which a path with spaces needs, and ``--out "~/my maps"`` wrote
    into a new folder named ``~`` in the current one."""
    if isinstance(value, (str, PurePath)) and str(value).startswith("~"):
        return type(value)(os.path.expanduser(value))
    if isinstance(value, list):
        return [expand_home(item) for item in value]
    return value


def parse_arguments(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """Parse ``argv`` as written in a shell, negative coordinates and spaced bboxes and points included, and
    paths starting with ``~`` (:func:`expand_home`)."""
    args = parser.parse_args(join_spaced_numbers(attach_negative_lists(argv)))
    for name, value in vars(args).items():
        setattr(args, name, expand_home(value))
    return args


def _stop(signum, frame) -> None:
    """SIGTERM (``kill``, ``timeout``, a batch scheduler, ``docker stop``) stops the work as Ctrl-C does:
    the temporary outputs are removed, the finished inference blocks kept."""
    _signals.append(signum)
    raise KeyboardInterrupt


#: the stopping signals received by :func:`main`
_signals: list[int] = []


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a Windows code page (cp1252) lacks most scripts' letters
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parse_arguments(parser, sys.argv[1:] if argv is None else argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 1
    _signals.clear()
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _stop) if in_main_thread else None
    try:
        return _run(args)
    finally:
        if in_main_thread and previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    try:
        args.func(args)
        sys.stdout.flush()  # here, so that a closed pipe is caught below
    except BrokenPipeError:  # the reader went away (smrfr info ... | head): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except SmrfrError as error:
        print(f"smrfr: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # a file or folder the system refuses (permissions, disk full): no traceback
        print(f"smrfr: error: {error}", file=sys.stderr)
        return 2
    except (Cancelled, KeyboardInterrupt) as stop:
        print(f"smrfr: cancelled; {str(stop) or 'no partial output was kept'}", file=sys.stderr)
        return 128 + _signals[0] if _signals else 130
    return 0

"""``smrfr demo``: the whole pipeline on the built-in demo region."""

from __future__ import annotations

from pathlib import Path

from ..demo import run_demo
from .progress import TerminalFeedback


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help="run the main job on the built-in demo region")
    parser.add_argument("--out", type=Path, default=Path("demo_output"), help="output folder")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(func=_run)


def _run(args) -> None:
    feedback = TerminalFeedback("demo", quiet=args.quiet)
    try:
        summary = run_demo(args.out, feedback)
    finally:
        feedback.close()
    print(summary)

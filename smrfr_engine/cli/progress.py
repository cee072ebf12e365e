"""Terminal progress bar for engine feedback (Ctrl-C cancels cleanly)."""

from __future__ import annotations

import sys

from ..feedback import Feedback


def add_quiet(parser) -> None:
    """The ``--quiet`` option of the commands that report progress (:class:`TerminalFeedback`)."""
    parser.add_argument("--quiet", action="store_true",
                        help="no progress bar or progress messages (warnings, errors and results still show)")


class TerminalFeedback(Feedback):
    """Shows a tqdm bar on stderr and prints messages above it; a context manager that closes it.
    ``quiet``: no bar, and only the warnings of the messages."""

    def __init__(self, description: str = "smrfr", quiet: bool = False):
        from tqdm import tqdm

        self._quiet = quiet
        self._bar = tqdm(total=100, desc=description, disable=quiet, file=sys.stderr,
                         bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed}<{remaining}")

    def on_progress(self, percent: float) -> None:
        self._bar.n = round(percent, 1)
        self._bar.refresh()

    def on_message(self, message: str, level: str = "info") -> None:
        if self._quiet and level != "warning":
            return
        prefix = "warning: " if level == "warning" else ""
        self._bar.write(f"{prefix}{message}", file=sys.stderr)

    def close(self) -> None:
        self._bar.close()

    def __enter__(self) -> TerminalFeedback:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

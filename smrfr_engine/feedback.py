"""Progress, messages and cancellation for long engine work.

Every long engine function takes a ``feedback`` argument with this interface. The CLI adapts a
progress bar to it, the QGIS plugin adapts ``QgsProcessingFeedback``. Without one (``feedback=None``,
the base class) there is no progress and the messages go to the ``smrfr_engine`` logger: warnings
(say, dates cut to the product) show as Python shows any logged warning, infos once logging is set to
INFO (``logging.basicConfig(level=logging.INFO)``).
"""

from __future__ import annotations

import logging

#: where the messages of the base :class:`Feedback` go
LOGGER = logging.getLogger("smrfr_engine")


class Cancelled(Exception):
    """Raised by :meth:`Feedback.check` once the user asked to stop."""


class Feedback:
    """Feedback without progress that logs the messages to :data:`LOGGER`; subclasses override
    :meth:`on_progress`, :meth:`on_message`, :meth:`is_cancelled`."""

    def on_progress(self, percent: float) -> None:
        """Receive overall progress in percent (0-100)."""

    def on_message(self, message: str, level: str = "info") -> None:
        """Receive a message; ``level`` is ``info`` or ``warning``. Logged at that level here."""
        LOGGER.log(logging.WARNING if level == "warning" else logging.INFO, message)

    def is_cancelled(self) -> bool:
        return False

    def progress(self, fraction: float, message: str = "") -> None:
        """Report progress as a fraction 0..1 of this feedback's span, checking for cancel first unless the
        work is done (``fraction`` 1): the outputs are in place by then, and a cancel would report a
        finished run as cancelled."""
        if fraction < 1.0:
            self.check()
        self.on_progress(100.0 * min(max(fraction, 0.0), 1.0))
        if message:
            self.on_message(message)

    def info(self, message: str) -> None:
        self.on_message(message, "info")

    def warning(self, message: str) -> None:
        self.on_message(message, "warning")

    def check(self) -> None:
        """Raise :class:`Cancelled` if the user asked to stop."""
        if self.is_cancelled():
            raise Cancelled("cancelled by the user")

    def span(self, start: float, end: float) -> Feedback:
        """A child feedback whose 0..1 maps onto ``start..end`` of this one (for sub-steps)."""
        return _Span(self, start, end)


class _Span(Feedback):
    def __init__(self, parent: Feedback, start: float, end: float):
        self._parent, self._start, self._end = parent, start, end

    def on_progress(self, percent: float) -> None:
        fraction = self._start + (self._end - self._start) * percent / 100.0
        self._parent.on_progress(100.0 * fraction)

    def on_message(self, message: str, level: str = "info") -> None:
        self._parent.on_message(message, level)

    def is_cancelled(self) -> bool:
        return self._parent.is_cancelled()

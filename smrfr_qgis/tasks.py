"""Run SMRFR Processing algorithms in background tasks and report their outcome.

:func:`run_algorithm` wraps ``QgsProcessingAlgRunnerTask`` in an :class:`AlgorithmRun`. The algorithm
runs in a worker thread of ``QgsApplication.taskManager()``; the run's signals (progress, log lines,
``finished``) arrive on the main thread through queued connections, so the slots connected to them
may touch widgets and the project. Errors go to the message bar and to the log panel (tag ``SMRFR``),
never to a traceback dialog.
"""

from __future__ import annotations

import re
import time
import traceback
from typing import Callable

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsMessageLog,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
)
from qgis.PyQt.QtCore import QObject, pyqtSignal

from smrfr_engine.errors import SmrfrError

from .i18n import QT_TR_NOOP, tr

LOG_TAG = "SMRFR"
#: the message when an algorithm id is not registered ({0}: the id)
NOT_AVAILABLE = QT_TR_NOOP("The algorithm {0} is not available: is the SMRFR plugin enabled?")
#: the runs under way: each keeps itself here until it ends, so a run its caller drops (a dialog keeps only
#: its latest product description) is not freed with its feedback while its task runs
RUNNING: set[AlgorithmRun] = set()
#: files the dialogs write for the user (a drawn area) and how an error names them instead of their path
FILE_NAMES: dict[str, str] = {}


def name_files(message: str) -> str:
    """``message`` with the paths of :data:`FILE_NAMES` (and any ``|layername=...`` after them) replaced by
    what the user knows them as."""
    for path, name in FILE_NAMES.items():
        message = re.sub(re.escape(path) + r"(\|layername=[^\s:;,()]+)?", lambda _, name=name: name, message)
    return message


def report(iface, message: str, level: int = Qgis.Critical, duration: int = 0) -> None:
    """Show ``message`` in the message bar (when there is an ``iface``) and in the SMRFR log panel."""
    QgsMessageLog.logMessage(message, LOG_TAG, level)
    if iface is not None:
        iface.messageBar().pushMessage(tr("SMRFR"), message, level, duration)


class RunFeedback(QgsProcessingFeedback):
    """Processing feedback that forwards log lines as a signal (warnings and errors flagged) and remembers the
    last error (QGIS 3.22 reports the exception that ended an algorithm as a non-fatal error)."""

    logged = pyqtSignal(str, bool)  # message, is_error

    def __init__(self):
        super().__init__()
        self.last_error = ""

    def pushInfo(self, info):  # noqa: N802 (QGIS API name)
        super().pushInfo(info)
        self.logged.emit(info, False)

    def pushWarning(self, warning):  # noqa: N802 (QGIS API name)
        super().pushWarning(warning)
        self.logged.emit(warning, True)

    def reportError(self, error, fatalError=False):  # noqa: N802, N803 (QGIS API names)
        super().reportError(error, fatalError)
        self.last_error = error
        self.logged.emit(error, True)


class AlgorithmRun(QObject):
    """One background run of a Processing algorithm.

    Signals: ``progressChanged(percent)``, ``logged(message, is_error)`` and
    ``finished(ok, results)``; ``ok`` is False after an error or a cancel (then :attr:`error` holds
    the message, empty after a cancel). Call :meth:`cancel` to stop it, :meth:`wait` to block
    (processing events) until it is done.
    """

    progressChanged = pyqtSignal(float)  # noqa: N815 (Qt signal naming)
    logged = pyqtSignal(str, bool)
    finished = pyqtSignal(bool, dict)

    def __init__(self, algorithm, parameters: dict, iface=None, description: str = ""):
        super().__init__()
        self.algorithm_id = algorithm.id()
        self.iface = iface
        self.done = False
        self.ok = False
        self.cancelled = False
        self.error = ""
        self.results: dict = {}
        self.context = QgsProcessingContext()
        self.context.setProject(QgsProject.instance())
        self.feedback = RunFeedback()
        self.feedback.progressChanged.connect(self.progressChanged)
        self.feedback.logged.connect(self.logged)
        self.task = QgsProcessingAlgRunnerTask(algorithm, parameters, self.context, self.feedback)
        self.task.setDescription(description or algorithm.displayName())
        self.task.executed.connect(self._on_executed)

    def start(self) -> AlgorithmRun:
        if self.task.isCanceled():  # the algorithm's prepare() failed in the task's constructor
            self._on_executed(False, {})
        else:
            RUNNING.add(self)
            QgsApplication.taskManager().addTask(self.task)
        return self

    def cancel(self) -> None:
        """Ask the engine to stop; it does so at its next block or step."""
        self.cancelled = True
        if self.task is not None and not self.done:
            self.task.cancel()

    def wait(self, timeout: float = 60.0) -> bool:
        """Process events until the run is done or ``timeout`` seconds passed; True when done."""
        deadline = time.monotonic() + timeout
        while not self.done and time.monotonic() < deadline:
            QgsApplication.processEvents()
            time.sleep(0.005)
        return self.done

    def _on_executed(self, successful: bool, results: dict) -> None:
        self.task = None  # the task manager deletes it
        self.cancelled = self.cancelled or self.feedback.isCanceled()
        self.ok = bool(successful) and not self.cancelled
        self.results = dict(results or {})
        if self.cancelled:
            report(self.iface, tr("{0}: cancelled.").format(self.description()), Qgis.Info, 5)
        elif not self.ok:
            failure = self.feedback.last_error or tr("The algorithm failed; see the log panel.")
            self.error = name_files(failure)
            report(self.iface, tr("{0} failed: {1}").format(self.description(), self.error))
        self.done = True
        self.finished.emit(self.ok, self.results)
        RUNNING.discard(self)

    def description(self) -> str:
        algorithm = QgsApplication.processingRegistry().algorithmById(self.algorithm_id)
        return algorithm.displayName() if algorithm is not None else self.algorithm_id


def check_algorithm(algorithm_id: str, parameters: dict | None = None,
                    written: frozenset[str] = frozenset()) -> tuple[object | None, str]:
    """The algorithm and an empty string, or None and the message saying why it cannot run; ``written``: the
    paths earlier steps of a chain will write, inputs not yet there."""
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
    if algorithm is None:
        return None, tr(NOT_AVAILABLE).format(algorithm_id)
    algorithm.written_before = written
    can_run, message = algorithm.canExecute()
    if not can_run:
        return None, message
    if parameters is not None:
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        valid, message = algorithm.checkParameterValues(parameters, context)
        if not valid:
            return None, message
    return algorithm, ""


def run_algorithm(algorithm_id: str, parameters: dict, iface=None,
                  on_finished: Callable[[dict], None] | None = None) -> AlgorithmRun | None:
    """Start ``algorithm_id`` in the background; None (and a message) when it cannot start.

    ``on_finished(results)`` runs on the main thread after a successful run; an exception in it is
    reported like an algorithm error.
    """
    algorithm, message = check_algorithm(algorithm_id, parameters)
    if algorithm is None:
        report(iface, message)
        return None
    run = AlgorithmRun(algorithm, parameters, iface)
    if on_finished is not None:
        run.finished.connect(lambda ok, results: ok and guarded(iface, on_finished, results))
    return run.start()


def guarded(iface, function: Callable, *args) -> bool:
    """Call ``function(*args)`` on the main thread; report an error instead of raising. True if it ran."""
    try:
        function(*args)
    except SmrfrError as error:
        report(iface, str(error))
        return False
    except Exception as error:  # a bug: full traceback in the log panel, one line in the message bar
        QgsMessageLog.logMessage(traceback.format_exc(), LOG_TAG, Qgis.Critical)
        report(iface, tr("Unexpected error: {0} (details in the log panel)").format(error))
        return False
    return True

"""Common frame of the SMRFR dialogs: a form, Run / Cancel / Close, progress and log.

A dialog only collects parameters (:meth:`AlgorithmDialog.parameters`, or several chained runs with
:meth:`AlgorithmDialog.chain`) and presents results (:meth:`AlgorithmDialog.on_success`); the work is
Processing algorithms run one after the other in background tasks (:mod:`smrfr_qgis.tasks`). The
dialog is modeless: the map stays usable (to draw an area) and closing it while a run goes on leaves
the run in the task manager; the results still land.
"""

from __future__ import annotations

import os

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingUtils,
    QgsProject,
    QgsProviderRegistry,
    QgsSettings,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..i18n import tr
from ..tasks import AlgorithmRun, check_algorithm, guarded, report
from ..temporal import PRODUCT_PROPERTY


class InputError(Exception):
    """A value the user must correct before a run (shown in the dialog, nothing is started)."""


def output_paths(steps: list[tuple[str, dict]]) -> list[str]:
    """The files and folders the runs ``steps`` write over (:meth:`SmrfrAlgorithm.replaced_paths`)."""
    registry, context = QgsApplication.processingRegistry(), QgsProcessingContext()
    return [path for algorithm_id, parameters in steps
            for path in registry.algorithmById(algorithm_id).replaced_paths(parameters, context)]


def layers_reading(paths: list[str], project: QgsProject) -> list:
    """The layers of ``project`` that read a file at or under one of ``paths``, directly or as the product
    they were loaded from (``smrfr/product``: a Zarr store behind its temporary VRT), or that read a folder
    holding one of ``paths`` that exists (a folder of yearly stores of which one is written again)."""
    def key(path: str) -> str:
        return os.path.normcase(os.path.abspath(path))

    def reads(source: str, out: str) -> bool:
        return (source == out or source.startswith(out + os.sep)
                or (out.startswith(source + os.sep) and os.path.exists(out)))

    outputs = [key(path) for path in paths]
    found = []
    for layer in project.mapLayers().values():
        sources = [QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source()).get("path"),
                   layer.customProperty(PRODUCT_PROPERTY, "")]
        if any(source and any(reads(key(source), out) for out in outputs) for source in sources):
            found.append(layer)
    return found


class AlgorithmDialog(QDialog):
    algorithm_id = ""
    #: the dialog's QgsSettings group, ``smrfr/<key>/...``
    key = ""
    title = ""

    def __init__(self, iface, parent=None):
        super().__init__(parent or iface.mainWindow())
        self.iface = iface
        self.canvas = iface.mapCanvas()
        self.run: AlgorithmRun | None = None
        #: steps still to run after the current one (see :meth:`chain`)
        self.pending: list[tuple[str, dict]] = []
        #: the step (algorithm id, parameters) last started: what on_success reports on, whatever the
        #: widgets show since
        self.step: tuple[str, dict] = ("", {})
        self.setWindowTitle(tr(self.title))
        self.setObjectName(type(self).__name__)
        self.setWindowFlags(self.windowFlags() | Qt.WindowMinMaxButtonsHint)

        body = QWidget()
        self.form = QFormLayout(body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.results_area = QVBoxLayout()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumHeight(110)
        self.buttons = QDialogButtonBox()
        self.run_button = self.buttons.addButton(tr("Run"), QDialogButtonBox.AcceptRole)
        self.cancel_button = self.buttons.addButton(tr("Cancel"), QDialogButtonBox.RejectRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.Close)
        self.close_button.setText(tr("Close"))
        self.run_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.close)

        column = QVBoxLayout(self)
        column.addWidget(scroll, 1)
        column.addLayout(self.results_area)
        column.addWidget(self.message)
        column.addWidget(self.progress)
        column.addWidget(self.log)
        column.addWidget(self.buttons)
        self.build()
        self.restore()
        self.set_running(False)
        self.resize(920, 720)

    # --- for subclasses -------------------------------------------------------------------------
    def build(self) -> None:
        """Add the input widgets to ``self.form``."""

    def parameters(self) -> dict:
        """The algorithm parameters from the widgets; raise :class:`InputError` for a value to fix."""
        raise NotImplementedError

    def on_success(self, results: dict) -> None:
        """Add the outputs of the last step (:attr:`step`) to the project and show them (main thread)."""

    def save(self) -> None:
        """Remember the inputs with :meth:`remember` (when a run starts and when the dialog closes)."""

    def restore(self) -> None:
        """Put back the remembered inputs."""

    # --- shared helpers ---------------------------------------------------------------------------
    def remember(self, name: str, value) -> None:
        QgsSettings().setValue(f"smrfr/{self.key}/{name}", value)

    def setting(self, name: str, default=None, type=str):  # noqa: A002 (QgsSettings API)
        value = QgsSettings().value(f"smrfr/{self.key}/{name}", default)
        if type is bool:
            return value in (True, "true", "1", 1)
        return type(value) if value is not None else value

    def name(self) -> str:
        """The dialog's title without the ellipsis (for messages and the task manager)."""
        return tr(self.title).rstrip("…")

    def add_row(self, label: str, widget) -> None:
        self.form.addRow(tr(label), widget)

    @staticmethod
    def temporary_output(name: str) -> str:
        """A new path in the QGIS Processing temporary folder."""
        return QgsProcessingUtils.generateTempFilename(name)

    # --- running ------------------------------------------------------------------------------------
    def start(self) -> AlgorithmRun | None:
        """Collect the steps and start the first; None (and a message) when it cannot start."""
        if self.run is not None:
            return None
        try:
            steps = self.chain()
        except InputError as error:
            self.show_message(str(error), error=True)
            return None
        for number, (algorithm_id, parameters) in enumerate(steps):
            written = frozenset(output_paths(steps[:number]))
            algorithm, message = check_algorithm(algorithm_id, parameters, written)
            if algorithm is None:
                self.show_message(message, error=True)
                report(self.iface, message)
                return None
        if not self.release_outputs(steps):
            return None
        self.save()
        self.log.clear()
        self.pending = list(steps)
        return self.next_step()

    def release_outputs(self, steps: list[tuple[str, dict]]) -> bool:
        """Offer to remove the project's layers that show files the runs will replace (QGIS keeps them open:
        Windows refuses to replace a file in use, and elsewhere they would show the old files); False when
        the user declines, and nothing runs."""
        project = QgsProject.instance()
        layers = layers_reading(output_paths(steps), project)
        if not layers:
            return True
        names = ", ".join(sorted({layer.name() for layer in layers}))
        question = tr("The layers {0} show files this run replaces. Remove them from the project and run? "
                      "(The new results are added when the run ends.)").format(names)
        if QMessageBox.question(self, self.name(), question, QMessageBox.Yes | QMessageBox.Cancel,
                                QMessageBox.Cancel) != QMessageBox.Yes:
            self.show_message(tr("Not run: choose another output, or let the layers be removed."), error=True)
            return False
        nodes = [project.layerTreeRoot().findLayer(layer.id()) for layer in layers]
        groups = {node.parent() for node in nodes if node is not None and node.parent() is not None}
        project.removeMapLayers([layer.id() for layer in layers])
        for group in groups:  # a load's group left empty goes too
            if group.parent() is not None and not group.children():
                group.parent().removeChildNode(group)
        return True

    def chain(self) -> list[tuple[str, dict]]:
        """The runs to make one after the other, as ``(algorithm id, parameters)``; by default one run of
        ``algorithm_id`` with :meth:`parameters`. Later steps may read files earlier steps write."""
        return [(self.algorithm_id, self.parameters())]

    def next_step(self) -> AlgorithmRun | None:
        """Start the next pending step in the background."""
        algorithm_id, parameters = self.step = self.pending.pop(0)
        algorithm, message = check_algorithm(algorithm_id, parameters)
        if algorithm is None:
            self.pending = []
            self.show_message(message, error=True)
            report(self.iface, message)
            return None
        self.show_message(tr("Running: {0}…").format(algorithm.displayName()))
        self.progress.setValue(0)
        self.run = AlgorithmRun(algorithm, parameters, self.iface, self.name())
        self.run.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        self.run.logged.connect(self.append_log)
        self.run.finished.connect(self._finished)
        self.set_running(True)
        return self.run.start()

    def cancel(self) -> None:
        if self.run is not None:
            self.show_message(tr("Cancelling…"))
            self.run.cancel()

    def append_log(self, text: str, is_error: bool) -> None:
        self.log.appendPlainText(("⚠ " if is_error else "") + text)

    def _finished(self, ok: bool, results: dict) -> None:
        run, self.run = self.run, None
        self.set_running(False)
        if ok and self.pending:
            self.append_log(tr("{0}: done.").format(run.description()), False)
            self.next_step()
        elif ok and guarded(self.iface, self.on_success, results):
            self.progress.setValue(100)
            self.show_message(tr("Done."))
            done = tr("{0}: done.").format(self.name())
            self.iface.messageBar().pushMessage(tr("SMRFR"), done, Qgis.Success, 5)
        elif run is not None and run.cancelled:
            self.pending = []
            self.show_message(tr("Cancelled."))
        else:
            self.pending = []
            error = run.error if run is not None and run.error else ""
            self.show_message(error or tr("Failed; see the log panel."), error=True)

    def set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        if not running and self.progress.value() < 100:
            self.progress.setValue(0)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setText(text)

    def wait(self, timeout: float = 60.0) -> bool:
        """For tests and scripts: process events until the current run is done."""
        return self.run is None or self.run.wait(timeout)

    def closeEvent(self, event):  # noqa: N802 (Qt API name)
        self.save()
        super().closeEvent(event)

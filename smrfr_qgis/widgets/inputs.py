"""Input pickers: a remembered path (file or folder) and a project layer or a file."""

from __future__ import annotations

from qgis.core import QgsMapLayerProxyModel, QgsProviderRegistry, QgsSettings
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from ..i18n import tr

RECENT_COUNT = 8


class PathWidget(QWidget):
    """An editable combo of recent paths (kept in QgsSettings under ``key``) with a browse button.

    ``mode``: ``file``, ``folder``, ``save`` (a file to write) or ``any`` (file or folder)."""

    changed = pyqtSignal(str)

    def __init__(self, key: str, mode: str = "file", filter: str = "", parent=None):  # noqa: A002
        super().__init__(parent)
        self.key = f"smrfr/recent/{key}"
        self.mode, self.filter = mode, filter
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.NoInsert)
        self.combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(20)  # long recent paths do not widen the dialog
        self.combo.addItems(self.recent())
        self.combo.lineEdit().setPlaceholderText(tr("[temporary output]") if mode == "save" else "")
        buttons = [(tr("Browse…"), mode)]
        if mode == "any":
            buttons = [(tr("Browse for a file…"), "file"), (tr("Browse for a folder…"), "folder")]
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        for tooltip, kind in buttons:
            button = QToolButton()
            button.setText("…")
            button.setToolTip(tooltip)
            button.clicked.connect(lambda _=False, k=kind: self.browse(k))
            row.addWidget(button)
        self.combo.currentTextChanged.connect(self.changed)

    def path(self) -> str:
        return self.combo.currentText().strip()

    def set_path(self, path: str) -> None:
        self.combo.setCurrentText(path)

    def recent(self) -> list[str]:
        value = QgsSettings().value(self.key, []) or []
        return [value] if isinstance(value, str) else list(value)

    def remember(self) -> None:
        """Put the current path first in the recent list."""
        path = self.path()
        if path:
            others = [p for p in self.recent() if p != path]
            QgsSettings().setValue(self.key, [path] + others[:RECENT_COUNT - 1])

    def browse(self, kind: str) -> None:
        start = self.path()
        if kind == "folder":
            path = QFileDialog.getExistingDirectory(self, tr("Choose a folder"), start)
        elif kind == "save":
            path, _ = QFileDialog.getSaveFileName(self, tr("Save as"), start, self.filter)
        else:
            path, _ = QFileDialog.getOpenFileName(self, tr("Choose a file"), start, self.filter)
        if path:
            self.set_path(path)


class LayerOrFileWidget(QWidget):
    """A project layer (vector or raster) or a file: ``source()`` gives the layer's or file's path."""

    changed = pyqtSignal()

    def __init__(self, key: str, filters=QgsMapLayerProxyModel.VectorLayer, file_filter: str = "",
                 mode: str = "file", parent=None):
        super().__init__(parent)
        self.layer = QgsMapLayerComboBox()
        self.layer.setFilters(filters)
        self.layer.setAllowEmptyLayer(True)
        self.layer.setLayer(None)
        self.file = PathWidget(key, mode, file_filter)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.layer)
        column.addWidget(self.file)
        self.layer.layerChanged.connect(self._layer_changed)
        self.file.changed.connect(self.changed)

    def _layer_changed(self, layer) -> None:
        self.file.setEnabled(layer is None)
        self.changed.emit()

    def current_layer(self):
        return self.layer.currentLayer()

    def source(self) -> str:
        """The chosen layer's data source, else the file path (empty when neither)."""
        layer = self.layer.currentLayer()
        return layer.source() if layer is not None else self.file.path()

    def path(self) -> str:
        """The chosen layer's file (its source without ``|layername=…``), else the file path."""
        layer = self.layer.currentLayer()
        if layer is None:
            return self.file.path()
        parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
        return parts.get("path") or layer.source()

    def remember(self) -> None:
        self.file.remember()

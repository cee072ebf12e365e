"""Point inspector: click the map, see the daily series of every loaded SMRFR layer at that point.

Values are read from the loaded layers' raster providers (``identify`` returns all bands, i.e. all
days, in one call), so the plot shows exactly what is on the map, whatever the source format.
"""

from __future__ import annotations

import csv
import datetime as dt
import math

from qgis.core import QgsCoordinateTransform, QgsPointXY, QgsProject, QgsRaster, QgsRasterLayer
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QFileDialog, QLabel, QToolBar, QVBoxLayout, QWidget

from .i18n import QT_TR_NOOP, tr
from .maptools import PointTool
from .styling import MOISTURE_UNIT
from .temporal import stored_dates


def layer_series(layer: QgsRasterLayer, point: QgsPointXY, crs) -> list[float]:
    """Value of every band (day) of ``layer`` at ``point`` (in ``crs``); NaN outside or nodata."""
    local = QgsCoordinateTransform(crs, layer.crs(), QgsProject.instance()).transform(point)
    results = layer.dataProvider().identify(local, QgsRaster.IdentifyFormatValue).results()
    values = []
    for band in range(1, layer.bandCount() + 1):
        value = results.get(band)
        values.append(float(value) if value is not None else math.nan)
    return values


def series_labels(nodes) -> list[str]:
    """The layers' names; with the group's name in front when another layer has the same name (two loads
    of one product, two products with the same layer names), and then ``(2)``, ``(3)``... if still needed."""
    names = [node.layer().name() for node in nodes]
    labels = [f"{node.parent().name()} / {name}" if names.count(name) > 1 and node.parent().name() else name
              for node, name in zip(nodes, names)]
    return [f"{label} ({labels[:i].count(label) + 1})" if label in labels[:i] else label
            for i, label in enumerate(labels)]


def point_series(project: QgsProject, point: QgsPointXY, crs) -> tuple[list[dt.date], dict[str, list[float]]]:
    """All days of the SMRFR temporal layers of ``project`` and, per layer (:func:`series_labels`), its
    values at the point on those days (NaN where a layer has no such day), in layer-tree order."""
    nodes = [node for node in project.layerTreeRoot().findLayers()
             if isinstance(node.layer(), QgsRasterLayer) and stored_dates(node.layer())]
    per_layer = {label: dict(zip(stored_dates(node.layer()), layer_series(node.layer(), point, crs)))
                 for label, node in zip(series_labels(nodes), nodes)}
    days = sorted({day for series in per_layer.values() for day in series})
    return days, {name: [series.get(day, math.nan) for day in days] for name, series in per_layer.items()}


#: (singular, plural) of the counts in the status line
LAYER_COUNT = (QT_TR_NOOP("1 layer"), QT_TR_NOOP("{0} layers"))
DAY_COUNT = (QT_TR_NOOP("1 day"), QT_TR_NOOP("{0} days"))


def count_text(count: int, forms: tuple[str, str]) -> str:
    return tr(forms[0] if count == 1 else forms[1]).format(count)


def series_status(layers: int, days: int) -> str:
    """``2 layers, 1 day``: each count with its own singular or plural string."""
    return tr("{0}, {1}").format(count_text(layers, LAYER_COUNT), count_text(days, DAY_COUNT))


def write_csv(path: str, days: list[dt.date], series: dict[str, list[float]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["date", *series])
        for index, day in enumerate(days):
            writer.writerow([day.isoformat(), *("" if math.isnan(v[index]) else f"{v[index]:.6g}"
                                                for v in series.values())])


class InspectorDock(QgsDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(tr("SMRFR point inspector"), parent)
        self.setObjectName("SmrfrInspectorDock")
        self.iface = iface
        self.canvas = iface.mapCanvas()
        self.tool = PointTool(self.canvas)
        self.tool.clicked.connect(self.inspect)
        self.point: tuple[QgsPointXY, object] | None = None
        self.days: list[dt.date] = []
        self.series: dict[str, list[float]] = {}

        from matplotlib.backends.backend_qt5agg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(5, 3), tight_layout=True)
        self.plot_canvas = FigureCanvasQTAgg(self.figure)
        toolbar = QToolBar()
        self.pick_action = toolbar.addAction(tr("Pick a point"))
        self.pick_action.setCheckable(True)
        self.pick_action.toggled.connect(self.set_picking)
        self.csv_action = toolbar.addAction(tr("Export CSV…"), self.ask_csv)
        self.png_action = toolbar.addAction(tr("Export PNG…"), self.ask_png)
        self.status = QLabel(tr("Click “Pick a point”, then click the map."))
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(toolbar)
        column.addWidget(self.plot_canvas, 1)
        column.addWidget(self.status)
        self.setWidget(body)
        self.tool.deactivated.connect(lambda: self.pick_action.setChecked(False))
        self._enable_exports()

    def set_picking(self, on: bool) -> None:
        if on:
            self.canvas.setMapTool(self.tool)
        elif self.canvas.mapTool() is self.tool:
            self.canvas.unsetMapTool(self.tool)

    def inspect(self, point: QgsPointXY, crs) -> None:
        """Plot every SMRFR layer's series at ``point`` (in ``crs``)."""
        self.point = (point, crs)
        self.days, self.series = point_series(QgsProject.instance(), point, crs)
        self.figure.clear()
        axes = self.figure.add_subplot(111)
        for name, values in self.series.items():
            axes.plot(self.days, values, label=name, linewidth=1.2)
        axes.set_ylabel(tr("Soil moisture ({0})").format(MOISTURE_UNIT))
        crs_name = crs.authid() or crs.description()
        title = tr("x {0:.4f}, y {1:.4f} ({2})").format(point.x(), point.y(), crs_name)
        axes.set_title(title, fontsize=9)
        if self.series:
            axes.legend(fontsize=7)
            self.figure.autofmt_xdate()
            self.status.setText(series_status(len(self.series), len(self.days)))
        else:
            self.status.setText(tr("No SMRFR layers are loaded: use “Load soil-moisture layers” first."))
        self.plot_canvas.draw()
        self._enable_exports()

    def _enable_exports(self) -> None:
        for action in (self.csv_action, self.png_action):
            action.setEnabled(bool(self.series))

    def export_csv(self, path: str) -> None:
        write_csv(path, self.days, self.series)

    def export_png(self, path: str) -> None:
        self.figure.savefig(path, dpi=150)

    def ask_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export CSV"), "", "CSV (*.csv)")
        if path:
            self.export_csv(path)

    def ask_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export PNG"), "", "PNG (*.png)")
        if path:
            self.export_png(path)

    def closeEvent(self, event):  # noqa: N802 (Qt API name)
        self.pick_action.setChecked(False)
        super().closeEvent(event)


DOCK_AREA = Qt.RightDockWidgetArea

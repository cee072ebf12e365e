"""Screenshots of the plugin: its toolbar in a main window with a map canvas showing a small demo product
(the synthetic truth of :func:`smrfr_engine.synth.generate`, loaded as temporal layers), and each dialog.

Usage: python scripts/screenshots.py [OUT_DIR]   (default docs/screenshots; `make screenshots` runs it
under Xvfb). Writes one PNG per dialog and prints their paths.
"""

from __future__ import annotations

import sys
from pathlib import Path
from unittest.mock import MagicMock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class Iface:
    """The parts of QgisInterface the plugin uses, on a real main window and canvas; the rest mocks."""

    def __init__(self):
        from qgis.gui import QgsMapCanvas, QgsMessageBar
        from qgis.PyQt.QtWidgets import QMainWindow

        self.window = QMainWindow()
        self.window.setWindowTitle("QGIS with SMRFR")
        self.canvas = QgsMapCanvas()
        self.canvas.setCanvasColor(self.canvas.canvasColor())
        self.window.setCentralWidget(self.canvas)
        self.bar = QgsMessageBar()
        self.window.resize(1000, 650)

    def mainWindow(self):  # noqa: N802 (QGIS API name)
        return self.window

    def mapCanvas(self):  # noqa: N802 (QGIS API name)
        return self.canvas

    def messageBar(self):  # noqa: N802 (QGIS API name)
        return self.bar

    def addToolBar(self, name):  # noqa: N802 (QGIS API name)
        return self.window.addToolBar(name)

    def addDockWidget(self, area, dock):  # noqa: N802 (QGIS API name)
        self.window.addDockWidget(area, dock)

    def __getattr__(self, name):
        mock = MagicMock(name=name)
        setattr(self, name, mock)
        return mock


def load_demo(canvas, folder: Path) -> None:
    """Generate a small demo region into ``folder`` and show its truth store on ``canvas`` (call after the
    docks are in place: the map is zoomed to the data)."""
    from smrfr_engine.synth import generate
    from smrfr_qgis.temporal import add_daily_layers, product_rasters

    generate(folder, size=12, start="2020-01-01", end="2020-03-31", n_stations=6)
    _, layers = add_daily_layers(product_rasters(str(folder / "truth")), canvas=canvas)
    canvas.setDestinationCrs(layers[0].crs())
    canvas.setLayers(layers)
    canvas.setExtent(layers[0].extent())
    canvas.refresh()
    canvas.waitWhileRendering()


def capture(out_dir: Path) -> list[Path]:
    """Open the plugin on a demo product and each main dialog, save their images into ``out_dir``;
    return the paths."""
    import tempfile

    from qgis.core import QgsApplication, QgsProject
    from qgis.PyQt.QtWidgets import QApplication

    from smrfr_qgis import classFactory
    from smrfr_qgis.plugin import ACTIONS

    out_dir.mkdir(parents=True, exist_ok=True)
    iface = Iface()
    plugin = classFactory(iface)
    plugin.initGui()
    paths = []
    demo = tempfile.TemporaryDirectory(prefix="smrfr_screenshots_")

    def save(widget, name):
        for _ in range(5):
            QApplication.processEvents()
        path = out_dir / f"{name}.png"
        widget.grab().save(str(path))
        paths.append(path)

    try:
        iface.window.show()
        plugin.show_inspector(True)
        QApplication.processEvents()
        load_demo(iface.canvas, Path(demo.name) / "demo")
        plugin.inspector.inspect(iface.canvas.extent().center(), iface.canvas.mapSettings().destinationCrs())
        save(iface.window, "main_window")
        for name, _label in ACTIONS:
            dialog = plugin.open_dialog(name)
            save(dialog, name)
            dialog.close()
    finally:
        plugin.unload()
        iface.canvas.setLayers([])
        QgsProject.instance().removeAllMapLayers()
        iface.window.close()
        QgsApplication.processEvents()
        demo.cleanup()
    return paths


def main() -> None:
    from qgis.core import QgsApplication

    app = QgsApplication([], True)
    app.initQgis()
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    for path in capture(out_dir):
        print(path)


if __name__ == "__main__":
    main()

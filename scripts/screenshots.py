"""Screenshots of the plugin: its toolbar in a main window with a map canvas, and each main dialog.

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


def capture(out_dir: Path) -> list[Path]:
    """Open the plugin and each main dialog, save their images into ``out_dir``; return the paths."""
    from qgis.core import QgsApplication
    from qgis.PyQt.QtWidgets import QApplication

    from smrfr_qgis import classFactory
    from smrfr_qgis.plugin import ACTIONS

    out_dir.mkdir(parents=True, exist_ok=True)
    iface = Iface()
    plugin = classFactory(iface)
    plugin.initGui()
    paths = []

    def save(widget, name):
        for _ in range(5):
            QApplication.processEvents()
        path = out_dir / f"{name}.png"
        widget.grab().save(str(path))
        paths.append(path)

    try:
        iface.window.show()
        plugin.show_inspector(True)
        save(iface.window, "main_window")
        for name, _label, _algorithm in ACTIONS:
            dialog = plugin.open_dialog(name)
            save(dialog, name)
            dialog.close()
    finally:
        plugin.unload()
        iface.window.close()
        QgsApplication.processEvents()
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

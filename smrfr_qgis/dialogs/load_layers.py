"""Load layers: crop a product to an area and dates (``smrfr:subset``) and add it as temporal layers."""

from __future__ import annotations

import datetime as dt
import os

from qgis.PyQt.QtWidgets import QCheckBox, QGridLayout, QWidget

from smrfr_engine.layers import SCHEMES

from ..i18n import QT_TR_NOOP, tr
from ..processing.algorithms.products import KINDS
from ..processing.base import path_value
from ..tasks import run_algorithm
from ..temporal import load_product
from ..widgets import AreaOfInterestWidget, DateRangeWidget, PathWidget
from .base import AlgorithmDialog, InputError
from .common import area_parameters, dates_parameters, kind_choice


def depth_label(name: str) -> str:
    """``sml1_p (0-5 cm)`` for layers of a known scheme, the name otherwise."""
    for scheme in SCHEMES.values():
        for layer in scheme.layers:
            if layer.name == name:
                return f"{name} ({layer.label})"
    return name


class LoadLayersDialog(AlgorithmDialog):
    algorithm_id = "smrfr:subset"
    key = "load"
    title = QT_TR_NOOP("Load soil-moisture layers…")

    def build(self) -> None:
        self.product = PathWidget("products", "any", tr("Products (*.zarr *.nc *.tif);;All files (*)"))
        self.kind = kind_choice()
        self.description = PathWidget("product_descriptions", "file", tr("Product descriptions (*.json)"))
        self.layers_box = QWidget()
        self.layers_grid = QGridLayout(self.layers_box)
        self.layers_grid.setContentsMargins(0, 0, 0, 0)
        self.checks: dict[str, QCheckBox] = {}
        self.root_zone = QCheckBox(tr("Add the 0-100 cm root-zone layer"))
        self.aoi = AreaOfInterestWidget(self.canvas)
        self.dates = DateRangeWidget()
        self.output = PathWidget("load_output", "folder")
        self.add_row(QT_TR_NOOP("Product (folder or file)"), self.product)
        self.add_row(QT_TR_NOOP("Product kind"), self.kind)
        self.add_row(QT_TR_NOOP("Product description (JSON, optional)"), self.description)
        self.add_row(QT_TR_NOOP("Layers"), self.layers_box)
        self.add_row("", self.root_zone)
        self.add_row(QT_TR_NOOP("Area of interest"), self.aoi)
        self.add_row(QT_TR_NOOP("Dates"), self.dates)
        self.add_row(QT_TR_NOOP("Output folder"), self.output)
        self.set_layers(SCHEMES["smrfr"].names)
        self.product.changed.connect(self.describe_product)
        self.kind.currentIndexChanged.connect(self.describe_product)
        self.description.changed.connect(self.describe_product)

    def set_layers(self, names: list[str]) -> None:
        """One check box per layer of the product, labelled with its depth: the layers ticked before stay
        ticked, and all when none of them is of this product."""
        checked = {name for name, box in self.checks.items() if box.isChecked()} & set(names) or set(names)
        for box in self.checks.values():
            box.deleteLater()
        self.checks = {}
        for index, name in enumerate(names):
            box = QCheckBox(depth_label(name))
            box.setChecked(name in checked)
            self.layers_grid.addWidget(box, index // 3, index % 3)
            self.checks[name] = box

    def describe_product(self) -> None:
        """Read the product's layers and dates in the background (``smrfr:info``)."""
        try:
            source = self.source()
        except InputError:
            return
        chosen = self.chosen()
        self.info_run = run_algorithm("smrfr:info", source, None,
                                      lambda results: self.show_product(chosen, results))

    def chosen(self) -> tuple[str, str, str]:
        """The product as the widgets give it: path, kind and description."""
        return self.product.path(), self.kind.currentData(), self.description.path()

    def source(self) -> dict:
        """The product parameters (SOURCE or SOURCE_FOLDER, KIND, DESCRIPTION); :class:`InputError` when a
        path does not exist."""
        path, description = self.product.path(), self.description.path()
        if not path or not os.path.exists(path):
            raise InputError(tr("Choose an existing product folder or file."))
        if description and not os.path.isfile(description):
            raise InputError(tr("The product description {0} is not a file.").format(description))
        return {**path_value("SOURCE", path), "KIND": KINDS.index(self.kind.currentData()),
                **({"DESCRIPTION": description} if description else {})}

    def show_product(self, chosen: tuple[str, str, str], results: dict) -> None:
        """Show the layers and dates of the product ``chosen``, unless the choice has changed since: runs
        started while a path is typed finish in any order, and only the current product's counts."""
        if chosen != self.chosen():
            return
        if results.get("LAYERS"):
            self.set_layers(results["LAYERS"].split(","))
        if results.get("START") and results.get("END"):
            first, last = (dt.date.fromisoformat(results[name]) for name in ("START", "END"))
            self.dates.set_available(first, last)

    def parameters(self) -> dict:
        source = self.source()
        layers = [name for name, box in self.checks.items() if box.isChecked()]
        if not layers:
            raise InputError(tr("Tick at least one layer."))
        return {**source, "LAYERS": ",".join(layers), **dates_parameters(self.dates),
                "ROOT_ZONE": self.root_zone.isChecked(), **area_parameters(self.aoi),
                "OUTPUT_FOLDER": self.output.path() or self.temporary_output("smrfr_layers")}

    def on_success(self, results: dict) -> None:
        load_product(results["OUTPUT_FOLDER"], canvas=self.canvas)

    def save(self) -> None:
        self.product.remember()
        self.output.remember()
        self.description.remember()
        self.remember("kind", self.kind.currentData())
        self.remember("description", self.description.path())
        self.aoi.save()
        start, end = self.dates.range()
        self.remember("start", start.isoformat())
        self.remember("end", end.isoformat())
        self.remember("root_zone", self.root_zone.isChecked())

    def restore(self) -> None:
        start = self.setting("start", "2020-01-01")
        end = self.setting("end", "2020-01-31")
        self.dates.set_range(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
        self.root_zone.setChecked(self.setting("root_zone", False, bool))
        for widget in (self.kind, self.description):  # the product is described when the user picks one
            widget.blockSignals(True)
        self.kind.setCurrentIndex(max(self.kind.findData(self.setting("kind", "auto")), 0))
        self.description.set_path(self.setting("description", ""))
        for widget in (self.kind, self.description):
            widget.blockSignals(False)

    def closeEvent(self, event):  # noqa: N802 (Qt API name)
        super().closeEvent(event)
        self.aoi.stop_drawing()

"""Peer products (SoMo.ml, SMCI1.0) loaded in QGIS as an analyst loads them: ``smrfr:subset`` to GeoTIFFs,
then temporal layers (as the Load dialog does); layer order, dates and values checked against the files."""

import pytest
from qgis.core import QgsProject, QgsRaster, QgsTemporalNavigationObject
from test_peer_products import smci_daily_files

from smrfr_qgis.temporal import BandSwitcher, load_product


@pytest.fixture()
def canvas(qgis_canvas, qgis_new_project, provider):
    """A canvas with its own temporal controller and the plugin's band switcher (and the provider)."""
    previous = qgis_canvas.temporalController()
    qgis_canvas.setTemporalController(QgsTemporalNavigationObject(qgis_canvas))
    switcher = BandSwitcher(qgis_canvas)
    yield qgis_canvas
    switcher.detach()
    qgis_canvas.setTemporalController(previous)
    QgsProject.instance().removeAllMapLayers()
    QgsProject.instance().layerTreeRoot().removeAllChildren()


def loaded(canvas, source, out, **parameters):
    """``smrfr:subset`` of ``source`` to the GeoTIFF folder ``out``, loaded as the Load dialog loads it."""
    import processing

    processing.run("smrfr:subset", {"SOURCE_FOLDER": str(source), "OUTPUT_FOLDER": str(out), **parameters})
    return load_product(str(out), canvas=canvas)[1]


def centre(layer, band: int) -> float:
    """The value of ``band`` at the centre of the layer's extent."""
    identified = layer.dataProvider().identify(layer.extent().center(), QgsRaster.IdentifyFormatValue)
    return identified.results()[band]


def test_the_depths_of_smci_load_in_depth_order(canvas, tmp_path):
    # the layers were sorted by name: 100cm (90-100 cm) came above 10cm and 20cm in the layer tree
    smci = tmp_path / "smci"
    smci.mkdir()
    smci_daily_files(smci, days=("20100101", "20100102"), depths=range(10, 101, 10))
    layers = loaded(canvas, smci, tmp_path / "tifs", LAYERS="100cm,20cm,10cm")
    assert [layer.name() for layer in layers] == ["10cm 0-10 cm", "20cm 10-20 cm", "100cm 90-100 cm"]
    # by hand: 2 January at 100 cm is 240 + 20 + 90 = 350 thousandths
    assert centre(layers[2], 2) == pytest.approx(0.35)

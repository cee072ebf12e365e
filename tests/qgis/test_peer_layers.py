"""Peer products (SoMo.ml, SMCI1.0) loaded in QGIS as an analyst loads them: ``smrfr:subset`` to GeoTIFFs,
then temporal layers (as the Load dialog does); layer order, dates and values checked against the files."""

import datetime as dt
import os
import time

import numpy as np
import pandas as pd
import pytest
from qgis.core import QgsRaster
from qgis.PyQt.QtCore import QDate
from test_peer_products import cf_somo_file, noleap_year, smci_daily_files

from smrfr_qgis.temporal import day_range, load_product, stored_dates

pytestmark = pytest.mark.usefixtures("provider")  # the tests run smrfr:subset


def loaded(canvas, source, out, **parameters):
    """``smrfr:subset`` of ``source`` to the GeoTIFF folder ``out``, loaded as the Load dialog loads it."""
    import processing

    processing.run("smrfr:subset", {"SOURCE_FOLDER": str(source), "OUTPUT_FOLDER": str(out), **parameters})
    return load_product(str(out), canvas=canvas)[1]


def drawn(canvas, layer) -> bool:
    """Whether rendering ``layer`` over the canvas's temporal range paints the centre of its extent."""
    from qgis.core import QgsMapRendererSequentialJob, QgsMapSettings
    from qgis.PyQt.QtCore import QSize, Qt

    settings = QgsMapSettings()
    settings.setBackgroundColor(Qt.transparent)
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setExtent(layer.extent())
    settings.setOutputSize(QSize(40, 40))
    settings.setIsTemporal(True)
    settings.setTemporalRange(canvas.temporalRange())
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage().pixelColor(20, 20).alpha() > 0


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


def test_anomalies_beside_their_smci_depths_load_after_them(canvas, tmp_path):
    # names of two or more underscores were taken for a layer's other variables: 10cm_anomaly (one underscore)
    # came between 10cm and 20cm
    import processing

    smci = tmp_path / "smci"
    smci.mkdir()
    smci_daily_files(smci, days=("20100101", "20100102", "20100103"), depths=(10, 20, 100))
    processing.run("smrfr:anomaly", {"SOURCE_FOLDER": str(smci), "CLIM_START": "2010-01-01",
                                     "CLIM_END": "2010-01-03", "OUTPUT_FOLDER": str(tmp_path / "anomaly")})
    processing.run("smrfr:subset", {"SOURCE_FOLDER": str(smci), "OUTPUT_FOLDER": str(tmp_path / "drought")})
    for tif in (tmp_path / "anomaly").glob("*.tif"):  # gathered beside the depths they describe
        tif.rename(tmp_path / "drought" / tif.name)
    layers = load_product(str(tmp_path / "drought"), canvas=canvas)[1]
    assert [layer.name().split()[0] for layer in layers] == [
        "10cm", "20cm", "100cm", "10cm_anomaly", "10cm_percentile", "20cm_anomaly", "20cm_percentile",
        "100cm_anomaly", "100cm_percentile"]
    # by hand: 100 cm holds 0.330, 0.340, 0.350 on the three days; the anomaly of 3 January is 0.35 - 0.34
    assert centre(layers[7], 3) == pytest.approx(0.01, abs=1e-6)


@pytest.fixture()
def sao_paulo():
    """Local time of Brazil, where daylight saving time began at midnight until 2019: 21 October 2012
    began at 01:00."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "America/Sao_Paulo"
    time.tzset()
    yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


def test_a_day_that_begins_at_one_in_the_morning_is_a_day_of_the_controller(canvas, tmp_path, sao_paulo):
    # midnight of 21 October 2012 does not exist in Sao Paulo: a layer from that day had an invalid start,
    # so it showed on every day before its first, and the canvas range was invalid, so no band followed it
    somo = tmp_path / "somo"
    somo.mkdir()
    days = pd.date_range("2012-10-19", "2012-10-23")
    values = np.broadcast_to(0.2 + 0.01 * np.arange(len(days), dtype="float32")[:, None, None], (5, 4, 4))
    cf_somo_file(somo / "SoMo.ml_v1_layer1_2012.nc", "layer1", days, values)
    layer = loaded(canvas, somo, tmp_path / "tifs", START="2012-10-21", END="2012-10-23")[0]
    controller = canvas.temporalController()
    assert controller.totalFrameCount() == 3 and canvas.temporalRange().begin().date() == QDate(2012, 10, 21)
    before = dt.date(2012, 10, 1)
    assert not layer.temporalProperties().isVisibleInTemporalRange(day_range(before, before))
    controller.next()
    assert canvas.temporalRange().begin().date() == QDate(2012, 10, 22) and layer.renderer().band() == 2
    assert centre(layer, 2) == pytest.approx(0.23)  # by hand: day 3 of the file


def test_a_day_a_layer_has_no_band_of_draws_nothing(canvas, tmp_path):
    # on 29 February of a noleap SoMo.ml year (a gap of the product) the layer drew 28 February's band, and
    # on the day before its first (QGIS 3.22 counts a range ending where the layer's begins as overlapping)
    # its first day's
    somo = tmp_path / "somo"
    somo.mkdir()
    noleap_year(somo / "SoMo.ml_v1_layer1_2012.nc")
    layer = loaded(canvas, somo, tmp_path / "tifs", START="2012-02-27", END="2012-03-02")[0]
    assert stored_dates(layer) == [dt.date(2012, 2, 27), dt.date(2012, 2, 28), dt.date(2012, 3, 1),
                                   dt.date(2012, 3, 2)]
    controller = canvas.temporalController()
    assert controller.totalFrameCount() == 5 and drawn(canvas, layer)
    controller.next()
    assert layer.renderer().band() == 2 and centre(layer, 2) == pytest.approx(0.058) and drawn(canvas, layer)
    controller.next()  # 29 February
    assert canvas.temporalRange().begin().date() == QDate(2012, 2, 29) and not drawn(canvas, layer)
    controller.next()  # by hand: 1 March is day 59 of a noleap year
    assert layer.renderer().band() == 3 and centre(layer, 3) == pytest.approx(0.059) and drawn(canvas, layer)
    assert layer.renderer().opacity() == 1
    canvas.setTemporalRange(day_range(dt.date(2012, 2, 26), dt.date(2012, 2, 26)))
    assert not drawn(canvas, layer)

"""Result styles: fixed moisture ramp in m3/m3, uncertainty ramp, station metric and screening styles."""

import numpy as np
import pytest
from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsPointXY, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QColor

from smrfr_qgis.styling import (
    ANOMALY_COLOURS,
    MOISTURE_COLOURS,
    UNCERTAINTY_COLOURS,
    style_result,
    style_station_metric,
    style_station_pass,
)


@pytest.fixture()
def raster(tmp_path):
    import rasterio
    from rasterio.transform import from_origin

    def make(name):
        path = tmp_path / f"{name}.tif"
        with rasterio.open(path, "w", driver="GTiff", width=3, height=2, count=1, dtype="float32",
                           crs="EPSG:4326", transform=from_origin(0, 1, 0.5, 0.5)) as out:
            out.write(np.array([[[0.05, 0.2, 0.3], [0.4, 0.5, 0.55]]], "float32"))
        return QgsRasterLayer(str(path), name)

    return make


def colour_at(layer, value):
    shader = layer.renderer().shader().rasterShaderFunction()
    ok, r, g, b, _ = shader.shade(value)
    assert ok
    return QColor(r, g, b).name()


def test_moisture_style_is_fixed_dry_brown_to_wet_blue_with_unit_legend(raster):
    layer = raster("sml1_p")
    style_result(layer)
    renderer = layer.renderer()
    assert (renderer.classificationMin(), renderer.classificationMax()) == (0.0, 0.6)
    assert colour_at(layer, 0.0) == MOISTURE_COLOURS[0] and colour_at(layer, 0.6) == MOISTURE_COLOURS[-1]
    assert colour_at(layer, 0.9) == MOISTURE_COLOURS[-1]
    shader = renderer.shader().rasterShaderFunction()
    legend = shader.legendSettings()
    assert legend.suffix().strip() == "m³/m³" and legend.useContinuousLegend()


def test_uncertainty_layers_get_their_own_ramp(raster):
    layer = raster("sml1_p_sd")
    style_result(layer)
    assert layer.renderer().classificationMax() == pytest.approx(0.1)
    assert colour_at(layer, 0.1) == UNCERTAINTY_COLOURS[-1]


def test_anomaly_and_percentile_layers_are_diverging_around_no_departure(raster):
    anomaly, percentile = raster("sml1_p_anomaly 0-5 cm"), raster("sml1_p_percentile")
    style_result(anomaly)
    style_result(percentile)
    assert (anomaly.renderer().classificationMin(), anomaly.renderer().classificationMax()) == (-0.1, 0.1)
    assert colour_at(anomaly, 0.0) == ANOMALY_COLOURS[2] and colour_at(anomaly, -0.1) == ANOMALY_COLOURS[0]
    assert (percentile.renderer().classificationMin(), percentile.renderer().classificationMax()) == (0, 100)
    assert colour_at(percentile, 50.0) == ANOMALY_COLOURS[2]
    assert percentile.renderer().shader().rasterShaderFunction().legendSettings().suffix().strip() == "%"


def stations(values):
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "stations", "memory")
    layer.dataProvider().addAttributes([QgsField("r", QVariant.Double), QgsField("passed", QVariant.Bool)])
    layer.updateFields()
    features = []
    for index, (r, passed) in enumerate(values):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([r, passed])
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(index, 0)))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_station_metric_style_classes_green_for_good_red_for_bad():
    layer = stations([(0.9, True), (0.1, False)])
    style_station_metric(layer, "r")
    renderer = layer.renderer()
    good = renderer.rangeForValue(0.9).symbol().color().name()
    bad = renderer.rangeForValue(0.1).symbol().color().name()
    assert (good, bad) == ("#1a9641", "#d7191c")
    with pytest.raises(ValueError, match="no station style"):
        style_station_metric(layer, "r", "kge")


def test_screening_style_shows_pass_and_fail():
    layer = stations([(0.9, True), (0.1, False)])
    style_station_pass(layer, "passed")
    renderer = layer.renderer()
    assert [c.label() for c in renderer.categories()] == ["passed screening", "failed screening"]
    from qgis.core import QgsExpressionContext, QgsExpressionContextUtils, QgsRenderContext

    context = QgsRenderContext()
    context.setExpressionContext(QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer)))
    renderer.startRender(context, layer.fields())
    colours = []
    for feature in layer.getFeatures():
        context.expressionContext().setFeature(feature)
        colours.append(renderer.symbolForFeature(feature, context).color().name())
    renderer.stopRender(context)
    assert colours == ["#1a9641", "#d7191c"]

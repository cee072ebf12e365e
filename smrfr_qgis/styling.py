"""Map styles of SMRFR results: soil moisture, its uncertainty and anomalies, station metrics and
screening."""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsColorRampLegendNodeSettings,
    QgsColorRampShader,
    QgsExpression,
    QgsGradientColorRamp,
    QgsGradientStop,
    QgsGraduatedSymbolRenderer,
    QgsMarkerSymbol,
    QgsRasterShader,
    QgsRendererCategory,
    QgsRendererRange,
    QgsSingleBandPseudoColorRenderer,
)
from qgis.PyQt.QtGui import QColor

from .i18n import QT_TR_NOOP, tr

MOISTURE_UNIT = "m³/m³"
#: Default fixed range of the soil-moisture ramp (m3/m3): the same colours mean the same water everywhere.
MOISTURE_RANGE = (0.0, 0.6)
#: Dry brown to wet blue (ColorBrewer BrBG end colours, blue tail from RdYlBu).
MOISTURE_COLOURS = ("#8c510a", "#d8b365", "#f6e8c3", "#c7eae5", "#5ab4ac", "#2166ac", "#053061")
#: Uncertainty (standard deviation, m3/m3): pale to dark purple, 0..0.1 by default.
UNCERTAINTY_RANGE = (0.0, 0.1)
UNCERTAINTY_COLOURS = ("#fcfbfd", "#bcbddc", "#807dba", "#3f007d")
#: Anomaly from the day-of-year climatology (m3/m3): drier brown, 0 white, wetter blue-green.
ANOMALY_RANGE = (-0.1, 0.1)
ANOMALY_COLOURS = ("#8c510a", "#d8b365", "#f5f5f5", "#5ab4ac", "#01665e")
#: Percentile of the day-of-year climatology (0-100 %), in the anomaly's colours.
PERCENTILE_RANGE = (0.0, 100.0)

#: Station metric -> class breaks and colours from bad to good (order as the breaks).
GOOD, FAIR, POOR, BAD = "#1a9641", "#a6d96a", "#fdae61", "#d7191c"
METRIC_CLASSES = {
    "r": ((-1.0, 0.3, 0.5, 0.7, 1.0), (BAD, POOR, FAIR, GOOD)),
    "ubrmse": ((0.0, 0.04, 0.06, 0.1, 10.0), (GOOD, FAIR, POOR, BAD)),
    "rmse": ((0.0, 0.04, 0.06, 0.1, 10.0), (GOOD, FAIR, POOR, BAD)),
    "mae": ((0.0, 0.03, 0.05, 0.08, 10.0), (GOOD, FAIR, POOR, BAD)),
    "bias": ((-10.0, -0.05, -0.02, 0.02, 0.05, 10.0),
             ("#8c510a", "#d8b365", "#f7f7f7", "#5ab4ac", "#01665e")),
}
PASS_LABELS = {True: QT_TR_NOOP("passed screening"), False: QT_TR_NOOP("failed screening")}


def ramp(colours: tuple[str, ...]) -> QgsGradientColorRamp:
    """A gradient through ``colours`` at equal spacing."""
    stops = [QgsGradientStop(i / (len(colours) - 1), QColor(c)) for i, c in enumerate(colours[1:-1], start=1)]
    return QgsGradientColorRamp(QColor(colours[0]), QColor(colours[-1]), False, stops)


def continuous_renderer(provider, band: int, colours: tuple[str, ...], minimum: float, maximum: float,
                        unit: str = MOISTURE_UNIT) -> QgsSingleBandPseudoColorRenderer:
    """Interpolated pseudo-colour renderer of ``band`` over a fixed ``minimum..maximum`` with a
    continuous legend labelled in ``unit``."""
    shader = QgsColorRampShader(minimum, maximum)
    shader.setColorRampType(QgsColorRampShader.Interpolated)
    shader.setClassificationMode(QgsColorRampShader.Continuous)
    shader.setSourceColorRamp(ramp(colours))
    step = (maximum - minimum) / (len(colours) - 1)
    shader.setColorRampItemList([QgsColorRampShader.ColorRampItem(minimum + i * step, QColor(colour),
                                                                  f"{minimum + i * step:.3g}")
                                 for i, colour in enumerate(colours)])
    legend = QgsColorRampLegendNodeSettings()
    legend.setUseContinuousLegend(True)
    legend.setSuffix(f" {unit}")
    shader.setLegendSettings(legend)
    raster_shader = QgsRasterShader(minimum, maximum)
    raster_shader.setRasterShaderFunction(shader)
    renderer = QgsSingleBandPseudoColorRenderer(provider, band, raster_shader)
    renderer.setClassificationMin(minimum)
    renderer.setClassificationMax(maximum)
    return renderer


def style_ramp(layer, band: int, colours: tuple[str, ...], minimum: float, maximum: float,
               unit: str = MOISTURE_UNIT) -> None:
    """A :func:`continuous_renderer` of ``colours`` over ``minimum..maximum`` on a raster layer."""
    layer.setRenderer(continuous_renderer(layer.dataProvider(), band, colours, minimum, maximum, unit))
    layer.triggerRepaint()


def style_moisture(layer, band: int = 1, minimum: float = MOISTURE_RANGE[0],
                   maximum: float = MOISTURE_RANGE[1]) -> None:
    """Soil-moisture style (dry brown to wet blue, fixed 0-0.6 m3/m3 by default) on a raster layer."""
    style_ramp(layer, band, MOISTURE_COLOURS, minimum, maximum)


def style_uncertainty(layer, band: int = 1, minimum: float = UNCERTAINTY_RANGE[0],
                      maximum: float = UNCERTAINTY_RANGE[1]) -> None:
    """Uncertainty style (standard deviation in m3/m3, pale to dark purple) on a raster layer."""
    style_ramp(layer, band, UNCERTAINTY_COLOURS, minimum, maximum)


def is_uncertainty(name: str) -> bool:
    """Whether a layer or variable name denotes an uncertainty (standard deviation) result."""
    lowered = name.lower()
    return lowered.endswith(("_sd", "_std", "_unc")) or "uncertainty" in lowered


def style_result(layer, band: int = 1) -> None:
    """The style that fits the layer's name: uncertainty, anomaly, percentile (``<layer>_anomaly``,
    ``<layer>_percentile`` of ``smrfr anomaly``) or soil moisture."""
    name = layer.name().lower()
    if is_uncertainty(name):
        style_uncertainty(layer, band)
    elif "_anomaly" in name:
        style_ramp(layer, band, ANOMALY_COLOURS, *ANOMALY_RANGE)
    elif "_percentile" in name:
        style_ramp(layer, band, ANOMALY_COLOURS, *PERCENTILE_RANGE, "%")
    else:
        style_moisture(layer, band)


def marker(colour: str, size: float = 2.6) -> QgsMarkerSymbol:
    return QgsMarkerSymbol.createSimple({"name": "circle", "color": colour, "size": str(size),
                                         "outline_color": "#333333", "outline_width": "0.2"})


def style_station_metric(layer, field: str, metric: str | None = None) -> None:
    """Graduated station style of a metric field (R, ubRMSE, RMSE, MAE, bias; green = good)."""
    key = (metric or field).lower()
    if key not in METRIC_CLASSES:
        raise ValueError(f"no station style for metric {key!r}: use one of {', '.join(METRIC_CLASSES)}")
    breaks, colours = METRIC_CLASSES[key]
    ranges = [QgsRendererRange(low, high, marker(colour), f"{low:g} – {high:g}")
              for low, high, colour in zip(breaks[:-1], breaks[1:], colours)]
    ranges[0].setLabel(f"< {breaks[1]:g}")
    ranges[-1].setLabel(f"≥ {breaks[-2]:g}")
    layer.setRenderer(QgsGraduatedSymbolRenderer(field, ranges))
    layer.triggerRepaint()


def style_station_pass(layer, field: str) -> None:
    """Stations coloured by a pass/fail (boolean or 0/1) screening field: green passed, red failed."""
    categories = [QgsRendererCategory(int(passed), marker(GOOD if passed else BAD, 3.0),
                                      tr(PASS_LABELS[passed])) for passed in (True, False)]
    expression = f'if({QgsExpression.quotedColumnRef(field)}, 1, 0)'
    layer.setRenderer(QgsCategorizedSymbolRenderer(expression, categories))
    layer.triggerRepaint()

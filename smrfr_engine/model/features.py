"""Feature schema: which cube predictors the model of each layer uses, and their groups.

Cube predictors are named as in the SMRFR feature-importance tables: layer-dependent ones carry the
target layer as ``<base>#layer<N>`` (``era5sm#layer1``, ``sand#layer3``), the others have plain
names (``dem``, ``NDVI``, ``tp7d``). The model of layer N uses every layer-independent predictor, the
``#layer<N>`` ones, the ERA5-Land values of the layer above (``era5sm#layer<N-1>``,
``era5st#layer<N-1>``) and, from layer 2 on, the estimate of the layer above (``sml<N-1>_p``: the
layer's variable name in the scheme), which is the cascade input.
"""

from __future__ import annotations

from ..layers import LayerScheme

#: predictor of a ``combine`` recalibration: 1 for the local stations' samples, 0 for the base
#: model's; inference predicts as the local network (1 everywhere)
LOCAL_FEATURE = "recalibration:local"
#: cube variables that are not predictors
NOT_PREDICTORS = ("land_mask", "crs")
#: predictors that are the cube's coordinates (cell centres), not stored variables
COORDINATE_PREDICTORS = ("lon", "lat")
#: layer-dependent predictors that layer N also takes from layer N-1 (SMRFR)
UPPER_LAYER_BASES = ("era5sm", "era5st")
GROUPS = {
    "static": ("dem", "slope", "lon", "lat", "sand", "silt", "clay", "bd", "fca"),
    "VI": ("NDVI", "EVI"),
    "ERA5": ("era5sm", "era5st", "tp", "t2m"),
}


def layer_tag(base: str, layer: int) -> str:
    """The cube name of a layer-dependent predictor: ``layer_tag("sand", 2) == "sand#layer2"``."""
    return f"{base}#layer{layer}"


def split_tag(name: str) -> tuple[str, int | None]:
    """``"sand#layer2"`` -> ``("sand", 2)``; ``"dem"`` -> ``("dem", None)``."""
    base, _, layer = name.partition("#layer")
    return base, int(layer) if layer.isdigit() else None


def base_feature(layer_name: str) -> str:
    """The predictor holding a base model's estimate of a layer (``smrfr train --base-model``, ``refit``
    recalibration): ``base_feature("sml1_p") == "base:sml1_p"``."""
    return f"base:{layer_name}"


def cascade_feature(scheme: LayerScheme, layer: int) -> str | None:
    """The cascade input of ``layer`` (1-based): the variable name of the layer above, or None."""
    return scheme[layer - 2].name if layer > 1 else None


def layer_features(predictors: list[str], scheme: LayerScheme, layer: int, cascade: bool = True) -> list[str]:
    """Ordered features of the model of ``layer`` (1-based) from the cube's ``predictors``."""
    chosen = []
    for name in predictors:
        base, tagged = split_tag(name)
        if name in NOT_PREDICTORS:
            continue
        if tagged is None or tagged == layer or (tagged == layer - 1 and base in UPPER_LAYER_BASES):
            chosen.append(name)
    upper = cascade_feature(scheme, layer)
    if cascade and upper:
        chosen.append(upper)
    return chosen


def feature_group(name: str, scheme: LayerScheme) -> str:
    """Group of a feature for grouped importance: static, VI, ERA5, upper layer, base model, or other."""
    if name in scheme.names:
        return "upper layer"
    if name in {base_feature(layer) for layer in scheme.names}:
        return "base model"
    base = split_tag(name)[0]
    for group, bases in GROUPS.items():
        if base in bases or (group == "ERA5" and base.startswith("tp")):
            return group
    return "other"

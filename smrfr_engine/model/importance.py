"""Permutation importance (mean decrease in accuracy) per predictor and per predictor group.

importance(f) = R2(model, X, y) - mean over repeats of R2(model, X with column(s) f shuffled, y), on
held-out samples (R2 = 1 - SSE/SST). A group (static, VI, ERA5, upper layer) is shuffled jointly,
with the same row permutation for all its columns, as the SMRFR "static" and "VI" rows.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..layers import LayerScheme
from .features import feature_group


def _r2(model, features: np.ndarray, target: np.ndarray) -> float:
    error = model.predict(features) - target
    return 1.0 - float(np.sum(error ** 2)) / float(np.sum((target - target.mean()) ** 2))


def permutation_importance(model, features: np.ndarray, target: np.ndarray, names: list[str],
                           scheme: LayerScheme, repeats: int = 3, seed: int = 0) -> pd.DataFrame:
    """Rows ``name``, ``kind`` (feature/group), ``group``, ``importance``, ``std``: each feature and group."""
    rng = np.random.default_rng(seed)
    baseline = _r2(model, features, target)
    groups = {}
    for index, name in enumerate(names):
        groups.setdefault(feature_group(name, scheme), []).append(index)
    sets = [(name, "feature", feature_group(name, scheme), [index]) for index, name in enumerate(names)]
    sets += [(group, "group", group, columns) for group, columns in groups.items()]
    rows = []
    for name, kind, group, columns in sets:
        drops = []
        for _ in range(repeats):
            shuffled = features.copy()
            shuffled[:, columns] = features[rng.permutation(len(features))][:, columns]
            drops.append(baseline - _r2(model, shuffled, target))
        rows.append({"name": name, "kind": kind, "group": group, "importance": float(np.mean(drops)),
                     "std": float(np.std(drops))})
    return pd.DataFrame(rows)


def importance_chart(table: pd.DataFrame, path: Path) -> None:
    """Horizontal bars of the feature importances, one panel per layer, written as PNG."""
    from ..validation.report import figure

    layers = sorted(table["layer"].unique())
    chart = figure(5 * len(layers), 6)
    for axis, layer in zip(chart.subplots(1, len(layers), squeeze=False)[0], layers):
        part = table[(table["layer"] == layer) & (table["kind"] == "feature")].sort_values("importance")
        axis.barh(part["name"], part["importance"], xerr=part["std"], color="tab:blue")
        axis.set_title(f"layer {layer}")
        axis.set_xlabel("decrease in R2 when shuffled")
    chart.savefig(path, dpi=90)

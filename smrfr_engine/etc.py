"""Extended Triple Collocation (McColl et al. 2014) of three collocated series.

For three series x1, x2, x3 measuring the same truth t with independent zero-mean errors,
``x_i = a_i + b_i t + e_i``, the covariance matrix Q of the triplets gives (indices cyclic i, j, k):

- squared correlation with the unknown truth: ``rho_i^2 = Q_ij Q_ik / (Q_ii Q_jk)``
- error variance in the units of x_i: ``s_i^2 = Q_ii - Q_ij Q_ik / Q_jk``
- scaling factor to the first series (pytesmo convention): ``beta_1 = 1``, ``beta_i = Q_1k / Q_ik``
  with k the third index, and the error standard deviation in the units of the first series
  ``s_i beta_i``.

SMRFR keeps stations whose in-situ ``rho^2 >= 0.762``.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import numpy as np

from .atomic import atomic_output, check_apart, check_target
from .errors import SmrfrError

#: fewest complete triplets accepted (McColl et al. use ~100 daily values; fewer give unstable Q)
DEFAULT_MIN_TRIPLETS = 100
#: the SMRFR screening threshold on the in-situ rho^2
DEFAULT_THRESHOLD = 0.762


@dataclass(frozen=True)
class EtcResult:
    """ETC metrics of one series: ``rho2`` with the truth, error std in its own units and scaled to the
    first series, scaling factor ``beta`` to the first series, number of triplets ``n``."""

    rho2: float
    err_std: float
    err_std_scaled: float
    beta: float
    n: int


def etc_estimates(
    x, y, z, min_triplets: int = DEFAULT_MIN_TRIPLETS, names: tuple[str, str, str] = ("x", "y", "z")
) -> dict[str, EtcResult]:
    """The ETC estimates as computed, without the validity check: ``rho2`` may fall outside 0..1 (by
    sampling noise for near-perfect series, or when the error assumptions fail) and ``err_std`` is NaN
    for a negative error variance. Raises :class:`SmrfrError` for too few triplets or unequal lengths."""
    series = [np.asarray(v, dtype=float).ravel() for v in (x, y, z)]
    if not len(series[0]) == len(series[1]) == len(series[2]):
        raise SmrfrError(
            f"ETC needs three series of equal length, got {', '.join(str(len(s)) for s in series)}"
        )
    data = np.vstack(series)
    data = data[:, np.isfinite(data).all(axis=0)]
    n = data.shape[1]
    if n < max(min_triplets, 3):
        raise SmrfrError(
            f"ETC needs at least {max(min_triplets, 3)} complete triplets of "
            f"{', '.join(names)}; only {n} remain"
        )
    q = np.cov(data)
    results = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        for i in range(3):
            j, k = (i + 1) % 3, (i + 2) % 3
            signal = q[i, j] * q[i, k] / q[j, k]
            err_std = float(np.sqrt(q[i, i] - signal)) if q[i, i] >= signal else np.nan
            beta = 1.0 if i == 0 else float(q[0, 3 - i] / q[i, 3 - i])
            results[names[i]] = EtcResult(float(signal / q[i, i]), err_std, err_std * abs(beta), beta, n)
    return results


def extended_triple_collocation(
    x, y, z, min_triplets: int = DEFAULT_MIN_TRIPLETS, names: tuple[str, str, str] = ("x", "y", "z")
) -> dict[str, EtcResult]:
    """ETC of the series ``x``, ``y``, ``z`` (equal length, NaN = missing) keyed by ``names``.

    Only triplets where all three are finite are used. Raises :class:`SmrfrError` when fewer than
    ``min_triplets`` remain or when the covariances give no valid solution (a rho^2 outside 0..1, i.e.
    a negative error variance, or a zero or negative covariance product).
    """
    results = etc_estimates(x, y, z, min_triplets, names)
    for name, result in results.items():
        if not (np.isfinite(result.rho2) and 0 <= result.rho2 <= 1):
            raise SmrfrError(
                f"ETC has no valid solution for {name}: rho^2 = {result.rho2:.3g} outside 0..1 "
                f"({', '.join(f'{k} {r.rho2:.3g}' for k, r in results.items())}; errors "
                "correlated, series unrelated or too few triplets)"
            )
    return results


def etc_csv(
    table: str | Path,
    columns: list[str],
    out: str | Path | None = None,
    min_triplets: int = DEFAULT_MIN_TRIPLETS,
) -> list[dict]:
    """ETC on three columns of a CSV table; rows ``column, rho2, err_std, err_std_scaled, beta, n``,
    also written to ``out`` (CSV) when given. Empty cells and non-numbers count as missing."""
    import pandas as pd

    from .csvfile import read_csv

    if len(columns) != 3:
        raise SmrfrError(f"ETC needs exactly three columns, got {len(columns)}: {', '.join(columns)}")
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        raise SmrfrError(f"column {', '.join(repeated)} is given twice: ETC needs three different columns")
    if out is not None:
        check_apart(out, table)
        check_target(out)
    frame = read_csv(table)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SmrfrError(
            f"{table}: no column {', '.join(missing)}; available: {', '.join(map(str, frame.columns))}"
        )
    values = [pd.to_numeric(frame[c], errors="coerce").to_numpy(float) for c in columns]
    results = extended_triple_collocation(*values, min_triplets=min_triplets, names=tuple(columns))
    rows = [{"column": name, **asdict(result)} for name, result in results.items()]
    if out is not None:
        with atomic_output(out) as tmp, open(tmp, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, ["column", *(f.name for f in fields(EtcResult))])
            writer.writeheader()
            writer.writerows(rows)
    return rows

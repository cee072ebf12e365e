"""Soil-moisture products: open SMRFR and its peers lazily as one common model, subset, sample,
aggregate, summarise and export them.

Stable entry points used across the toolkit: :func:`open_product`, :func:`sample_points`,
:func:`write_product`, :func:`root_zone` (see :mod:`.model` for the common model).
"""

from .aggregate import depth_aggregate, root_zone
from .anomaly import anomalies, anomaly
from .model import DATA_VAR, scheme_of, select
from .ops import derive_layers, format_info, info, point_series, subset
from .points import sample_points
from .readers import KINDS, ProductDescription, open_product
from .writers import write_product
from .zonal import STATS, zonal_stats

__all__ = ["DATA_VAR", "KINDS", "STATS", "ProductDescription", "anomalies", "anomaly", "depth_aggregate",
           "derive_layers", "format_info", "info", "open_product", "point_series", "root_zone",
           "sample_points", "scheme_of", "select", "subset", "write_product", "zonal_stats"]

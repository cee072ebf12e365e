"""The demo region: a synthetic soil-moisture world with known truth, written in real data formats.

Modules: ``grid`` (grids, random fields), ``soil`` (Saxton-Rawls pedotransfer), ``static`` (terrain,
water, SoilGrids-like texture), ``weather`` (ERA5-driven weather, Koppen zones), ``waterbalance`` (the
five-layer truth), ``sources`` (reanalysis, satellite, MODIS views of it), ``stations`` (ISMN
stations and files), ``writers`` (GeoTIFF, NetCDF, Zarr), ``world`` (``generate``).
"""

from .world import generate

__all__ = ["generate"]

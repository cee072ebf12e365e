"""In-situ stations: ISMN and user tables, quality control, daily layers, GeoPackage, ETC screening."""

from ..options import QcOptions
from .importer import ImportSummary, import_stations
from .screen import screen_stations
from .store import read_stations, read_table
from .tables import TableColumns

__all__ = [
    "ImportSummary",
    "QcOptions",
    "TableColumns",
    "import_stations",
    "read_stations",
    "read_table",
    "screen_stations",
]

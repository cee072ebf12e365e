"""Reusable widgets of the SMRFR dialogs: area of interest, date range, input pickers."""

from .aoi import AreaOfInterestWidget
from .dates import DateRangeWidget
from .inputs import LayerOrFileWidget, PathWidget

__all__ = ["AreaOfInterestWidget", "DateRangeWidget", "LayerOrFileWidget", "PathWidget"]

"""Validation of soil-moisture products against point data: matching, metrics, report."""

from .run import FILES, Validation, parse_named, parse_products, station_layer_name, validate

__all__ = ["FILES", "Validation", "parse_named", "parse_products", "station_layer_name", "validate"]

"""Shared test helpers: a small world of regions, organisations, personas and units."""

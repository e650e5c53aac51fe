"""Anjian (安监): a work-safety supervision platform for townships and street offices."""

__version__ = "0.1.0"

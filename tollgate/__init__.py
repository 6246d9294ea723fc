"""Tollgate: an accountable gateway for the AI calls a sales team makes."""

__version__ = "0.1.0"

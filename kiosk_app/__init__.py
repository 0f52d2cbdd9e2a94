"""Kiosk terminal client for county self-service terminals and five-ones desks."""

__version__ = "0.1.0"

"""Scanners: ``decode(image) -> list[Symbol]`` (public contract), serial and camera scanner
adapters, their simulators, and the Qt-free keyboard-wedge timing classifier."""

from devices.scan.decode import decode
from devices.scan.symbol import Symbol
from devices.scan.text import decode_text

__all__ = ["Symbol", "decode", "decode_text"]

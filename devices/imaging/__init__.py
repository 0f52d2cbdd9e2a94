"""Document-camera imaging: page detection, rectification, ID-card sheets, PDFs, simulator.

Qt-free and independent of the kiosk app: usable by the provisioning tools and in tests.
"""

from devices.imaging.detect import detect_page
from devices.imaging.geometry import quad_iou
from devices.imaging.rectify import rectify

__all__ = ["detect_page", "quad_iou", "rectify"]

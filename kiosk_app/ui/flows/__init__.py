"""The citizen flows' screens. ``tiles`` registers their home tiles at start without importing
them; a screen's module loads on the first touch of its tile or in the background after the
first paint. The shared modules (``common``, ``widgets``, ``ports``) hold what the desk flows
reuse: the keypad, the scan listener, the print-or-show panel and the rating widget."""

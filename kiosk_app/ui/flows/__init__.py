"""The citizen flows' screens. Every module here is imported at start (capabilities.load_flows);
the flow modules register their home tile, the others (``common``, ``widgets``, ``ports``) hold
what the flows share, so the desk flows can reuse the keypad, the scan listener, the print-or-show
panel and the rating widget."""

"""Qt-free device layer: the adapter framework (base, events, errors, registry, manager),
scanners and decoding (scan/), rating pad (rating/), receipt printer (printer/), document
camera (imaging/), and simulators that speak the same bytes over real channels."""

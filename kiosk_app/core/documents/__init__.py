"""A4 documents the terminal prints, built from the flows' data (Qt-free).

Each builder returns a ``devices.a4.render.A4Document`` (render it with ``.pdf()``, preview a
page with ``.png(page)``); ``printable`` wraps the rendered PDF, or a proof fetched from the
central service, with what the print flow and the audit need to know about it.
"""

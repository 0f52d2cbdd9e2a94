"""The Terminal API contract: what the terminal and the central service say to each other.

One Qt-free package that both sides import and neither redefines (DESIGN.md, "central/"): the
wire types (``wire``), the event records the outbox sends (``events``), the formats of every code
and number a citizen sees or scans (``codes``), the typed outcomes of an online call
(``results``), the canonical JSON that signatures cover (``signing``) and the one clock zone both
sides write local times in (``zone``). It imports nothing of
``kiosk_app``, ``devices``, ``guides`` or ``central`` (import-linter), so a site's own central
implementation can depend on it alone.
"""

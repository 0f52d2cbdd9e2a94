"""The one error every provisioning step raises, carrying a reason a technician can act on."""

from __future__ import annotations


class ProvisionError(Exception):
    """A bundle or config push was refused, or an install step failed; nothing was changed.

    ``reason`` is a complete sentence for the technician's screen and the CLI's stderr; it never
    contains the API token or other secrets from the bundle.
    """

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)

"""Command groups of the `kiosk` CLI, one module per group."""

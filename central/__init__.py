"""Reference implementation of the Terminal API: the contract the county's central services keep.

Used for development, the demo (embedded on loopback) and the tests; production sites implement
the same contract (docs/CONTRACTS.md, central/openapi.json). Never imports kiosk_app, devices or
guides, and logs no personal values.
"""

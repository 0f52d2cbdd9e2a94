"""Qt-free core: session, flows, payload parsing, PII masking, config. Never imports Qt."""

"""HTTP routes of the Terminal API, one module per area. Every handler is `async` on purpose:
the work is short SQLite calls, and no worker threads means an embedded server leaves none."""

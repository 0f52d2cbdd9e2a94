"""Qt-free sync client: the outbox (``outbox``), the relay thread that drains it and keeps pulls
and heartbeats on schedule (``relay``, ``pulls``, ``heartbeat``), and the online calls of the
interactive flows with typed results (``online``, ``results``), over one verified HTTP transport
(``transport``)."""

"""Child process of the crash test: issues tickets (local state + outbox record in one
transaction) as fast as it can while its relay sends them, until the parent SIGKILLs it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kiosk_app.core.config import SyncConfig
from kiosk_app.sync.outbox import Outbox
from kiosk_app.sync.relay import Relay


def main() -> None:
    db, url, terminal = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    outbox = Outbox(db, terminal)
    cfg = SyncConfig(
        central_url=url,
        token=f"demo-token-{terminal}",
        batch_size=10,
        backoff_base_s=0.01,
        backoff_cap_s=0.1,
        timeout_s=2,
        heartbeat_s=3600,
        pull_s=3600,
    )
    relay = Relay(outbox, cfg)
    with outbox.transaction() as tx:
        tx.execute("CREATE TABLE IF NOT EXISTS issued (seq INTEGER PRIMARY KEY)")
        seq = tx.execute("SELECT coalesce(max(seq), -1) + 1 FROM issued").fetchone()[0]
    with outbox.transaction() as tx:  # leases a killed predecessor held mid-send
        held = tx.execute("SELECT count(*) FROM outbox WHERE lease_until > 0").fetchone()[0]
    scan = db.with_name(f"scan-{os.getpid()}.jpg")
    relay.start()
    print(f"ready {held}", flush=True)
    while True:
        with outbox.transaction() as tx:
            tx.execute("INSERT INTO issued (seq) VALUES (?)", (seq,))
            if seq % 10 == 0:  # every tenth record carries a scan, uploaded before it
                scan.write_bytes(f"scan of case {seq} ".encode() * 200)
                tx.enqueue("document.captured", {"seq": seq}, blobs=[scan])
            else:
                tx.enqueue("ticket.issued", {"seq": seq, "number": f"A{seq % 1000:03d}"})
        relay.wake()
        seq += 1


if __name__ == "__main__":
    main()

"""The demo: the kiosk on simulated devices and an embedded central service, and its scripted
headless walkthrough (`kiosk demo --headless --out DIR`)."""

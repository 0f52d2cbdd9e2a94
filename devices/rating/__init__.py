"""Rating pad (评价器): the framed serial protocol kiosk-v1 (PROTOCOL.md), pluggable vendor
decoders, the adapter and a pty simulator."""

"""Resident ID-card readers (SAM module, GA/T 467 serial frames): codec, card layouts, adapter,
simulator. See README.md beside this file for the protocol facts and their sources."""

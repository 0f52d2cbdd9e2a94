"""Test helpers for the sync client that need no test framework (usable by benchmarks too)."""

"""Seed data of the reference service: catalog source and generator, licence kinds, demo data."""

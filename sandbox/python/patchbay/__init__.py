"""Patchbay's own additions for Mininet scripts (not part of Mininet)."""

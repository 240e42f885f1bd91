"""Reusable widgets of the board: each renders part of a `View`."""

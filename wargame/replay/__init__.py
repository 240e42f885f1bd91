"""Watching a played game again: its timeline, step by step (the TUI's replay viewer reads it)."""

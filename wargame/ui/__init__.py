"""The Textual app: screens that render the engine's views and send actions."""

"""Placeholder: filled in by the back-office work on this screen."""

"""Demo content for `manage.py seed_demo`: Wakayama's workation site in Japanese and English."""

"""Tools for developing and testing the site locally; never imported by the site itself."""

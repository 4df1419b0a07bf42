"""The back office in the Wagtail admin, one module a screen; booking.wagtail_hooks loads them."""

"""A local fake of Stripe for development and tests: localstripe plus Checkout Sessions,
idempotency keys, a TEST payment page and recorded, signed webhook events (see README.md)."""

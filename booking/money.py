"""Money is integer yen, tax-inclusive (総額表示); the 10% consumption tax is derived from it."""

CONSUMPTION_TAX_RATE_PERCENT = 10


def consumption_tax(total_including_tax: int) -> int:
    """The consumption tax contained in a tax-inclusive total, rounded down once per receipt
    (the qualified-invoice rule: one rounding per rate per invoice)."""
    rate = CONSUMPTION_TAX_RATE_PERCENT
    return total_including_tax * rate // (100 + rate)

"""Parsers for single fields: counts, decimals and dates as printed in sitreps."""

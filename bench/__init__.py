"""Tooling for measuring search (the generated benchmark corpus); never imported by the site."""

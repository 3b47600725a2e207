"""Meetings, resolutions and follow-up reports in the JSON API (assembled in portal/urls.py)."""

from . import read, write

routers = [read.router, write.router]

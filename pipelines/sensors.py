"""Sensors: notice new, changed and deleted seed files and request a refresh."""

sensors: list = []

"""Schedules: refresh the warehouse daily even when nobody looks."""

schedules: list = []

"""Dagster assets, one module per stage: thin wiring around the plain functions in `zhnews/`."""

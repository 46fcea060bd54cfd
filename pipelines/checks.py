"""Asset checks that validate each stage's table against its pandera schema (see zhnews/schemas.py)."""

checks: list = []

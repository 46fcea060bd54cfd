"""zhnews: Chinese news files to a clean, deduplicated, annotated DuckDB warehouse."""

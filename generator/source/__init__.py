"""Stage 1: the data folder → records (files found and read, YAML with line and column, schema shapes)."""

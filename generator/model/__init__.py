"""Stage 2: records → the validated organisation, and what each site may show of it."""

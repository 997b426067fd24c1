"""Stage 3: the organisation → the files MkDocs serves (pages, charts, recruiting files, search words, tooltips)."""

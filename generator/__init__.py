"""Turn YAML descriptions of departments and positions into a MkDocs handbook."""

"""Beside the site: two models → what a change does in role terms, and what CI shows of a check."""

"""Renderers of the report: each lays out a `Document` in one format."""

"""Leading Places linked-data publisher: load, validate and serve the knowledge graph."""

__version__ = "0.1.0"

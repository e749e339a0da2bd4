"""Output stage: entities and triples -> RDF, NetworkX, and the export files."""

"""SPARQL over graph files and Oxigraph stores: query, store, read-only endpoint, upload."""

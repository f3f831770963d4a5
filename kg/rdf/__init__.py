"""Step 3: the knowledge graph in RDF: ontology terms, assertions -> RDF, the store, query, export, validate."""

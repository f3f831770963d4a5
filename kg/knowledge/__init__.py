"""Loaders for the knowledge files under ontology/: actors, relations, language data.

Nothing here matches text; it only reads, validates and indexes the data.
"""

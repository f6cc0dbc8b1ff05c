"""Extractors of spans from a document's clean text: time expressions, quantities (and, later,
entities and quotes). Each returns small records with exact character offsets."""

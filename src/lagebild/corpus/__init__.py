"""Stages over the whole collection (reuse; later stories, entity resolution, claims)."""

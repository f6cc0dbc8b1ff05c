"""The local workspace over a corpus store (`lagebild serve`): stories, articles, actors, search,
comparison, a JSON API and exports."""

from .app import create_app, serve

__all__ = ["create_app", "serve"]

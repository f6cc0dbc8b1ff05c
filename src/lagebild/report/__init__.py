"""Renderers of a Dossier: JSON (model.Dossier.to_json), Markdown and self-contained HTML."""

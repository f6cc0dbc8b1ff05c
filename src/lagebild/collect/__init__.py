"""Collect articles from the web into the corpus store: feeds, sitemaps and pages, politely
(robots.txt, per-host pacing, limits), every attempt recorded."""

from ._policy import USER_AGENT, Policy
from .collector import Collector, Tally
from .watch import parse_every, read_seeds, status, watch

__all__ = ["USER_AGENT", "Collector", "Policy", "Tally", "parse_every", "read_seeds", "status", "watch"]

"""Settings: one frozen dataclass, built from defaults, environment and CLI options."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CANONICAL_BASE = "https://w3id.org/leading-places/"


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


@dataclass(frozen=True)
class Settings:
    """Everything the publisher needs to know, fixed at start-up.

    ``base_uri`` is the canonical base of the data (the URIs written in data/ and returned in
    RDF). The server maps request paths onto it, so the same data serves on any host.
    """

    data_dir: Path = REPO_ROOT / "data"
    ontology_dir: Path = REPO_ROOT / "ontology"
    base_uri: str = CANONICAL_BASE
    query_timeout: float = field(default_factory=lambda: _env_float("LP_QUERY_TIMEOUT", 10.0))
    max_rows: int = field(default_factory=lambda: _env_int("LP_MAX_ROWS", 10_000))
    max_query_length: int = field(default_factory=lambda: _env_int("LP_MAX_QUERY_LENGTH", 20_000))
    query_workers: int = field(default_factory=lambda: _env_int("LP_QUERY_WORKERS", 2))
    allow_invalid: bool = False

    def __post_init__(self) -> None:
        if not self.base_uri.endswith("/"):
            raise ValueError(f"base URI must end with '/': {self.base_uri!r}")
        if self.query_timeout <= 0:
            raise ValueError(f"query timeout must be positive: {self.query_timeout}")
        if self.max_rows < 1:
            raise ValueError(f"max rows must be at least 1: {self.max_rows}")

    def with_(self, **changes) -> "Settings":
        """A copy with some fields changed (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def ontology_graph(self) -> str:
        return self.base_uri + "graph/ontology"

    @property
    def shapes_graph(self) -> str:
        return self.base_uri + "graph/shapes"

"""The settings linking reads, taken from the configuration once (``[link]`` and
``actors.variant_similarity`` in ``default.toml``) and passed down as one record."""

from __future__ import annotations

from dataclasses import dataclass

from crosswire.config import Config, load_config


@dataclass(frozen=True, slots=True)
class LinkSettings:
    """``tolerance``: days two day-precision dates may differ and still report one event;
    ``variant_similarity``: how alike two spellings must be to be one person; stories:
    ``story_threshold`` (cosine) and ``story_window`` (days between publications)."""

    tolerance: int
    variant_similarity: float
    story_threshold: float
    story_window: int

    @classmethod
    def from_config(cls, config: Config | None = None) -> LinkSettings:
        config = config or load_config()
        return cls(
            tolerance=int(config.get("link.date_tolerance_days")),
            variant_similarity=float(config.get("actors.variant_similarity")),
            story_threshold=float(config.get("link.story_threshold")),
            story_window=int(config.get("link.story_window_days")),
        )

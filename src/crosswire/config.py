"""Settings: ``default.toml`` overridden by a file, by environment variables and by flags."""

from __future__ import annotations

import copy
import os
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from crosswire.errors import ConfigError

ENV_PREFIX = "CROSSWIRE_"


def cache_dir() -> Path:
    """Where built artefacts live (place index, encoder graphs): $CROSSWIRE_CACHE, else
    $XDG_CACHE_HOME/crosswire, else ~/.cache/crosswire."""
    if own := os.environ.get("CROSSWIRE_CACHE"):
        return Path(own)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "crosswire"


class Config:
    """Nested settings with dotted access: ``config.get("ingest.batch_size")``."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data: dict[str, Any] = copy.deepcopy(dict(data))

    def get(self, key: str) -> Any:
        node: Any = self._data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise ConfigError(
                    f"Unknown setting {key!r}.",
                    fix="See default.toml for every setting and its meaning.",
                )
            node = node[part]
        return node

    def set(self, key: str, value: Any) -> None:
        current = self.get(key)  # unknown keys are an error, not a silent no-op
        section, _, name = key.rpartition(".")
        node = self._data
        for part in section.split(".") if section else []:
            node = node[part]
        node[name] = _coerce(key, value, current)

    def as_dict(self) -> dict[str, Any]:
        return copy.deepcopy(self._data)


def _coerce(key: str, value: Any, current: Any) -> Any:
    if not isinstance(value, str) or isinstance(current, str):
        return value
    try:
        if isinstance(current, bool):
            if value.lower() not in {"true", "false", "1", "0", "yes", "no"}:
                raise ValueError(value)
            return value.lower() in {"true", "1", "yes"}
        if isinstance(current, int):
            return int(value.replace("_", ""))
        if isinstance(current, float):
            return float(value)
    except ValueError:
        raise ConfigError(
            f"Setting {key!r} expects a {type(current).__name__}, got {value!r}.",
            fix="Give a value of the same type as in default.toml.",
        ) from None
    return value


def _merge(base: dict[str, Any], extra: Mapping[str, Any], where: str) -> None:
    for key, value in extra.items():
        if key not in base:
            raise ConfigError(
                f"Unknown setting {key!r} in {where}.", fix="See default.toml for every setting."
            )
        if isinstance(base[key], dict):
            if not isinstance(value, Mapping):
                raise ConfigError(f"Setting {key!r} in {where} must be a table.")
            _merge(base[key], value, where)
        else:
            base[key] = value


def load_config(
    path: str | Path | None = None,
    *,
    overrides: Iterable[str] = (),
    environ: Mapping[str, str] | None = None,
) -> Config:
    """Defaults, then ``path`` (or $CROSSWIRE_CONFIG), then the environment, then overrides."""
    text = resources.files("crosswire").joinpath("default.toml").read_text("utf-8")
    data = tomllib.loads(text)
    env = os.environ if environ is None else environ
    path = path or env.get(f"{ENV_PREFIX}CONFIG")
    if path:
        try:
            _merge(data, tomllib.loads(Path(path).read_text("utf-8")), str(path))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(
                f"Cannot read config file {path}: {exc}.", fix="Pass a readable TOML file."
            ) from exc
    config = Config(data)
    for name, value in sorted(env.items()):
        if name.startswith(ENV_PREFIX) and "__" in name:
            key = name[len(ENV_PREFIX) :].lower().replace("__", ".")
            config.set(key, value)
    if env.get(f"{ENV_PREFIX}DB"):
        config.set("store.path", env[f"{ENV_PREFIX}DB"])
    for item in overrides:
        key, sep, value = item.partition("=")
        if not sep:
            raise ConfigError(
                f"Override {item!r} is not KEY=VALUE.",
                fix="Write it as section.key=value, e.g. ingest.batch_size=50.",
            )
        config.set(key.strip(), value.strip())
    return config

from pathlib import Path

import pytest

from crosswire.config import load_config
from crosswire.errors import ConfigError


def test_defaults() -> None:
    config = load_config(environ={})
    assert config.get("store.path") == "crosswire.duckdb"
    assert config.get("ingest.batch_size") > 0


def test_file_env_and_overrides_in_order(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[ingest]\nbatch_size = 7\nworkers = 3\n")
    env = {"CROSSWIRE_INGEST__WORKERS": "2", "CROSSWIRE_DB": "/tmp/x.duckdb"}
    config = load_config(path, overrides=["ingest.truncate=true"], environ=env)
    assert config.get("ingest.batch_size") == 7
    assert config.get("ingest.workers") == 2
    assert config.get("ingest.truncate") is True
    assert config.get("store.path") == "/tmp/x.duckdb"


def test_unknown_and_mistyped_settings_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="Unknown setting"):
        load_config(overrides=["ingest.nope=1"], environ={})
    with pytest.raises(ConfigError, match="expects a int"):
        load_config(overrides=["ingest.batch_size=many"], environ={})
    with pytest.raises(ConfigError, match="KEY=VALUE"):
        load_config(overrides=["ingest.batch_size"], environ={})
    bad = tmp_path / "bad.toml"
    bad.write_text("[ingest\n")
    with pytest.raises(ConfigError, match="Cannot read config"):
        load_config(bad, environ={})


def test_profiles_are_checked_and_read_from_the_settings() -> None:
    from crosswire.coding import Profile

    assert Profile.from_config(load_config(environ={})) == Profile("accurate", "int8")
    fast = load_config(environ={"CROSSWIRE_EVENTS__PROFILE": "fast"})
    assert Profile.from_config(fast).name == "fast"
    for bad in ({"CROSSWIRE_EVENTS__PROFILE": "quick"}, {"CROSSWIRE_EVENTS__PRECISION": "int4"}):
        with pytest.raises(ConfigError):
            Profile.from_config(load_config(environ=bad))

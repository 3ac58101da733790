"""A user's actor dictionary (CSV or YAML) that overrides what crosswire infers about actors.

Each entry: ``name`` (canonical), ``aliases`` (other spellings), ``country`` (ISO alpha-3),
``sector`` (PLOVER/CAMEO sector code), ``kind`` (person, organisation, group; default person),
optional ``wikidata`` id, and roles with dates. In CSV, one row per role (``role``, ``start``,
``end``; repeat the name on each row; separate aliases with ``|``). In YAML, a list of entries
whose ``roles`` is a list of ``{role, sector, start, end}``.

An actor matches an entry when its name or the text that named it equals the entry's name or
an alias (case and accents ignored). The entry's values replace the inferred ones; the role is
the one whose dates include the event's date.
"""

from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from crosswire.errors import ConfigError
from crosswire.records import ActorRef, Mention, fold

_KINDS = frozenset({"person", "organisation", "group", "country"})


@dataclass(frozen=True, slots=True)
class Role:
    role: str
    sector: str | None
    start: date | None
    end: date | None

    def covers(self, day: date | None) -> bool:
        if day is None:
            return self.start is None and self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    sector: str | None
    wikidata: str | None
    roles: tuple[Role, ...]


def _date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise ConfigError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _entry(data: dict[str, Any], where: str) -> Entry:
    name = str(data.get("name") or "").strip()
    if not name:
        raise ConfigError(f"{where}: an entry has no name")
    aliases = data.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [a for a in aliases.split("|")]
    kind = str(data.get("kind") or "person").strip().lower()
    if kind not in _KINDS:
        raise ConfigError(f"{where}: kind {kind!r} is not one of {', '.join(sorted(_KINDS))}")
    roles = []
    for raw in data.get("roles") or []:
        roles.append(
            Role(
                str(raw.get("role") or "").strip(),
                (str(raw["sector"]).strip().upper() or None) if raw.get("sector") else None,
                _date(raw.get("start"), where),
                _date(raw.get("end"), where),
            )
        )
    if data.get("role"):
        roles.append(
            Role(
                str(data["role"]).strip(),
                None,
                _date(data.get("start"), where),
                _date(data.get("end"), where),
            )
        )
    country = str(data.get("country") or "").strip().upper() or None
    sector = str(data.get("sector") or "").strip().upper() or None
    return Entry(
        name,
        tuple(a.strip() for a in aliases if str(a).strip()),
        kind,
        country,
        sector,
        str(data.get("wikidata") or "").strip() or None,
        tuple(roles),
    )


def _merge(entries: list[Entry]) -> list[Entry]:
    """CSV rows of one actor (one per role) become one entry."""
    merged: dict[tuple[str, str | None], Entry] = {}
    for entry in entries:
        key = (fold(entry.name), entry.country)
        old = merged.get(key)
        if old is None:
            merged[key] = entry
            continue
        merged[key] = dataclasses.replace(
            old,
            aliases=tuple(dict.fromkeys((*old.aliases, *entry.aliases))),
            roles=(*old.roles, *entry.roles),
            sector=old.sector or entry.sector,
            wikidata=old.wikidata or entry.wikidata,
        )
    return list(merged.values())


class ActorDictionary:
    """Entries by every folded name and alias."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = _merge(entries)
        self._names: dict[str, Entry] = {}
        for entry in self.entries:
            for name in (entry.name, *entry.aliases):
                self._names[fold(name)] = entry

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def load(cls, path: str | Path) -> ActorDictionary:
        file = Path(path)
        if not file.is_file():
            raise ConfigError(f"{file}: actor dictionary not found")
        where = str(file)
        if file.suffix.lower() in (".yaml", ".yml"):
            import yaml

            try:
                data = yaml.safe_load(file.read_text("utf-8"))
            except yaml.YAMLError as exc:
                raise ConfigError(f"{where}: not valid YAML ({exc})") from exc
            if isinstance(data, dict):
                data = data.get("actors", [])
            if not isinstance(data, list):
                raise ConfigError(f"{where}: expected a list of actors")
            return cls([_entry(item, where) for item in data if isinstance(item, dict)])
        if file.suffix.lower() not in (".csv", ".tsv"):
            raise ConfigError(f"{where}: actor dictionaries are .csv, .tsv, .yaml or .yml")
        with file.open(encoding="utf-8", newline="") as handle:
            delimiter = "\t" if file.suffix.lower() == ".tsv" else ","
            rows = list(csv.DictReader(handle, delimiter=delimiter))
        if rows and "name" not in rows[0]:
            raise ConfigError(f"{where}: the header needs a 'name' column")
        return cls([_entry(row, f"{where}:{n + 2}") for n, row in enumerate(rows)])

    def match(self, actor: ActorRef) -> Entry | None:
        for text in (actor.name, actor.text):
            if text:
                entry = self._names.get(fold(text))
                if entry is not None:
                    return entry
        return None

    def apply(self, actor: ActorRef, day: date | None) -> ActorRef:
        entry = self.match(actor)
        if entry is None:
            return actor
        role = next((r for r in entry.roles if r.covers(day)), None)
        updated = dataclasses.replace(
            actor,
            name=entry.name,
            kind=entry.kind,  # type: ignore[arg-type]
            country=entry.country or actor.country,
            sector=(role.sector if role and role.sector else None) or entry.sector or actor.sector,
            role=role.role if role and role.role else actor.role,
        ).with_id()
        if entry.wikidata:
            updated = dataclasses.replace(updated, actor_id=f"wd:{entry.wikidata}")
        return updated

    def apply_mention(self, mention: Mention) -> Mention:
        day = mention.date
        return dataclasses.replace(
            mention,
            actors=tuple(self.apply(a, day) for a in mention.actors),
            recipients=tuple(self.apply(a, day) for a in mention.recipients),
        )

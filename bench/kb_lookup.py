"""The actor knowledge base: its size as package data, the time to load it, and lookups.

    .venv/bin/python bench/kb_lookup.py

Load: a fresh process imports crosswire's resolution modules first (not timed), then times
``knowledge_base()`` (read the compressed file from the installed package, index every name).
Lookups: ``KnowledgeBase.named`` on names present and absent, ``by_surname``, and the whole
``known_person`` answer with a date (candidates, dated roles, evidence), each the mean of many
calls over a fixed list of names drawn from the base with a fixed seed. Prints one JSON object;
no thresholds (docs/benchmarks.md).
"""

from __future__ import annotations

import json
import platform
import random
import subprocess
import sys
import time
from datetime import date
from importlib import resources

LOAD = """
import time
import crosswire.resolve.persons  # imports are not the load
from crosswire.resolve.kb import knowledge_base
t = time.perf_counter()
kb = knowledge_base()
print(time.perf_counter() - t, len(kb))
"""


def _per_call(func, items, rounds: int = 20) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for _ in range(rounds):
        for item in items:
            func(item)
    return (time.perf_counter() - start) / (rounds * len(items)) * 1e6


def main() -> None:
    from crosswire.resolve.kb import knowledge_base
    from crosswire.resolve.persons import known_person

    data = resources.files("crosswire.data")
    sizes = {
        name: data.joinpath(name).stat().st_size  # type: ignore[attr-defined]
        for name in ("kb_persons.tsv.gz", "kb_parties.tsv", "kb_regions.tsv")
    }
    loads = []
    for _ in range(5):
        command = [sys.executable, "-c", LOAD]
        out = subprocess.run(command, capture_output=True, text=True, check=True)
        seconds, persons = out.stdout.split()
        loads.append(float(seconds))
    kb = knowledge_base()
    rng = random.Random(7)
    sample = [kb._person(rng.randrange(len(kb))) for _ in range(500)]
    present = [p.name for p in sample]
    absent = [f"{p.name} Quux" for p in sample]
    surnames = [p.name.split()[-1] for p in sample if p.executive] or ["Putin"]
    day = date(2012, 6, 1)
    print(
        json.dumps(
            {
                "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
                "python": platform.python_version(),
                "persons": int(persons),
                "package_bytes": sizes,
                "package_mb": round(sum(sizes.values()) / 1e6, 2),
                "load_s_min": round(min(loads), 3),
                "load_s_median": round(sorted(loads)[len(loads) // 2], 3),
                "named_present_us": round(_per_call(kb.named, present), 2),
                "named_absent_us": round(_per_call(kb.named, absent), 2),
                "by_surname_us": round(_per_call(kb.by_surname, surnames), 2),
                "known_person_dated_us": round(
                    _per_call(lambda n: known_person(n, when=day), present, rounds=5), 2
                ),
                "known_person_absent_us": round(
                    _per_call(lambda n: known_person(n, when=day), absent, rounds=5), 2
                ),
            }
        )
    )


if __name__ == "__main__":
    main()

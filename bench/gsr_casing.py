"""Event coding on text that arrives lower-cased or in capitals, as many feeds deliver it.

    .venv/bin/python bench/gsr_casing.py ../shared/evaldata/plover_gsr_cameo/PLOVER_GSR_CAMEO.json

The gold file is copied to a temporary folder three times (as given, every text lower-cased,
every text in capitals; nothing else changes) and each copy is scored by the same function as
``crosswire eval gsr``, in the default profile and in ``fast``. Prints one JSON object: event
F1, precision and recall per casing and profile. The copies are deleted; docs/benchmarks.md keeps
the figures.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from crosswire.coding import Profile
from crosswire.config import load_config
from crosswire.eval.tasks import eval_gsr

CASINGS = {"as_given": str, "lower": str.lower, "upper": str.upper}


def recased(source: Path, folder: Path, name: str) -> Path:
    records = json.loads(source.read_text(encoding="utf-8"))
    change = CASINGS[name]
    for record in records:
        if isinstance(record, dict) and isinstance(record.get("text"), str):
            record["text"] = change(record["text"])
    path = folder / f"{name}.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("gold", type=Path)
    args = parser.parse_args()
    model = str(load_config().get("nlp.model"))
    result: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="crosswire-casing-") as folder:
        for name in CASINGS:
            path = recased(args.gold, Path(folder), name)
            for profile in (Profile("accurate"), Profile("fast")):
                scores = eval_gsr(path, nlp_model=model, profile=profile).scores
                result[f"{name}_{profile.name}"] = {
                    key: float(scores[key])
                    for key in ("event_f1", "event_precision", "event_recall")
                }
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""Convert Natural Earth's 1:110m country shapes (the npm package world-atlas 2.0.2,
``countries-110m.json``, TopoJSON) into the SVG paths the web map draws; run once, the result is
committed as ``src/crosswire/data/world_110m.json`` with the licence in ``world_110m.LICENSE``.

    curl -sO https://registry.npmjs.org/world-atlas/-/world-atlas-2.0.2.tgz
    tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python bench/world_shapes.py package/countries-110m.json

Projection: plate carree, x = longitude + 180, y = 90 - latitude (a 360 x 180 box), to one
decimal of a degree, so a marker at (lat, lon) lands at the same x, y with no map library.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "crosswire" / "data" / "world_110m.json"
SHA512 = (  # the npm registry's integrity string for world-atlas 2.0.2
    "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/"
    "MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
)


def _arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    decoded = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> str:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    xy = [f"{lon + 180:.1f} {90 - lat:.1f}" for lon, lat in points]
    kept = [p for i, p in enumerate(xy) if i == 0 or p != xy[i - 1]]
    return "M" + "L".join(kept) + "Z" if len(kept) > 2 else ""


def main(source: str) -> None:
    topo = json.loads(Path(source).read_text("utf-8"))
    arcs = _arcs(topo)
    shapes = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        path = "".join(_ring(ring, arcs) for polygon in polygons for ring in polygon)
        shapes.append({"id": geometry.get("id"), "name": geometry["properties"]["name"], "d": path})
    shapes.sort(key=lambda s: s["name"])
    data = {
        "source": "Natural Earth 1:110m admin-0 countries via world-atlas 2.0.2 (ISC licence, "
        f"public-domain data); tarball integrity {SHA512}",
        "box": [360, 180],
        "countries": shapes,
    }
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {len(shapes)} shapes, {OUT.stat().st_size} bytes to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])

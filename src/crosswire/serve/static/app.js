// crosswire web UI: keyboard shortcuts and the two charts (monthly bars, actor network).
// Plain SVG, no library, nothing loaded from outside this server.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const QUADS = ["1", "2", "3", "4"];

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

function text(parent, x, y, content, attrs) {
  const node = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
  node.textContent = content;
  return node;
}

// The top of a count axis with four equal integer steps: 4, 8, 20, 40, 80, 200 ...
function niceMax(value) {
  const quarter = Math.max(1, value / 4);
  const power = Math.pow(10, Math.floor(Math.log10(quarter)));
  for (const m of [1, 2, 5, 10]) if (m * power >= quarter) return 4 * m * power;
  return 40 * power;
}

// Stacked monthly bars by quad class, and the mean PLOVER score as a line (right axis).
function drawMonthly(svg, data) {
  const months = data.months || [];
  svg.replaceChildren();
  const width = 900, height = 260, left = 44, right = 44, top = 12, bottom = 34;
  const plotW = width - left - right, plotH = height - top - bottom;
  if (!months.length) {
    text(svg, width / 2, height / 2, "No dated events", { "text-anchor": "middle" });
    svg.dataset.rendered = "0";
    return;
  }
  const maxCount = niceMax(Math.max(...months.map((m) => m.events)));
  const slot = plotW / months.length;
  const barW = Math.max(1, Math.min(40, slot * 0.8));
  for (let i = 0; i <= 4; i++) {
    const y = top + plotH - (plotH * i) / 4;
    el("line", { x1: left, x2: left + plotW, y1: y, y2: y, class: i ? "grid" : "axis" }, svg);
    text(svg, left - 6, y + 4, String(Math.round((maxCount * i) / 4)), { "text-anchor": "end" });
  }
  const yScore = (s) => top + plotH / 2 - (s / 10) * (plotH / 2);
  text(svg, left + plotW + 6, yScore(10) + 4, "+10");
  text(svg, left + plotW + 6, yScore(0) + 4, "0");
  text(svg, left + plotW + 6, yScore(-10) + 4, "−10");
  const labelEvery = Math.ceil(months.length / 12);
  let bars = 0;
  const points = [];
  months.forEach((m, i) => {
    const x = left + slot * i + (slot - barW) / 2;
    let y = top + plotH;
    for (const q of QUADS) {
      const n = (m.by_quad || {})[q] || 0;
      if (!n) continue;
      const h = (n / maxCount) * plotH;
      y -= h;
      const bar = el("rect", { x: x, y: y, width: barW, height: h, class: "bar q" + q }, svg);
      el("title", {}, bar).textContent = m.month + ": " + n + " × quad " + q;
      bars++;
    }
    if (i % labelEvery === 0) {
      text(svg, x + barW / 2, height - bottom + 16, m.month, { "text-anchor": "middle" });
    }
    if (m.score_mean !== null && m.score_mean !== undefined) {
      points.push([x + barW / 2, yScore(m.score_mean), m]);
    }
  });
  if (points.length > 1) {
    el("polyline", { class: "score", points: points.map((p) => p[0] + "," + p[1]).join(" ") }, svg);
  }
  for (const [x, y, m] of points) {
    const dot = el("circle", { cx: x, cy: y, r: 3, class: "dot" }, svg);
    el("title", {}, dot).textContent = m.month + ": mean score " + m.score_mean;
  }
  svg.dataset.rendered = String(bars);
}

// Fruchterman-Reingold: nearby nodes repel, links pull, a weak pull to the centre keeps separate
// groups on the canvas; each step moves a node at most the current temperature.
function layout(nodes, edges, width, height) {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const pos = nodes.map((n, i) => {
    const angle = (2 * Math.PI * i) / nodes.length;
    return { x: width / 2 + (width / 4) * Math.cos(angle), y: height / 2 + (height / 4) * Math.sin(angle) };
  });
  const k = 0.8 * Math.sqrt((width * height) / Math.max(1, nodes.length));
  const steps = 400;
  let temperature = width / 8;
  for (let step = 0; step < steps; step++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < pos.length; i++) {
      for (let j = i + 1; j < pos.length; j++) {
        let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        if (!dx && !dy) { dx = Math.random() - 0.5; dy = Math.random() - 0.5; }
        const d = Math.max(Math.hypot(dx, dy), 0.01);
        if (d > 2.5 * k) continue; // far nodes stop pushing: groups stay near the centre
        const f = (k * k) / d;
        disp[i].x += (dx / d) * f; disp[i].y += (dy / d) * f;
        disp[j].x -= (dx / d) * f; disp[j].y -= (dy / d) * f;
      }
    }
    for (const e of edges) {
      const a = index.get(e.source), b = index.get(e.target);
      const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
      const d = Math.max(Math.hypot(dx, dy), 0.01);
      const f = (d * d) / k;
      disp[a].x -= (dx / d) * f; disp[a].y -= (dy / d) * f;
      disp[b].x += (dx / d) * f; disp[b].y += (dy / d) * f;
    }
    pos.forEach((p, i) => {
      disp[i].x += (width / 2 - p.x) * 0.6;
      disp[i].y += (height / 2 - p.y) * 0.6;
      const len = Math.max(Math.hypot(disp[i].x, disp[i].y), 0.01);
      const move = Math.min(len, temperature);
      p.x = Math.min(width - 90, Math.max(30, p.x + (disp[i].x / len) * move));
      p.y = Math.min(height - 20, Math.max(24, p.y + (disp[i].y / len) * move));
    });
    temperature = Math.max(1, temperature * 0.985);
  }
  return { index, pos };
}

// Size by degree: the number of links in or out.
function radius(node) {
  return 5 + Math.min(11, Math.sqrt(node.degree || 1) * 3);
}

function overlaps(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

// Labels, most-linked nodes first: each tries the right, left, below and above of its node and
// takes the first spot inside the canvas that covers no other label and no other node; a label
// with no free spot is left out (its node's tooltip and the table name it). Never clipped,
// never overlapping.
function placeLabels(svg, nodes, pos, width, height) {
  const taken = nodes.map((n, i) => {
    const r = radius(n);
    return { x: pos[i].x - r, y: pos[i].y - r, w: 2 * r, h: 2 * r, node: i };
  });
  const order = nodes.map((n, i) => i)
    .sort((a, b) => (nodes[b].degree - nodes[a].degree) || (nodes[b].events - nodes[a].events));
  let shown = 0;
  for (const i of order) {
    const label = svg.querySelector('text[data-node="' + i + '"]');
    if (!label) continue;
    const box = label.getBBox(), r = radius(nodes[i]), p = pos[i];
    // the white halo behind a label (stroke 3, mitred glyph edges) is part of what it covers
    const w = box.width + 7, h = box.height + 7, ascent = p.y - box.y + 3.5;
    const spots = [
      { x: p.x + r + 2, y: p.y - h / 2 },
      { x: p.x - r - 2 - w, y: p.y - h / 2 },
      { x: p.x - w / 2, y: p.y + r + 2 },
      { x: p.x - w / 2, y: p.y - r - 2 - h },
    ];
    const spot = spots.find((s) => s.x >= 0 && s.x + w <= width && s.y >= 0 &&
      s.y + h <= height && !taken.some((t) => t.node !== i && overlaps({ x: s.x, y: s.y, w: w, h: h }, t)));
    if (!spot) { label.remove(); continue; }
    label.setAttribute("x", spot.x + 3.5 + (p.x - box.x));
    label.setAttribute("y", spot.y + ascent);
    taken.push({ x: spot.x, y: spot.y, w: w, h: h, node: -1 });
    shown++;
  }
  return shown;
}

function drawNetwork(svg, data) {
  svg.replaceChildren();
  const width = 900, height = 560;
  const nodes = data.nodes || [], edges = data.edges || [];
  if (!nodes.length) {
    text(svg, width / 2, height / 2, "No links", { "text-anchor": "middle" });
    svg.dataset.rendered = "0";
    return;
  }
  const defs = el("defs", {}, svg);
  const marker = el("marker", {
    id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9,
    markerUnits: "userSpaceOnUse", orient: "auto",
  }, defs);
  el("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#5b6475" }, marker);
  const { index, pos } = layout(nodes, edges, width, height);
  const heaviest = Math.max(...edges.map((e) => e.events));
  for (const e of edges) {
    const a = pos[index.get(e.source)], b = pos[index.get(e.target)];
    const d = Math.max(Math.hypot(b.x - a.x, b.y - a.y), 0.01);
    const end = radius(nodes[index.get(e.target)]) + 2;
    const kind = e.score > 0.5 ? "coop" : e.score < -0.5 ? "conflict" : "neutral";
    const line = el("line", {
      x1: a.x, y1: a.y, x2: b.x - ((b.x - a.x) / d) * end, y2: b.y - ((b.y - a.y) / d) * end,
      class: "edge " + kind, "stroke-width": 1.5 + (3.5 * e.events) / heaviest, "marker-end": "url(#arrow)",
    }, svg);
    el("title", {}, line).textContent = e.events + " events, mean score " + e.score;
  }
  const byCountry = svg.dataset.by === "country";
  nodes.forEach((n, i) => {
    const href = byCountry ? "/?country=" + encodeURIComponent(n.id) : "/actors/" + n.id;
    const link = el("a", { href: href, class: "node" }, svg);
    el("circle", { cx: pos[i].x, cy: pos[i].y, r: radius(n) }, link);
    const name = n.name + (n.country && n.kind !== "country" ? " (" + n.country + ")" : "");
    text(link, pos[i].x, pos[i].y, name, { "data-node": i });
    el("title", {}, link).textContent = name + ": " + n.degree + " links, " + n.events + " events";
  });
  svg.dataset.labels = String(placeLabels(svg, nodes, pos, width, height));
  svg.dataset.rendered = String(nodes.length);
}

async function drawCharts() {
  for (const svg of document.querySelectorAll("svg[data-chart]")) {
    try {
      const response = await fetch(svg.dataset.src, { headers: { Accept: "application/json" } });
      const data = await response.json();
      if (!response.ok) throw new Error((data.error && data.error.message) || response.statusText);
      (svg.dataset.chart === "network" ? drawNetwork : drawMonthly)(svg, data);
    } catch (error) {
      svg.replaceChildren();
      text(svg, 20, 30, "Could not draw the chart: " + error.message);
      svg.dataset.rendered = "error";
    }
  }
}

document.addEventListener("keydown", (event) => {
  const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
  if (event.key === "/" && !typing) {
    const box = document.querySelector("[data-search]");
    if (box) { event.preventDefault(); box.focus(); box.select(); }
  }
});

document.addEventListener("DOMContentLoaded", drawCharts);

// A range input shows its value in the <output> beside it (no inline handlers: the page's
// content security policy allows scripts from this file only).
document.addEventListener("input", (event) => {
  const input = event.target;
  if (input instanceof HTMLInputElement && input.type === "range") {
    const shown = input.nextElementSibling;
    if (shown && shown.tagName === "OUTPUT") shown.value = input.value;
  }
});

// Bar charts as inline SVG, with no library: stacked bars per category, a y axis with round
// steps, a title and description for screen readers, colours from the theme's CSS variables
// (so they follow dark mode), and a legend in HTML. The numbers go in a table beside them.

const SVG = "http://www.w3.org/2000/svg";
let counter = 0;

function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** 1, 2, 5, 10, 20, 50 … : a step that gives at most `count` gridlines up to `max`. */
function niceStep(max, count = 4, whole = false) {
  if (max <= 0) return 1;
  const raw = whole ? Math.max(1, max / count) : max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= raw) return factor * power;
  return 10 * power;
}

/**
 * An SVG bar chart. `categories`: x labels; `series`: [{name, key, values}] stacked in order
 * (`key` picks the colour class `chart-<key>`); `format(value)` for axis labels; `whole` for
 * counts (steps of at least 1); `width` in CSS pixels, so that text keeps its size when the
 * chart is drawn for the space it has.
 */
export function barChart({ title, description, categories, series, format = String, whole = false, width = 640 }) {
  const id = `chart-${++counter}`;
  const height = width < 480 ? 220 : 260;
  const margin = { top: 12, right: 8, bottom: 40, left: 48 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] || 0), 0));
  const step = niceStep(Math.max(0, ...totals), 4, whole);
  const top = Math.max(step, Math.ceil(Math.max(0, ...totals) / step) * step);
  const y = (value) => margin.top + plotHeight - (value / top) * plotHeight;

  const root = svg("svg", {
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-labelledby": `${id}-title ${id}-desc`,
    class: "chart-svg",
    preserveAspectRatio: "xMidYMid meet",
  });
  root.append(svg("title", { id: `${id}-title` }, title), svg("desc", { id: `${id}-desc` }, description));

  const grid = svg("g", { class: "chart-grid", "aria-hidden": "true" });
  for (let value = 0; value <= top + step / 1000; value += step) {
    grid.append(svg("line", { x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value) }));
    grid.append(svg("text", { x: margin.left - 6, y: y(value) + 4, "text-anchor": "end" }, format(value)));
  }
  root.append(grid);

  const slot = plotWidth / Math.max(1, categories.length);
  const barWidth = Math.max(2, Math.min(40, slot * 0.7));
  const labelEvery = Math.max(1, Math.ceil(categories.length / Math.max(2, Math.floor(plotWidth / 64))));
  const bars = svg("g", { "aria-hidden": "true" });
  categories.forEach((category, i) => {
    const x = margin.left + slot * i + (slot - barWidth) / 2;
    let base = 0;
    for (const s of series) {
      const value = s.values[i] || 0;
      if (value <= 0) continue;
      const rect = svg("rect", { x, y: y(base + value), width: barWidth, height: Math.max(0.5, y(base) - y(base + value)), class: `chart-${s.key}` });
      rect.append(svg("title", {}, `${category}: ${s.name} ${format(value)}`));
      bars.append(rect);
      base += value;
    }
    if (i % labelEvery === 0) {
      bars.append(svg("text", { x: x + barWidth / 2, y: height - margin.bottom + 16, "text-anchor": "middle", class: "chart-label" }, category));
    }
  });
  root.append(bars);
  root.append(svg("line", { x1: margin.left, x2: width - margin.right, y1: y(0), y2: y(0), class: "chart-axis", "aria-hidden": "true" }));
  return root;
}

/** The legend of a chart's series, in HTML. */
export function legend(series) {
  const list = document.createElement("ul");
  list.className = "chart-legend";
  for (const s of series) {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = `swatch chart-${s.key}`;
    swatch.setAttribute("aria-hidden", "true");
    item.append(swatch, s.name);
    list.append(item);
  }
  return list;
}

// Statistics: sends by status and spend per day, as inline SVG charts with their numbers.
import { api, query } from "./api.js";
import { barChart, legend } from "./charts.js";
import * as money from "./money.js";
import { $, announce, developerPage, el, formatMoney, onSubmit, plural } from "./ui.js";

const STATUSES = ["delivered", "completed", "sent", "queued", "ringing", "in-progress", "undelivered", "busy", "no-answer", "rejected", "failed"];
const form = $("[data-form='stats']");

function days(from, to) {
  const list = [];
  for (let day = new Date(from); day < new Date(to); day.setUTCDate(day.getUTCDate() + 1)) list.push(day.toISOString().slice(0, 10));
  return list;
}

function numbersTable(caption, head, rows) {
  return el(
    "table",
    {},
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, head.map((h, i) => el("th", { scope: "col", class: i ? "num" : null }, h)))),
    el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((c, i) => (i ? el("td", { class: "num" }, c) : el("th", { scope: "row" }, c)))))),
  );
}

let shown = null;
let drawnWidth = 0;

function render(stats) {
  shown = stats;
  const periods = days(stats.from.slice(0, 10) + "T00:00:00.000Z", stats.to);
  const byDay = Object.fromEntries(periods.map((p) => [p, { statuses: {}, spend: "0", sends: 0 }]));
  for (const bucket of stats.buckets) {
    const day = (byDay[bucket.period] = byDay[bucket.period] || { statuses: {}, spend: "0", sends: 0 });
    day.sends += bucket.sends;
    day.spend = money.add(day.spend, bucket.spend);
    for (const [status, count] of Object.entries(bucket.statuses)) day.statuses[status] = (day.statuses[status] || 0) + count;
  }
  const categories = Object.keys(byDay).sort();
  const used = STATUSES.filter((s) => categories.some((d) => byDay[d].statuses[s]));
  const series = used.map((status) => ({ name: status, key: status, values: categories.map((d) => byDay[d].statuses[status] || 0) }));
  const total = stats.total;
  const statusText = used.map((s) => `${s} ${total.statuses[s] || 0}`).join(", ") || "none";
  $("[data-stats-summary]").textContent = `${plural(total.sends, "send")} from ${categories[0] || ""} to ${categories[categories.length - 1] || ""} (${statusText}); spend ${formatMoney(total.spend, stats.currency)}.`;

  const statusFigure = $("[data-chart='statuses']");
  const width = Math.max(300, Math.min(720, statusFigure.clientWidth || 640));
  drawnWidth = width;
  $("[data-chart-svg]", statusFigure).replaceChildren(
    barChart({ title: "Sends by status, per day", description: `${total.sends} sends in all: ${statusText}.`, categories: categories.map((d) => d.slice(5)), series, width, whole: true, format: (v) => String(Math.round(v)) }),
    legend(series),
  );
  $("[data-chart-table]", statusFigure).replaceChildren(
    numbersTable("Sends by status, per day", ["Day", ...used, "All"], categories.map((d) => [d, ...used.map((s) => byDay[d].statuses[s] || 0), byDay[d].sends])),
  );

  const spendFigure = $("[data-chart='spend']");
  const spendSeries = [{ name: `spend (${stats.currency})`, key: "spend", values: categories.map((d) => Number(byDay[d].spend)) }];
  $("[data-chart-svg]", spendFigure).replaceChildren(
    barChart({ title: "Spend per day", description: `${formatMoney(total.spend, stats.currency)} in all.`, categories: categories.map((d) => d.slice(5)), series: spendSeries, width, format: (v) => (v >= 1 || v === 0 ? v.toFixed(v % 1 ? 1 : 0) : v.toFixed(2)) }),
    legend(spendSeries),
  );
  $("[data-chart-table]", spendFigure).replaceChildren(
    numbersTable(`Spend per day (${stats.currency})`, ["Day", "Sends", "Spend"], categories.map((d) => [d, byDay[d].sends, formatMoney(byDay[d].spend)])),
  );
}

async function load(values) {
  const to = values.to ? new Date(`${values.to}T00:00:00.000Z`) : null;
  if (to) to.setUTCDate(to.getUTCDate() + 1);
  const stats = await api(
    "GET",
    "/v1/stats" + query({ granularity: "day", from: values.from ? `${values.from}T00:00:00.000Z` : undefined, to: to ? to.toISOString() : undefined, service: values.service }),
  );
  if (!values.from) $("#stats-from").value = stats.from.slice(0, 10);
  if (!values.to) {
    const last = new Date(stats.to);
    last.setUTCMilliseconds(last.getUTCMilliseconds() - 1);
    $("#stats-to").value = last.toISOString().slice(0, 10);
  }
  render(stats);
}

// Charts are drawn for the width they have: draw them again when it changes (a phone turned).
let resizing = 0;
window.addEventListener("resize", () => {
  clearTimeout(resizing);
  resizing = setTimeout(() => {
    const width = Math.max(300, Math.min(720, $("[data-chart='statuses']").clientWidth || 640));
    if (shown && Math.abs(width - drawnWidth) > 24) render(shown);
  }, 150);
});

developerPage(async () => {
  onSubmit(form, load);
  await load({});
}).catch((error) => announce(error.message));

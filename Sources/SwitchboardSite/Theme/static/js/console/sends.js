// Sends: SMS or calls, newest first, filtered by status, number and day, 20 to a page, each
// with its status history.
import { api, query } from "./api.js";
import { $, announce, developerPage, el, fillTable, formatMoney, formatTime, onSubmit, row, statusBadge } from "./ui.js";

const PAGE = 20;
const form = $("[data-form='filter']");
let filters = {};
let kind = "sms";
// startingAfter of every page seen so far: pages[0] is undefined (the newest page).
let pages = [undefined];
let index = 0;

function dayStart(day) {
  return day ? `${day}T00:00:00.000Z` : undefined;
}

function dayAfter(day) {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
}

function details(send) {
  const history = el(
    "ol",
    { class: "history" },
    send.history.map((change) => el("li", {}, change.status, " ", el("time", { datetime: change.at }, formatTime(change.at, { seconds: true })), change.detail ? ` — ${change.detail}` : "")),
  );
  const facts = [
    el("p", {}, el("code", {}, send.id)),
    send.body ? el("p", {}, send.body) : null,
    send.segments ? el("p", {}, `${send.segments} segment(s), ${send.encoding}`) : null,
    send.durationSeconds !== undefined ? el("p", {}, `Lasted ${send.durationSeconds} s`) : null,
    history,
  ];
  return el("details", {}, el("summary", {}, `History (${send.history.length})`), facts);
}

let latest = 0;

async function load() {
  const request = ++latest;
  const page = await api(
    "GET",
    `/v1/${kind}` + query({ ...filters, limit: PAGE, startingAfter: pages[index] }),
  );
  if (request !== latest) return; // a later filter or page is on its way: this answer is stale
  const rows = page.data.map((send) =>
    row({ th: formatTime(send.createdAt, { seconds: true }) }, send.to || "(erased)", statusBadge(send.status), { num: formatMoney(send.price, send.currency) }, details(send)),
  );
  fillTable($("[data-sends]"), rows, { wrap: $("[data-sends-wrap]") });
  if (page.hasMore && page.data.length) pages[index + 1] = page.data[page.data.length - 1].id;
  $("[data-page-previous]").disabled = index === 0;
  $("[data-page-next]").disabled = !page.hasMore;
  $("[data-page-label]").textContent = `Page ${index + 1}`;
  const what = kind === "sms" ? "SMS" : "calls";
  $("[data-sends-summary]").textContent = page.data.length
    ? `${what} ${index * PAGE + 1}–${index * PAGE + page.data.length}${page.hasMore ? ", more on the next page" : ""}.`
    : `No ${what} match${index ? " on this page" : ""}.`;
}

developerPage(async () => {
  onSubmit(form, async (values) => {
    kind = values.kind || "sms";
    filters = { status: values.status, to: values.to, from: dayStart(values.from), until: dayAfter(values.until) };
    pages = [undefined];
    index = 0;
    await load();
  });
  $("[data-page-next]").addEventListener("click", () => {
    index += 1;
    load().catch((error) => announce(error.message));
  });
  $("[data-page-previous]").addEventListener("click", () => {
    index = Math.max(0, index - 1);
    load().catch((error) => announce(error.message));
  });
  await load();
}).catch((error) => announce(error.message));

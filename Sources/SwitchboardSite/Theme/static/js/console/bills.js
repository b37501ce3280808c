// Bills: the months with activity, a month's bill, its detailed lines and their CSV.
import { api } from "./api.js";
import { $, announce, developerPage, el, fillTable, formatMoney, formatTime, plural, row, show } from "./ui.js";

const labels = {
  openingBalance: "Opening balance",
  topUps: "Top-ups",
  packagePurchases: "Package purchases",
  refunds: "Refunds",
  terminationRefunds: "Termination refunds",
  adjustments: "Adjustments",
  closingBalance: "Closing balance",
};

function monthLink(month) {
  return el("a", { href: `?month=${month}`, onclick: (event) => {
    event.preventDefault();
    history.pushState(null, "", `?month=${month}`);
    openBill(month).catch((error) => announce(error.message));
  } }, month);
}

async function openBill(month) {
  if (!/^\d{4}-\d{2}$/.test(month || "")) return;
  const [bill, items] = await Promise.all([api("GET", `/v1/bills/${month}`), api("GET", `/v1/bills/${month}/items`)]);
  const section = $("[data-bill]");
  $("#bill-heading").textContent = `Bill for ${month} (${bill.status})`;
  const summary = Object.entries(labels).map(([key, label]) => row({ th: label }, { num: formatMoney(bill[key], bill.currency) }));
  fillTable($("[data-bill-summary]"), summary);
  const charges = bill.charges.map((c) =>
    row({ th: c.service }, { num: c.sends }, { num: plural(c.quantity, c.unit) }, { num: formatMoney(c.charged, bill.currency) }, { num: formatMoney(c.refunded, bill.currency) }, { num: formatMoney(c.amount, bill.currency) }),
  );
  fillTable($("[data-bill-charges]"), charges, { wrap: $("[data-bill-charges-wrap]"), empty: $("[data-bill-charges-empty]") });
  const lines = items.data.map((item) =>
    row(
      { th: formatTime(item.time, { seconds: true }) },
      item.type,
      item.service || "",
      { num: item.quantity ?? "" },
      { num: item.unitPrice ? formatMoney(item.unitPrice) : "" },
      { num: formatMoney(item.amount, item.currency) },
      item.reference ? el("code", {}, item.reference) : item.description || "",
    ),
  );
  fillTable($("[data-bill-items]"), lines);
  $("[data-bill-csv]").dataset.month = month;
  $("[data-bill-csv-state]").textContent = "";
  show(section, true);
  section.focus();
}

async function downloadCSV() {
  const month = $("[data-bill-csv]").dataset.month;
  const csv = await api("GET", `/v1/bills/${month}/items`, { accept: "text/csv" });
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const link = el("a", { href: url, download: `bill-${month}.csv`, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  $("[data-bill-csv-state]").textContent = `Downloaded bill-${month}.csv.`;
}

developerPage(async () => {
  $("[data-bill-csv]").addEventListener("click", () => downloadCSV().catch((error) => ($("[data-bill-csv-state]").textContent = error.message)));
  window.addEventListener("popstate", () => openBill(new URLSearchParams(location.search).get("month")).catch((error) => announce(error.message)));
  const months = await api("GET", "/v1/bills");
  const rows = months.data.map((m) => row({ th: monthLink(m.month) }, m.status, { num: formatMoney(m.closingBalance, m.currency) }));
  fillTable($("[data-bills]"), rows, { wrap: $("[data-bills-wrap]"), empty: $("[data-bills-empty]") });
  const wanted = new URLSearchParams(location.search).get("month");
  if (wanted) await openBill(wanted);
}).catch((error) => announce(error.message));

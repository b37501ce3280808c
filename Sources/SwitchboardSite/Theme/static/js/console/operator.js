// The operator's pages, with the admin token (kept in sessionStorage for this tab only):
// pending capability applications, and accounts: search, top-up, suspend/resume/freeze/terminate.
import { adminToken, api, forgetAdminToken, listAll, query, saveAdminToken } from "./api.js";
import { $, announce, el, fillTable, formatMoney, formatTime, onSubmit, row, show, statusBadge, showError } from "./ui.js";

const PAGE = 20;
let search = {};
let pages = [undefined];
let index = 0;
let selected = null;

function unlock(open) {
  show($("[data-operator-gate]"), !open);
  show($("[data-operator-body]"), open);
}

document.addEventListener("console:admin-refused", () => {
  unlock(false);
  showError($("[data-form='token']"), { field: "token", message: "The server refused this admin token. Enter it again." }, { focus: false });
});

function decisionButtons(account, capability) {
  const decide = async (decision, button) => {
    button.disabled = true;
    try {
      await api("POST", `/v1/admin/accounts/${encodeURIComponent(account.id)}/capabilities/${capability.capability}/${decision}`, { auth: "admin", body: {} });
      announce(`${capability.capability} for ${account.name}: ${decision === "approve" ? "approved" : "rejected"}.`);
      await Promise.all([loadPending(), loadAccounts()]);
      if (selected === account.id) await openAccount(account.id);
    } catch (error) {
      button.disabled = false;
      announce(error.message);
    }
  };
  const label = `${capability.capability} for ${account.name}`;
  return el(
    "span",
    { class: "actions" },
    el("button", { type: "button", class: "button", "aria-label": `Approve ${label}`, onclick: (e) => decide("approve", e.currentTarget) }, "Approve"),
    " ",
    el("button", { type: "button", class: "button secondary", "aria-label": `Reject ${label}`, onclick: (e) => decide("reject", e.currentTarget) }, "Reject"),
  );
}

function accountCell(account) {
  return el("span", {}, el("strong", {}, account.name), el("br"), account.email, el("br"), el("code", {}, account.id));
}

async function loadPending() {
  const accounts = await listAll("/v1/admin/accounts", { pending: "true" }, { auth: "admin" });
  const rows = [];
  for (const account of accounts) {
    for (const capability of account.capabilities.filter((c) => c.status === "pending")) {
      rows.push(row({ th: accountCell(account) }, capability.capability, formatTime(capability.appliedAt), capability.termsVersion, decisionButtons(account, capability)));
    }
  }
  fillTable($("[data-pending]"), rows, { wrap: $("[data-pending-wrap]"), empty: $("[data-pending-empty]") });
}

let accountsRequest = 0;

async function loadAccounts() {
  const request = ++accountsRequest;
  const list = await api("GET", "/v1/admin/accounts" + query({ ...search, limit: PAGE, startingAfter: pages[index] }), { auth: "admin" });
  if (request !== accountsRequest) return; // a later search or page is on its way: this answer is stale
  const rows = list.data.map((account) =>
    row(
      { th: accountCell(account) },
      statusBadge(account.status),
      { num: formatMoney(account.balance, account.currency) },
      account.capabilities.map((c) => `${c.capability}: ${c.status}`).join(", ") || "none",
      el("button", { type: "button", class: "button secondary", "aria-label": `Manage ${account.name}`, onclick: () => openAccount(account.id).catch((error) => announce(error.message)) }, "Manage"),
    ),
  );
  fillTable($("[data-accounts]"), rows, { wrap: $("[data-accounts-wrap]") });
  if (list.hasMore && list.data.length) pages[index + 1] = list.data[list.data.length - 1].id;
  $("[data-accounts-previous]").disabled = index === 0;
  $("[data-accounts-next]").disabled = !list.hasMore;
  $("[data-accounts-summary]").textContent = list.data.length ? `Accounts ${index * PAGE + 1}–${index * PAGE + list.data.length}.` : "No account matches.";
}

async function openAccount(id) {
  const account = await api("GET", `/v1/admin/accounts/${encodeURIComponent(id)}`, { auth: "admin" });
  selected = account.id;
  $("[data-account-title]").textContent = `${account.name} (${account.status})`;
  const facts = [
    ["Id", el("code", {}, account.id)],
    ["E-mail", account.email],
    ["Phone", account.phone || ""],
    ["Entity", account.entityType === "organization" ? `${account.organizationName} (${account.registrationNumber})` : "Natural person"],
    ["Status", statusBadge(account.status)],
    ["Balance", formatMoney(account.balance, account.currency)],
    ["Capabilities", account.capabilities.map((c) => `${c.capability}: ${c.status}`).join(", ") || "none"],
    ["Last login", formatTime(account.lastLoginAt) || "never"],
  ];
  $("[data-account-detail]").replaceChildren(...facts.flatMap(([term, value]) => [el("dt", {}, term), el("dd", {}, value)]));
  const section = $("[data-account]");
  show(section, true);
  section.focus();
}

async function open() {
  unlock(true);
  await Promise.all([loadPending(), loadAccounts()]);
}

onSubmit($("[data-form='token']"), async (values) => {
  saveAdminToken($("#operator-token").value);
  $("#operator-token").value = "";
  await open();
});

$("[data-operator-forget]").addEventListener("click", () => {
  forgetAdminToken();
  show($("[data-account]"), false);
  unlock(false);
  $("#operator-token").focus();
  announce("The admin token is forgotten.");
});

onSubmit($("[data-form='search']"), async (values) => {
  search = { query: values.query, status: values.status };
  pages = [undefined];
  index = 0;
  await loadAccounts();
});
$("[data-accounts-next]").addEventListener("click", () => {
  index += 1;
  loadAccounts().catch((error) => announce(error.message));
});
$("[data-accounts-previous]").addEventListener("click", () => {
  index = Math.max(0, index - 1);
  loadAccounts().catch((error) => announce(error.message));
});

onSubmit($("[data-form='top-up']"), async (values) => {
  const topUp = await api("POST", `/v1/admin/accounts/${encodeURIComponent(selected)}/top-ups`, {
    auth: "admin",
    body: { amount: values.amount, method: values.method, reference: values.reference },
  });
  $("[data-form='top-up']").reset();
  announce(`Recorded ${formatMoney(topUp.amount, topUp.currency)} (${topUp.reference}); the balance is ${formatMoney(topUp.balance, topUp.currency)}.`);
  await Promise.all([openAccount(selected), loadAccounts()]);
});

onSubmit($("[data-form='status']"), async (values, submitter) => {
  const action = submitter?.value;
  if (!action) return;
  if ((action === "freeze" || action === "terminate") && !confirm(`${action === "freeze" ? "Freeze" : "Terminate"} this account? This cannot be undone.`)) return;
  const body = { reason: values.reason };
  if (action === "terminate") body.eraseData = values.eraseData === true;
  const account = await api("POST", `/v1/admin/accounts/${encodeURIComponent(selected)}/${action}`, { auth: "admin", body });
  $("[data-form='status']").reset();
  announce(`${account.name} is now ${account.status}.`);
  await Promise.all([openAccount(selected), loadAccounts(), loadPending()]);
});

if (adminToken()) open().catch((error) => announce(error.message));
else unlock(false);

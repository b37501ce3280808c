// Overview: balance and low-balance warning, package remainders, capabilities, agreement
// acceptance (and the coming version), upcoming price changes at last month's volume.
import { api } from "./api.js";
import * as money from "./money.js";
import { $, announce, developerPage, el, fillTable, formatDate, formatMoney, formatTime, plural, row, show, statusBadge } from "./ui.js";

const capabilityNames = { sms: "SMS", voice: "Voice calls" };

function showBalance(balance) {
  $("[data-balance]").textContent = formatMoney(balance.balance, balance.currency);
  const warning = $("[data-low-balance]");
  warning.textContent = balance.low
    ? `Your balance is below ${formatMoney(balance.lowBalanceThreshold, balance.currency)}. Top it up soon: sends are refused when it cannot pay for them.`
    : "";
  show(warning, balance.low);
  const packages = balance.packages.map((p) =>
    row({ th: p.name }, { num: `${p.remaining} of ${p.segments}` }, formatDate(p.expiresAt)),
  );
  fillTable($("[data-packages]"), packages, { wrap: $("[data-packages-wrap]"), empty: $("[data-packages-empty]") });
}

function showCapabilities(account) {
  const list = $("[data-capabilities]");
  const items = ["sms", "voice"].map((name) => {
    const application = account.capabilities.find((c) => c.capability === name);
    return el("li", {}, capabilityNames[name] + ": ", application ? statusBadge(application.status) : el("span", { class: "muted" }, "not applied for"));
  });
  list.replaceChildren(...items);
}

function showAccount(account) {
  const facts = [
    ["Name", account.name],
    ["E-mail", account.email],
    ["Account id", el("code", {}, account.id)],
    ["Status", statusBadge(account.status)],
    ["Entity", account.entityType === "organization" ? `Organisation: ${account.organizationName || ""}` : "Natural person"],
    ["Opened", formatTime(account.createdAt)],
  ];
  $("[data-account-facts]").replaceChildren(...facts.flatMap(([term, value]) => [el("dt", {}, term), el("dd", {}, value)]));
}

function showAgreement(account, agreement) {
  const accepted = (agreement.acceptances || []).slice().sort((a, b) => a.acceptedAt.localeCompare(b.acceptedAt));
  const last = accepted[accepted.length - 1];
  const version = (v) => agreement.versions.find((x) => x.version === v);
  const state = $("[data-agreement-state]");
  const current = version(agreement.inEffect);
  if (last) {
    const how = last.method === "clicked" ? "accepted" : "deemed accepted (it took effect while your account was open)";
    state.replaceChildren(
      "You ",
      how,
      " ",
      el("a", { href: version(last.version)?.url || "/agreement/" }, `version ${last.version}`),
      ` on ${formatTime(last.acceptedAt)}.`,
      current && current.version !== last.version ? ` Version ${current.version} is in effect.` : "",
    );
  } else {
    state.textContent = `You accepted version ${account.acceptedAgreementVersion || "?"} when you signed up.`;
  }
  const upcoming = agreement.upcoming && version(agreement.upcoming);
  const notice = $("[data-agreement-upcoming]");
  if (upcoming) {
    notice.replaceChildren(
      `Version ${upcoming.version} takes effect on ${formatTime(upcoming.effective)}. If your account is still open then, you are taken to accept it. `,
      el("a", { href: upcoming.url + "changes/" }, "See what changes"),
      ".",
    );
  }
  show(notice, Boolean(upcoming));
}

/** The first moments of last month and this month, UTC, from the server's clock. */
function lastMonth(now) {
  const date = new Date(now);
  const start = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1));
  const end = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
  return { from: start.toISOString(), to: end.toISOString(), label: start.toISOString().slice(0, 7) };
}

async function showPriceChanges(prices, serverNow) {
  const summary = $("[data-price-changes-summary]");
  if (!prices.upcoming) {
    summary.textContent = "No price change is announced.";
    return;
  }
  const month = lastMonth(serverNow);
  const stats = await api("GET", `/v1/stats?from=${encodeURIComponent(month.from)}&to=${encodeURIComponent(month.to)}&granularity=month`);
  const volume = {};
  for (const bucket of stats.buckets) {
    volume[bucket.service] = volume[bucket.service] || { segment: 0, minute: 0, sends: 0 };
    volume[bucket.service].segment += bucket.segments;
    volume[bucket.service].minute += bucket.minutes;
    volume[bucket.service].sends += bucket.sends;
  }
  const currentLines = Object.fromEntries((prices.current?.prices || []).map((line) => [line.service, line]));
  let totalNow = "0";
  let totalThen = "0";
  const rows = [];
  for (const line of prices.upcoming.prices) {
    const old = currentLines[line.service];
    const used = volume[line.service] || { segment: 0, minute: 0, sends: 0 };
    const quantity = line.unit === "minute" ? used.minute : line.unit === "segment" ? used.segment : used.sends;
    const costNow = old ? money.times(old.price, quantity) : null;
    const costThen = money.times(line.price, quantity);
    const difference = costNow ? money.subtract(costThen, costNow) : costThen;
    totalNow = costNow ? money.add(totalNow, costNow) : totalNow;
    totalThen = money.add(totalThen, costThen);
    const direction = money.sign(difference);
    rows.push(
      row(
        { th: `${line.description} (${line.service})` },
        { num: plural(quantity, line.unit) },
        { num: old ? formatMoney(old.price, old.currency) : "new" },
        { num: formatMoney(line.price, line.currency) },
        { num: costNow ? formatMoney(costNow, line.currency) : "—" },
        { num: formatMoney(costThen, line.currency) },
        { num: el("span", { class: direction > 0 ? "change-up" : direction < 0 ? "change-down" : "" }, (direction > 0 ? "+" : "") + formatMoney(difference, line.currency)) },
      ),
    );
  }
  fillTable($("[data-price-changes]"), rows, { wrap: $("[data-price-changes-wrap]") });
  const currency = prices.upcoming.currency;
  const change = money.subtract(totalThen, totalNow);
  const direction = money.sign(change);
  const sent = Object.values(volume).reduce((n, v) => n + v.sends, 0);
  const priced = new Set(prices.upcoming.prices.map((line) => line.service));
  const unpriced = Object.keys(volume).filter((service) => !priced.has(service) && volume[service].sends > 0);
  summary.replaceChildren(
    el("a", { href: `/prices/${prices.upcoming.id}/` }, prices.upcoming.title),
    ` take effect on ${formatTime(prices.upcoming.effective)}. `,
    sent === 0
      ? `You sent nothing in ${month.label} (UTC), so at last month's volume neither sheet costs you anything; the new prices are below.`
      : `At your volume of ${month.label} (UTC), the same use would cost ${formatMoney(totalThen, currency)} instead of ${formatMoney(totalNow, currency)}: ` +
          (direction === 0 ? "no change." : `${formatMoney(change.replace("-", ""), currency)} ${direction > 0 ? "more" : "less"}.`),
    unpriced.length ? ` Sends billed under ${unpriced.join(", ")} are not on the new sheet and are left out.` : "",
  );
}

developerPage(async (account) => {
  showCapabilities(account);
  showAccount(account);
  const [balance, agreement, prices, recent] = await Promise.all([
    api("GET", "/v1/balance"),
    api("GET", "/v1/agreement"),
    api("GET", "/v1/prices"),
    api("GET", "/v1/stats?granularity=month"),
  ]);
  showBalance(balance);
  showAgreement(account, agreement);
  await showPriceChanges(prices, recent.to);
}).catch((error) => announce(error.message));

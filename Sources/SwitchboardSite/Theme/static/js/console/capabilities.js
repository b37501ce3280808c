// Capabilities: the state of each application, and applying with the terms accepted.
import { api } from "./api.js";
import { $, announce, developerPage, fillTable, formatTime, onSubmit, row, statusBadge } from "./ui.js";

const names = { sms: "SMS", voice: "Voice calls" };

async function load() {
  const list = await api("GET", "/v1/account/capabilities");
  const rows = list.data.map((c) =>
    row({ th: names[c.capability] || c.capability }, statusBadge(c.status), formatTime(c.appliedAt), formatTime(c.decidedAt), c.termsVersion, c.note || ""),
  );
  fillTable($("[data-capabilities]"), rows, { wrap: $("[data-capabilities-wrap]"), empty: $("[data-capabilities-empty]") });
  return list.data;
}

developerPage(async () => {
  const form = $("[data-form='apply']");
  const checkbox = $("[data-agreement-version]", form);
  const agreement = await api("GET", "/v1/agreement");
  if (checkbox && agreement.inEffect && agreement.inEffect !== checkbox.value) {
    const current = agreement.versions.find((v) => v.version === agreement.inEffect);
    checkbox.value = agreement.inEffect;
    $("[data-agreement-version-text]", form).textContent = agreement.inEffect;
    if (current) {
      $("[data-agreement-link]", form).href = current.url;
      $("[data-agreement-link]", form).textContent = current.title;
    }
  }
  onSubmit(form, async (values) => {
    const application = await api("POST", "/v1/account/capabilities", {
      body: { capability: values.capability, acceptTerms: checkbox.checked ? checkbox.value : undefined },
    });
    checkbox.checked = false;
    announce(`Your application for ${names[application.capability]} is ${application.status}. The operator decides; this page shows the decision.`);
    await load();
  });
  await load();
}).catch((error) => announce(error.message));

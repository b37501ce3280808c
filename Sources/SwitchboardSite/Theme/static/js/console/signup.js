// Sign up: POST /v1/accounts with the agreement version in effect, then on to the log-in page.
import { api } from "./api.js";
import { $, $$, onSubmit, show } from "./ui.js";

const form = $('[data-form="signup"]');
const organizationOnly = $("[data-organization-only]");

function entityChanged() {
  const organization = $('input[name="entityType"]:checked', form)?.value === "organization";
  show(organizationOnly, organization);
  for (const input of $$("input", organizationOnly)) {
    input.required = organization;
    input.disabled = !organization;
  }
}

/** The version in effect as the server sees it now (the page was rendered at build time). */
async function refreshAgreement() {
  const checkbox = $("[data-agreement-version]", form);
  if (!checkbox) return;
  try {
    const agreement = await api("GET", "/v1/agreement", { auth: "none" });
    const current = agreement.versions.find((v) => v.version === agreement.inEffect);
    if (!current || current.version === checkbox.value) return;
    checkbox.value = current.version;
    checkbox.checked = false;
    $("[data-agreement-version-text]", form).textContent = current.version;
    const link = $("[data-agreement-link]", form);
    link.textContent = current.title;
    link.href = current.url;
  } catch {
    // The rendered version stands; the server names the right one if it differs.
  }
}

for (const radio of $$('input[name="entityType"]', form)) radio.addEventListener("change", entityChanged);
entityChanged();
refreshAgreement();

onSubmit(form, async (values) => {
  const checkbox = $("[data-agreement-version]", form);
  const body = {
    name: values.name,
    email: values.email,
    password: $("#signup-password").value,
    phone: values.phone,
    entityType: values.entityType,
    acceptAgreement: checkbox && checkbox.checked ? checkbox.value : undefined,
  };
  if (values.entityType === "organization") {
    body.organizationName = values.organizationName;
    body.registrationNumber = values.registrationNumber;
  }
  const account = await api("POST", "/v1/accounts", { body, auth: "none" });
  location.assign("/console/login/?reason=registered&email=" + encodeURIComponent(account.email));
});

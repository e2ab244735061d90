// Régie: invoicing a month (preview first), the invoices (paged, filtered), an invoice line by line with its PDF, credit
// notes and counter payments, and the PayFiP payments with their state.
import { html } from "../../html.js";
import { api, apiPage, download, today } from "../../api.js";
import { page, problem, say, announce, scroller } from "../../shell.js";
import { shortDate, dateTime, euros, monthName, isoMonth, cents } from "../../format.js";
import { query, go, pager, pageNumber } from "./common.js";

const PAGE_SIZE = 20;
const CRUMBS = [["Régie", "#/regie"]];
const INVOICE_STATUS = { unpaid: "impayée", "partially-paid": "partiellement payée", paid: "payée" };
const PAYMENT_STATUS = { pending: "en cours", paid: "payé", refused: "refusé", cancelled: "abandonné", expired: "expiré" };
const METHODS = { cheque: "Chèque", especes: "Espèces", cesu: "CESU", virement: "Virement" };
const option = (value, label, current) => html`<option value="${value}"${value === current ? html` selected` : ""}>${label}</option>`;

/** The month before the portal's date: the one a régie invoices. */
const lastMonth = today => { const [y, m] = today.split("-").map(Number); return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7); };

export async function regieView() {
  const q = query();
  const month = isoMonth(q.get("mois")) ?? lastMonth(await today());
  const filters = { month: isoMonth(q.get("month")) ?? "", status: INVOICE_STATUS[q.get("status")] ? q.get("status") : "", familyId: q.get("familyId") ?? "" };
  const number = pageNumber(q.get("page"));
  const asked = Object.fromEntries(Object.entries({ ...filters, page: String(number), pageSize: String(PAGE_SIZE) }).filter(([, v]) => v));
  const [preview, invoices] = await Promise.all([
    q.has("apercu") ? api("GET", `/api/staff/invoicing/preview?${new URLSearchParams({ month, pageSize: "50" })}`) : null,
    apiPage(`/api/staff/invoices?${new URLSearchParams(asked)}`)]);
  await page("Régie", [], html`
    <p class="liens"><a href="#/regie/paiements">Paiements en ligne</a></p>
    <section aria-labelledby="facturer"><h2 id="facturer">Facturer un mois</h2>
      <form id="mois" class="actions"><label>Mois <input name="mois" type="month" value="${month}" required></label>
        <button class="secondary" type="submit">Voir l'aperçu</button></form>
      ${preview ? html`<div class="memo"><p><strong>${preview.invoiceCount} facture(s)</strong> pour <strong>${euros(preview.amountCents)}</strong>
          en ${monthName(preview.month)}${preview.alreadyInvoiced ? ` (${preview.alreadyInvoiced} famille(s) déjà facturée(s) ce mois-ci)` : ""}.</p>
        ${preview.families.length === 0 ? "" : scroller("Aperçu de la facturation", html`<table><caption>Familles à facturer${preview.invoiceCount > preview.families.length ? ` (les ${preview.families.length} premières)` : ""}</caption>
          <thead><tr><th scope="col">Famille</th><th scope="col" class="money">Montant</th></tr></thead>
          <tbody>${preview.families.map(f => html`<tr><td><a href="#/familles/${f.familyId}">${f.familyName}</a></td><td class="money">${euros(f.amountCents)}</td></tr>`)}</tbody></table>`)}
        ${preview.invoiceCount > 0 ? html`<button class="primary" type="button" id="emettre">Émettre ${preview.invoiceCount} facture(s) pour ${monthName(preview.month)}</button>` : ""}</div>` : ""}
      <div id="message-facturation" aria-live="polite"></div></section>
    <section aria-labelledby="factures"><h2 id="factures">Factures</h2>
      <form id="filtres" class="actions"><label>Mois <input name="month" type="month" value="${filters.month}"></label>
        <label>État <select name="status">${option("", "tous", filters.status)}${Object.entries(INVOICE_STATUS).map(([k, v]) => option(k, v, filters.status))}</select></label>
        ${filters.familyId ? html`<input type="hidden" name="familyId" value="${filters.familyId}">` : ""}
        <button class="secondary" type="submit">Filtrer</button></form>
      ${invoices.rows.length === 0 ? html`<p>Aucune facture.</p>` : scroller("Liste des factures", html`<table><caption class="visually-hidden">Factures</caption>
        <thead><tr><th scope="col">Numéro</th><th scope="col">Famille</th><th scope="col">Mois</th><th scope="col" class="money">Montant</th>
          <th scope="col" class="money">Solde</th><th scope="col">État</th></tr></thead>
        <tbody>${invoices.rows.map(i => html`<tr><td><a href="#/regie/factures/${i.invoiceId}">${i.number}</a></td><td><a href="#/familles/${i.familyId}">${i.familyName}</a></td>
          <td>${monthName(i.month)}</td><td class="money">${euros(i.amountCents)}</td><td class="money">${euros(i.balanceCents)}</td><td>${INVOICE_STATUS[i.status] ?? i.status}</td></tr>`)}</tbody></table>`)}
      ${pager("#/regie", Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), number, PAGE_SIZE, invoices.total)}</section>`);
  document.getElementById("mois").addEventListener("submit", event => {
    event.preventDefault();
    go(`#/regie?${new URLSearchParams({ mois: new FormData(event.target).get("mois"), apercu: "1" })}`);
  });
  document.getElementById("filtres").addEventListener("submit", event => {
    event.preventDefault();
    go(`#/regie?${new URLSearchParams([...new FormData(event.target)].filter(([, v]) => v))}`);
  });
  document.getElementById("emettre")?.addEventListener("click", async () => {
    try {
      const result = await api("POST", "/api/staff/invoicing", { month });
      go(`#/regie?${new URLSearchParams({ month })}`);
      announce(`${result.invoices.length} facture(s) émise(s).`);
    } catch (error) { say("message-facturation", problem(error)); }
  });
}

export async function invoiceView(invoiceId) {
  const [invoice, now] = await Promise.all([api("GET", `/api/staff/invoices/${invoiceId}`), today()]);
  const why = (line, date) => html`<a href="#/audit?${new URLSearchParams({ inscription: line.inscriptionId, date })}">${shortDate(date)}<span class="visually-hidden"> : pourquoi ce jour est facturé ?</span></a>`;
  await page(`Facture ${invoice.number}`, CRUMBS, html`
    <dl class="inline"><dt>Famille</dt><dd><a href="#/familles/${invoice.familyId}">${invoice.to.name}</a></dd><dt>Mois</dt><dd>${monthName(invoice.month)}</dd>
      <dt>Émise le</dt><dd>${shortDate(invoice.issuedOn)}</dd><dt>Montant</dt><dd>${euros(invoice.amountCents)}</dd><dt>Avoirs</dt><dd>${euros(invoice.creditedCents)}</dd>
      <dt>Payé</dt><dd>${euros(invoice.paidCents)}</dd><dt>Solde</dt><dd><strong>${euros(invoice.balanceCents)}</strong> (${INVOICE_STATUS[invoice.status] ?? invoice.status})</dd></dl>
    <p><button type="button" class="secondary" id="pdf">Télécharger la facture (PDF)</button></p><div id="message-pdf" aria-live="polite"></div>
    ${scroller("Lignes de la facture", html`<table><caption>Lignes (chaque jour mène à son historique : pourquoi il est facturé)</caption>
      <thead><tr><th scope="col">Enfant</th><th scope="col">Activité</th><th scope="col">Unité</th><th scope="col">QF</th><th scope="col" class="money">Prix</th>
        <th scope="col">Jours</th><th scope="col" class="money">Montant</th><th scope="col" class="money">Réglé</th></tr></thead>
      <tbody>${invoice.lines.map(l => html`<tr><td>${l.childName}</td><td>${l.activityLabel}</td><td>${l.unit}</td><td>${l.qf}</td><td class="money">${euros(l.unitPriceCents)}</td>
        <td class="jours">${l.dates.map(d => why(l, d)).reduce((all, link, i) => i === 0 ? [link] : [...all, ", ", link], [])}</td>
        <td class="money">${euros(l.amountCents)}</td><td class="money">${euros(l.settledCents)}</td></tr>`)}</tbody></table>`)}
    <h2>Avoirs et paiements</h2>
    ${invoice.creditNotes.length + invoice.payments.length === 0 ? html`<p>Aucun.</p>` : html`<ul>
      ${invoice.creditNotes.map(c => html`<li>Avoir ${c.number} du ${shortDate(c.issuedOn)} : ${euros(c.amountCents)} (${c.reason})</li>`)}
      ${invoice.payments.map(p => html`<li>Paiement du ${shortDate(p.paidOn)} : ${euros(p.amountCents)} (${METHODS[p.method] ?? (p.method === "payfip" ? "PayFiP" : p.method)})</li>`)}</ul>`}
    ${invoice.balanceCents <= 0 ? "" : html`<div class="cards">
      <form id="reglement" class="stack card"><h3>Paiement au guichet</h3>
        <label>Montant (€) <input name="montant" inputmode="decimal" required value="${(invoice.balanceCents / 100).toFixed(2).replace(".", ",")}"></label>
        <label>Mode de paiement <select name="method">${Object.entries(METHODS).map(([k, v]) => option(k, v, "cheque"))}</select></label>
        <label>Reçu le <input name="paidOn" type="date" value="${now}" required></label>
        <button class="primary" type="submit">Enregistrer le paiement</button></form>
      <form id="avoir" class="stack card"><h3>Avoir</h3>
        <label>Montant (€) <input name="montant" inputmode="decimal" required></label>
        <label>Motif <textarea name="reason" required maxlength="500"></textarea></label>
        <button class="secondary" type="submit">Émettre l'avoir</button></form></div>`}
    <div id="message" aria-live="polite"></div>`);
  document.getElementById("pdf").addEventListener("click", () =>
    download(`/api/staff/invoices/${invoiceId}/pdf`, `facture-${invoice.number}.pdf`).catch(error => say("message-pdf", problem(error))));
  const submit = (id, message, send) => document.getElementById(id)?.addEventListener("submit", async event => {
    event.preventDefault();
    const data = new FormData(event.target);
    try { await send(data); await invoiceView(invoiceId); say("message", html`<p class="ok">${message}</p>`); announce(message); }
    catch (error) { say("message", problem(error)); }
  });
  submit("reglement", "Paiement enregistré.", data => api("POST", `/api/staff/invoices/${invoiceId}/payments`,
    { amountCents: cents(data.get("montant")), method: data.get("method"), paidOn: data.get("paidOn") }));
  submit("avoir", "Avoir émis.", data => api("POST", `/api/staff/invoices/${invoiceId}/credit-notes`,
    { amountCents: cents(data.get("montant")), reason: data.get("reason") }));
}

export async function paymentsView() {
  const q = query();
  const status = PAYMENT_STATUS[q.get("status")] ? q.get("status") : "";
  const number = pageNumber(q.get("page"));
  const { rows, total } = await apiPage(`/api/staff/payments?${new URLSearchParams({ ...(status ? { status } : {}), page: String(number), pageSize: String(PAGE_SIZE) })}`);
  await page("Paiements en ligne", CRUMBS, html`
    <form id="filtre" class="actions"><label>État <select name="status">${option("", "tous", status)}${Object.entries(PAYMENT_STATUS).map(([k, v]) => option(k, v, status))}</select></label>
      <button class="secondary" type="submit">Filtrer</button></form>
    ${rows.length === 0 ? html`<p>Aucun paiement.</p>` : scroller("Paiements en ligne", html`<table><caption class="visually-hidden">Paiements en ligne</caption>
      <thead><tr><th scope="col">Commencé le</th><th scope="col">Famille</th><th scope="col">Factures</th><th scope="col" class="money">Montant</th>
        <th scope="col">État PayFiP</th><th scope="col">Référence</th></tr></thead>
      <tbody>${rows.map(p => html`<tr><td>${dateTime(p.initiatedAt)}</td><td><a href="#/familles/${p.familyId}">${p.familyName}</a></td><td>${p.invoices.join(", ")}</td>
        <td class="money">${euros(p.amountCents)}</td><td>${PAYMENT_STATUS[p.status] ?? p.status}${p.resultrans ? ` (${p.resultrans})` : ""}${p.endedAt ? ` le ${dateTime(p.endedAt)}` : ""}</td>
        <td>${p.refdet}</td></tr>`)}</tbody></table>`)}
    ${pager("#/regie/paiements", status ? { status } : {}, number, PAGE_SIZE, total)}`);
  document.getElementById("filtre").addEventListener("submit", event => {
    event.preventDefault();
    go(`#/regie/paiements?${new URLSearchParams([...new FormData(event.target)].filter(([, v]) => v))}`);
  });
}

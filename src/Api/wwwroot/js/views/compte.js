// Mon compte (balances, quotient, the régie), Détail financier par inscription / par facture, and "Règlement" to PayFiP.
import { html } from "../html.js";
import { api, download, commune } from "../api.js";
import { page, problem, say, main, scroller } from "../shell.js";
import { euros, shortDate, dateTime, monthName } from "../format.js";

const STATUS = { unpaid: "à payer", "partially-paid": "partiellement payée", paid: "payée" };

/** Back from PayFiP: the balance moves only once PayFiP has confirmed, so wait (briefly) for the portal to know. */
async function paymentStatus(paymentId) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const payment = await api("GET", `/api/payments/${paymentId}`);
    if (payment.status !== "pending") {
      const text = { paid: "Paiement confirmé par PayFiP", refused: "Paiement refusé", cancelled: "Paiement annulé", expired: "Paiement expiré" }[payment.status];
      return html`<p class="${payment.status === "paid" ? "ok" : "error"}" role="status" id="paiement">${text} (${euros(payment.amountCents)}).</p>`;
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  return html`<p role="status" id="paiement">Paiement en cours de confirmation par PayFiP…</p>`;
}

const asOf = account => shortDate(account.asOf.slice(0, 10));

export async function accountView() {
  const paymentId = new URLSearchParams(location.search).get("paiement");
  let paymentNote = "";
  if (paymentId) {
    paymentNote = await paymentStatus(paymentId);
    history.replaceState(null, "", "/#/compte"); // back from PayFiP: the rest of the visit is ordinary navigation
  }
  const [account, family, inscriptions] = await Promise.all([api("GET", "/api/account"), api("GET", "/api/family"), api("GET", "/api/inscriptions")]);
  const year = Number(account.asOf.slice(0, 4));
  const m = account.manager;
  await page("Mon compte", [], html`${paymentNote}
    <dl class="inline compte"><dt>Famille</dt><dd>${family.civility} ${family.firstName} ${family.lastName}</dd>
      <dt>Solde des factures au ${asOf(account)}</dt><dd id="solde-factures">${euros(account.invoicesBalanceCents)}</dd>
      <dt>Situation financière Famille au ${asOf(account)}</dt><dd id="situation">${euros(account.familyBalanceCents)}</dd>
      <dt>Nombre d'enfants à charge</dt><dd>${account.dependentChildren}</dd>
      <dt>Quotient familial</dt><dd>${account.quotientFamilial}</dd>
      <dt>Date de mise à jour des revenus</dt><dd>${shortDate(account.quotientFamilialDate)}</dd></dl>
    <p class="liens"><a href="#/mot-de-passe">Mot de passe</a> | <a href="#/compte/inscriptions">Détail financier par inscription</a> |
      <a href="#/compte/factures">Détail financier par facture</a> | <a href="#/compte/attestation-fiscale">Demande d'attestation fiscale</a></p>
    <section class="card" aria-labelledby="gestionnaire"><h2 id="gestionnaire">Gestionnaire : ${m.name}</h2>
      <p>Adresse : ${m.address}<br>Contact : <a href="mailto:${m.email}">${m.email}</a><br>Téléphone : ${m.phone}</p></section>
    <h2>Mes attestations</h2>
    <ul class="documents">
      ${[year, year - 1].map(y => html`<li><button type="button" class="link" data-document="/api/attestations/fiscale/${y}/pdf" data-name="attestation-fiscale-${y}.pdf">Attestation fiscale ${y} (PDF)</button></li>`)}
      ${inscriptions.map(i => html`<li><button type="button" class="link" data-document="/api/attestations/inscription/${i.inscriptionId}/pdf"
        data-name="attestation-inscription-${i.activityCode}.pdf">Attestation d'inscription : ${i.childName} – ${i.label} (PDF)</button></li>`)}
    </ul><div id="message" aria-live="polite"></div>`);
  main().querySelectorAll("[data-document]").forEach(button => button.addEventListener("click", () =>
    download(button.dataset.document, button.dataset.name).catch(error => say("message", problem(error)))));
}

const regieNotices = info => html`<ul class="notices">${info.paymentAllowed ? "" : html`<li>Règlement non autorisé par la structure</li>`}
  ${info.partialPaymentAllowed ? html`<li>Paiement partiel autorisé</li>` : ""}</ul>`;

export async function balanceByInscriptionView() {
  const [lines, info] = await Promise.all([api("GET", "/api/account/inscriptions"), commune()]);
  const total = lines.reduce((sum, l) => sum + l.balanceCents, 0);
  await page("Détail financier par inscription", [["Mon compte", "#/compte"]], html`${regieNotices(info)}
    ${scroller("Détails des prestations réservées", html`<table><caption>Détails des prestations réservées</caption><thead><tr><th scope="col">Intitulé</th><th scope="col">Nom prénom de l'individu</th>
      <th scope="col" class="money">Montant dû</th><th scope="col" class="money">Payé</th><th scope="col" class="money">Solde</th><th scope="col" class="money">Non encore facturé</th></tr></thead>
      <tbody>${lines.map(l => html`<tr><td>${l.label}</td><td>${l.childName}</td><td class="money">${euros(l.dueCents)}</td><td class="money">${euros(l.paidCents)}</td>
        <td class="money">${euros(l.balanceCents)}</td><td class="money">${euros(l.uninvoicedCents)}</td></tr>`)}</tbody>
      <tfoot><tr><th scope="row" colspan="4">Total dû</th><td class="money" id="total-du">${euros(total)}</td><td></td></tr></tfoot></table>`)}
    <p>Le règlement se fait par facture, et chaque paiement solde d'abord les jours les plus anciens de la facture, quelle que soit
      l'inscription : <a href="#/compte/factures">Détail financier par facture</a> (sélection, montant, règlement).</p>`);
}

export async function invoicesView() {
  const [invoices, info] = await Promise.all([api("GET", "/api/account/invoices"), commune()]);
  const payable = invoices.filter(i => i.balanceCents > 0);
  const row = i => html`<tr><td>${i.number}</td><td>${monthName(i.month)}</td><td>${shortDate(i.issuedOn)}</td><td class="money">${euros(i.amountCents)}</td>
      <td class="money">${euros(i.balanceCents)}</td><td>${STATUS[i.status] ?? i.status}</td>
      <td><button type="button" class="secondary" data-pdf="${i.invoiceId}" data-number="${i.number}">PDF<span class="visually-hidden"> de la facture ${i.number}</span></button></td>
      <td>${i.balanceCents > 0 && info.paymentAllowed ? html`<input type="checkbox" name="selection" value="${i.invoiceId}" data-balance="${i.balanceCents}" aria-label="Sélectionner la facture ${i.number}">` : ""}</td>
      <td>${i.balanceCents > 0 && info.paymentAllowed && info.partialPaymentAllowed
        ? html`<input type="number" name="montant-${i.invoiceId}" min="1" max="${(i.balanceCents / 100).toFixed(2)}" step="0.01" value="${(i.balanceCents / 100).toFixed(2)}" aria-label="Montant à régler pour la facture ${i.number} (euros)">`
        : i.balanceCents > 0 ? euros(i.balanceCents) : ""}</td></tr>`;
  await page("Détail financier par facture", [["Mon compte", "#/compte"]], html`${regieNotices(info)}
    ${invoices.length === 0 ? html`<p>Aucune facture.</p>` : html`<form id="reglement">${scroller("Factures", html`<table><caption>Factures</caption>
      <thead><tr><th scope="col">N°</th><th scope="col">Mois</th><th scope="col">Émise le</th><th scope="col" class="money">Montant</th><th scope="col" class="money">Reste à payer</th>
        <th scope="col">État</th><th scope="col">Document</th><th scope="col">Sélection</th><th scope="col">Règlement</th></tr></thead>
      <tbody>${invoices.map(row)}</tbody></table>`)}
      ${payable.length && info.paymentAllowed ? html`<p>Total à régler : <strong id="total-a-regler">${euros(0)}</strong></p>
        <button class="primary" type="submit" id="regler" disabled>Règlement</button>
        <p class="note">Vous serez dirigé vers PayFiP, le site de paiement sécurisé de la DGFiP ; la carte n'est jamais saisie sur le portail.</p>` : ""}
      </form>`}
    <div id="message" aria-live="polite"></div>`);
  const form = document.getElementById("reglement");
  if (!form) return;
  const selection = () => [...form.querySelectorAll("input[name=selection]:checked")].map(box => {
    const amount = form.querySelector(`input[name="montant-${box.value}"]`);
    return { invoiceId: box.value, amountCents: amount ? Math.round(Number(amount.value) * 100) : Number(box.dataset.balance) };
  });
  const refresh = () => {
    const items = selection();
    const total = document.getElementById("total-a-regler");
    if (total) total.textContent = euros(items.reduce((sum, i) => sum + (Number.isFinite(i.amountCents) ? i.amountCents : 0), 0));
    const pay = document.getElementById("regler");
    if (pay) pay.disabled = items.length === 0;
  };
  form.addEventListener("input", refresh);
  form.addEventListener("change", refresh);
  form.addEventListener("submit", async event => {
    event.preventDefault();
    try {
      const payment = await api("POST", "/api/payments", { items: selection() });
      location.assign(payment.redirectUrl); // PayFiP's page; card data never touches the portal
    } catch (error) { say("message", problem(error)); }
  });
  main().querySelectorAll("[data-pdf]").forEach(button => button.addEventListener("click", () =>
    download(`/api/invoices/${button.dataset.pdf}/pdf`, `facture-${button.dataset.number}.pdf`).catch(error => say("message", problem(error)))));
}

export async function fiscalView() {
  const dashboard = await api("GET", "/api/dashboard");
  const asked = dashboard.filter(e => e.type === "attestation-fiscale");
  const year = new Date().getFullYear();
  await page("Demande d'attestation fiscale", [["Mon compte", "#/compte"]], html`
    <form class="stack" id="fiscale"><label>Année <input name="year" type="number" min="2000" max="${year}" value="${year - 1}" required></label>
      <button class="primary" type="submit">Demander l'attestation</button><div id="message" aria-live="polite"></div></form>
    <h2>Attestations</h2>${asked.length === 0 ? html`<p>Aucune demande pour l'instant.</p>` : html`<ul>${asked.map(e => html`<li>${e.subject} – ${dateTime(e.at)} –
      ${{ pending: "en attente", accepted: "acceptée", refused: "refusée", withdrawn: "retirée" }[e.status] ?? e.status}</li>`)}</ul>`}
    <form class="stack" id="telechargement"><label>Télécharger l'attestation de l'année <input name="year" type="number" min="2000" max="${year}" value="${year - 1}" required></label>
      <button class="secondary" type="submit">Télécharger (PDF)</button><div id="telechargement-message" aria-live="polite"></div></form>`);
  document.getElementById("fiscale").addEventListener("submit", async event => {
    event.preventDefault();
    try {
      await api("POST", "/api/requests", { type: "attestation-fiscale", year: Number(new FormData(event.target).get("year")) });
      say("message", html`<p class="ok">Demande envoyée : suivez-la dans <a href="#/tableau-de-bord">Mon tableau de bord</a>.</p>`);
    } catch (error) { say("message", problem(error)); }
  });
  document.getElementById("telechargement").addEventListener("submit", event => {
    event.preventDefault();
    const chosen = new FormData(event.target).get("year");
    download(`/api/attestations/fiscale/${encodeURIComponent(chosen)}/pdf`, `attestation-fiscale-${chosen}.pdf`).catch(error => say("telechargement-message", problem(error)));
  });
}

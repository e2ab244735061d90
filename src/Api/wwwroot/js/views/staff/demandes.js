// Demandes et validations: every request waiting for the mairie, said in words (what it changes, the inscription asked for,
// the days), accepted or refused with a reason; a day's booking requests accepted at once.
import { html } from "../../html.js";
import { api, apiPage } from "../../api.js";
import { page, problem, say, announce, main, scroller } from "../../shell.js";
import { frDate, shortDate, dateTime, dietLabel, paiLabel } from "../../format.js";
import { query, pager, pageNumber } from "./common.js";

const PAGE_SIZE = 25;
const TYPES = {
  "family-change": "Modification des données de la famille", "child-change": "Modification des données d'un enfant", "new-person": "Ajout d'une personne",
  "new-inscription": "Nouvelle inscription", "attestation-inscription": "Attestation d'inscription", "attestation-fiscale": "Attestation fiscale",
};
const FIELDS = {
  civility: "Civilité", firstName: "Prénom", lastName: "Nom", "address.line1": "Adresse", "address.line2": "Complément d'adresse",
  "address.postalCode": "Code postal", "address.city": "Commune", "allocataire.name": "Nom de l'allocataire", "allocataire.regime": "Régime",
  "allocataire.number": "Numéro d'allocataire", dependentChildren: "Enfants à charge", birthDate: "Date de naissance", sex: "Sexe",
  diet: "Régime alimentaire", pai: "PAI",
};
const ACTIONS = { book: "réservation", cancel: "annulation" };

/** What a request asks, in words. */
function asked(r) {
  const d = r.data;
  const changes = () => html`<ul>${Object.entries(d.changes ?? {}).map(([k, v]) => html`<li>${FIELDS[k] ?? k} : « ${k === "diet" ? dietLabel(v) : k === "pai" ? paiLabel(v) : v} »</li>`)}</ul>`;
  switch (r.type) {
    case "family-change": return changes();
    case "child-change": return html`${r.childName ?? "Enfant"} ${changes()}`;
    case "new-person": return html`${d.firstName} ${d.lastName}, né(e) le ${shortDate(d.birthDate)} (${d.sex === "F" ? "féminin" : "masculin"})`;
    case "new-inscription": return html`${r.childName ?? "Enfant"} en ${d.activityCode}, groupe ${d.group}`;
    case "attestation-inscription": return html`Inscription ${d.inscriptionId}`;
    default: return html`Année ${d.year}`;
  }
}

export async function requestsView() {
  const number = pageNumber(query().get("page"));
  const path = `/api/staff/pending?${new URLSearchParams({ page: String(number), pageSize: String(PAGE_SIZE) })}`;
  const requests = await apiPage(path, "X-Total-Count-Requests");
  const inscriptionsTotal = Number(requests.headers.get("X-Total-Count-Inscriptions") ?? 0);
  const pending = requests.rows;
  const byDay = Object.values(pending.reservations.reduce((days, r) => {
    const key = `${r.date}|${r.activityCode}`;
    (days[key] ??= { date: r.date, activityCode: r.activityCode, rows: [] }).rows.push(r);
    return days;
  }, {})).sort((a, b) => a.date.localeCompare(b.date) || a.activityCode.localeCompare(b.activityCode));
  await page("Demandes en attente", [], html`
    <section aria-labelledby="demandes"><h2 id="demandes">Demandes des familles (${requests.total})</h2>
      ${pending.requests.length === 0 ? html`<p>Aucune.</p>` : scroller("Demandes des familles", html`<table><caption class="visually-hidden">Demandes des familles</caption>
        <thead><tr><th scope="col">Reçue le</th><th scope="col">Famille</th><th scope="col">Demande</th><th scope="col">Détail</th><th scope="col">Décision</th></tr></thead>
        <tbody>${pending.requests.map(r => html`<tr><td>${dateTime(r.at)}</td><td><a href="#/familles/${r.familyId}">${r.familyName}</a></td><td>${TYPES[r.type] ?? r.type}</td>
          <td>${asked(r)}</td><td><form class="decision" data-request="${r.requestId}">
            <button class="primary" type="submit" name="decision" value="accept">Accepter<span class="visually-hidden"> : ${TYPES[r.type]} de ${r.familyName}</span></button>
            <label>Motif du refus <input name="reason" maxlength="500" aria-describedby="motif-note"></label>
            <button class="secondary" type="submit" name="decision" value="refuse">Refuser<span class="visually-hidden"> : ${TYPES[r.type]} de ${r.familyName}</span></button></form></td></tr>`)}</tbody></table>`)}
      <p class="note" id="motif-note">Le motif est envoyé à la famille avec la décision.</p></section>
    <section aria-labelledby="reservations"><h2 id="reservations">Réservations à valider</h2>
      ${byDay.length === 0 ? html`<p>Aucune.</p>` : byDay.map(day => html`<section class="card"><h3>${frDate(day.date)} – ${day.activityCode}</h3>
        <button class="primary" type="button" data-day="${day.date}" data-activity="${day.activityCode}">Tout accepter pour ce jour<span class="visually-hidden"> : ${day.activityCode} ${frDate(day.date)}</span></button>
        <label>Motif en cas de refus<span class="visually-hidden"> (${day.activityCode} ${frDate(day.date)})</span> <input class="motif" maxlength="500" data-reason="${`${day.date}|${day.activityCode}`}"></label>
        <ul>${day.rows.map(r => html`<li>${r.childName} – ${r.unit} : ${ACTIONS[r.action] ?? r.action} demandée le ${dateTime(r.requestedAt)}
          <button class="secondary" type="button" data-cell="${`${r.inscriptionId}|${r.date}|${r.unit}`}" data-decision="accept">Accepter<span class="visually-hidden"> ${r.childName} ${frDate(r.date)} ${r.unit}</span></button>
          <button class="secondary" type="button" data-cell="${`${r.inscriptionId}|${r.date}|${r.unit}`}" data-decision="refuse">Refuser<span class="visually-hidden"> ${r.childName} ${frDate(r.date)} ${r.unit}</span></button>
          <a href="#/audit?${new URLSearchParams({ inscription: r.inscriptionId, date: r.date })}">pourquoi ?<span class="visually-hidden"> ${r.childName} ${frDate(r.date)}</span></a></li>`)}</ul></section>`)}</section>
    ${pager("#/en-attente", {}, number, PAGE_SIZE, Math.max(requests.total, inscriptionsTotal))}
    <div id="message" aria-live="polite"></div>`);
  const done = async message => { await requestsView(); say("message", html`<p class="ok">${message}</p>`); announce(message); };
  main().querySelectorAll("form.decision").forEach(form => form.addEventListener("submit", async event => {
    event.preventDefault();
    const decision = event.submitter?.value ?? "accept";
    const reason = new FormData(form).get("reason").trim();
    try {
      await api("POST", `/api/staff/requests/${form.dataset.request}/decision`, { decision, ...(reason && decision === "refuse" ? { reason } : {}) });
      await done(decision === "accept" ? "Demande acceptée." : "Demande refusée.");
    } catch (error) { say("message", problem(error)); }
  }));
  main().querySelectorAll("button[data-cell]").forEach(b => b.addEventListener("click", async () => {
    const [inscriptionId, date, unit] = b.dataset.cell.split("|");
    // A refusal carries the reason typed for that day, which the family receives with the decision.
    const reason = b.closest("section.card")?.querySelector("input.motif")?.value.trim();
    try {
      const answer = await api("POST", "/api/staff/reservations/decisions",
        { inscriptionId, date, unit, decision: b.dataset.decision, ...(reason && b.dataset.decision === "refuse" ? { reason } : {}) });
      await done(answer.outcome === "waitlisted" ? "Acceptée, mais le jour est complet : mise en liste d'attente." : "Décision enregistrée.");
    } catch (error) { say("message", problem(error)); }
  }));
  main().querySelectorAll("button[data-day]").forEach(b => b.addEventListener("click", async () => {
    try {
      const answer = await api("POST", "/api/staff/reservations/decisions/day", { date: b.dataset.day, activityCode: b.dataset.activity });
      const waitlisted = answer.results.filter(r => r.outcome === "waitlisted").length;
      await done(`${answer.results.length} demande(s) acceptée(s)${waitlisted ? `, dont ${waitlisted} en liste d'attente (jour complet)` : ""}.`);
    } catch (error) { say("message", problem(error)); }
  }));
}

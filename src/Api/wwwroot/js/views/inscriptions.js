// Mes inscriptions, Mes réservations (the month's grid as the guide draws it) and Liste d'attente.
// The grid only collects clicks: every state and every answer comes from the server.
import { html } from "../html.js";
import { api, download, today } from "../api.js";
import { page, problem, say, announce, main, scroller } from "../shell.js";
import { frDate, shortDate, monthName, weekdayLetter, weekdayName, shiftMonth, isoMonth } from "../format.js";

/** The guide's legend, in its words; each state has its colour in app.css. */
export const STATES = {
  free: "Case libre", booked: "Réservation validée", locked: "Réservation (délai d'annulation passé : une annulation sera refusée)",
  requested: "Demande de réservation envoyée", "cancellation-requested": "Demande d'annulation envoyée",
  waitlisted: "Réservation en liste d'attente", late: "Refusée hors délai", present: "Présence (non modifiable)",
  absent: "Absence (non modifiable, facturée)", "absent-justified": "Absence justifiée (non modifiable)", closed: "Fermé (vacances scolaires, jour férié, jour sans accueil)",
};
const CHARGED = "réservation facturée (non modifiable)";
const CLICKS = { book: "Demande de réservation (à valider)", cancel: "Demande d'annulation (à valider)", withdraw: "Demande à retirer (à valider)" };
const OUTCOMES = {
  booked: "réservé", requested: "demande envoyée à la mairie", waitlisted: "complet : mis en liste d'attente", cancelled: "annulé",
  "cancellation-requested": "annulation envoyée à la mairie", withdrawn: "demande retirée", refused: "refusé",
};
const REASONS = {
  deadline: "hors délai", closed: "jour fermé", "not-in-period": "hors période d'inscription", "already-booked": "déjà réservé",
  "not-booked": "rien à annuler", "not-pending": "aucune demande en attente", "unknown-unit": "unité inconnue",
  "not-served": "pas de réservation ce jour-là à l'activité desservie",
};
export const inscriptionLinks = i => links(i);
export const outcomeLine = r => html`<li class="${r.outcome === "refused" ? "refused" : ""}">${frDate(r.date)} ${r.unit} : ${OUTCOMES[r.outcome] ?? r.outcome}${r.reason ? html` (${REASONS[r.reason] ?? r.reason})` : ""}</li>`;

/** What a click asks for a cell in that state (null: the cell cannot change). */
function actionFor(state) {
  if (state === "free" || state === "late") return "book";
  // A locked day can still be asked for: the server refuses it as late (red) and says why, as the guide shows.
  if (state === "booked" || state === "locked") return "cancel";
  if (["waitlisted", "requested", "cancellation-requested"].includes(state)) return "withdraw";
  return null;
}

// A shuttle line's inscription has a stop: its trips are booked in the same grid; the others lead to their lines ("Mes navettes").
const links = i => html`<p class="liens"><a href="#/reservations/${i.inscriptionId}">${i.stop ? "Mes trajets" : "Mes réservations"}</a> |
  <a href="#/liste-attente/${i.inscriptionId}">Liste d'attente</a> |
  ${i.stop ? html`Arrêt : ${i.stop} |` : html`<a href="#/navettes/${i.inscriptionId}">Mes navettes</a> |`}
  <a href="#/inscriptions/${i.inscriptionId}/informations">Mes informations</a> |
  <button type="button" class="link" data-attestation="${i.inscriptionId}">Faire une demande d'attestation d'inscription</button></p>`;

export async function inscriptionsView() {
  const [family, inscriptions, dashboard, now] = await Promise.all([api("GET", "/api/family"), api("GET", "/api/inscriptions"), api("GET", "/api/dashboard"), today()]);
  const pendingOf = childId => {
    const waiting = dashboard.filter(e => e.type === "new-inscription" && e.status === "pending" && e.childId === childId);
    return waiting.length === 0 ? html`<p>Aucune demande d'inscription en attente.</p>` : html`<ul>${waiting.map(w => html`<li>${w.subject}</li>`)}</ul>`;
  };
  const inscription = i => html`<li class="card"><dl class="inline"><dt>Équipement</dt><dd>${i.equipment}</dd><dt>Libellé</dt><dd>${i.activityCode} - ${i.label}</dd>
      <dt>Date début</dt><dd>${shortDate(i.from)}</dd><dt>Date fin</dt><dd>${shortDate(i.to)}</dd><dt>Groupe</dt><dd>${i.group}</dd></dl>${links(i)}</li>`;
  await page("Mes inscriptions", [], html`${family.children.map(c => {
      const own = inscriptions.filter(i => i.childId === c.childId);
      const current = own.filter(i => i.to >= now);
      return html`<section aria-labelledby="enfant-${c.childId}"><h2 id="enfant-${c.childId}">${c.firstName} ${c.lastName}</h2>
        <p>Âge : ${c.age} an(s) · Né(e) le ${shortDate(c.birthDate)}</p>
        <h3>Inscriptions en cours</h3>${current.length === 0 ? html`<p>Aucune inscription en cours.</p>` : html`<ul class="cards">${current.map(inscription)}</ul>`}
        ${own.length > current.length ? html`<h3>Inscriptions terminées</h3><ul class="cards">${own.filter(i => i.to < now).map(inscription)}</ul>` : ""}
        <h3>Inscriptions en attente</h3>${pendingOf(c.childId)}</section>`;
    })}
    <p class="liens"><a href="#/semaine-type">Semaine type (un ou plusieurs enfants à la fois)</a> |
      <a href="#/famille">Nouvelle inscription ou modification : Ma famille</a></p><div id="message" aria-live="polite"></div>`);
  main().querySelectorAll("[data-attestation]").forEach(button => button.addEventListener("click", async () => {
    try {
      await api("POST", "/api/requests", { type: "attestation-inscription", inscriptionId: button.dataset.attestation });
      say("message", html`<p class="ok">Demande d'attestation envoyée : elle se télécharge depuis Mon compte une fois acceptée.</p>`);
    } catch (error) { say("message", problem(error)); }
  }));
}

export async function findInscription(inscriptionId) {
  const inscription = (await api("GET", "/api/inscriptions")).find(i => i.inscriptionId === inscriptionId);
  if (!inscription) throw new Error("Inscription introuvable.");
  return inscription;
}

/** The MEMO's capacity note, from the activity's own capacities ("35 places en Maternelle et 64 places en Primaire"). */
function capacityNote(activity) {
  if (!activity) return "";
  const parts = activity.groups.map(g => {
    const seats = Math.max(...Object.values(g.capacity));
    return `${seats} place${seats > 1 ? "s" : ""} en ${g.code.charAt(0) + g.code.slice(1).toLowerCase()}`;
  });
  return `Attention, nombre de places limité : ${parts.join(" et ")}.`;
}

const clicks = new Map(); // "date|unit" → action: the clicks not sent yet
export const forgetClicks = () => clicks.clear();

export async function reservationsView(inscriptionId, requestedMonth, results) {
  const inscription = await findInscription(inscriptionId);
  return gridView({
    inscription, title: `${inscription.childName} - ${inscription.label} : Mes réservations`, crumbs: [["Mes inscriptions", "#/inscriptions"]],
    monthHash: month => `#/reservations/${inscriptionId}/${month}`, header: links(inscription),
    waitlist: () => api("GET", `/api/inscriptions/${inscriptionId}/waitlist`),
  }, requestedMonth, results);
}

/**
 * The month's grid of one inscription, for its family or for staff booking on the family's behalf (the same routes and
 * rules; the server records who acted). view: {inscription, title, crumbs, monthHash(month), header, waitlist(), why(date)?}: why, for
 * staff, leads from a day to its audit ("pourquoi ?").
 */
export async function gridView(view, requestedMonth, results) {
  const { inscription } = view;
  const inscriptionId = inscription.inscriptionId;
  const [activities, now] = await Promise.all([api("GET", "/api/activities"), today()]);
  const month = isoMonth(requestedMonth) ?? (now < inscription.from ? inscription.from : now > inscription.to ? inscription.to : now).slice(0, 7);
  const [grid, queue] = await Promise.all([api("GET", `/api/inscriptions/${inscriptionId}/planning?month=${month}`), view.waitlist()]);
  const positions = new Map(queue.map(p => [`${p.date}|${p.unit}`, p.position]));
  const cell = (day, unit) => {
    if (day.closed) return html`<td class="state-closed" title="${day.label ?? "Fermé"}"><span class="visually-hidden">${frDate(day.date)} : fermé (${day.label ?? ""})</span></td>`;
    const { state, charged } = day.cells[unit];
    const key = `${day.date}|${unit}`;
    const click = clicks.get(key);
    const position = positions.get(key);
    const label = `${weekdayName(day.date)} ${frDate(day.date).split(" ").slice(1).join(" ")}, ${unit} : ${click ? CLICKS[click] : STATES[state] ?? state}${position ? `, position ${position}` : ""}${charged ? `, ${CHARGED}` : ""}`;
    return html`<td><button type="button" class="cell state-${state}${click ? ` click-${click}` : ""}${charged ? " charged" : ""}" data-key="${key}" data-state="${state}"
      data-action="${actionFor(state) ?? ""}" aria-pressed="${click ? "true" : "false"}" aria-label="${label}" title="${label}"${actionFor(state) ? "" : html` disabled`}>${position ?? (charged ? "€" : "")}</button></td>`;
  };
  const draw = async (results, focusKey) => {
    const legend = [...Object.entries(STATES).map(([state, text]) => html`<li><span class="swatch state-${state}" aria-hidden="true"></span>${text}</li>`),
      html`<li><span class="swatch charged" aria-hidden="true">€</span>Réservation facturée (non modifiable)</li>`,
      ...Object.entries(CLICKS).map(([click, text]) => html`<li><span class="swatch click-${click}" aria-hidden="true"></span>${text}</li>`)];
    const counts = [...clicks.values()].reduce((c, a) => ({ ...c, [a]: (c[a] ?? 0) + 1 }), {});
    await page(view.title, view.crumbs, html`
      ${view.header}
      <section class="memo" aria-labelledby="memo"><h2 id="memo">MEMO : informations réservation</h2><p>${capacityNote(activities.find(a => a.code === inscription.activityCode))}</p>
        <p>Cliquez sur les cases à réserver (elles passent en jaune) ou à annuler (en bleu), puis validez. Seules les réservations validées (vertes)
          peuvent être annulées ; une annulation hors délai est refusée et la journée est facturée.</p></section>
      <nav class="mois" aria-label="Mois"><a href="${view.monthHash(shiftMonth(month, -1))}">← Mois précédent</a>
        <strong>${monthName(month)}</strong><a href="${view.monthHash(shiftMonth(month, 1))}">Mois suivant →</a></nav>
      <div class="defile"><table class="grid"><caption class="visually-hidden">Réservations de ${monthName(month)}</caption>
        <thead><tr><th scope="col">Jour</th>${grid.days.map(d => html`<th scope="col" class="${d.closed ? "ferme" : ""}"><abbr title="${weekdayName(d.date)}">${weekdayLetter(d.date)}</abbr><br>${d.date.slice(8)}</th>`)}</tr></thead>
        <tbody>${grid.units.map(unit => html`<tr><th scope="row">${unit}</th>${grid.days.map(day => cell(day, unit))}</tr>`)}</tbody></table></div>
      <div class="actions"><button class="primary" type="button" id="valider"${clicks.size ? "" : html` disabled`}>Valider (${clicks.size})</button>
        <button class="secondary" type="button" id="annuler"${clicks.size ? "" : html` disabled`}>Annuler</button>
        <button class="secondary" type="button" id="actualiser">Actualiser</button></div>
      <div id="confirmation"></div>
      <div id="resultats" aria-live="polite">${results ?? ""}</div>
      ${view.why ? html`<form id="pourquoi" class="actions"><label>Pourquoi ? Le jour <select name="jour">${grid.days.filter(d => !d.closed)
        .map(d => html`<option value="${d.date}">${frDate(d.date)}</option>`)}</select></label><button class="secondary" type="submit">Voir son historique</button></form>` : ""}
      <h2>Légende</h2><ul class="legend">${legend}</ul>`);
    if (focusKey) main().querySelector(`button[data-key="${focusKey}"]`)?.focus();
    document.getElementById("pourquoi")?.addEventListener("submit", event => { event.preventDefault(); location.hash = view.why(new FormData(event.target).get("jour")); });
    main().querySelectorAll("button.cell").forEach(button => button.addEventListener("click", () => {
      const key = button.dataset.key;
      if (clicks.has(key)) clicks.delete(key); else clicks.set(key, button.dataset.action);
      draw(results, key); // clicks are the page's own: drawn again at once, without asking the server
    }));
    document.getElementById("annuler").addEventListener("click", () => { clicks.clear(); draw(null).then(() => announce("Modifications non envoyées abandonnées.")); });
    document.getElementById("actualiser").addEventListener("click", () => gridView(view, month).then(() => announce("Planning actualisé.")));
    document.getElementById("valider").addEventListener("click", () => {
      const summary = [counts.book && `${counts.book} réservation(s)`, counts.cancel && `${counts.cancel} annulation(s)`, counts.withdraw && `${counts.withdraw} retrait(s) de demande`].filter(Boolean).join(", ");
      say("confirmation", html`<div class="confirm" role="alertdialog" aria-labelledby="confirm-texte"><p id="confirm-texte">Envoyer ${summary} ?</p>
        <button class="primary" type="button" id="oui">Oui, valider</button> <button class="secondary" type="button" id="non">Non</button></div>`);
      document.getElementById("oui").focus();
      document.getElementById("non").addEventListener("click", () => { say("confirmation", html``); document.getElementById("valider").focus(); });
      document.getElementById("oui").addEventListener("click", async () => {
        const changes = [...clicks].map(([key, action]) => { const [date, unit] = key.split("|"); return { date, unit, action }; });
        try {
          const answer = await api("POST", `/api/inscriptions/${inscriptionId}/reservations`, { changes });
          clicks.clear();
          await gridView(view, month, html`<h2>Résultat</h2><ul class="results">${answer.results.map(outcomeLine)}</ul>`);
          document.getElementById("resultats").focus();
          announce(`${answer.results.length} modification(s) traitée(s).`);
        } catch (error) { say("resultats", problem(error)); }
      });
    });
  };
  await draw(results);
}

export async function waitlistView(inscriptionId) {
  const [inscription, queue] = await Promise.all([findInscription(inscriptionId), api("GET", `/api/inscriptions/${inscriptionId}/waitlist`)]);
  await page(`${inscription.childName} - ${inscription.label} : Liste d'attente`, [["Mes inscriptions", "#/inscriptions"]], html`
    ${links(inscription)}
    ${queue.length === 0 ? html`<p>Aucun jour en liste d'attente.</p>` : scroller("Jours en liste d'attente", html`<table><caption>Jours en liste d'attente</caption>
      <thead><tr><th scope="col">Jour</th><th scope="col">Unité</th><th scope="col">Position</th><th scope="col">Action</th></tr></thead>
      <tbody>${queue.map(p => html`<tr><td>${frDate(p.date)}</td><td>${p.unit}</td><td>${p.position}</td>
        <td><button type="button" class="secondary" data-date="${p.date}" data-unit="${p.unit}">Retirer</button></td></tr>`)}</tbody></table>`)}
    <div id="resultats" aria-live="polite"></div>`);
  main().querySelectorAll("button[data-date]").forEach(button => button.addEventListener("click", async () => {
    try {
      const answer = await api("POST", `/api/inscriptions/${inscriptionId}/reservations`,
        { changes: [{ date: button.dataset.date, unit: button.dataset.unit, action: "withdraw" }] });
      await waitlistView(inscriptionId);
      say("resultats", html`<ul class="results">${answer.results.map(outcomeLine)}</ul>`);
      announce("Demande retirée de la liste d'attente.");
    } catch (error) { say("resultats", problem(error)); }
  }));
}

export async function inscriptionInfoView(inscriptionId) {
  const [inscription, activities] = await Promise.all([findInscription(inscriptionId), api("GET", "/api/activities")]);
  const activity = activities.find(a => a.code === inscription.activityCode);
  const deadline = d => `${d.daysBefore === 0 ? "le jour même" : `${d.daysBefore} jour(s)${d.workingDays ? " ouvré(s)" : ""} avant`}, avant ${d.at}`;
  await page(`${inscription.childName} - ${inscription.label} : Mes informations`, [["Mes inscriptions", "#/inscriptions"]], html`
    ${links(inscription)}
    <dl class="inline"><dt>Équipement</dt><dd>${inscription.equipment}</dd><dt>Groupe</dt><dd>${inscription.group}</dd>
      <dt>Période</dt><dd>du ${shortDate(inscription.from)} au ${shortDate(inscription.to)}</dd>
      ${activity ? html`<dt>Unités</dt><dd>${activity.units.join(", ")}</dd>
        <dt>Réserver au plus tard</dt><dd>${deadline(activity.bookingDeadline)}</dd>
        <dt>Annuler au plus tard</dt><dd>${deadline(activity.cancellationDeadline)}</dd>
        <dt>Validation</dt><dd>${activity.validation === "automatic" ? "automatique (dans la limite des places)" : "par la mairie"}</dd>` : ""}</dl>
    <p><button type="button" class="secondary" id="attestation">Télécharger l'attestation d'inscription (PDF)</button></p><div id="message" aria-live="polite"></div>`);
  document.getElementById("attestation").addEventListener("click", () =>
    download(`/api/attestations/inscription/${inscriptionId}/pdf`, `attestation-inscription-${inscriptionId}.pdf`).catch(error => say("message", problem(error))));
}

// Tableau de bord de la mairie: the day and its week per activity, unit and group, what waits for a decision, what is owed,
// the read models' lag, and the month's occupancy picture (days × units coloured by fill rate, full days marked).
import { html } from "../../html.js";
import { api, today } from "../../api.js";
import { page } from "../../shell.js";
import { frDate, euros, monthName, shiftMonth, isoDate, isoMonth, weekdayLetter, weekdayName } from "../../format.js";
import { query, go } from "./common.js";

const LEVELS = ["aucune réservation", "moins de la moitié", "moins de 80 %", "presque complet", "complet"];

const fill = (booked, capacity) => html`${booked} / ${capacity}`;

/** Days across, one row per activity and unit; each cell coloured by its fill level, a full day marked with ● and named. */
export const occupancyTable = picture => {
  const days = [...new Set(picture.rows.flatMap(r => r.days.map(d => d.date)))].sort();
  if (days.length === 0) return html`<p>Aucune activité ne fonctionne ce mois-ci.</p>`;
  const cell = (row, date) => {
    const day = row.days.find(d => d.date === date);
    if (!day) return html`<td class="niveau-ferme"><span class="visually-hidden">${frDate(date)} : pas d'accueil</span></td>`;
    const label = `${row.activityCode} ${row.unit}, ${weekdayName(date)} ${frDate(date).split(" ").slice(1).join(" ")} : ${day.booked} réservés sur ${day.capacity}` +
      `${day.waitlisted ? `, ${day.waitlisted} en liste d'attente` : ""}${day.full ? `, complet (${day.fullGroups.join(", ")})` : ""}`;
    return html`<td class="niveau-${day.level}" title="${label}"><span aria-hidden="true">${day.full ? "●" : day.booked}</span><span class="visually-hidden">${label}</span></td>`;
  };
  return html`<div class="defile" role="region" aria-label="Remplissage du mois" tabindex="0"><table class="grid occupation">
    <caption>Remplissage de ${monthName(picture.month)}</caption>
    <thead><tr><th scope="col">Unité</th>${days.map(d => html`<th scope="col"><abbr title="${weekdayName(d)}">${weekdayLetter(d)}</abbr><br>${d.slice(8)}</th>`)}</tr></thead>
    <tbody>${picture.rows.map(r => html`<tr><th scope="row">${r.activityCode} ${r.unit}</th>${days.map(d => cell(r, d))}</tr>`)}</tbody></table></div>
    <ul class="legend">${LEVELS.map((text, level) => html`<li><span class="swatch niveau-${level}" aria-hidden="true">${level === 4 ? "●" : ""}</span>${text}</li>`)}</ul>`;
};

const countsTable = (caption, rows, withFullDays) => rows.length === 0 ? html`<p>${caption} : aucune activité.</p>` : html`
  <div class="defile" role="region" aria-label="${caption}" tabindex="0"><table><caption>${caption}</caption>
    <thead><tr><th scope="col">Activité</th><th scope="col">Unité</th><th scope="col">Groupe</th><th scope="col">Réservés / capacité</th>
      <th scope="col">Liste d'attente</th>${withFullDays ? html`<th scope="col">Jours complets</th>` : ""}</tr></thead>
    <tbody>${rows.map(r => html`<tr class="${(withFullDays ? r.fullDays > 0 : r.booked >= r.capacity) ? "complet" : ""}"><td>${r.activityCode}</td><td>${r.unit}</td><td>${r.group}</td>
      <td>${fill(r.booked, r.capacity)}</td><td>${r.waitlisted}</td>${withFullDays ? html`<td>${r.fullDays}</td>` : ""}</tr>`)}</tbody></table></div>`;

export async function mairieView() {
  const q = query();
  const date = isoDate(q.get("date")) ?? await today();
  const month = isoMonth(q.get("mois")) ?? date.slice(0, 7);
  const [overview, picture] = await Promise.all([api("GET", `/api/staff/overview?date=${date}`), api("GET", `/api/staff/occupancy?month=${month}`)]);
  const behind = overview.projections.reduce((most, p) => Math.max(most, p.behind), 0);
  await page("Tableau de bord de la mairie", null, html`
    <form id="jour" class="actions"><label>Jour <input type="date" name="date" value="${date}"></label><button class="secondary" type="submit">Afficher</button></form>
    <ul class="cards chiffres">
      <li class="card"><h2>À décider</h2><p><a href="#/en-attente">${overview.pending.reservations} réservation(s) à valider</a><br>
        <a href="#/en-attente">${overview.pending.requests} demande(s) des familles</a></p></li>
      <li class="card"><h2>Factures non soldées</h2><p><a href="#/regie">${overview.unpaidInvoices.count} facture(s)</a> pour ${euros(overview.unpaidInvoices.cents)}</p></li>
      <li class="card"><h2>Paiements en ligne en cours</h2><p>${overview.pendingPayments.count} paiement(s) PayFiP pour ${euros(overview.pendingPayments.cents)}</p></li>
      <li class="card"><h2>Mise à jour des tableaux</h2><p>${behind === 0 ? "À jour." : html`<span class="error">${behind} événement(s) en retard</span>`}
        <span class="note">(dernier événement n° ${overview.highWaterMark})</span></p></li>
    </ul>
    <h2>Aujourd'hui : ${frDate(overview.date)}</h2>${countsTable(`Effectifs du ${frDate(overview.date)}`, overview.today, false)}
    <h2>Semaine du ${frDate(overview.weekFrom)} au ${frDate(overview.weekTo)}</h2>
    <p class="note">Places-jours de la semaine : la somme des réservations et des capacités de chaque jour d'accueil.</p>
    ${countsTable("Effectifs de la semaine", overview.week, true)}
    <h2>Remplissage du mois</h2>
    <nav class="mois" aria-label="Mois"><a href="#/mairie?${new URLSearchParams({ date, mois: shiftMonth(month, -1) })}">← Mois précédent</a>
      <strong>${monthName(month)}</strong><a href="#/mairie?${new URLSearchParams({ date, mois: shiftMonth(month, 1) })}">Mois suivant →</a></nav>
    ${occupancyTable(picture)}`);
  document.getElementById("jour").addEventListener("submit", event => {
    event.preventDefault();
    go(`#/mairie?${new URLSearchParams({ date: new FormData(event.target).get("date") || date })}`);
  });
}

// La cuisine: the meals to prepare today and this week per activity and group (the meal units only), then split by
// diet and PAI kind (counts only), printable, and the week's headcounts as CSV. Staff also see the day's PAI children
// by first name (health data: each look is journaled by the server); the kitchen role never gets names.
import { html } from "../../html.js";
import { api, download, today, session } from "../../api.js";
import { page, problem, say, scroller } from "../../shell.js";
import { frDate, isoDate, dietLabel, paiLabel } from "../../format.js";
import { query, go } from "./common.js";

const mondayOf = date => { const d = new Date(date + "T12:00:00Z"); d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7)); return d.toISOString().slice(0, 10); };
const plusDays = (date, n) => { const d = new Date(date + "T12:00:00Z"); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };
const sum = rows => rows.reduce((total, r) => total + (r.booked ?? r.count), 0);

/** "Végétarien", "Standard – PAI panier repas": what the kitchen cooks for. */
const kind = r => `${dietLabel(r.diet)}${r.pai ? ` – PAI ${paiLabel(r.pai)}` : ""}`;

function dietTables(date, days, meals) {
  const todays = meals.filter(m => m.date === date);
  const lines = [...new Map(meals.map(m => [`${m.activityCode}|${m.unit}|${m.diet}|${m.pai ?? ""}`, m])).entries()]
    .sort(([a], [b]) => a.localeCompare(b));
  const count = (key, day) => meals.find(m => `${m.activityCode}|${m.unit}|${m.diet}|${m.pai ?? ""}` === key && m.date === day)?.count;
  const paiOf = rows => sum(rows.filter(r => r.pai));
  return html`
    <h2>Par régime et PAI, le ${frDate(date)}</h2>
    ${todays.length === 0 ? html`<p>Aucun repas ce jour-là.</p>` : scroller("Repas du jour par régime", html`<table><caption>Repas du ${frDate(date)} par régime et PAI</caption>
      <thead><tr><th scope="col">Activité</th><th scope="col">Repas</th><th scope="col">Régime et PAI</th><th scope="col">Nombre</th></tr></thead>
      <tbody>${todays.map(m => html`<tr><td>${m.activityCode}</td><td>${m.unit}</td><td>${kind(m)}</td><td>${m.count}</td></tr>`)}
        <tr><th scope="row" colspan="3">dont PAI</th><td><strong>${paiOf(todays)}</strong></td></tr>
        <tr><th scope="row" colspan="3">Total</th><td><strong>${sum(todays)}</strong></td></tr></tbody></table>`)}
    <h2>La semaine par régime et PAI</h2>
    ${lines.length === 0 ? html`<p>Aucun repas cette semaine.</p>` : scroller("Repas de la semaine par régime", html`<table><caption>Repas de la semaine par régime et PAI</caption>
      <thead><tr><th scope="col">Activité, repas, régime</th>${days.map(d => html`<th scope="col">${frDate(d)}</th>`)}</tr></thead>
      <tbody>${lines.map(([key, m]) => html`<tr><th scope="row">${m.activityCode} ${m.unit} – ${kind(m)}</th>${days.map(d => html`<td>${count(key, d) ?? "–"}</td>`)}</tr>`)}
        <tr><th scope="row">dont PAI</th>${days.map(d => html`<td>${paiOf(meals.filter(m => m.date === d))}</td>`)}</tr></tbody></table>`)}`;
}

function paiList(date, children) {
  return html`<h2>Enfants avec un PAI le ${frDate(date)}</h2>
    <p class="note">Données de santé, réservées à l'équipe de service : chaque consultation est inscrite au journal des accès des familles.</p>
    ${children.length === 0 ? html`<p>Aucun enfant avec un PAI ce jour-là.</p>` : scroller("Enfants avec un PAI", html`<table><caption>Enfants avec un PAI le ${frDate(date)}</caption>
      <thead><tr><th scope="col">Prénom</th><th scope="col">Groupe</th><th scope="col">Activité et repas</th><th scope="col">PAI</th><th scope="col">Régime</th></tr></thead>
      <tbody>${children.map(c => html`<tr><td>${c.firstName}</td><td>${c.group}</td><td>${c.activityCode} ${c.unit}</td><td>${paiLabel(c.pai)}</td><td>${dietLabel(c.diet)}</td></tr>`)}</tbody></table>`)}`;
}

export async function kitchenView() {
  const date = isoDate(query().get("date")) ?? await today();
  const from = mondayOf(date), to = plusDays(from, 6);
  const staff = session.role === "staff";
  const [activities, rows, meals, pai] = await Promise.all([api("GET", "/api/activities"),
    api("GET", `/api/staff/headcounts?${new URLSearchParams({ from, to })}`), api("GET", `/api/staff/meals?${new URLSearchParams({ from, to })}`),
    staff ? api("GET", `/api/staff/pai?${new URLSearchParams({ date })}`) : null]);
  const mealUnits = new Set(activities.flatMap(a => a.mealUnits.map(u => `${a.code}|${u}`)));
  const mealRows = rows.filter(r => mealUnits.has(`${r.activityCode}|${r.unit}`));
  const lines = [...new Set(mealRows.map(r => `${r.activityCode}|${r.unit}|${r.group}`))].sort();
  const days = [...new Set(mealRows.map(r => r.date))].sort();
  const count = (line, day) => mealRows.find(r => `${r.activityCode}|${r.unit}|${r.group}` === line && r.date === day)?.booked;
  const todayRows = mealRows.filter(r => r.date === date);
  await page("Repas à préparer", [], html`
    <form id="jour" class="actions no-print"><label>Jour <input type="date" name="date" value="${date}"></label><button class="secondary" type="submit">Afficher</button>
      <button class="secondary" type="button" data-print>Imprimer</button><button class="secondary" type="button" id="csv">Exporter la semaine (CSV)</button>
      <button class="secondary" type="button" id="csv-regimes">Exporter les repas par régime (CSV)</button></form>
    <h2>${frDate(date)}</h2>
    ${todayRows.length === 0 ? html`<p>Aucun repas ce jour-là.</p>` : scroller("Repas du jour", html`<table><caption>Repas du ${frDate(date)}</caption>
      <thead><tr><th scope="col">Activité</th><th scope="col">Repas</th><th scope="col">Groupe</th><th scope="col">Repas réservés</th></tr></thead>
      <tbody>${todayRows.map(r => html`<tr><td>${r.activityCode}</td><td>${r.unit}</td><td>${r.group}</td><td>${r.booked}</td></tr>`)}
        <tr><th scope="row" colspan="3">Total</th><td><strong>${sum(todayRows)}</strong></td></tr></tbody></table>`)}
    ${dietTables(date, days, meals)}
    ${staff ? paiList(date, pai) : ""}
    <h2>Semaine du ${frDate(from)} au ${frDate(to)}</h2>
    ${days.length === 0 ? html`<p>Aucun repas cette semaine.</p>` : scroller("Repas de la semaine", html`<table><caption>Repas de la semaine</caption>
      <thead><tr><th scope="col">Activité, repas, groupe</th>${days.map(d => html`<th scope="col">${frDate(d)}</th>`)}</tr></thead>
      <tbody>${lines.map(l => html`<tr><th scope="row">${l.split("|").join(" ")}</th>${days.map(d => html`<td>${count(l, d) ?? "–"}</td>`)}</tr>`)}
        <tr><th scope="row">Total</th>${days.map(d => html`<td><strong>${sum(mealRows.filter(r => r.date === d))}</strong></td>`)}</tr></tbody></table>`)}
    <p class="note">Réservations à l'instant (les effectifs suivent les réservations à une seconde près).</p><div id="message" aria-live="polite"></div>`);
  document.getElementById("jour").addEventListener("submit", event => { event.preventDefault(); go(`#/cuisine?${new URLSearchParams(new FormData(event.target))}`); });
  document.getElementById("csv").addEventListener("click", () =>
    download(`/api/staff/headcounts.csv?${new URLSearchParams({ from, to })}`, `effectifs-${from}-${to}.csv`).catch(error => say("message", problem(error))));
  document.getElementById("csv-regimes").addEventListener("click", () =>
    download(`/api/staff/meals.csv?${new URLSearchParams({ from, to })}`, `repas-par-regime-${from}-${to}.csv`).catch(error => say("message", problem(error))));
}

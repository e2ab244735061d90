// La cuisine: the meals to prepare today and this week per activity and group (the meal units only), printable, and the
// week's headcounts as CSV: counts only.
import { html } from "../../html.js";
import { api, download, today } from "../../api.js";
import { page, problem, say, scroller } from "../../shell.js";
import { frDate, isoDate } from "../../format.js";
import { query, go } from "./common.js";

const mondayOf = date => { const d = new Date(date + "T12:00:00Z"); d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7)); return d.toISOString().slice(0, 10); };
const plusDays = (date, n) => { const d = new Date(date + "T12:00:00Z"); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };

export async function kitchenView() {
  const date = isoDate(query().get("date")) ?? await today();
  const from = mondayOf(date), to = plusDays(from, 6);
  const [activities, rows] = await Promise.all([api("GET", "/api/activities"),
    api("GET", `/api/staff/headcounts?${new URLSearchParams({ from, to })}`)]);
  const meals = new Set(activities.flatMap(a => a.mealUnits.map(u => `${a.code}|${u}`)));
  const mealRows = rows.filter(r => meals.has(`${r.activityCode}|${r.unit}`));
  const lines = [...new Set(mealRows.map(r => `${r.activityCode}|${r.unit}|${r.group}`))].sort();
  const days = [...new Set(mealRows.map(r => r.date))].sort();
  const count = (line, day) => mealRows.find(r => `${r.activityCode}|${r.unit}|${r.group}` === line && r.date === day)?.booked;
  const total = day => mealRows.filter(r => r.date === day).reduce((sum, r) => sum + r.booked, 0);
  const todayRows = mealRows.filter(r => r.date === date);
  await page("Repas à préparer", [], html`
    <form id="jour" class="actions no-print"><label>Jour <input type="date" name="date" value="${date}"></label><button class="secondary" type="submit">Afficher</button>
      <button class="secondary" type="button" data-print>Imprimer</button><button class="secondary" type="button" id="csv">Exporter la semaine (CSV)</button></form>
    <h2>${frDate(date)}</h2>
    ${todayRows.length === 0 ? html`<p>Aucun repas ce jour-là.</p>` : scroller("Repas du jour", html`<table><caption>Repas du ${frDate(date)}</caption>
      <thead><tr><th scope="col">Activité</th><th scope="col">Repas</th><th scope="col">Groupe</th><th scope="col">Repas réservés</th></tr></thead>
      <tbody>${todayRows.map(r => html`<tr><td>${r.activityCode}</td><td>${r.unit}</td><td>${r.group}</td><td>${r.booked}</td></tr>`)}
        <tr><th scope="row" colspan="3">Total</th><td><strong>${total(date)}</strong></td></tr></tbody></table>`)}
    <h2>Semaine du ${frDate(from)} au ${frDate(to)}</h2>
    ${days.length === 0 ? html`<p>Aucun repas cette semaine.</p>` : scroller("Repas de la semaine", html`<table><caption>Repas de la semaine</caption>
      <thead><tr><th scope="col">Activité, repas, groupe</th>${days.map(d => html`<th scope="col">${frDate(d)}</th>`)}</tr></thead>
      <tbody>${lines.map(l => html`<tr><th scope="row">${l.split("|").join(" ")}</th>${days.map(d => html`<td>${count(l, d) ?? "–"}</td>`)}</tr>`)}
        <tr><th scope="row">Total</th>${days.map(d => html`<td><strong>${total(d)}</strong></td>`)}</tr></tbody></table>`)}
    <p class="note">Réservations à l'instant (les effectifs suivent les réservations à une seconde près).</p><div id="message" aria-live="polite"></div>`);
  document.getElementById("jour").addEventListener("submit", event => { event.preventDefault(); go(`#/cuisine?${new URLSearchParams(new FormData(event.target))}`); });
  document.getElementById("csv").addEventListener("click", () =>
    download(`/api/staff/headcounts.csv?${new URLSearchParams({ from, to })}`, `effectifs-${from}-${to}.csv`).catch(error => say("message", problem(error))));
}

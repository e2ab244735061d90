// Semaine type: the same weekdays and units booked (or cancelled) over a period, for one child or several at once.
// The server decides every day (deadlines, places, waitlist) and answers one result per child and day.
import { html } from "../html.js";
import { api, today } from "../api.js";
import { page, problem, say, announce, scroller } from "../shell.js";
import { outcomeLine } from "./inscriptions.js";

const WEEKDAYS = [["monday", "lundi"], ["tuesday", "mardi"], ["wednesday", "mercredi"], ["thursday", "jeudi"], ["friday", "vendredi"], ["saturday", "samedi"]];
const endOfMonth = iso => { const [y, m] = iso.split("-").map(Number); return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10); };

export async function weekPatternView() {
  const [inscriptions, activities, now] = await Promise.all([api("GET", "/api/inscriptions"), api("GET", "/api/activities"), today()]);
  const current = inscriptions.filter(i => i.to >= now);
  const served = current.map(i => activities.find(a => a.code === i.activityCode)).filter(Boolean);
  const weekdays = WEEKDAYS.filter(([day]) => served.some(a => a.weekdays.includes(day)));
  const units = [...new Set(served.flatMap(a => a.units))];
  const names = new Map(current.map(i => [i.inscriptionId, `${i.childName} – ${i.label}`]));
  await page("Semaine type", [["Mes inscriptions", "#/inscriptions"]], html`
    <p>Choisissez les jours de la semaine et la période : chaque jour ouvert est réservé (ou annulé) comme dans le planning,
      avec les mêmes délais et les mêmes places. Les vacances et les jours sans accueil sont passés.</p>
    <form class="stack" id="semaine">
      <fieldset><legend>Pour quels enfants ?</legend>
        ${current.map(i => html`<label class="choix"><input type="checkbox" name="inscription" value="${i.inscriptionId}" checked> ${i.childName} – ${i.label} (${i.group})</label>`)}
      </fieldset>
      <fieldset><legend>Quels jours ?</legend>
        ${scrollerTable(weekdays, units)}
      </fieldset>
      <fieldset class="periode"><legend>Sur quelle période ?</legend>
        <label>Du <input name="from" type="date" value="${now}" required></label>
        <label>Au <input name="to" type="date" value="${endOfMonth(now)}" required></label>
      </fieldset>
      <fieldset><legend>Que faire ?</legend>
        <label class="choix"><input type="radio" name="action" value="book" checked> Réserver ces jours</label>
        <label class="choix"><input type="radio" name="action" value="cancel"> Annuler ces jours</label>
      </fieldset>
      <button class="primary" type="submit">Appliquer la semaine type</button>
    </form>
    <div id="resultats" tabindex="-1" aria-live="polite"></div>`);
  document.getElementById("semaine").addEventListener("submit", async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    const body = {
      inscriptionIds: form.getAll("inscription"), from: form.get("from"), to: form.get("to"), action: form.get("action"),
      days: form.getAll("jour").map(value => { const [weekday, unit] = value.split("|"); return { weekday, unit }; }),
    };
    try {
      const answer = await api("POST", "/api/reservations/week-pattern", body);
      const count = answer.inscriptions.reduce((n, i) => n + i.results.length, 0);
      say("resultats", html`<h2>Résultat</h2>${answer.inscriptions.map(i => html`<h3>${names.get(i.inscriptionId) ?? ""}</h3>
        <ul class="results">${i.results.map(outcomeLine)}</ul>`)}`);
      document.getElementById("resultats").focus();
      announce(`${count} jour(s) traité(s).`);
    } catch (error) { say("resultats", problem(error)); }
  });
}

function scrollerTable(weekdays, units) {
  return scroller("Jours de la semaine type", html`<table class="semaine">
    <thead><tr><th scope="col">Unité</th>${weekdays.map(([, label]) => html`<th scope="col">${label}</th>`)}</tr></thead>
    <tbody>${units.map(unit => html`<tr><th scope="row">${unit}</th>${weekdays.map(([day, label]) =>
      html`<td><input type="checkbox" name="jour" value="${day}|${unit}" aria-label="${label}, ${unit}"></td>`)}</tr>`)}</tbody></table>`);
}

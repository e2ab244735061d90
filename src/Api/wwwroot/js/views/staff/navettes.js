// Navettes: the shuttle lines (stops and times, days, seats per trip, activities served), creating one (staff), and the
// driver's list of a trip stop by stop, printable and as CSV (staff and the driver's own login). The seats themselves are
// booked by the families (or staff) in the grid.
import { html } from "../../html.js";
import { api, download, today, session } from "../../api.js";
import { page, problem, say, announce, scroller } from "../../shell.js";
import { frDate, isoDate } from "../../format.js";
import { query, go } from "./common.js";
import { deadlineFields, deadlineOf } from "./activites.js";

const CRUMBS = [["Navettes", "#/navettes"]];
const DAYS = { monday: "lundi", tuesday: "mardi", wednesday: "mercredi", thursday: "jeudi", friday: "vendredi", saturday: "samedi", sunday: "dimanche" };
const SENS = { ALLER: "aller", RETOUR: "retour" };
const STOP_ROWS = 6;
const codes = text => String(text ?? "").split(/[\s,;]+/).map(c => c.trim().toUpperCase()).filter(Boolean);

export async function shuttleLinesView() {
  const [activities, now] = await Promise.all([api("GET", "/api/activities"), today()]);
  const lines = activities.filter(a => a.shuttle);
  const served = activities.filter(a => !a.shuttle).map(a => a.code);
  await page("Navettes", [], html`
    ${lines.length === 0 ? html`<p>Aucune ligne de navette.</p>` : scroller("Lignes de navette", html`<table><caption>Lignes de navette</caption>
      <thead><tr><th scope="col">Ligne</th><th scope="col">Jours</th><th scope="col">Sens</th><th scope="col">Places par trajet</th><th scope="col">Dessert</th><th scope="col">Arrêts</th></tr></thead>
      <tbody>${lines.map(l => html`<tr><td><a href="#/navettes/${encodeURIComponent(l.code)}">${l.label} (${l.code})</a></td>
        <td>${l.weekdays.map(d => DAYS[d] ?? d).join(", ")}</td><td>${l.units.map(u => SENS[u] ?? u).join(", ")}</td>
        <td>${Math.max(...Object.values(l.groups[0].capacity))}</td><td>${l.shuttle.serves.join(", ")}</td>
        <td>${l.shuttle.stops.map(s => s.name).join(" → ")}</td></tr>`)}</tbody></table>`)}
    ${session.role !== "staff" ? "" : html`<h2>Nouvelle ligne</h2>
    <form id="ligne" class="stack">
      <label>Code <input name="code" required maxlength="40" pattern="[A-Za-z0-9_\\-]+" autocomplete="off"></label>
      <label>Libellé <input name="label" required maxlength="200"></label>
      <label>Du <input name="from" type="date" required value="${now}"></label><label>Au <input name="to" type="date" required></label>
      <fieldset><legend>Jours de circulation</legend>${Object.entries(DAYS).map(([d, label]) => html`<label class="choix"><input type="checkbox" name="weekdays" value="${d}"> ${label}</label>`)}</fieldset>
      <fieldset><legend>Sens</legend>${Object.entries(SENS).map(([u, label]) => html`<label class="choix"><input type="checkbox" name="directions" value="${u}"> ${label}</label>`)}</fieldset>
      <label>Places par trajet <input name="capacity" type="number" min="0" max="10000" required value="30"></label>
      <label>Activités desservies (codes : ${served.join(", ")}) <input name="serves" required></label>
      ${scroller("Arrêts", html`<table><caption>Arrêts dans l'ordre de l'aller (le retour les parcourt à l'envers)</caption>
        <thead><tr><th scope="col">Arrêt</th><th scope="col">Heure à l'aller</th><th scope="col">Heure au retour</th></tr></thead>
        <tbody>${[...Array(STOP_ROWS).keys()].map(i => html`<tr><td><input name="s${i}.name" maxlength="80" aria-label="Arrêt ${i + 1} : nom"></td>
          <td><input name="s${i}.outbound" type="time" aria-label="Arrêt ${i + 1} : heure à l'aller"></td>
          <td><input name="s${i}.return" type="time" aria-label="Arrêt ${i + 1} : heure au retour"></td></tr>`)}</tbody></table>`)}
      ${deadlineFields("bookingDeadline", "Réserver au plus tard")}
      ${deadlineFields("cancellationDeadline", "Annuler au plus tard")}
      <button class="primary" type="submit">Créer la ligne</button><div id="message" aria-live="polite"></div></form>`}`);
  document.getElementById("ligne")?.addEventListener("submit", async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    const stops = [...Array(STOP_ROWS).keys()].filter(i => form.get(`s${i}.name`)).map(i => ({
      name: form.get(`s${i}.name`), ...(form.get(`s${i}.outbound`) ? { outbound: form.get(`s${i}.outbound`) } : {}),
      ...(form.get(`s${i}.return`) ? { return: form.get(`s${i}.return`) } : {}),
    }));
    try {
      await api("POST", "/api/staff/shuttles", {
        code: form.get("code").trim().toUpperCase(), label: form.get("label"), from: form.get("from"), to: form.get("to"),
        weekdays: form.getAll("weekdays"), directions: form.getAll("directions"), capacity: Number(form.get("capacity")),
        stops, serves: codes(form.get("serves")),
        bookingDeadline: deadlineOf(form, "bookingDeadline"), cancellationDeadline: deadlineOf(form, "cancellationDeadline"),
      });
      await shuttleLinesView();
      say("message", html`<p class="ok">Ligne créée.</p>`);
      announce("Ligne créée.");
    } catch (error) { say("message", problem(error)); }
  });
}

export async function manifestView(code) {
  const params = query();
  const [activities, now] = await Promise.all([api("GET", "/api/activities"), today()]);
  const line = activities.find(a => a.code === code && a.shuttle);
  if (!line) throw new Error("Ligne de navette introuvable.");
  const date = isoDate(params.get("date")) ?? now;
  const direction = line.units.includes(params.get("sens")) ? params.get("sens") : line.units[0];
  const manifest = await api("GET", `/api/staff/shuttles/${encodeURIComponent(code)}/manifest?${new URLSearchParams({ date, direction })}`);
  const title = `${line.label} : ${SENS[direction]} du ${frDate(date)}`;
  await page(title, CRUMBS, html`
    <form id="trajet" class="actions no-print"><label>Jour <input type="date" name="date" value="${date}"></label>
      <label>Sens <select name="sens">${line.units.map(u => html`<option value="${u}"${u === direction ? html` selected` : ""}>${SENS[u] ?? u}</option>`)}</select></label>
      <button class="secondary" type="submit">Afficher</button><button class="secondary" type="button" data-print>Imprimer</button>
      <button class="secondary" type="button" id="csv">Exporter (CSV)</button></form>
    <p><strong>${manifest.booked} enfant(s)</strong> pour ${manifest.capacity} places${manifest.waitlisted ? html` ; ${manifest.waitlisted} en liste d'attente` : ""}.</p>
    ${manifest.stops.map(stop => html`<h2>${stop.name}${stop.time ? ` – ${stop.time}` : ""}</h2>
      ${stop.children.length === 0 ? html`<p>Personne à cet arrêt.</p>` : scroller(`Enfants à l'arrêt ${stop.name}`, html`<table><caption>${stop.name} : ${stop.children.length} enfant(s)</caption>
        <thead><tr><th scope="col">Nom</th><th scope="col">Prénom</th><th scope="col">Groupe</th><th scope="col">Téléphone</th><th scope="col">Monté(e)</th></tr></thead>
        <tbody>${stop.children.map(c => html`<tr><td>${c.lastName}</td><td>${c.firstName}</td><td>${c.group}</td><td>${c.phone ?? "—"}</td><td aria-label="à cocher">☐</td></tr>`)}</tbody></table>`)}`)}
    <div id="message" aria-live="polite"></div>`);
  document.getElementById("trajet").addEventListener("submit", event => {
    event.preventDefault();
    go(`#/navettes/${encodeURIComponent(code)}?${new URLSearchParams(new FormData(event.target))}`);
  });
  document.getElementById("csv").addEventListener("click", () =>
    download(`/api/staff/shuttles/${encodeURIComponent(code)}/manifest.csv?${new URLSearchParams({ date, direction })}`, `navette-${code}-${date}-${direction}.csv`)
      .catch(error => say("message", problem(error))));
}

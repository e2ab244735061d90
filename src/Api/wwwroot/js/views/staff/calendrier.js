// Calendrier: the school year month by month (school holidays, public holidays, closures), the periods with their origin,
// adding a closure, importing the Ministry's file, deleting a wrongly recorded period.
import { html } from "../../html.js";
import { api, upload, today } from "../../api.js";
import { page, problem, say, announce, main, scroller } from "../../shell.js";
import { shortDate, monthName } from "../../format.js";
import { query } from "./common.js";

const REASONS = { "school-holiday": "vacances scolaires", "public-holiday": "jour férié", closure: "fermeture" };
const SOURCES = text => text.startsWith("import") ? "importée" : text.startsWith("staff") || text.startsWith("mairie") ? "saisie" : "livrée";

/** 1 September to 31 August holding the date: the school year. */
const schoolYear = date => { const [y, m] = date.split("-").map(Number); const start = m >= 9 ? y : y - 1; return { from: `${start}-09-01`, to: `${start + 1}-08-31`, start }; };

function month(days) {
  const first = new Date(days[0].date + "T12:00:00Z").getUTCDay(); // 0 Sunday
  const blanks = (first + 6) % 7; // Monday first
  const cells = [...Array(blanks).fill(null), ...days];
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const cell = d => d === null ? html`<td></td>` : html`<td class="${d.reason ? `cal-${d.reason}` : d.closed ? "cal-weekend" : ""}"
    title="${d.label ?? (d.reason ? REASONS[d.reason] : "")}">${Number(d.date.slice(8))}${d.reason ? html`<span class="visually-hidden"> : ${REASONS[d.reason]}${d.label ? ` (${d.label})` : ""}</span>` : ""}</td>`;
  return html`<table class="mois-cal"><caption>${monthName(days[0].date.slice(0, 7))}</caption>
    <thead><tr>${["L", "M", "M", "J", "V", "S", "D"].map((l, i) => html`<th scope="col"><abbr title="${["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"][i]}">${l}</abbr></th>`)}</tr></thead>
    <tbody>${weeks.map(w => html`<tr>${w.map(cell)}${[...Array(7 - w.length)].map(() => html`<td></td>`)}</tr>`)}</tbody></table>`;
}

export async function calendarView() {
  const year = schoolYear(query().get("annee") ? `${query().get("annee")}-09-01` : await today());
  const [days, periods] = await Promise.all([api("GET", `/api/calendar?${new URLSearchParams({ from: year.from, to: year.to })}`), api("GET", "/api/staff/calendar/periods")]);
  const months = Object.values(days.reduce((all, d) => { (all[d.date.slice(0, 7)] ??= []).push(d); return all; }, {}));
  const shown = periods.filter(p => p.to >= year.from && p.from <= year.to);
  await page(`Calendrier ${year.start}-${year.start + 1}`, [], html`
    <nav class="mois" aria-label="Année scolaire"><a href="#/calendrier?annee=${year.start - 1}">← ${year.start - 1}-${year.start}</a>
      <strong>${year.start}-${year.start + 1}</strong><a href="#/calendrier?annee=${year.start + 1}">${year.start + 1}-${year.start + 2} →</a></nav>
    <ul class="legend"><li><span class="swatch cal-school-holiday" aria-hidden="true"></span>vacances scolaires</li>
      <li><span class="swatch cal-public-holiday" aria-hidden="true"></span>jour férié</li><li><span class="swatch cal-closure" aria-hidden="true"></span>fermeture</li>
      <li><span class="swatch cal-weekend" aria-hidden="true"></span>week-end</li></ul>
    <div class="annee">${months.map(month)}</div>
    <div class="cards">
      <form id="fermeture" class="stack card"><h2>Ajouter une fermeture</h2>
        <label>Du <input name="from" type="date" required></label><label>Au <input name="to" type="date" required></label>
        <label>Motif <select name="reason"><option value="closure">fermeture (grève, pont, travaux…)</option><option value="school-holiday">vacances scolaires</option></select></label>
        <label>Libellé <input name="label" required maxlength="100"></label>
        <p class="note">Les réservations de ces jours sont annulées sans frais, les demandes retirées, et les familles prévenues par courriel.</p>
        <button class="primary" type="submit">Ajouter la fermeture</button></form>
      <form id="import" class="stack card"><h2>Importer le calendrier officiel</h2>
        <label>Fichier du ministère (JSON « fr-en-calendrier-scolaire » ou ICS) <input name="fichier" type="file" accept=".json,.ics,application/json,text/calendar" required></label>
        <p class="note">Seules les périodes de la zone de la commune et pas encore connues sont ajoutées.</p>
        <button class="secondary" type="submit">Importer</button></form></div>
    <div id="message" aria-live="polite"></div>
    <h2>Périodes de fermeture</h2>${shown.length === 0 ? html`<p>Aucune.</p>` : scroller("Périodes de fermeture", html`<table><caption class="visually-hidden">Périodes de fermeture</caption>
      <thead><tr><th scope="col">Période</th><th scope="col">Motif</th><th scope="col">Libellé</th><th scope="col">Origine</th><th scope="col">Action</th></tr></thead>
      <tbody>${shown.map(p => html`<tr><td>du ${shortDate(p.from)} au ${shortDate(p.to)}</td><td>${REASONS[p.reason] ?? p.reason}</td><td>${p.label}</td><td>${SOURCES(p.source)}</td>
        <td><button type="button" class="secondary" data-period="${p.periodId}" data-label="${p.label}">Supprimer<span class="visually-hidden"> ${p.label}</span></button></td></tr>`)}</tbody></table>`)}`);
  const done = async message => { await calendarView(); say("message", html`<p class="ok">${message}</p>`); announce(message); };
  document.getElementById("fermeture").addEventListener("submit", async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    try { await api("POST", "/api/staff/calendar/closures", Object.fromEntries(["from", "to", "reason", "label"].map(k => [k, form.get(k)]))); await done("Fermeture ajoutée."); }
    catch (error) { say("message", problem(error)); }
  });
  document.getElementById("import").addEventListener("submit", async event => {
    event.preventDefault();
    const file = new FormData(event.target).get("fichier");
    try {
      const text = await file.text();
      const ics = file.name.toLowerCase().endsWith(".ics") || text.trimStart().startsWith("BEGIN:VCALENDAR");
      const result = await upload("/api/staff/calendar/import", text, ics ? "text/calendar" : "application/json");
      await done(`${result.read} période(s) lue(s), ${result.added.length} ajoutée(s).`);
    } catch (error) { say("message", problem(error)); }
  });
  // Deleting asks once more, in the page (the guide's "Oui"), since the days reopen to bookings.
  main().querySelectorAll("button[data-period]").forEach(b => b.addEventListener("click", () => {
    say("message", html`<div class="confirm" role="alertdialog" aria-labelledby="confirm-texte"><p id="confirm-texte">Supprimer la période « ${b.dataset.label} » ?
      Les jours rouvrent à la réservation.</p><button class="primary" type="button" id="oui">Oui, supprimer</button> <button class="secondary" type="button" id="non">Non</button></div>`);
    document.getElementById("oui").focus();
    document.getElementById("non").addEventListener("click", () => { say("message", html``); b.focus(); });
    document.getElementById("oui").addEventListener("click", async () => {
      try { await api("DELETE", `/api/staff/calendar/periods/${b.dataset.period}`); await done("Période supprimée."); }
      catch (error) { say("message", problem(error)); }
    });
  }));
}

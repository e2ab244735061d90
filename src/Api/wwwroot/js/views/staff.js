// The mairie's pages: daily headcounts, attendance and the audit of an inscription.
import { html } from "../html.js";
import { api, download, today, session } from "../api.js";
import { page, problem, say, main, scroller } from "../shell.js";
import { frDate, isoDate, isoMonth, dateTime, monthName, weekdayLetter, weekdayName, parisInstant } from "../format.js";
import { STATES } from "./inscriptions.js";

const query = () => new URLSearchParams(location.hash.split("?")[1] ?? "");
const go = hash => { if (location.hash === hash) window.dispatchEvent(new HashChangeEvent("hashchange")); else location.hash = hash; };

export async function headcountsView() {
  const q = query();
  const from = isoDate(q.get("from")) ?? isoDate(q.get("date")) ?? await today();
  const to = isoDate(q.get("to")) ?? from;
  const rows = await api("GET", `/api/staff/headcounts?${new URLSearchParams(from === to ? { date: from } : { from, to })}`);
  await page(from === to ? `Effectifs du ${frDate(from)}` : `Effectifs du ${frDate(from)} au ${frDate(to)}`, [], html`
    <form id="jour"><label>Du <input name="from" type="date" value="${from}"></label> <label>au <input name="to" type="date" value="${to}"></label>
      <button class="secondary" type="submit">Afficher</button> <button class="secondary" type="button" id="csv">Exporter (CSV)</button></form>
    ${scroller("Effectifs", html`<table id="effectifs"><caption class="visually-hidden">Effectifs</caption><thead><tr><th scope="col">Jour</th><th scope="col">Activité</th><th scope="col">Unité</th><th scope="col">Groupe</th>
      <th scope="col">Réservés</th><th scope="col">Capacité</th><th scope="col">Liste d'attente</th></tr></thead>
    <tbody>${rows.map(r => html`<tr data-row="${`${r.activityCode}|${r.unit}|${r.group}`}" data-date="${r.date}"><td>${frDate(r.date)}</td><td>${r.activityCode}</td><td>${r.unit}</td><td>${r.group}</td>
      <td class="booked">${r.booked}</td><td>${r.capacity}</td><td>${r.waitlisted}</td></tr>`)}</tbody></table>`)}<div id="message" aria-live="polite"></div>`);
  document.getElementById("jour").addEventListener("submit", event => {
    event.preventDefault();
    const form = new FormData(event.target);
    go(`#/effectifs?${new URLSearchParams({ from: form.get("from"), to: form.get("to") || form.get("from") })}`);
  });
  document.getElementById("csv").addEventListener("click", () =>
    download(`/api/staff/headcounts.csv?${new URLSearchParams({ from, to })}`, `effectifs-${from}-${to}.csv`).catch(error => say("message", problem(error))));
}

const MARKS = { present: "présent", absent: "absent", "absent-justified": "absence justifiée" };

/** The day's sheet for one activity and unit: staff mark it (one tap per child, "Tous présents" first on a tablet); the
 * kitchen reads it. A mark can be corrected: the sheet shows the last one, the audit keeps every one. */
export async function attendanceView() {
  const q = query();
  const date = isoDate(q.get("date")) ?? await today();
  const activities = await api("GET", "/api/activities");
  const activityCode = q.get("activityCode") ?? activities[0]?.code ?? "";
  const activity = activities.find(a => a.code === activityCode);
  const unit = activity?.units.includes(q.get("unit")) ? q.get("unit") : activity?.units[0] ?? "";
  const sheet = activity ? await api("GET", `/api/staff/attendance-sheet?${new URLSearchParams({ activityCode, unit, date })}`) : [];
  const marking = session.role === "staff";
  const choice = (line, status) => html`<label class="choix pointage"><input type="radio" name="${line.inscriptionId}" value="${status}"${line.state === status ? html` checked` : ""}> ${MARKS[status]}</label>`;
  await page("Pointage", [], html`<form id="filtre" class="actions"><label>Activité <select name="activityCode">${activities.map(a => html`<option${a.code === activityCode ? html` selected` : ""}>${a.code}</option>`)}</select></label>
      <label>Unité <select name="unit">${(activity?.units ?? []).map(u => html`<option${u === unit ? html` selected` : ""}>${u}</option>`)}</select></label>
      <label>Jour <input type="date" name="date" value="${date}"></label><button class="secondary" type="submit">Afficher</button>
      <button class="secondary" type="button" data-print>Imprimer</button></form>
    <p>${sheet.length} enfant(s) attendu(s) le ${frDate(date)}.</p>
    <form id="pointage">${marking && sheet.length ? html`<p><button class="secondary" type="button" id="tous">Tous présents</button></p>` : ""}
      ${scroller("Feuille de pointage", html`<table><caption class="visually-hidden">Pointage</caption><thead><tr><th scope="col">Enfant</th><th scope="col">Groupe</th><th scope="col">Pointage</th></tr></thead><tbody>${sheet.map(line => html`<tr><td>${line.childName}</td><td>${line.group}</td>
      <td>${marking ? html`<fieldset class="marques"><legend class="visually-hidden">${line.childName}</legend>${Object.keys(MARKS).map(status => choice(line, status))}</fieldset>`
        : MARKS[line.state] ?? "non pointé"}</td></tr>`)}</tbody></table>`)}
      ${marking ? html`<button class="primary" type="submit">Enregistrer le pointage</button>` : ""}<div id="message" aria-live="polite"></div></form>`);
  document.getElementById("filtre").addEventListener("submit", event => { event.preventDefault(); go(`#/pointage?${new URLSearchParams(new FormData(event.target))}`); });
  document.getElementById("filtre").elements.activityCode.addEventListener("change", event =>
    go(`#/pointage?${new URLSearchParams({ activityCode: event.target.value, date: event.target.form.elements.date.value })}`));
  document.getElementById("tous")?.addEventListener("click", () =>
    main().querySelectorAll("#pointage input[value=present]").forEach(radio => { radio.checked = true; }));
  if (!marking) return;
  document.getElementById("pointage").addEventListener("submit", async event => {
    event.preventDefault();
    const entries = [...new FormData(event.target)].map(([inscriptionId, status]) => ({ inscriptionId, status }));
    try { await api("POST", "/api/staff/attendance", { activityCode, unit, date, entries }); say("message", html`<p class="ok">Pointage enregistré.</p>`); }
    catch (error) { say("message", problem(error)); }
  });
}

const WHO = by => by.startsWith("staff:") ? "la mairie" : by.startsWith("parent:") ? "la famille" : by === "payfip" ? "PayFiP" : "le système";

/** The inscription's timeline ("pourquoi ?"), for one day or all, and its grid as it stood at a chosen instant. */
export async function auditView() {
  const q = query();
  const id = q.get("inscription") ?? "";
  const date = isoDate(q.get("date")) ?? "";
  const month = isoMonth(q.get("mois")) ?? (date || await today()).slice(0, 7);
  const asOf = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(q.get("instant") ?? "") ? q.get("instant") : "";
  let timeline = html``, then = html``;
  if (id) {
    try {
      const audit = await api("GET", `/api/staff/audit/inscriptions/${encodeURIComponent(id)}${date ? `?${new URLSearchParams({ date })}` : ""}`);
      timeline = audit.events.length === 0 ? html`<p>Aucun événement${date ? " ce jour-là" : ""}.</p>`
        : html`<ol class="chronologie">${audit.events.map(e => html`<li><strong>${dateTime(e.at)}</strong> (n° ${e.sequence}, par ${WHO(e.by)}) – ${e.explanation || e.type}</li>`)}</ol>`;
      if (asOf) {
        const grid = await api("GET", `/api/staff/audit/inscriptions/${encodeURIComponent(id)}/planning?${new URLSearchParams({ month, asOf: parisInstant(asOf) })}`);
        then = html`<h2>La grille au ${dateTime(parisInstant(asOf))} : ${monthName(month)}</h2>${scroller("Grille à cet instant", html`<table class="grid">
          <caption class="visually-hidden">Grille de ${monthName(month)} à cet instant</caption>
          <thead><tr><th scope="col">Jour</th>${grid.days.map(d => html`<th scope="col"><abbr title="${weekdayName(d.date)}">${weekdayLetter(d.date)}</abbr><br>${d.date.slice(8)}</th>`)}</tr></thead>
          <tbody>${grid.units.map(u => html`<tr><th scope="row">${u}</th>${grid.days.map(d => {
            const state = d.closed ? "closed" : d.cells[u]?.state ?? "free";
            return html`<td class="state-${state}" title="${STATES[state] ?? state}"><span class="visually-hidden">${frDate(d.date)} ${u} : ${STATES[state] ?? state}</span></td>`;
          })}</tr>`)}</tbody></table>`)}<ul class="legend">${Object.entries(STATES).map(([state, text]) => html`<li><span class="swatch state-${state}" aria-hidden="true"></span>${text}</li>`)}</ul>`;
      }
    } catch (error) { timeline = problem(error); }
  }
  await page("Audit d'une inscription", [], html`<form id="audit" class="stack"><label>Inscription (identifiant) <input name="inscription" value="${id}" required></label>
    <label>Jour (facultatif) <input type="date" name="date" value="${date}"></label>
    <fieldset><legend>La grille telle qu'elle était (facultatif)</legend><label>Mois <input type="month" name="mois" value="${month}"></label>
      <label>À l'instant (heure de Paris) <input type="datetime-local" name="instant" value="${asOf}"></label></fieldset>
    <button class="primary" type="submit">Rejouer l'historique</button></form>${timeline}${then}`);
  document.getElementById("audit").addEventListener("submit", event => { event.preventDefault(); go(`#/audit?${new URLSearchParams([...new FormData(event.target)].filter(([, v]) => v))}`); });
}

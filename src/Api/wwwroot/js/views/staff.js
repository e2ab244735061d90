// The mairie's pages: daily headcounts, attendance and the audit of an inscription.
import { html } from "../html.js";
import { api, download, today } from "../api.js";
import { page, problem, say, main, scroller } from "../shell.js";
import { frDate, isoDate, dateTime } from "../format.js";

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

export async function attendanceView() {
  const q = query();
  const date = isoDate(q.get("date")) ?? await today();
  const activities = await api("GET", "/api/activities");
  const activityCode = q.get("activityCode") ?? activities[0]?.code ?? "";
  const activity = activities.find(a => a.code === activityCode);
  const unit = q.get("unit") ?? activity?.units[0] ?? "";
  const sheet = activity ? await api("GET", `/api/staff/attendance-sheet?${new URLSearchParams({ activityCode, unit, date })}`) : [];
  const choice = (line, status, label) => html`<label><input type="radio" name="${line.inscriptionId}" value="${status}"${line.state === status ? html` checked` : ""}> ${label}</label>`;
  await page("Pointage", [], html`<form id="filtre"><label>Activité <select name="activityCode">${activities.map(a => html`<option${a.code === activityCode ? html` selected` : ""}>${a.code}</option>`)}</select></label>
      <label>Unité <input name="unit" value="${unit}"></label><label>Jour <input type="date" name="date" value="${date}"></label><button class="secondary" type="submit">Afficher</button></form>
    <form id="pointage">${scroller("Feuille de pointage", html`<table><caption class="visually-hidden">Pointage</caption><thead><tr><th scope="col">Enfant</th><th scope="col">Groupe</th><th scope="col">Pointage</th></tr></thead><tbody>${sheet.map(line => html`<tr><td>${line.childName}</td><td>${line.group}</td>
      <td><fieldset><legend class="visually-hidden">${line.childName}</legend>${choice(line, "present", "présent")} ${choice(line, "absent", "absent")} ${choice(line, "absent-justified", "absence justifiée")}</fieldset></td></tr>`)}</tbody></table>`)}
      <button class="primary" type="submit">Enregistrer le pointage</button><div id="message" aria-live="polite"></div></form>`);
  document.getElementById("filtre").addEventListener("submit", event => { event.preventDefault(); go(`#/pointage?${new URLSearchParams(new FormData(event.target))}`); });
  document.getElementById("pointage").addEventListener("submit", async event => {
    event.preventDefault();
    const entries = [...new FormData(event.target)].map(([inscriptionId, status]) => ({ inscriptionId, status }));
    try { await api("POST", "/api/staff/attendance", { activityCode, unit, date, entries }); say("message", html`<p class="ok">Pointage enregistré.</p>`); }
    catch (error) { say("message", problem(error)); }
  });
}

export async function auditView() {
  const q = query();
  const id = q.get("inscription") ?? "";
  const date = isoDate(q.get("date")) ?? "";
  let timeline = html``;
  if (id) {
    try {
      const audit = await api("GET", `/api/staff/audit/inscriptions/${encodeURIComponent(id)}${date ? `?${new URLSearchParams({ date })}` : ""}`);
      timeline = html`<ol>${audit.events.map(e => html`<li><strong>${dateTime(e.at)}</strong> – ${e.by} – ${e.explanation || e.type}</li>`)}</ol>`;
    } catch (error) { timeline = problem(error); }
  }
  await page("Audit d'une inscription", [], html`<form id="audit" class="stack"><label>Inscription (identifiant) <input name="inscription" value="${id}" required></label>
    <label>Jour (facultatif) <input type="date" name="date" value="${date}"></label><button class="primary" type="submit">Rejouer l'historique</button></form>${timeline}`);
  document.getElementById("audit").addEventListener("submit", event => { event.preventDefault(); go(`#/audit?${new URLSearchParams([...new FormData(event.target)].filter(([, v]) => v))}`); });
}

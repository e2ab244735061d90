// Activités: the list, creating one (period, days, units, groups and their capacity, deadlines, validation, tariffs by QF
// bracket), and an activity's page where its capacity, deadlines and tariffs change, with the history of every rule.
import { html } from "../../html.js";
import { api, today } from "../../api.js";
import { page, problem, say, announce, main, scroller } from "../../shell.js";
import { shortDate, dateTime, euros, cents } from "../../format.js";

const CRUMBS = [["Activités", "#/activites"]];
const DAYS = { monday: "lundi", tuesday: "mardi", wednesday: "mercredi", thursday: "jeudi", friday: "vendredi", saturday: "samedi", sunday: "dimanche" };
const option = (value, label, current) => html`<option value="${value}"${value === current ? html` selected` : ""}>${label}</option>`;
const deadlineText = d => `${d.daysBefore === 0 ? "le jour même" : `${d.daysBefore} jour(s)${d.workingDays ? " ouvré(s)" : ""} avant`}, avant ${d.at}`;
const codes = text => String(text ?? "").split(/[\s,;]+/).map(c => c.trim().toUpperCase()).filter(Boolean);
const money = value => (value / 100).toFixed(2).replace(".", ",");

/** A deadline's three fields under one legend ("Réserver au plus tard"). */
export const deadlineFields = (name, legend, d = { daysBefore: 2, workingDays: true, at: "10:00" }) => html`<fieldset><legend>${legend}</legend>
  <label>Jours avant <input name="${name}.daysBefore" type="number" min="0" max="60" required value="${d.daysBefore}"></label>
  <label class="choix"><input name="${name}.workingDays" type="checkbox"${d.workingDays ? html` checked` : ""}> jours ouvrés (sinon jours calendaires)</label>
  <label>Heure limite <input name="${name}.at" type="time" required value="${d.at}"></label></fieldset>`;
export const deadlineOf = (form, name) => ({ daysBefore: Number(form.get(`${name}.daysBefore`)), workingDays: form.get(`${name}.workingDays`) === "on", at: form.get(`${name}.at`) });

/** Tariff brackets as rows: from QF, to QF (empty for the last), one price in euros per unit. */
const tariffRows = (units, brackets) => html`${scroller("Tarifs par tranche de quotient familial", html`<table><caption>Tarifs par tranche de quotient familial (€)</caption>
  <thead><tr><th scope="col">QF à partir de</th><th scope="col">QF jusqu'à (exclu)</th>${units.map(u => html`<th scope="col">${u}</th>`)}</tr></thead>
  <tbody>${brackets.map((b, i) => html`<tr><td><input name="t${i}.fromQf" type="number" min="0" aria-label="Tranche ${i + 1} : QF à partir de" value="${b.fromQf ?? ""}"></td>
    <td><input name="t${i}.toQf" type="number" min="0" aria-label="Tranche ${i + 1} : QF jusqu'à (vide pour la dernière)" value="${b.toQf ?? ""}"></td>
    ${units.map(u => html`<td><input name="t${i}.${u}" inputmode="decimal" aria-label="Tranche ${i + 1} : prix ${u} en euros" value="${b.priceCents?.[u] === undefined ? "" : money(b.priceCents[u])}"></td>`)}</tr>`)}</tbody></table>`)}`;
const tariffsOf = (form, units, rows) => [...Array(rows).keys()].filter(i => form.get(`t${i}.fromQf`) !== "").map(i => ({
  fromQf: Number(form.get(`t${i}.fromQf`)), ...(form.get(`t${i}.toQf`) ? { toQf: Number(form.get(`t${i}.toQf`)) } : {}),
  priceCents: Object.fromEntries(units.map(u => [u, cents(form.get(`t${i}.${u}`))])),
}));

export async function activitiesView() {
  const activities = await api("GET", "/api/activities");
  await page("Activités", [], html`<p><a href="#/activites/nouvelle">Créer une activité</a></p>
    ${scroller("Activités", html`<table><caption class="visually-hidden">Activités</caption>
      <thead><tr><th scope="col">Activité</th><th scope="col">Période</th><th scope="col">Jours</th><th scope="col">Capacités</th><th scope="col">Validation</th></tr></thead>
      <tbody>${activities.map(a => html`<tr><td><a href="#/activites/${a.code}">${a.code}</a> – ${a.label}</td><td>du ${shortDate(a.from)} au ${shortDate(a.to)}</td>
        <td>${a.weekdays.map(d => DAYS[d]).join(", ")}</td><td>${a.groups.map(g => `${g.code} : ${Object.entries(g.capacity).map(([u, n]) => `${u} ${n}`).join(", ")}`).join(" · ")}</td>
        <td>${a.validation === "manual" ? "par la mairie" : "automatique"}</td></tr>`)}</tbody></table>`)}`);
}

export async function newActivityView() {
  let units = ["REPAS"], groups = ["MATERNELLE", "PRIMAIRE"];
  const capacities = () => html`${scroller("Capacités", html`<table><caption>Places par groupe et par unité</caption>
    <thead><tr><th scope="col">Groupe</th>${units.map(u => html`<th scope="col">${u}</th>`)}</tr></thead>
    <tbody>${groups.map(g => html`<tr><th scope="row">${g}</th>${units.map(u => html`<td><input name="c.${g}.${u}" type="number" min="0" required aria-label="Places ${g} ${u}"></td>`)}</tr>`)}</tbody></table>`)}`;
  await page("Créer une activité", CRUMBS, html`<form id="activite" class="stack">
    <label>Code (majuscules, ex. CANTINE) <input name="code" required pattern="[A-Z0-9_]{2,20}" autocomplete="off"></label>
    <label>Libellé <input name="label" required maxlength="100"></label><label>Équipement <input name="equipment" required maxlength="100" value="ACCUEIL PERISCOLAIRE"></label>
    <fieldset class="periode"><legend>Période</legend><label>Du <input name="from" type="date" required></label><label>Au <input name="to" type="date" required></label></fieldset>
    <fieldset><legend>Jours d'accueil</legend>${Object.entries(DAYS).slice(0, 6).map(([k, v]) => html`<label class="choix"><input type="checkbox" name="weekdays" value="${k}"> ${v}</label>`)}</fieldset>
    <label>Unités (séparées par des virgules) <input name="units" id="unites" required value="${units.join(", ")}"></label>
    <label>Unités qui sont des repas (exclues de l'attestation fiscale) <input name="mealUnits" value="REPAS"></label>
    <label>Groupes (séparés par des virgules) <input name="groups" id="groupes" required value="${groups.join(", ")}"></label>
    <div id="capacites">${capacities()}</div>
    ${deadlineFields("booking", "Réserver au plus tard")}${deadlineFields("cancellation", "Annuler au plus tard")}
    <label>Validation <select name="validation">${option("automatic", "automatique (dans la limite des places)", "automatic")}${option("manual", "par la mairie", "")}</select></label>
    <div id="tarifs">${tariffRows(units, [{ fromQf: 0 }, {}, {}])}</div>
    <button class="primary" type="submit">Créer l'activité</button><div id="message" aria-live="polite"></div></form>`);
  // The capacity and tariff tables follow the units and groups typed; drawn again only when those changed, so what
  // was typed in them stays.
  const redrawRules = () => {
    const [newUnits, newGroups] = [codes(document.getElementById("unites").value), codes(document.getElementById("groupes").value)];
    if (newUnits.join() === units.join() && newGroups.join() === groups.join()) return;
    const unitsChanged = newUnits.join() !== units.join();
    [units, groups] = [newUnits, newGroups];
    say("capacites", capacities());
    if (unitsChanged) say("tarifs", tariffRows(units, [{ fromQf: 0 }, {}, {}]));
  };
  document.getElementById("unites").addEventListener("change", redrawRules);
  document.getElementById("groupes").addEventListener("change", redrawRules);
  document.getElementById("activite").addEventListener("submit", async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    try {
      const created = await api("POST", "/api/staff/activities", {
        code: form.get("code"), label: form.get("label"), equipment: form.get("equipment"), from: form.get("from"), to: form.get("to"),
        weekdays: form.getAll("weekdays"), units, mealUnits: codes(form.get("mealUnits")),
        groups: groups.map(g => ({ code: g, capacity: Object.fromEntries(units.map(u => [u, Number(form.get(`c.${g}.${u}`))])) })),
        bookingDeadline: deadlineOf(form, "booking"), cancellationDeadline: deadlineOf(form, "cancellation"),
        validation: form.get("validation"), tariffs: tariffsOf(form, units, 3),
      });
      location.hash = `#/activites/${created.code}`;
      announce("Activité créée.");
    } catch (error) { say("message", problem(error)); }
  });
}

export async function activityView(code) {
  const [activities, history, now] = await Promise.all([api("GET", "/api/activities"), api("GET", `/api/staff/activities/${encodeURIComponent(code)}/history`), today()]);
  const a = activities.find(x => x.code === code);
  if (!a) throw new Error("Aucune activité avec ce code.");
  const current = history.tariffGrids.filter(g => g.effectiveFrom <= now).at(-1) ?? history.tariffGrids[0];
  await page(`${a.code} – ${a.label}`, CRUMBS, html`
    <dl class="inline"><dt>Équipement</dt><dd>${a.equipment}</dd><dt>Période</dt><dd>du ${shortDate(a.from)} au ${shortDate(a.to)}</dd>
      <dt>Jours</dt><dd>${a.weekdays.map(d => DAYS[d]).join(", ")}</dd><dt>Unités</dt><dd>${a.units.join(", ")}${a.mealUnits.length ? ` (repas : ${a.mealUnits.join(", ")})` : ""}</dd>
      <dt>Réserver au plus tard</dt><dd>${deadlineText(a.bookingDeadline)}</dd><dt>Annuler au plus tard</dt><dd>${deadlineText(a.cancellationDeadline)}</dd>
      <dt>Validation</dt><dd>${a.validation === "manual" ? "par la mairie" : "automatique (dans la limite des places)"}</dd>
      <dt>Tarifs en vigueur</dt><dd>${current.tariffs.map(t => `QF ${t.fromQf}${t.toQf ? `–${t.toQf}` : " et plus"} : ${Object.entries(t.priceCents).map(([u, c]) => `${u} ${euros(c)}`).join(", ")}`).join(" ; ")}</dd></dl>
    <div class="cards">
      <form id="capacite" class="stack card"><h2>Capacité</h2>
        <label>Groupe <select name="group">${a.groups.map(g => option(g.code, g.code))}</select></label>
        <label>Unité <select name="unit">${a.units.map(u => option(u, u))}</select></label>
        <label>Places <input name="capacity" type="number" min="0" required></label>
        <p class="note">Augmenter donne aussitôt les places à la liste d'attente ; baisser garde les réservations faites.</p>
        <button class="secondary" type="submit">Changer la capacité</button></form>
      <form id="delais" class="stack card"><h2>Délais</h2>${deadlineFields("booking", "Réserver au plus tard", a.bookingDeadline)}
        ${deadlineFields("cancellation", "Annuler au plus tard", a.cancellationDeadline)}<p class="note">Valent pour les demandes faites à partir de maintenant.</p>
        <button class="secondary" type="submit">Changer les délais</button></form>
      <form id="validation" class="stack card"><h2>Validation</h2>
        <label>Les demandes sont décidées <select name="validation">${option("automatic", "automatiquement (dans la limite des places)", a.validation)}${option("manual", "par la mairie", a.validation)}</select></label>
        <p class="note">Vaut pour les demandes faites à partir de maintenant ; celles qui attendent restent à décider.</p>
        <button class="secondary" type="submit">Changer la validation</button></form></div>
    <form id="tarifs" class="stack"><h2>Nouveaux tarifs</h2><label>Applicables aux jours à partir du <input name="effectiveFrom" type="date" required></label>
      ${tariffRows(a.units, [...current.tariffs, {}])}<p class="note">Les mois déjà facturés ne changent pas.</p>
      <button class="secondary" type="submit">Enregistrer les tarifs</button></form>
    <div id="message" aria-live="polite"></div>
    <h2>Historique des règles</h2>${scroller("Historique des règles", html`<table><caption class="visually-hidden">Historique des règles</caption>
      <thead><tr><th scope="col">Le</th><th scope="col">Par</th><th scope="col">Changement</th></tr></thead>
      <tbody>${history.changes.slice().reverse().map(c => html`<tr><td>${dateTime(c.at)}</td><td>${c.by}</td><td>${c.description}</td></tr>`)}</tbody></table>`)}`);
  const send = (id, message, body) => document.getElementById(id).addEventListener("submit", async event => {
    event.preventDefault();
    try { await body(new FormData(event.target)); await activityView(code); say("message", html`<p class="ok">${message}</p>`); announce(message); }
    catch (error) { say("message", problem(error)); }
  });
  const url = `/api/staff/activities/${encodeURIComponent(code)}`;
  send("capacite", "Capacité changée.", f => api("PUT", `${url}/capacity`, { group: f.get("group"), unit: f.get("unit"), capacity: Number(f.get("capacity")) }));
  send("delais", "Délais changés.", f => api("PUT", `${url}/deadlines`, { bookingDeadline: deadlineOf(f, "booking"), cancellationDeadline: deadlineOf(f, "cancellation") }));
  send("validation", "Mode de validation changé.", f => api("PUT", `${url}/validation`, { validation: f.get("validation") }));
  send("tarifs", "Tarifs enregistrés.", f => api("PUT", `${url}/tariffs`, { effectiveFrom: f.get("effectiveFrom"), tariffs: tariffsOf(f, a.units, current.tariffs.length + 1) }));
}

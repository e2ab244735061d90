// Portail Famille – reference front end. Every rule is decided by the API: this page only shows its answers.
"use strict";

const session = {
  get token() { return sessionStorage.getItem("token"); },
  get role() { return sessionStorage.getItem("role"); },
  save(login) { sessionStorage.setItem("token", login.accessToken); sessionStorage.setItem("role", login.role); },
  clear() { sessionStorage.clear(); portalToday = null; },
};

const main = () => document.getElementById("contenu");
/** The commune's date on the portal's clock (not the browser's): grids and lists open on it. */
let portalToday = null;
async function today() {
  if (!portalToday) portalToday = (await api("GET", "/api/me")).today;
  return portalToday;
}
const euros = cents => (cents / 100).toLocaleString("fr-FR", { style: "currency", currency: "EUR" });
const frDate = iso => new Date(iso + "T12:00:00Z").toLocaleDateString("fr-FR", { weekday: "short", day: "numeric", month: "long", timeZone: "UTC" });
const escape = text => String(text ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
/** A fragment already made of escaped parts, passed through html`` as is. */
class SafeHtml { constructor(text) { this.text = text; } toString() { return this.text; } }
const unsafe = text => new SafeHtml(text);
/** Template tag: every interpolated value is escaped unless it is itself html`` (arrays are joined). */
const html = (strings, ...values) => unsafe(strings.reduce((out, part, i) => {
  const value = i === 0 ? "" : values[i - 1];
  const text = Array.isArray(value) ? value.map(v => v instanceof SafeHtml ? v.text : escape(v)).join("")
    : value instanceof SafeHtml ? value.text : escape(value);
  return out + text + part;
}, ""));
/** A date from the address bar or a form, or null: only yyyy-mm-dd reaches a page or a request. */
const isoDate = value => /^\d{4}-\d{2}-\d{2}$/.test(value ?? "") ? value : null;
const announce = text => { document.getElementById("annonce").textContent = text; };
/** Navigates, or reloads the view when the address is already that one (a "Afficher" that refreshes). */
const go = hash => { if (location.hash === hash) route(); else location.hash = hash; };

async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  // One key per user action, reused by its retry: the server then answers the first outcome instead of acting twice.
  if (method === "POST") headers["Idempotency-Key"] = crypto.randomUUID();
  const send = () => fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  // The network failed (no answer) or the server did (its answer lost): the same request, the same key, once more.
  // A request whose effect committed is answered as it was the first time, never run twice.
  let response = await send().catch(() => null);
  if (!response || response.status >= 500) response = await send();
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (response.status === 401 && session.token) { session.clear(); location.hash = "#/connexion"; }
  if (!response.ok) throw Object.assign(new Error(data?.detail ?? `Erreur ${response.status}`), { status: response.status, data });
  return data;
}

const STATES = {
  free: "Libre", requested: "Demande envoyée", booked: "Réservé", "cancellation-requested": "Annulation demandée",
  waitlisted: "Liste d'attente", late: "Hors délai (refusé)", locked: "Réservé, délai passé", present: "Présent", absent: "Absent",
  "absent-justified": "Absence justifiée", closed: "Fermé",
};
const REASONS = {
  deadline: "hors délai", closed: "jour fermé", "not-in-period": "hors période d'inscription", "already-booked": "déjà réservé",
  "not-booked": "rien à annuler", "not-pending": "aucune demande en attente", "unknown-unit": "unité inconnue",
};
const STATUS = { pending: "en attente", accepted: "acceptée", refused: "refusée", withdrawn: "retirée" };
const OUTCOMES = {
  booked: "réservé", requested: "demande envoyée à la mairie", waitlisted: "complet : mis en liste d'attente", cancelled: "annulé",
  "cancellation-requested": "annulation envoyée à la mairie", withdrawn: "demande retirée", refused: "refusé",
};

function menu() {
  const links = {
    parent: [["#/inscriptions", "Mes inscriptions"], ["#/famille", "Ma famille"], ["#/compte", "Mon compte"], ["#/tableau-de-bord", "Tableau de bord"], ["#/demandes", "Demandes"]],
    staff: [["#/effectifs", "Effectifs"], ["#/en-attente", "Demandes en attente"], ["#/pointage", "Pointage"], ["#/audit", "Audit"]],
    kitchen: [["#/effectifs", "Effectifs"]],
  }[session.role] ?? [];
  document.getElementById("menu").innerHTML = links.map(([href, label]) => `<a href="${href}">${label}</a>`).join("")
    + (session.token ? `<button type="button" id="deconnexion">Se déconnecter</button>` : "");
  document.getElementById("deconnexion")?.addEventListener("click", async () => {
    // Ends the session on the server too; the page forgets it whatever the answer (a session already ended is a 401).
    await api("POST", "/api/auth/logout").catch(() => null);
    session.clear();
    location.hash = "#/connexion";
  });
}

function show(html, title) {
  document.title = `${title} – Portail Famille`;
  main().innerHTML = `<h1>${escape(title)}</h1>${html}`;
  main().focus();
}

function problem(error) { return `<p class="error" role="alert">${escape(error.message)}</p>`; }

// ----- accounts -----

function loginView() {
  show(`<form class="stack" id="connexion">
      <label>Adresse e-mail <input name="email" type="email" autocomplete="username" required></label>
      <label>Mot de passe <input name="password" type="password" autocomplete="current-password" required></label>
      <button class="primary" type="submit">Se connecter</button><div id="message"></div></form>`, "Connexion");
  document.getElementById("connexion").addEventListener("submit", async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    try {
      session.save(await api("POST", "/api/auth/login", { email: form.get("email"), password: form.get("password") }));
      location.hash = session.role === "parent" ? "#/inscriptions" : "#/effectifs";
    } catch (error) { document.getElementById("message").innerHTML = problem(error); }
  });
}

function passwordView(kind) {
  const token = new URLSearchParams(location.search).get("token") ?? "";
  const activation = kind === "activation";
  show(`<form class="stack" id="mot-de-passe"><label>Nouveau mot de passe (12 caractères au moins)
      <input name="password" type="password" autocomplete="new-password" required></label>
      <button class="primary" type="submit">${activation ? "Activer mon compte" : "Changer mon mot de passe"}</button><div id="message"></div></form>`,
    activation ? "Activation du compte" : "Nouveau mot de passe");
  document.getElementById("mot-de-passe").addEventListener("submit", async event => {
    event.preventDefault();
    const password = new FormData(event.target).get("password");
    try {
      await (activation ? api("POST", "/api/auth/activation", { token, password })
        : api("POST", "/api/auth/password-reset/confirm", { token, newPassword: password }));
      history.replaceState(null, "", "/#/connexion");
      await queue(loginView);
      announce("Mot de passe enregistré : vous pouvez vous connecter.");
    } catch (error) { document.getElementById("message").innerHTML = problem(error); }
  });
}

// ----- parent: family, inscriptions, grid -----

async function familyView() {
  const family = await api("GET", "/api/family");
  const phones = family.phones ?? {};
  const field = (name, label) => `<label>${label} <input name="${name}" type="tel" value="${escape(phones[name] ?? "")}"></label>`;
  show(`<div class="cards"><section class="card"><h2>${escape(family.civility)} ${escape(family.firstName)} ${escape(family.lastName)}</h2>
      <p>${escape(family.address?.line1)}<br>${escape(family.address?.postalCode)} ${escape(family.address?.city)}</p>
      <p>${escape(family.email)}</p></section>
      <section class="card"><h2>Enfants</h2><ul>${(family.children ?? []).map(c => `<li>${escape(c.firstName)} ${escape(c.lastName)}</li>`).join("")}</ul></section></div>
    <h2>Mes coordonnées</h2><form class="stack" id="telephones">${field("home", "Téléphone fixe")}${field("mobile1", "Portable 1")}${field("mobile2", "Portable 2")}
      ${field("work1", "Travail 1")}${field("work2", "Travail 2")}<button class="primary" type="submit">Enregistrer</button><div id="message"></div></form>`, "Ma famille");
  document.getElementById("telephones").addEventListener("submit", async event => {
    event.preventDefault();
    const body = Object.fromEntries([...new FormData(event.target)].filter(([, v]) => v !== ""));
    try { await api("PUT", "/api/family/phones", body); document.getElementById("message").innerHTML = `<p class="ok">Coordonnées enregistrées.</p>`; }
    catch (error) { document.getElementById("message").innerHTML = problem(error); }
  });
}

async function inscriptionsView() {
  const inscriptions = await api("GET", "/api/inscriptions");
  const now = await today();
  // The current month, or the inscription's first or last month when now is outside its period.
  const monthOf = i => (now < i.from ? i.from : now > i.to ? i.to : now).slice(0, 7);
  show(inscriptions.length === 0 ? "<p>Aucune inscription.</p>" : `<ul class="cards">${inscriptions.map(i => `<li class="card">
      <h2>${escape(i.childName ?? "")}</h2><p>${escape(i.label ?? i.activityCode)} – groupe ${escape(i.group)}</p>
      <a href="#/planning/${i.inscriptionId}/${monthOf(i)}">Réserver (planning du mois)</a></li>`).join("")}</ul>`, "Mes inscriptions");
}

const pending = new Map(); // "date|unit" → action, the changes not sent yet (yellow)

function actionFor(state) {
  if (state === "free" || state === "late") return "book";
  if (state === "booked" || state === "locked") return "cancel";
  if (["waitlisted", "requested", "cancellation-requested"].includes(state)) return "withdraw";
  return null;
}

async function planningView(inscriptionId, month, results) {
  const [grid, queue] = await Promise.all([api("GET", `/api/inscriptions/${inscriptionId}/planning?month=${month}`),
    session.role === "parent" ? api("GET", `/api/inscriptions/${inscriptionId}/waitlist`) : Promise.resolve([])]);
  const positions = new Map(queue.map(p => [`${p.date}|${p.unit}`, p.position]));
  const [year, m] = month.split("-").map(Number);
  const shift = delta => { const d = new Date(Date.UTC(year, m - 1 + delta, 1)); return d.toISOString().slice(0, 7); };
  const rows = grid.days.map(day => {
    if (day.closed) return `<tr class="closed"><th scope="row">${frDate(day.date)}</th><td colspan="${grid.units.length}">${escape(day.label ?? "Fermé")}</td></tr>`;
    return `<tr><th scope="row">${frDate(day.date)}</th>${grid.units.map(unit => {
      const cell = day.cells[unit];
      const key = `${day.date}|${unit}`;
      const action = actionFor(cell.state);
      const changed = pending.has(key);
      const label = `${frDate(day.date)} ${unit} : ${STATES[cell.state] ?? cell.state}${changed ? " (modification à valider)" : ""}`;
      return `<td class="cell"><button type="button" class="cell state-${cell.state}${changed ? " changed" : ""}" data-key="${key}"
        data-action="${action ?? ""}" data-state="${cell.state}" aria-pressed="${changed}" aria-label="${escape(label)}"
        title="${escape(STATES[cell.state] ?? cell.state)}${cell.editable ? "" : " – modification soumise au délai"}" ${action ? "" : "disabled"}>
        ${changed ? "À valider" : escape(STATES[cell.state] ?? cell.state)}${positions.has(key) && !changed ? ` (position ${positions.get(key)})` : ""}</button></td>`;
    }).join("")}</tr>`;
  }).join("");
  const legend = ["free", "requested", "booked", "cancellation-requested", "waitlisted", "late", "locked", "closed"]
    .map(s => `<li><span class="state-${s}" aria-hidden="true"></span>${STATES[s]}</li>`).join("");
  show(`<p><a href="#/planning/${inscriptionId}/${shift(-1)}">← Mois précédent</a> · <a href="#/planning/${inscriptionId}/${shift(1)}">Mois suivant →</a></p>
    <ul class="legend" aria-label="Légende">${legend}</ul>
    <p>Cliquez sur les cases à réserver ou à annuler (elles passent en jaune), puis validez.</p>
    <table class="grid"><caption class="visually-hidden">Planning ${escape(month)}</caption>
      <thead><tr><th scope="col">Jour</th>${grid.units.map(u => `<th scope="col">${escape(u)}</th>`).join("")}</tr></thead><tbody>${rows}</tbody></table>
    <p><button class="primary" type="button" id="valider" ${pending.size ? "" : "disabled"}>Valider (${pending.size})</button></p>
    <div id="resultats">${results ?? ""}</div>`, `Planning ${new Date(Date.UTC(year, m - 1, 1)).toLocaleDateString("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" })}`);
  main().querySelectorAll("button.cell").forEach(button => button.addEventListener("click", () => {
    const key = button.dataset.key;
    if (pending.has(key)) pending.delete(key); else pending.set(key, button.dataset.action);
    again(() => planningView(inscriptionId, month, results)).then(() => main().querySelector(`button[data-key="${key}"]`)?.focus());
  }));
  document.getElementById("valider").addEventListener("click", async () => {
    const changes = [...pending].map(([key, action]) => { const [date, unit] = key.split("|"); return { date, unit, action }; });
    try {
      const answer = await api("POST", `/api/inscriptions/${inscriptionId}/reservations`, { changes });
      pending.clear();
      const lines = answer.results.map(r => `<li class="${r.outcome === "refused" ? "refused" : ""}">${frDate(r.date)} ${escape(r.unit)} : ${escape(OUTCOMES[r.outcome] ?? r.outcome)}${r.reason ? ` (${escape(REASONS[r.reason] ?? r.reason)})` : ""}</li>`);
      await again(() => planningView(inscriptionId, month, `<h2>Résultat</h2><ul class="results">${lines.join("")}</ul>`));
      announce(`${answer.results.length} modification(s) traitée(s).`);
    } catch (error) { document.getElementById("resultats").innerHTML = problem(error); }
  });
}

// ----- parent: money, dashboard, requests -----

async function accountView() {
  const paymentId = new URLSearchParams(location.search).get("paiement");
  let paymentNote = "";
  if (paymentId) {
    paymentNote = await paymentStatus(paymentId);
    history.replaceState(null, "", "/#/compte"); // back from PayFiP: the rest of the visit is ordinary navigation
  }
  const [account, inscriptions, invoices] = await Promise.all([api("GET", "/api/account"), api("GET", "/api/account/inscriptions"), api("GET", "/api/account/invoices")]);
  show(`${paymentNote}<div class="cards"><section class="card"><h2>Solde des factures</h2><p id="solde-factures">${euros(account.invoicesBalanceCents)}</p></section>
      <section class="card"><h2>Situation financière</h2><p id="situation">${euros(account.familyBalanceCents)}</p></section>
      <section class="card"><h2>Quotient familial</h2><p>${account.quotientFamilial} (depuis le ${escape(account.quotientFamilialDate)})</p></section>
      <section class="card"><h2>Régie</h2><p>${escape(account.manager.name)}<br>${escape(account.manager.address)}<br>${escape(account.manager.email)} – ${escape(account.manager.phone)}</p></section></div>
    <h2>Détail par inscription</h2><table><thead><tr><th>Inscription</th><th>Enfant</th><th class="money">Dû</th><th class="money">Payé</th><th class="money">Solde</th></tr></thead>
      <tbody>${inscriptions.map(i => `<tr><td>${escape(i.label)}</td><td>${escape(i.childName)}</td><td class="money">${euros(i.dueCents)}</td><td class="money">${euros(i.paidCents)}</td><td class="money">${euros(i.balanceCents)}</td></tr>`).join("")}</tbody></table>
    <h2>Factures</h2>${invoices.length === 0 ? "<p>Aucune facture.</p>" : `<table><thead><tr><th>N°</th><th>Mois</th><th class="money">Montant</th><th class="money">Reste à payer</th><th>État</th><th>Actions</th></tr></thead>
      <tbody>${invoices.map(i => `<tr><td>${escape(i.number)}</td><td>${escape(i.month)}</td><td class="money">${euros(i.amountCents)}</td><td class="money">${euros(i.balanceCents)}</td>
        <td>${{ unpaid: "à payer", "partially-paid": "partiellement payée", paid: "payée" }[i.status]}</td>
        <td><button type="button" class="secondary" data-pdf="${i.invoiceId}" data-number="${escape(i.number)}">PDF</button>
        ${i.balanceCents > 0 && account.paymentAllowed ? `<button type="button" class="primary" data-pay="${i.invoiceId}" data-amount="${i.balanceCents}">Payer ${euros(i.balanceCents)}</button>` : ""}</td></tr>`).join("")}</tbody></table>`}
    <div id="message"></div>`, "Mon compte");
  main().querySelectorAll("[data-pay]").forEach(button => button.addEventListener("click", async () => {
    try {
      const payment = await api("POST", "/api/payments", { items: [{ invoiceId: button.dataset.pay, amountCents: Number(button.dataset.amount) }] });
      location.assign(payment.redirectUrl); // PayFiP's page; card data never touches the portal
    } catch (error) { document.getElementById("message").innerHTML = problem(error); }
  }));
  main().querySelectorAll("[data-pdf]").forEach(button => button.addEventListener("click", async () => {
    const response = await fetch(`/api/invoices/${button.dataset.pdf}/pdf`, { headers: { Authorization: `Bearer ${session.token}` } });
    const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(await response.blob()), download: `facture-${button.dataset.number}.pdf` });
    link.click();
  }));
}

/** Back from PayFiP: the balance moves only once PayFiP has confirmed, so wait (briefly) for the portal to know. */
async function paymentStatus(paymentId) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const payment = await api("GET", `/api/payments/${paymentId}`);
    if (payment.status !== "pending") {
      const text = { paid: "Paiement confirmé par PayFiP", refused: "Paiement refusé", cancelled: "Paiement annulé", expired: "Paiement expiré" }[payment.status];
      return `<p class="${payment.status === "paid" ? "ok" : "error"}" role="status" id="paiement">${text} (${euros(payment.amountCents)}).</p>`;
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  return `<p role="status" id="paiement">Paiement en cours de confirmation par PayFiP…</p>`;
}

async function dashboardView() {
  const entries = await api("GET", "/api/dashboard");
  show(entries.length === 0 ? "<p>Rien pour le moment.</p>" : `<table><thead><tr><th>Date</th><th>Catégorie</th><th>Objet</th><th>État</th></tr></thead>
    <tbody>${entries.map(e => `<tr><td>${new Date(e.at).toLocaleString("fr-FR")}</td><td>${escape(e.category)}</td><td>${escape(e.subject)}</td><td>${escape(STATUS[e.status] ?? e.status)}</td></tr>`).join("")}</tbody></table>`,
    "Tableau de bord");
}

async function requestsView() {
  const [family, inscriptions] = await Promise.all([api("GET", "/api/family"), api("GET", "/api/inscriptions")]);
  show(`<form class="stack" id="demande"><label>Demande
      <select name="type" id="type"><option value="attestation-fiscale">Attestation fiscale</option><option value="attestation-inscription">Attestation d'inscription</option>
      <option value="new-inscription">Nouvelle inscription</option><option value="new-person">Ajout d'une personne</option></select></label>
      <div id="champs"></div><button class="primary" type="submit">Envoyer la demande</button><div id="message"></div></form>`, "Demandes");
  const fields = {
    "attestation-fiscale": () => `<label>Année <input name="year" type="number" min="2000" value="${new Date().getFullYear()}" required></label>`,
    "attestation-inscription": () => `<label>Inscription <select name="inscriptionId">${inscriptions.map(i => `<option value="${i.inscriptionId}">${escape(i.childName)} – ${escape(i.label)}</option>`).join("")}</select></label>`,
    "new-inscription": () => `<label>Enfant <select name="childId">${family.children.map(c => `<option value="${c.childId}">${escape(c.firstName)}</option>`).join("")}</select></label>
      <label>Code de l'activité <input name="activityCode" required></label><label>Groupe <input name="group" required></label>`,
    "new-person": () => `<label>Prénom <input name="firstName" required></label><label>Nom <input name="lastName" required></label>
      <label>Date de naissance <input name="birthDate" type="date" required></label><label>Sexe <select name="sex"><option value="F">F</option><option value="M">M</option></select></label>`,
  };
  const type = document.getElementById("type");
  const refresh = () => { document.getElementById("champs").innerHTML = fields[type.value](); };
  type.addEventListener("change", refresh);
  refresh();
  document.getElementById("demande").addEventListener("submit", async event => {
    event.preventDefault();
    const body = Object.fromEntries(new FormData(event.target));
    if (body.year) body.year = Number(body.year);
    try { await api("POST", "/api/requests", body); document.getElementById("message").innerHTML = `<p class="ok">Demande envoyée : suivez-la dans le tableau de bord.</p>`; }
    catch (error) { document.getElementById("message").innerHTML = problem(error); }
  });
}

// ----- staff -----

async function headcountsView() {
  const query = new URLSearchParams(location.hash.split("?")[1] ?? "");
  const from = isoDate(query.get("from")) ?? isoDate(query.get("date")) ?? await today();
  const to = isoDate(query.get("to")) ?? from;
  const range = new URLSearchParams(from === to ? { date: from } : { from, to });
  const rows = await api("GET", `/api/staff/headcounts?${range}`);
  const csv = `/api/staff/headcounts.csv?${new URLSearchParams({ from, to })}`;
  show(html`<form id="jour"><label>Du <input name="from" type="date" value="${from}"></label> <label>au <input name="to" type="date" value="${to}"></label>
      <button class="secondary" type="submit">Afficher</button> <button class="secondary" type="button" id="csv">Exporter (CSV)</button></form>
    <table id="effectifs"><thead><tr><th>Jour</th><th>Activité</th><th>Unité</th><th>Groupe</th><th>Réservés</th><th>Capacité</th><th>Liste d'attente</th></tr></thead>
    <tbody>${rows.map(r => html`<tr data-row="${`${r.activityCode}|${r.unit}|${r.group}`}" data-date="${r.date}"><td>${frDate(r.date)}</td><td>${r.activityCode}</td><td>${r.unit}</td><td>${r.group}</td>
      <td class="booked">${r.booked}</td><td>${r.capacity}</td><td>${r.waitlisted}</td></tr>`)}</tbody></table>`.text,
    from === to ? `Effectifs du ${frDate(from)}` : `Effectifs du ${frDate(from)} au ${frDate(to)}`);
  document.getElementById("jour").addEventListener("submit", event => {
    event.preventDefault();
    const form = new FormData(event.target);
    go(`#/effectifs?${new URLSearchParams({ from: form.get("from"), to: form.get("to") || form.get("from") })}`);
  });
  document.getElementById("csv").addEventListener("click", async () => {
    const response = await fetch(csv, { headers: { Authorization: `Bearer ${session.token}` } });
    Object.assign(document.createElement("a"), { href: URL.createObjectURL(await response.blob()), download: `effectifs-${from}-${to}.csv` }).click();
  });
}

async function pendingView() {
  const pendingList = await api("GET", "/api/staff/pending");
  show(`<h2>Demandes des familles</h2>${pendingList.requests.length === 0 ? "<p>Aucune.</p>" : `<ul>${pendingList.requests.map(r => `<li>${escape(r.type)} (${new Date(r.at).toLocaleString("fr-FR")})
      <button class="secondary" data-request="${r.requestId}" data-decision="accept">Accepter</button> <button class="secondary" data-request="${r.requestId}" data-decision="refuse">Refuser</button></li>`).join("")}</ul>`}
    <h2>Réservations à valider</h2>${pendingList.reservations.length === 0 ? "<p>Aucune.</p>" : `<ul>${pendingList.reservations.map(r => `<li>${escape(r.childName)} – ${frDate(r.date)} ${escape(r.unit)} (${escape(r.action)})
      <button class="secondary" data-cell="${r.inscriptionId}|${r.date}|${r.unit}" data-decision="accept">Accepter</button> <button class="secondary" data-cell="${r.inscriptionId}|${r.date}|${r.unit}" data-decision="refuse">Refuser</button></li>`).join("")}</ul>`}
    <div id="message"></div>`, "Demandes en attente");
  main().querySelectorAll("[data-request]").forEach(b => b.addEventListener("click", async () => {
    try { await api("POST", `/api/staff/requests/${b.dataset.request}/decision`, { decision: b.dataset.decision }); await again(pendingView); }
    catch (error) { document.getElementById("message").innerHTML = problem(error); }
  }));
  main().querySelectorAll("[data-cell]").forEach(b => b.addEventListener("click", async () => {
    const [inscriptionId, date, unit] = b.dataset.cell.split("|");
    try { await api("POST", "/api/staff/reservations/decisions", { inscriptionId, date, unit, decision: b.dataset.decision }); await again(pendingView); }
    catch (error) { document.getElementById("message").innerHTML = problem(error); }
  }));
}

async function attendanceView() {
  const query = new URLSearchParams(location.hash.split("?")[1] ?? "");
  const date = isoDate(query.get("date")) ?? await today();
  const activities = await api("GET", "/api/activities");
  const activityCode = query.get("activityCode") ?? activities[0]?.code ?? "";
  const activity = activities.find(a => a.code === activityCode);
  const unit = query.get("unit") ?? activity?.units[0] ?? "";
  const sheet = activity ? await api("GET", `/api/staff/attendance-sheet?${new URLSearchParams({ activityCode, unit, date })}`) : [];
  const choice = (line, status, label) => html`<label><input type="radio" name="${line.inscriptionId}" value="${status}" ${unsafe(line.state === status ? "checked" : "")}> ${label}</label>`;
  show(html`<form id="filtre"><label>Activité <select name="activityCode">${activities.map(a => html`<option ${unsafe(a.code === activityCode ? "selected" : "")}>${a.code}</option>`)}</select></label>
      <label>Unité <input name="unit" value="${unit}"></label><label>Jour <input type="date" name="date" value="${date}"></label><button class="secondary" type="submit">Afficher</button></form>
    <form id="pointage"><table><thead><tr><th>Enfant</th><th>Groupe</th><th>Pointage</th></tr></thead><tbody>${sheet.map(line => html`<tr><td>${line.childName}</td><td>${line.group}</td>
      <td><fieldset><legend class="visually-hidden">${line.childName}</legend>${choice(line, "present", "présent")} ${choice(line, "absent", "absent")} ${choice(line, "absent-justified", "absence justifiée")}</fieldset></td></tr>`)}</tbody></table>
      <button class="primary" type="submit">Enregistrer le pointage</button><div id="message"></div></form>`.text, "Pointage");
  document.getElementById("filtre").addEventListener("submit", event => { event.preventDefault(); go(`#/pointage?${new URLSearchParams(new FormData(event.target))}`); });
  document.getElementById("pointage").addEventListener("submit", async event => {
    event.preventDefault();
    const entries = [...new FormData(event.target)].map(([inscriptionId, status]) => ({ inscriptionId, status }));
    try { await api("POST", "/api/staff/attendance", { activityCode, unit, date, entries }); document.getElementById("message").innerHTML = `<p class="ok">Pointage enregistré.</p>`; }
    catch (error) { document.getElementById("message").innerHTML = problem(error); }
  });
}

async function auditView() {
  const query = new URLSearchParams(location.hash.split("?")[1] ?? "");
  const id = query.get("inscription") ?? "";
  const date = isoDate(query.get("date")) ?? "";
  let timeline = "";
  if (id) {
    try {
      const audit = await api("GET", `/api/staff/audit/inscriptions/${encodeURIComponent(id)}${date ? `?${new URLSearchParams({ date })}` : ""}`);
      timeline = `<ol>${audit.events.map(e => `<li><strong>${new Date(e.at).toLocaleString("fr-FR")}</strong> – ${escape(e.by)} – ${escape(e.explanation || e.type)}</li>`).join("")}</ol>`;
    } catch (error) { timeline = problem(error); }
  }
  show(`<form id="audit" class="stack"><label>Inscription (identifiant) <input name="inscription" value="${escape(id)}" required></label>
    <label>Jour (facultatif) <input type="date" name="date" value="${escape(date)}"></label><button class="primary" type="submit">Rejouer l'historique</button></form>${timeline}`, "Audit d'une inscription");
  document.getElementById("audit").addEventListener("submit", event => { event.preventDefault(); go(`#/audit?${new URLSearchParams([...new FormData(event.target)].filter(([, v]) => v))}`); });
}

// ----- routing -----

// Views render one after the other: a slow earlier view can never overwrite the one asked for last.
let routing = Promise.resolve();
function queue(draw) { routing = routing.then(draw, draw); return routing; }
function route() { return queue(render); }
/** Redraws the current view after an action, unless the user has gone elsewhere meanwhile. */
function again(draw) { const here = location.href; return queue(() => (location.href === here ? draw() : undefined)); }

async function render() {
  menu();
  const path = location.pathname;
  if (path === "/activation") return passwordView("activation");
  if (path === "/reinitialisation") return passwordView("reset");
  if (!session.token) return loginView();
  const [hashPath] = location.hash.slice(1).split("?");
  const parts = hashPath.split("/").filter(Boolean);
  try {
    if (new URLSearchParams(location.search).has("paiement")) return await accountView();
    switch (parts[0]) {
      case "famille": return await familyView();
      case "planning": return await planningView(parts[1], parts[2]);
      case "compte": return await accountView();
      case "tableau-de-bord": return await dashboardView();
      case "demandes": return await requestsView();
      case "effectifs": return await headcountsView();
      case "en-attente": return await pendingView();
      case "pointage": return await attendanceView();
      case "audit": return await auditView();
      case "inscriptions": return await inscriptionsView();
      default: location.hash = session.role === "parent" ? "#/inscriptions" : "#/effectifs";
    }
  } catch (error) { show(problem(error), "Erreur"); }
}

window.addEventListener("hashchange", () => { pending.clear(); route(); });
route();

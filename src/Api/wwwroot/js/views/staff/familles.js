// Familles: the mairie's side of every family file — search, the paper form, the file with its children, inscriptions,
// account and history, direct corrections, the e-mail and its activation, the QF, the export and the erasure.
import { html } from "../../html.js";
import { api, apiPage, download, today } from "../../api.js";
import { page, problem, say, main, scroller, announce } from "../../shell.js";
import { frDate, shortDate, dateTime, euros, sexLabel, dietLabel, paiLabel } from "../../format.js";
import { gridView } from "../inscriptions.js";
import { query, go, pager, pageNumber } from "./common.js";

const PAGE_SIZE = 20;
const CRUMBS = [["Familles", "#/familles"]];
const STATUS = { pending: "en attente", accepted: "acceptée", refused: "refusée", withdrawn: "retirée" };

const option = (value, label, current) => html`<option value="${value}"${value === current ? html` selected` : ""}>${label}</option>`;
const text = (name, label, value, extra = html``) => html`<label>${label} <input name="${name}" value="${value ?? ""}" ${extra}></label>`;

/** The guide's paper form (the e-mail and QF only when the file is created: they have their own forms afterwards). */
const familyFields = (f, creating) => html`
  <fieldset><legend>Responsable</legend>
    <label>Civilité <select name="civility" required>${option("Mme", "Madame", f.civility)}${option("M", "Monsieur", f.civility)}</select></label>
    ${text("firstName", "Prénom", f.firstName, html`required maxlength="100" autocomplete="off"`)}
    ${text("lastName", "Nom", f.lastName, html`required maxlength="100" autocomplete="off"`)}
    ${creating ? text("email", "Adresse e-mail (l'identifiant du parent)", f.email, html`type="email" required autocomplete="off"`) : ""}</fieldset>
  <fieldset><legend>Adresse</legend>
    ${text("address.line1", "Adresse", f.address?.line1, html`required maxlength="200"`)}
    ${text("address.line2", "Complément d'adresse", f.address?.line2, html`maxlength="200"`)}
    ${text("address.postalCode", "Code postal", f.address?.postalCode, html`required inputmode="numeric" pattern="[0-9]{5}"`)}
    ${text("address.city", "Commune", f.address?.city, html`required maxlength="100"`)}</fieldset>
  <fieldset><legend>Téléphones</legend>
    ${text("phones.home", "Domicile", f.phones?.home, html`type="tel"`)}${text("phones.mobile1", "Portable 1", f.phones?.mobile1, html`type="tel"`)}
    ${text("phones.mobile2", "Portable 2", f.phones?.mobile2, html`type="tel"`)}${text("phones.work1", "Travail 1", f.phones?.work1, html`type="tel"`)}
    ${text("phones.work2", "Travail 2", f.phones?.work2, html`type="tel"`)}</fieldset>
  <fieldset><legend>Allocataire</legend>
    ${text("allocataire.name", "Nom de l'allocataire", f.allocataire?.name, html`maxlength="200"`)}
    <label>Régime <select name="allocataire.regime">${option("", "—", f.allocataire?.regime ?? "")}${option("CAF", "CAF", f.allocataire?.regime)}${option("MSA", "MSA", f.allocataire?.regime)}${option("AUTRE", "Autre", f.allocataire?.regime)}</select></label>
    ${text("allocataire.number", "Numéro d'allocataire", f.allocataire?.number, html`maxlength="20"`)}</fieldset>
  <fieldset><legend>Foyer</legend>
    ${creating ? text("quotientFamilial", "Quotient familial", f.quotientFamilial ?? "", html`type="number" min="0" required`) : ""}
    ${text("dependentChildren", "Enfants à charge", f.dependentChildren ?? 0, html`type="number" min="0" max="30" required`)}</fieldset>`;

/** The form's fields as the API wants them: "address.city" nested, blank optional values left out, numbers as numbers. */
function familyBody(form, creating) {
  const value = name => (form.get(name) ?? "").toString().trim();
  const optional = name => value(name) || undefined;
  const body = {
    civility: value("civility"), firstName: value("firstName"), lastName: value("lastName"),
    address: { line1: value("address.line1"), line2: optional("address.line2"), postalCode: value("address.postalCode"), city: value("address.city") },
    phones: Object.fromEntries(["home", "mobile1", "mobile2", "work1", "work2"].map(p => [p, optional(`phones.${p}`)])),
    allocataire: { name: optional("allocataire.name"), regime: optional("allocataire.regime"), number: optional("allocataire.number") },
    dependentChildren: Number(value("dependentChildren")),
  };
  if (creating) Object.assign(body, { email: value("email"), quotientFamilial: Number(value("quotientFamilial")) });
  return body;
}

export async function familiesView() {
  const q = query();
  const search = q.get("q") ?? "";
  const number = pageNumber(q.get("page"));
  const { rows, total } = await apiPage(`/api/staff/families?${new URLSearchParams({ q: search, page: String(number), pageSize: String(PAGE_SIZE) })}`);
  await page("Familles", [], html`
    <form id="recherche" class="actions" role="search"><label>Nom, prénom d'un enfant ou adresse e-mail <input name="q" type="search" value="${search}" maxlength="100"></label>
      <button class="primary" type="submit">Rechercher</button></form>
    <p><a href="#/familles/nouvelle">Créer une fiche famille</a></p>
    ${rows.length === 0 ? html`<p>Aucune famille ne correspond.</p>` : scroller("Familles trouvées", html`<table><caption>Familles trouvées</caption>
      <thead><tr><th scope="col">Responsable</th><th scope="col">Adresse e-mail</th><th scope="col">Enfants</th></tr></thead>
      <tbody>${rows.map(f => html`<tr><td><a href="#/familles/${f.familyId}">${f.lastName} ${f.firstName}</a></td><td>${f.email}</td>
        <td>${f.children.map(c => `${c.firstName} ${c.lastName}`).join(", ")}</td></tr>`)}</tbody></table>`)}
    ${pager("#/familles", { q: search }, number, PAGE_SIZE, total)}`);
  document.getElementById("recherche").addEventListener("submit", event => {
    event.preventDefault();
    go(`#/familles?${new URLSearchParams({ q: new FormData(event.target).get("q") })}`);
  });
}

export async function newFamilyView() {
  await page("Créer une fiche famille", CRUMBS, html`<p class="note">La fiche papier d'inscription : un lien d'activation part à l'adresse e-mail indiquée.</p>
    <form id="fiche" class="stack">${familyFields({}, true)}<button class="primary" type="submit">Créer la fiche</button><div id="message" aria-live="polite"></div></form>`);
  document.getElementById("fiche").addEventListener("submit", async event => {
    event.preventDefault();
    try {
      const created = await api("POST", "/api/staff/families", familyBody(new FormData(event.target), true));
      location.hash = `#/familles/${created.familyId}`;
      announce("Fiche créée ; le lien d'activation est parti.");
    } catch (error) { say("message", problem(error)); }
  });
}

async function loadFile(familyId) {
  const [family, activities] = await Promise.all([api("GET", `/api/staff/families/${familyId}`), api("GET", "/api/activities")]);
  return { family, activities };
}

export async function familyFileView(familyId) {
  const [{ family, activities }, account, history, invoices, now] = await Promise.all([loadFile(familyId),
    api("GET", `/api/staff/families/${familyId}/account`), apiPage(`/api/staff/families/${familyId}/history?pageSize=10`),
    apiPage(`/api/staff/invoices?${new URLSearchParams({ familyId, pageSize: "12" })}`), today()]);
  const f = family;
  const phones = Object.entries({ Domicile: f.phones.home, "Portable 1": f.phones.mobile1, "Portable 2": f.phones.mobile2, "Travail 1": f.phones.work1, "Travail 2": f.phones.work2 })
    .filter(([, n]) => n).map(([k, n]) => `${k} : ${n}`).join(" · ") || "aucun";
  const groupsOf = code => activities.find(a => a.code === code)?.groups.map(g => g.code) ?? [];
  await page(`Famille ${f.lastName} ${f.firstName}`, CRUMBS, html`
    <section aria-labelledby="fiche-titre"><h2 id="fiche-titre">Fiche famille</h2>
      <dl class="inline"><dt>Responsable</dt><dd>${f.civility} ${f.firstName} ${f.lastName}</dd>
        <dt>Adresse</dt><dd>${f.address.line1}${f.address.line2 ? `, ${f.address.line2}` : ""}, ${f.address.postalCode} ${f.address.city}</dd>
        <dt>Adresse e-mail</dt><dd>${f.email}</dd><dt>Téléphones</dt><dd>${phones}</dd>
        <dt>Allocataire</dt><dd>${[f.allocataire.name, f.allocataire.regime, f.allocataire.number].filter(Boolean).join(" · ") || "—"}</dd>
        <dt>Quotient familial</dt><dd>${f.quotientFamilial} (depuis le ${shortDate(f.quotientFamilialDate)})</dd><dt>Enfants à charge</dt><dd>${f.dependentChildren}</dd></dl>
      <p class="liens"><a href="#/familles/${familyId}/modifier">Modifier la fiche</a> |
        <button type="button" class="link" id="activation">Renvoyer le lien d'activation</button> |
        <button type="button" class="link" id="export">Exporter les données de la famille</button> |
        <a href="#/familles/${familyId}/effacement">Effacer la fiche…</a></p>
      <div id="message-fiche" aria-live="polite"></div>
      <details><summary>Changer l'adresse e-mail</summary><form id="email" class="stack">
        <label>Nouvelle adresse e-mail <input name="email" type="email" required autocomplete="off"></label>
        <p class="note">Le parent devra activer à nouveau son compte depuis la nouvelle adresse ; l'ancienne est prévenue.</p>
        <button class="secondary" type="submit">Changer l'adresse</button></form></details>
      <details><summary>Enregistrer un nouveau quotient familial</summary><form id="qf" class="stack">
        <label>Quotient familial <input name="quotientFamilial" type="number" min="0" required></label>
        <label>Applicable à partir du <input name="effectiveFrom" type="date" required value="${now}"></label>
        <button class="secondary" type="submit">Enregistrer le quotient</button></form></details></section>
    <section aria-labelledby="enfants-titre"><h2 id="enfants-titre">Enfants</h2>
      ${f.children.length === 0 ? html`<p>Aucun enfant.</p>` : scroller("Liste des enfants", html`<table><caption class="visually-hidden">Enfants</caption>
        <thead><tr><th scope="col">Enfant</th><th scope="col">Né(e) le</th><th scope="col">Âge</th><th scope="col">Sexe</th><th scope="col">Régime</th><th scope="col">PAI</th><th scope="col">Action</th></tr></thead>
        <tbody>${f.children.map(c => html`<tr><td>${c.firstName} ${c.lastName}</td><td>${shortDate(c.birthDate)}</td><td>${c.age} an(s)</td><td>${sexLabel(c.sex)}</td>
          <td>${dietLabel(c.diet)}</td><td>${paiLabel(c.pai)}</td>
          <td><a href="#/familles/${familyId}/enfants/${c.childId}">Modifier<span class="visually-hidden"> ${c.firstName}</span></a></td></tr>`)}</tbody></table>`)}
      <details><summary>Ajouter un enfant</summary><form id="enfant" class="stack">
        <label>Prénom <input name="firstName" required maxlength="100"></label><label>Nom <input name="lastName" required maxlength="100" value="${f.lastName}"></label>
        <label>Date de naissance <input name="birthDate" type="date" required></label>
        <label>Sexe <select name="sex" required>${option("", "—", "")}${option("F", "Féminin")}${option("M", "Masculin")}</select></label>
        <button class="secondary" type="submit">Ajouter l'enfant</button></form></details>
      <div id="message-enfant" aria-live="polite"></div></section>
    <section aria-labelledby="inscriptions-titre"><h2 id="inscriptions-titre">Inscriptions</h2>
      ${f.inscriptions.length === 0 ? html`<p>Aucune inscription.</p>` : scroller("Liste des inscriptions", html`<table><caption class="visually-hidden">Inscriptions</caption>
        <thead><tr><th scope="col">Enfant</th><th scope="col">Activité</th><th scope="col">Période</th><th scope="col">Groupe</th><th scope="col">Actions</th></tr></thead>
        <tbody>${f.inscriptions.map(i => html`<tr><td>${i.childName}</td><td>${i.activityCode} – ${i.label}</td><td>du ${shortDate(i.from)} au ${shortDate(i.to)}</td><td>${i.group}</td>
          <td><a href="#/familles/${familyId}/planning/${i.inscriptionId}">Planning<span class="visually-hidden"> ${i.childName} ${i.activityCode}</span></a> ·
            <a href="#/audit?inscription=${i.inscriptionId}">Historique<span class="visually-hidden"> ${i.childName} ${i.activityCode}</span></a>
            <details><summary>Changer le groupe ou terminer<span class="visually-hidden"> ${i.childName} ${i.activityCode}</span></summary>
              <form class="stack" data-inscription="${i.inscriptionId}">
                <label>Groupe <select name="group">${groupsOf(i.activityCode).map(g => option(g, g, i.group))}</select></label>
                <label>Dernier jour <input name="to" type="date" value="${i.to}" min="${i.from}" max="${i.to}"></label>
                <p class="note">Terminer plus tôt annule sans frais les réservations des jours suivants.</p>
                <button class="secondary" type="submit">Enregistrer</button></form></details></td></tr>`)}</tbody></table>`)}
      ${f.children.length === 0 ? "" : html`<details><summary>Inscrire un enfant</summary><form id="inscrire" class="stack">
        <label>Enfant <select name="childId">${f.children.map(c => option(c.childId, `${c.firstName} ${c.lastName}`))}</select></label>
        <label>Activité <select name="activityCode" id="activite">${activities.map(a => option(a.code, `${a.code} – ${a.label}`))}</select></label>
        <label>Groupe <select name="group" id="groupe">${groupsOf(activities[0]?.code).map(g => option(g, g))}</select></label>
        <label>Du (facultatif) <input name="from" type="date"></label><label>Au (facultatif) <input name="to" type="date"></label>
        <button class="secondary" type="submit">Inscrire</button></form></details>`}
      <div id="message-inscription" aria-live="polite"></div></section>
    <section aria-labelledby="compte-titre"><h2 id="compte-titre">Compte</h2>
      <dl class="inline"><dt>Solde des factures</dt><dd>${euros(account.invoicesBalanceCents)}</dd><dt>Situation financière</dt><dd>${euros(account.familyBalanceCents)}</dd>
        <dt>Reste à facturer</dt><dd>${euros(account.uninvoicedCents)}</dd></dl>
      ${invoices.rows.length === 0 ? html`<p>Aucune facture.</p>` : scroller("Factures de la famille", html`<table><caption>Dernières factures (${invoices.total} au total)</caption>
        <thead><tr><th scope="col">Numéro</th><th scope="col">Mois</th><th scope="col" class="money">Montant</th><th scope="col" class="money">Solde</th><th scope="col">Facture</th></tr></thead>
        <tbody>${invoices.rows.map(i => html`<tr><td>${i.number}</td><td>${i.month}</td><td class="money">${euros(i.amountCents)}</td><td class="money">${euros(i.balanceCents)}</td>
          <td><a href="#/regie/factures/${i.invoiceId}">Voir<span class="visually-hidden"> la facture ${i.number}</span></a></td></tr>`)}</tbody></table>`)}</section>
    <section aria-labelledby="historique-titre"><h2 id="historique-titre">Historique</h2>
      ${historyTable(history.rows)}${history.total > history.rows.length ? html`<p><a href="#/familles/${familyId}/historique">Tout l'historique (${history.total} lignes)</a></p>` : ""}</section>`);

  const act = (id, message, work) => async event => {
    event?.preventDefault();
    try { await work(event); await familyFileView(familyId); say(id, html`<p class="ok">${message}</p>`); announce(message); }
    catch (error) { say(id, problem(error)); }
  };
  const form = event => new FormData(event.target);
  document.getElementById("activation").addEventListener("click", act("message-fiche", "Lien d'activation envoyé.",
    () => api("POST", `/api/staff/families/${familyId}/activation`)));
  document.getElementById("export").addEventListener("click", () =>
    download(`/api/staff/families/${familyId}/export`, `famille-${familyId}.json`).catch(error => say("message-fiche", problem(error))));
  document.getElementById("email").addEventListener("submit", act("message-fiche", "Adresse e-mail changée ; un lien d'activation est parti.",
    event => api("PUT", `/api/staff/families/${familyId}/email`, { email: form(event).get("email") })));
  document.getElementById("qf").addEventListener("submit", act("message-fiche", "Quotient familial enregistré.", event => {
    const data = form(event);
    return api("PUT", `/api/staff/families/${familyId}/quotient-familial`, { quotientFamilial: Number(data.get("quotientFamilial")), effectiveFrom: data.get("effectiveFrom") });
  }));
  document.getElementById("enfant").addEventListener("submit", act("message-enfant", "Enfant ajouté.", event => {
    const data = form(event);
    return api("POST", `/api/staff/families/${familyId}/children`, Object.fromEntries(["firstName", "lastName", "birthDate", "sex"].map(k => [k, data.get(k)])));
  }));
  main().querySelectorAll("form[data-inscription]").forEach(f => f.addEventListener("submit", act("message-inscription", "Inscription modifiée.", event => {
    const data = form(event);
    return api("PUT", `/api/staff/inscriptions/${event.target.dataset.inscription}`, { group: data.get("group"), to: data.get("to") || undefined });
  })));
  const enrol = document.getElementById("inscrire");
  if (enrol) {
    document.getElementById("activite").addEventListener("change", event => {
      const groups = groupsOf(event.target.value);
      document.getElementById("groupe").replaceChildren(...groups.map(g => new Option(g, g)));
    });
    enrol.addEventListener("submit", act("message-inscription", "Enfant inscrit.", event => {
      const data = form(event);
      return api("POST", "/api/staff/inscriptions", { childId: data.get("childId"), activityCode: data.get("activityCode"), group: data.get("group"),
        from: data.get("from") || undefined, to: data.get("to") || undefined });
    }));
  }
}

const historyTable = lines => lines.length === 0 ? html`<p>Rien pour l'instant.</p>` : scroller("Historique de la famille", html`<table>
  <caption class="visually-hidden">Historique</caption><thead><tr><th scope="col">Date</th><th scope="col">Objet</th><th scope="col">État</th></tr></thead>
  <tbody>${lines.map(l => html`<tr><td>${dateTime(l.at)}</td><td>${l.subject}</td><td>${STATUS[l.status] ?? l.status}</td></tr>`)}</tbody></table>`);

/** The family's whole history, a page at a time (what the family sees on its dashboard). */
export async function familyHistoryView(familyId) {
  const number = pageNumber(query().get("page"));
  const [family, history] = await Promise.all([api("GET", `/api/staff/families/${familyId}`),
    apiPage(`/api/staff/families/${familyId}/history?${new URLSearchParams({ page: String(number), pageSize: String(PAGE_SIZE) })}`)]);
  await page(`Historique de la famille ${family.lastName}`, [...CRUMBS, [`Famille ${family.lastName}`, `#/familles/${familyId}`]], html`
    ${historyTable(history.rows)}${pager(`#/familles/${familyId}/historique`, {}, number, PAGE_SIZE, history.total)}`);
}

export async function editFamilyView(familyId) {
  const family = await api("GET", `/api/staff/families/${familyId}`);
  await page("Modifier la fiche famille", [...CRUMBS, [`Famille ${family.lastName}`, `#/familles/${familyId}`]], html`
    <p class="note">Les changements sont enregistrés au nom de l'agent et la famille les voit dans son tableau de bord.</p>
    <form id="fiche" class="stack">${familyFields(family, false)}<button class="primary" type="submit">Enregistrer</button><div id="message" aria-live="polite"></div></form>`);
  document.getElementById("fiche").addEventListener("submit", async event => {
    event.preventDefault();
    try { await api("PUT", `/api/staff/families/${familyId}`, familyBody(new FormData(event.target), false)); location.hash = `#/familles/${familyId}`; announce("Fiche enregistrée."); }
    catch (error) { say("message", problem(error)); }
  });
}

export async function editChildView(familyId, childId) {
  const [family, commune] = await Promise.all([api("GET", `/api/staff/families/${familyId}`), api("GET", "/api/commune")]);
  const child = family.children.find(c => c.childId === childId);
  if (!child) throw new Error("Cet enfant ne fait pas partie de cette famille.");
  await page(`Modifier ${child.firstName} ${child.lastName}`, [...CRUMBS, [`Famille ${family.lastName}`, `#/familles/${familyId}`]], html`
    <form id="enfant" class="stack"><label>Prénom <input name="firstName" required maxlength="100" value="${child.firstName}"></label>
      <label>Nom <input name="lastName" required maxlength="100" value="${child.lastName}"></label>
      <label>Date de naissance <input name="birthDate" type="date" required value="${child.birthDate}"></label>
      <label>Sexe <select name="sex">${option("F", "Féminin", child.sex)}${option("M", "Masculin", child.sex)}</select></label>
      <button class="primary" type="submit">Enregistrer</button><div id="message" aria-live="polite"></div></form>
    <form id="regime" class="stack"><h2>Régime alimentaire et PAI</h2>
      <p class="note">Données de santé : réservées à la mairie ; la cuisine n'en reçoit que des nombres.</p>
      <label>Régime <select name="diet">${commune.diets.map(d => option(d, dietLabel(d), child.diet))}</select></label>
      <label>PAI <select name="pai">${["", "repas-adapte", "panier-repas"].map(k => option(k, paiLabel(k || null), child.pai ?? ""))}</select></label>
      <button class="secondary" type="submit">Enregistrer le régime</button><div id="message-regime" aria-live="polite"></div></form>`);
  document.getElementById("regime").addEventListener("submit", async event => {
    event.preventDefault();
    const data = new FormData(event.target);
    try {
      await api("PUT", `/api/staff/families/${familyId}/children/${childId}/diet`, { diet: data.get("diet"), ...(data.get("pai") ? { pai: data.get("pai") } : {}) });
      say("message-regime", html`<p class="ok">Régime enregistré.</p>`);
      announce("Régime enregistré.");
    } catch (error) { say("message-regime", problem(error)); }
  });
  document.getElementById("enfant").addEventListener("submit", async event => {
    event.preventDefault();
    const data = new FormData(event.target);
    try {
      await api("PUT", `/api/staff/families/${familyId}/children/${childId}`, Object.fromEntries(["firstName", "lastName", "birthDate", "sex"].map(k => [k, data.get(k)])));
      location.hash = `#/familles/${familyId}`;
      announce("Données de l'enfant enregistrées.");
    } catch (error) { say("message", problem(error)); }
  });
}

/** Erasure asks twice: the reason, and the family's name typed again, so a slip of the mouse erases nothing. */
export async function eraseFamilyView(familyId) {
  const family = await api("GET", `/api/staff/families/${familyId}`);
  await page("Effacer une fiche famille", [...CRUMBS, [`Famille ${family.lastName}`, `#/familles/${familyId}`]], html`
    <div class="memo"><p>L'effacement (RGPD, article 17) supprime le compte du parent et masque les données personnelles de la famille et de ses
      enfants ; les montants et numéros des factures restent, sans identité, pour la comptabilité publique. Il ne peut pas être annulé.</p></div>
    <form id="effacer" class="stack"><label>Motif <textarea name="reason" required maxlength="500"></textarea></label>
      <label>Pour confirmer, saisissez le nom de la famille (${family.lastName}) <input name="confirmation" required autocomplete="off"></label>
      <button class="primary" type="submit">Effacer la fiche</button><div id="message" aria-live="polite"></div></form>`);
  document.getElementById("effacer").addEventListener("submit", async event => {
    event.preventDefault();
    const data = new FormData(event.target);
    if (data.get("confirmation").trim().toLowerCase() !== family.lastName.toLowerCase()) {
      say("message", html`<p class="error" role="alert">Le nom saisi ne correspond pas : rien n'a été effacé.</p>`);
      return;
    }
    try {
      await api("POST", `/api/staff/families/${familyId}/erasure`, { reason: data.get("reason") });
      location.hash = "#/familles";
      announce("Fiche effacée.");
    } catch (error) { say("message", problem(error)); }
  });
}

/** The child's grid as staff see it: the same grid, clicks and rules as the family's; the server records the agent. */
export async function staffGridView(familyId, inscriptionId, month) {
  const family = await api("GET", `/api/staff/families/${familyId}`);
  const inscription = family.inscriptions.find(i => i.inscriptionId === inscriptionId);
  if (!inscription) throw new Error("Cette inscription ne fait pas partie de cette famille.");
  return gridView({
    inscription, title: `${inscription.childName} - ${inscription.label} : planning`, crumbs: [...CRUMBS, [`Famille ${family.lastName}`, `#/familles/${familyId}`]],
    monthHash: m => `#/familles/${familyId}/planning/${inscriptionId}/${m}`,
    header: html`<p class="note">Réservations et annulations faites ici au nom de la famille : mêmes règles, enregistrées comme faites par la mairie.
      <a href="#/audit?inscription=${inscriptionId}">Historique de l'inscription</a></p>`,
    waitlist: async () => [],
    why: date => `#/audit?${new URLSearchParams({ inscription: inscriptionId, date })}`,
  }, month);
}

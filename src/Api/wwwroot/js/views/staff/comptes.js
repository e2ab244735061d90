// Comptes: the mairie's and the kitchen's logins — created with an e-mailed activation link, deactivated, reactivated,
// given the other role; the server keeps at least one active staff login.
import { html } from "../../html.js";
import { api } from "../../api.js";
import { page, problem, say, announce, main, scroller } from "../../shell.js";
import { dateTime } from "../../format.js";

const ROLES = { staff: "mairie (agent)", kitchen: "cuisine", driver: "chauffeur" };

export async function accountsView() {
  const accounts = await api("GET", "/api/staff/accounts");
  const state = a => a.deactivated ? "désactivé" : a.activated ? "actif" : "en attente d'activation";
  await page("Comptes du personnel", [], html`
    ${scroller("Comptes", html`<table><caption class="visually-hidden">Comptes du personnel et de la cuisine</caption>
      <thead><tr><th scope="col">Adresse e-mail</th><th scope="col">Rôle</th><th scope="col">État</th><th scope="col">Créé le</th><th scope="col">Actions</th></tr></thead>
      <tbody>${accounts.map(a => html`<tr><td>${a.email}</td><td>${ROLES[a.role] ?? a.role}</td><td>${state(a)}</td><td>${dateTime(a.createdAt)}</td>
        <td class="liens"><button type="button" class="secondary" data-account="${a.accountId}" data-action="${a.deactivated ? "reactivation" : "deactivation"}">${a.deactivated ? "Réactiver" : "Désactiver"}<span class="visually-hidden"> ${a.email}</span></button>
          <button type="button" class="secondary" data-account="${a.accountId}" data-role="${a.role === "staff" ? "kitchen" : "staff"}">Passer en ${ROLES[a.role === "staff" ? "kitchen" : "staff"]}<span class="visually-hidden"> : ${a.email}</span></button></td></tr>`)}</tbody></table>`)}
    <form id="compte" class="stack"><h2>Créer un compte</h2>
      <label>Adresse e-mail <input name="email" type="email" required autocomplete="off"></label>
      <label>Rôle <select name="role"><option value="staff">mairie (agent)</option><option value="kitchen">cuisine (effectifs et pointage en lecture)</option><option value="driver">chauffeur (listes des navettes)</option></select></label>
      <p class="note">Un lien d'activation part à cette adresse ; il vaut 7 jours.</p>
      <button class="primary" type="submit">Créer le compte</button></form>
    <div id="message" aria-live="polite"></div>`);
  const done = async message => { await accountsView(); say("message", html`<p class="ok">${message}</p>`); announce(message); };
  document.getElementById("compte").addEventListener("submit", async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    try { await api("POST", "/api/staff/accounts", { email: form.get("email"), role: form.get("role") }); await done("Compte créé ; le lien d'activation est parti."); }
    catch (error) { say("message", problem(error)); }
  });
  main().querySelectorAll("button[data-action]").forEach(b => b.addEventListener("click", async () => {
    try { await api("POST", `/api/staff/accounts/${b.dataset.account}/${b.dataset.action}`); await done(b.dataset.action === "deactivation" ? "Compte désactivé." : "Compte réactivé."); }
    catch (error) { say("message", problem(error)); }
  }));
  main().querySelectorAll("button[data-role]").forEach(b => b.addEventListener("click", async () => {
    try { await api("PUT", `/api/staff/accounts/${b.dataset.account}/role`, { role: b.dataset.role }); await done("Rôle changé ; les sessions de ce compte sont fermées."); }
    catch (error) { say("message", problem(error)); }
  }));
}

// Ma famille (the children, read-only, and the requests to change them) and Mes coordonnées (phones edited
// directly; address and allocataire through a request the mairie decides; the e-mail only at the mairie).
import { html } from "../html.js";
import { api } from "../api.js";
import { page, problem, say, announce } from "../shell.js";
import { shortDate, sexLabel, dietLabel, paiLabel } from "../format.js";

const requestSent = html`<p class="ok">Demande envoyée à la mairie : suivez-la dans <a href="#/tableau-de-bord">Mon tableau de bord</a>.</p>`;

/** Sends a request from a form and says how it went in the form's message area. */
function onRequest(formId, body) {
  document.getElementById(formId).addEventListener("submit", async event => {
    event.preventDefault();
    try {
      await api("POST", "/api/requests", body(new FormData(event.target)));
      event.target.reset();
      say(`${formId}-message`, requestSent);
      announce("Demande envoyée à la mairie.");
    } catch (error) { say(`${formId}-message`, problem(error)); }
  });
}

const changes = form => Object.fromEntries([...form].filter(([name, value]) => name !== "childId" && value !== ""));

export async function familyView() {
  const [family, activities, dashboard, commune] = await Promise.all([api("GET", "/api/family"), api("GET", "/api/activities"), api("GET", "/api/dashboard"),
    api("GET", "/api/commune")]);
  const waitingOf = childId => dashboard.filter(e => e.type === "new-inscription" && e.status === "pending" && e.childId === childId);
  const child = c => html`<section class="card enfant" aria-labelledby="enfant-${c.childId}">
      <h2 id="enfant-${c.childId}">${c.firstName} ${c.lastName}</h2>
      <dl class="inline"><dt>Âge</dt><dd>${c.age} an(s)</dd><dt>Né(e) le</dt><dd>${shortDate(c.birthDate)}</dd><dt>Sexe</dt><dd>${sexLabel(c.sex)}</dd>
        <dt>Régime</dt><dd>${dietLabel(c.diet)}</dd><dt>PAI</dt><dd>${paiLabel(c.pai)}</dd></dl>
      <h3>Inscriptions en attente</h3>${waitingOf(c.childId).length === 0 ? html`<p>Aucune.</p>`
        : html`<ul>${waitingOf(c.childId).map(w => html`<li>${w.subject}</li>`)}</ul>`}
      <details><summary>Modifier mes informations</summary>
        <form class="stack" id="enfant-${c.childId}-modif">
          <p class="note">La mairie valide la modification ; remplissez seulement ce qui change.</p>
          <input type="hidden" name="childId" value="${c.childId}">
          <label>Prénom <input name="firstName" autocomplete="off"></label>
          <label>Nom <input name="lastName" autocomplete="off"></label>
          <label>Date de naissance <input name="birthDate" type="date"></label>
          <label>Sexe <select name="sex"><option value="">(inchangé)</option><option value="M">Masculin</option><option value="F">Féminin</option></select></label>
          <label>Régime alimentaire <select name="diet"><option value="">(inchangé)</option>${commune.diets.map(d => html`<option value="${d}">${dietLabel(d)}</option>`)}</select></label>
          <label>PAI (projet d'accueil individualisé) <select name="pai"><option value="">(inchangé)</option>${["aucun", "repas-adapte", "panier-repas"].map(k =>
            html`<option value="${k}">${k === "aucun" ? "aucun (fin du PAI)" : paiLabel(k)}</option>`)}</select></label>
          <button class="secondary" type="submit">Envoyer la demande de modification</button>
          <div id="enfant-${c.childId}-modif-message" aria-live="polite"></div>
        </form></details>
      <details><summary>Nouvelle inscription</summary>
        <form class="stack" id="enfant-${c.childId}-inscription">
          <label>Activité et groupe <select name="choice" required>${activities.flatMap(a => a.groups.map(g =>
            html`<option value="${a.code}|${g.code}">${a.label} (${a.equipment}) – groupe ${g.code}</option>`))}</select></label>
          <button class="secondary" type="submit">Demander l'inscription</button>
          <div id="enfant-${c.childId}-inscription-message" aria-live="polite"></div>
        </form></details>
    </section>`;
  await page("Ma famille", [], html`
    <p>Les informations de vos enfants sont enregistrées par la mairie ; une modification ou une nouvelle inscription se demande ici et la mairie la valide.</p>
    <div class="cards">${family.children.map(child)}</div>
    <h2>Ajouter une nouvelle personne</h2>
    <form class="stack" id="personne">
      <label>Prénom <input name="firstName" required autocomplete="off"></label>
      <label>Nom <input name="lastName" required autocomplete="off"></label>
      <label>Date de naissance <input name="birthDate" type="date" required></label>
      <label>Sexe <select name="sex"><option value="M">Masculin</option><option value="F">Féminin</option></select></label>
      <button class="secondary" type="submit">Demander l'ajout</button>
      <div id="personne-message" aria-live="polite"></div>
    </form>
    <p class="no-print"><button type="button" class="secondary" data-print>Imprimer ces informations</button></p>`);
  for (const c of family.children) {
    onRequest(`enfant-${c.childId}-modif`, form => ({ type: "child-change", childId: c.childId, changes: changes(form) }));
    onRequest(`enfant-${c.childId}-inscription`, form => {
      const [activityCode, group] = form.get("choice").split("|");
      return { type: "new-inscription", childId: c.childId, activityCode, group };
    });
  }
  onRequest("personne", form => ({ type: "new-person", ...Object.fromEntries(form) }));
}

const PHONES = [["home", "Tél. domicile"], ["mobile1", "Portable parent 1"], ["mobile2", "Portable parent 2"], ["work1", "Tél. travail parent 1"], ["work2", "Tél. travail parent 2"]];

export async function coordinatesView() {
  const family = await api("GET", "/api/family");
  const a = family.address ?? {};
  const alloc = family.allocataire ?? {};
  await page("Mes coordonnées", [], html`
    <section class="card"><h2>Responsable du foyer</h2>
      <p>${family.civility} ${family.firstName} ${family.lastName}<br>${a.line1}${a.line2 ? html`<br>${a.line2}` : ""}<br>${a.postalCode} ${a.city}</p>
      <dl class="inline"><dt>E-mail *</dt><dd>${family.email}</dd>
        <dt>Nom de l'allocataire</dt><dd>${alloc.name ?? "—"}</dd><dt>Régime allocataire</dt><dd>${alloc.regime ?? "—"}</dd><dt>Numéro allocataire</dt><dd>${alloc.number ?? "—"}</dd></dl>
      <p class="note">* La modification de l'adresse e-mail doit se faire directement auprès de la mairie.</p></section>
    <h2>Téléphones</h2>
    <form class="stack" id="telephones">${PHONES.map(([name, label]) => html`<label>${label} <input name="${name}" type="tel" autocomplete="tel" value="${family.phones?.[name] ?? ""}"></label>`)}
      <button class="primary" type="submit">Enregistrer mes téléphones</button><div id="telephones-message" aria-live="polite"></div></form>
    <h2>Demander un changement d'adresse ou d'allocataire</h2>
    <form class="stack" id="coordonnees">
      <p class="note">Remplissez seulement ce qui change : la mairie valide la demande.</p>
      <label>Adresse <input name="address.line1" autocomplete="address-line1"></label>
      <label>Complément d'adresse <input name="address.line2" autocomplete="address-line2"></label>
      <label>Code postal <input name="address.postalCode" inputmode="numeric" pattern="[0-9]{5}" autocomplete="postal-code"></label>
      <label>Commune <input name="address.city" autocomplete="address-level2"></label>
      <label>Nom de l'allocataire <input name="allocataire.name" autocomplete="off"></label>
      <label>Régime allocataire <select name="allocataire.regime"><option value="">(inchangé)</option><option>CAF</option><option>MSA</option><option value="AUTRE">Autre</option></select></label>
      <label>Numéro allocataire <input name="allocataire.number" autocomplete="off"></label>
      <label>Nombre d'enfants à charge <input name="dependentChildren" type="number" min="0" max="30"></label>
      <button class="secondary" type="submit">Envoyer la demande de changement</button><div id="coordonnees-message" aria-live="polite"></div>
    </form>`);
  document.getElementById("telephones").addEventListener("submit", async event => {
    event.preventDefault();
    const body = Object.fromEntries([...new FormData(event.target)].filter(([, v]) => v !== ""));
    try {
      await api("PUT", "/api/family/phones", body);
      say("telephones-message", html`<p class="ok">Téléphones enregistrés.</p>`);
      announce("Téléphones enregistrés.");
    } catch (error) { say("telephones-message", problem(error)); }
  });
  onRequest("coordonnees", form => ({ type: "family-change", changes: changes(form) }));
}

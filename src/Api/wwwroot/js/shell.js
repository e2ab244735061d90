// The frame of every page, as the guide draws it: the welcome line and "Se déconnecter", the tabs, the breadcrumb
// ("Vous êtes ici : Accueil » …"), the title, and the footer (Contactez-nous, Mentions légales, Imprimer).
import { html, mount } from "./html.js";
import { api, once, session } from "./api.js";

const TABS = {
  parent: [["#/accueil", "Accueil"], ["#/tableau-de-bord", "Mon tableau de bord"], ["#/famille", "Ma famille"],
    ["#/coordonnees", "Mes coordonnées"], ["#/inscriptions", "Mes inscriptions"], ["#/compte", "Mon compte"]],
  staff: [["#/mairie", "Tableau de bord"], ["#/familles", "Familles"], ["#/en-attente", "Demandes en attente"], ["#/pointage", "Pointage"],
    ["#/effectifs", "Effectifs"], ["#/regie", "Régie"], ["#/activites", "Activités"], ["#/navettes", "Navettes"], ["#/calendrier", "Calendrier"], ["#/audit", "Audit"],
    ["#/comptes", "Comptes"], ["#/mot-de-passe", "Mot de passe"]],
  kitchen: [["#/cuisine", "Repas"], ["#/effectifs", "Effectifs"], ["#/pointage", "Pointage"], ["#/mot-de-passe", "Mot de passe"]],
  driver: [["#/navettes", "Navettes"], ["#/mot-de-passe", "Mot de passe"]],
};

export const main = () => document.getElementById("contenu");
export const announce = text => { document.getElementById("annonce").textContent = text; };
export const home = () => ({ parent: "#/accueil", staff: "#/mairie", kitchen: "#/cuisine", driver: "#/navettes" })[session.role] ?? "#/connexion";

/** The family's name for the welcome line (parents), the address otherwise. */
const whoIsIn = () => once("welcome", async () => {
  if (session.role !== "parent") return (await api("GET", "/api/me")).email;
  const family = await api("GET", "/api/family");
  return `${family.civility} ${family.lastName}`;
});

async function frame() {
  const current = location.hash.split("?")[0];
  const tabs = TABS[session.role] ?? [];
  main().classList.toggle("large", session.role !== "parent");
  const active = tabs.filter(([href]) => current === href || current.startsWith(href + "/")).map(([href]) => href).at(-1)
    ?? (current.startsWith("#/reservations") || current.startsWith("#/liste-attente") ? "#/inscriptions" : null);
  mount(document.getElementById("menu"), html`<ul>${tabs.map(([href, label]) =>
    html`<li><a href="${href}"${href === active ? html` aria-current="page"` : ""}>${label}</a></li>`)}</ul>`);
  mount(document.getElementById("bienvenue"), session.token
    ? html`<span>${await whoIsIn().catch(() => "")}, bienvenue dans votre espace personnel.</span>
        <button type="button" class="link" id="deconnexion">Se déconnecter</button>`
    : html``);
}

/**
 * Draws a page: crumbs are [label, href] pairs between Accueil and the page itself (null for Accueil itself); body is an
 * html`` fragment.
 * Focus goes to the title so a screen reader announces the new page and the keyboard starts from it.
 */
export async function page(title, crumbs, body) {
  await frame();
  document.title = `${title} – Portail Famille`;
  // The home page itself (crumbs null) has nothing before it.
  const trail = crumbs === null ? [] : [[session.role === "parent" || !session.token ? "Accueil" : "Portail", home()], ...crumbs];
  mount(main(), html`<nav class="ariane" aria-label="Fil d'Ariane"><p>Vous êtes ici :
      ${trail.map(([label, href]) => html`<a href="${href}">${label}</a> » `)}<span aria-current="page">${title}</span></p></nav>
    <h1 id="titre" tabindex="-1">${title}</h1>${body}`);
  document.getElementById("titre").focus();
}

/** The server's French answer, with each refused field's reason when it names them (validation problems). */
export const problem = error => {
  const fields = Object.entries(error.data?.errors ?? {});
  return html`<div class="error" role="alert"><p>${error.message}</p>${fields.length === 0 ? "" : html`<ul>${fields.map(([field, messages]) =>
    html`<li>${[].concat(messages).join(" ")}<span class="visually-hidden"> (${field})</span></li>`)}</ul>`}</div>`;
};

/** Shows an outcome in a page's message area (a live region) and moves nothing else. */
export function say(id, fragment) { mount(document.getElementById(id), fragment); }

/** A wide table in its own sideways-scrolling box, reachable with the keyboard, so the page never overflows a phone. */
export const scroller = (label, table) => html`<div class="defile" role="region" aria-label="${label}" tabindex="0">${table}</div>`;

// Mes navettes: the shuttle lines serving one of the child's inscriptions, its stop on those it takes, and the way to
// its trips (booked in the usual grid, only on days booked at the served activity: the server says so when not).
import { html } from "../html.js";
import { api } from "../api.js";
import { page, problem, say, announce, main, scroller } from "../shell.js";
import { shortDate } from "../format.js";
import { findInscription, inscriptionLinks } from "./inscriptions.js";

const DAYS = { monday: "lundi", tuesday: "mardi", wednesday: "mercredi", thursday: "jeudi", friday: "vendredi", saturday: "samedi", sunday: "dimanche" };
const direction = d => d === "ALLER" ? "aller" : "retour";

function line(inscription, offer) {
  const id = `navette-${offer.code}`;
  const stopOptions = current => offer.stops.map(s => html`<option value="${s.name}"${s.name === current ? html` selected` : ""}>${s.name}</option>`);
  return html`<section class="card" aria-labelledby="${id}"><h2 id="${id}">${offer.label}</h2>
    <p>Le ${offer.weekdays.map(d => DAYS[d] ?? d).join(", ")}, du ${shortDate(offer.from)} au ${shortDate(offer.to)} ;
      ${offer.directions.map(direction).join(" et ")} ; ${offer.capacity} places par trajet.</p>
    ${scroller(`Arrêts de ${offer.label}`, html`<table><caption>Arrêts et horaires</caption>
      <thead><tr><th scope="col">Arrêt</th>${offer.directions.map(d => html`<th scope="col">Heure (${direction(d)})</th>`)}</tr></thead>
      <tbody>${offer.stops.map(s => html`<tr><td>${s.name}</td>${offer.directions.map(d => html`<td>${(d === "ALLER" ? s.outbound : s.return) ?? "–"}</td>`)}</tr>`)}</tbody></table>`)}
    ${offer.inscriptionId ? html`
      <p><strong>${inscription.childName} prend cette navette</strong>, arrêt : ${offer.stop}.</p>
      <p><a href="#/reservations/${offer.inscriptionId}">Réserver les trajets de ${inscription.childName}</a>
        (seulement les jours réservés à ${inscription.label} : les autres jours sont refusés).</p>
      <form class="actions" data-stop="${offer.inscriptionId}"><label>Changer d'arrêt <select name="stop">${stopOptions(offer.stop)}</select></label>
        <button class="secondary" type="submit">Enregistrer l'arrêt</button></form>`
    : html`<form class="stack" data-join="${offer.code}"><label>Arrêt de ${inscription.childName} <select name="stop">${stopOptions(null)}</select></label>
        <button class="primary" type="submit">Inscrire ${inscription.childName} à cette navette</button></form>`}
    <div id="${id}-message" aria-live="polite"></div></section>`;
}

export async function shuttlesView(inscriptionId) {
  const [inscription, offers] = await Promise.all([findInscription(inscriptionId), api("GET", `/api/inscriptions/${inscriptionId}/shuttles`)]);
  await page(`${inscription.childName} - ${inscription.label} : Mes navettes`, [["Mes inscriptions", "#/inscriptions"]], html`
    ${inscriptionLinks(inscription)}
    ${offers.length === 0 ? html`<p>Aucune navette ne dessert cette activité.</p>` : offers.map(o => line(inscription, o))}`);
  const done = async (code, message) => { await shuttlesView(inscriptionId); say(`navette-${code}-message`, html`<p class="ok">${message}</p>`); announce(message); };
  main().querySelectorAll("form[data-join]").forEach(form => form.addEventListener("submit", async event => {
    event.preventDefault();
    const code = form.dataset.join;
    try {
      await api("POST", `/api/inscriptions/${inscriptionId}/shuttles`, { lineCode: code, stop: new FormData(form).get("stop") });
      await done(code, `${inscription.childName} est inscrit(e) à la navette.`);
    } catch (error) { say(`navette-${code}-message`, problem(error)); }
  }));
  main().querySelectorAll("form[data-stop]").forEach(form => form.addEventListener("submit", async event => {
    event.preventDefault();
    const code = offers.find(o => o.inscriptionId === form.dataset.stop).code;
    try {
      await api("PUT", `/api/inscriptions/${form.dataset.stop}/shuttle-stop`, { stop: new FormData(form).get("stop") });
      await done(code, "Arrêt enregistré.");
    } catch (error) { say(`navette-${code}-message`, problem(error)); }
  }));
}

// Accueil: what a parent comes for, at a glance (the server's home summary: GET /api/home).
import { html } from "../html.js";
import { api } from "../api.js";
import { page } from "../shell.js";
import { euros, frDate, dateTime } from "../format.js";
import { STATES } from "./inscriptions.js";

export async function homeView() {
  const home = await api("GET", "/api/home");
  await page("Accueil", null, html`
    <div class="cards">
      <section class="card" aria-labelledby="solde"><h2 id="solde">Mon compte</h2>
        <p>Solde des factures : <strong>${euros(home.invoicesBalanceCents)}</strong></p>
        <p><a href="#/compte/factures">Voir et régler mes factures</a></p></section>
      <section class="card" aria-labelledby="attente"><h2 id="attente">En attente d'une décision</h2>
        ${home.pending.length === 0 ? html`<p>Rien en attente.</p>` : html`<ul>${home.pending.map(p => html`<li>${p.subject} <small>(${dateTime(p.at)})</small></li>`)}</ul>`}
        <p><a href="#/tableau-de-bord">Mon tableau de bord</a></p></section>
    </div>
    <h2>Mes enfants</h2>
    ${home.inscriptions.length === 0 ? html`<p>Aucune inscription en cours.</p>` : html`<div class="cards">${home.inscriptions.map(i => html`
      <section class="card" aria-labelledby="ins-${i.inscriptionId}"><h3 id="ins-${i.inscriptionId}">${i.childName} – ${i.label}</h3>
        <p>Prochains jours réservés :</p>
        ${i.nextDays.length === 0 ? html`<p>Aucun jour réservé à venir.</p>` : html`<ul>${i.nextDays.map(d => html`<li>${frDate(d.date)} ${d.unit} – ${STATES[d.state] ?? d.state}</li>`)}</ul>`}
        ${i.nextBooking ? html`<p>Prochain jour à réserver : le ${frDate(i.nextBooking.date)}, jusqu'au ${dateTime(i.nextBooking.until)}</p>` : ""}
        ${i.nextCancellation ? html`<p>Prochaine annulation possible : le ${frDate(i.nextCancellation.date)}, jusqu'au ${dateTime(i.nextCancellation.until)}</p>` : ""}
        <p><a href="#/reservations/${i.inscriptionId}">Mes réservations</a></p></section>`)}</div>`}`);
}

// Mon tableau de bord: the history of what was asked of (or done by) the mairie, by the guide's tabs.
import { html } from "../html.js";
import { api } from "../api.js";
import { page, problem, say, announce, main, scroller } from "../shell.js";
import { dateTime } from "../format.js";

const TABS = [["famille", "Famille"], ["individu", "Individu"], ["inscription", "Inscription"], ["demande", "Demande"]];
const STATUS = { pending: "En attente", accepted: "Acceptée", refused: "Refusée", withdrawn: "Retirée" };

export async function dashboardView(tab) {
  const current = TABS.some(([key]) => key === tab) ? tab : "famille";
  const entries = (await api("GET", "/api/dashboard")).filter(e => e.category === current);
  const mark = (entry, status) => entry.status === status ? html`<span aria-label="${STATUS[status]}">✔</span>` : "";
  await page("Mon tableau de bord", [], html`
    <nav class="onglets" aria-label="Catégories">${TABS.map(([key, label]) =>
      html`<a href="#/tableau-de-bord/${key}"${key === current ? html` aria-current="page"` : ""}>${label}</a>`)}</nav>
    ${entries.length === 0 ? html`<p>Rien dans cette catégorie pour le moment.</p>` : scroller("Historique", html`<table><caption>${TABS.find(([key]) => key === current)[1]}</caption>
      <thead><tr><th scope="col">Date de mise à jour</th><th scope="col">Objet</th><th scope="col">En attente</th><th scope="col">Acceptée</th>
        <th scope="col">Refusée</th><th scope="col">Supprimer</th></tr></thead>
      <tbody>${entries.map(e => html`<tr><td>${dateTime(e.at)}</td><td>${e.subject}${e.status === "withdrawn" ? " (retirée)" : ""}</td>
        <td>${mark(e, "pending")}</td><td>${mark(e, "accepted")}</td><td>${mark(e, "refused")}</td>
        <td>${e.status === "pending" && e.requestId ? html`<button type="button" class="secondary" data-withdraw="${e.requestId}">Supprimer<span class="visually-hidden"> la demande ${e.subject}</span></button>` : ""}</td></tr>`)}</tbody></table>`)}
    <div id="message" aria-live="polite"></div>`);
  main().querySelectorAll("[data-withdraw]").forEach(button => button.addEventListener("click", async () => {
    try {
      await api("DELETE", `/api/requests/${button.dataset.withdraw}`);
      await dashboardView(current);
      announce("Demande retirée.");
    } catch (error) { say("message", problem(error)); }
  }));
}

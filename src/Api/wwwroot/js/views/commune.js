// "Contactez-nous" and "Mentions légales": the commune's own words, from its settings (GET /api/commune).
import { html } from "../html.js";
import { commune } from "../api.js";
import { page } from "../shell.js";

export async function contactView() {
  const { contact } = await commune();
  await page("Contactez-nous", [], html`<section class="card" aria-labelledby="service">
      <h2 id="service">${contact.service}</h2>
      <p>${contact.name}<br>${contact.address}</p>
      <p>Téléphone : <a href="tel:${contact.phone.replace(/\s/g, "")}">${contact.phone}</a><br>
        Courriel : <a href="mailto:${contact.email}">${contact.email}</a></p>
    </section>
    <p class="note">Le changement d'adresse e-mail du compte se fait auprès de la mairie.</p>`);
}

export async function legalView() {
  const info = await commune();
  await page("Mentions légales", [], html`<p>${info.legalNotice}</p>`);
}

// What the mairie's pages share: the address bar's query, going to a route (drawn again when it is the same one),
// and the pager of server-paged lists.
import { html } from "../../html.js";

export const query = () => new URLSearchParams(location.hash.split("?")[1] ?? "");

export const go = hash => { if (location.hash === hash) window.dispatchEvent(new HashChangeEvent("hashchange")); else location.hash = hash; };

/** "Page 2 sur 5" with its previous/next links; total comes from the X-Total-Count header. */
export function pager(route, params, page, pageSize, total) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const link = (to, text) => html`<a href="${route}?${new URLSearchParams({ ...params, page: String(to) })}">${text}</a>`;
  return html`<nav class="mois" aria-label="Pages"><span>${page > 1 ? link(page - 1, "← Page précédente") : ""}</span>
    <span>Page ${page} sur ${pages} (${total} au total)</span><span>${page < pages ? link(page + 1, "Page suivante →") : ""}</span></nav>`;
}

/** A whole number from the address bar, or the default (the server refuses what is out of bounds). */
export const pageNumber = value => /^[1-9]\d{0,5}$/.test(value ?? "") ? Number(value) : 1;

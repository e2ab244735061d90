// How the portal writes money, dates and ages: French, on the commune's calendar (dates are plain yyyy-mm-dd).

export const euros = cents => (cents / 100).toLocaleString("fr-FR", { style: "currency", currency: "EUR" });
const utc = iso => new Date(iso + "T12:00:00Z");
export const frDate = iso => utc(iso).toLocaleDateString("fr-FR", { weekday: "short", day: "numeric", month: "long", timeZone: "UTC" });
export const shortDate = iso => utc(iso).toLocaleDateString("fr-FR", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" });
export const monthName = month => utc(month + "-01").toLocaleDateString("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" });
export const dateTime = instant => new Date(instant).toLocaleString("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });
/** The guide's weekday letters: L M M J V S D. */
export const weekdayLetter = iso => "DLMMJVS"[utc(iso).getUTCDay()];
export const weekdayName = iso => utc(iso).toLocaleDateString("fr-FR", { weekday: "long", timeZone: "UTC" });
/** A date from the address bar or a form, or null: only yyyy-mm-dd reaches a page or a request. */
export const isoDate = value => /^\d{4}-\d{2}-\d{2}$/.test(value ?? "") ? value : null;
export const isoMonth = value => /^\d{4}-\d{2}$/.test(value ?? "") ? value : null;
export const shiftMonth = (month, delta) => {
  const [year, m] = month.split("-").map(Number);
  return new Date(Date.UTC(year, m - 1 + delta, 1)).toISOString().slice(0, 7);
};
export const sexLabel = sex => ({ M: "Masculin", F: "Féminin" })[sex] ?? sex;
/** Euros typed by a person ("12,50", "12.5", "12") as cents; anything else is NaN, and the server refuses it. */
export const cents = text => /^\s*\d+([.,]\d{1,2})?\s*$/.test(text ?? "") ? Math.round(Number(String(text).trim().replace(",", ".")) * 100) : NaN;
/** The offset of Paris time from UTC at that instant, in minutes (+60 in winter, +120 in summer). */
const parisOffset = date => {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Paris", timeZoneName: "longOffset" }).formatToParts(date).find(p => p.type === "timeZoneName")?.value ?? "";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
};
/** A date and time read on a Paris clock ("2026-10-01T08:00", a datetime-local field) as the UTC instant the API takes. */
export const parisInstant = local => {
  const naive = new Date(`${local}:00Z`);
  const first = new Date(naive - parisOffset(naive) * 60000);
  return new Date(naive - parisOffset(first) * 60000).toISOString().replace(".000Z", "Z");
};
/** A diet code of the commune's list in words ("sans-porc" → "sans porc"). */
export const dietLabel = diet => ({ vegetarien: "végétarien" })[diet] ?? String(diet ?? "").replaceAll("-", " ");
/** A PAI kind in words; no PAI is "aucun". */
export const paiLabel = pai => ({ "repas-adapte": "repas adapté", "panier-repas": "panier repas" })[pai] ?? "aucun";

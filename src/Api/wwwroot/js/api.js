// The portal's only way to the server. Every rule is decided there: the pages show its answers.

export const session = {
  get token() { return sessionStorage.getItem("token"); },
  get role() { return sessionStorage.getItem("role"); },
  save(login) { sessionStorage.setItem("token", login.accessToken); sessionStorage.setItem("role", login.role); },
  clear() { sessionStorage.clear(); cache.clear(); },
};

/** Answers that do not change during a visit (the portal's date, the commune, who is logged in). */
const cache = new Map();
export const once = (key, load) => { if (!cache.has(key)) cache.set(key, load().catch(e => { cache.delete(key); throw e; })); return cache.get(key); };
export const forget = key => cache.delete(key);

export class ApiError extends Error {
  constructor(message, status, data) { super(message); this.status = status; this.data = data; }
}

export async function api(method, path, body) {
  return (await exchange(method, path, body)).data;
}

/** One page of a server-paged list: its rows, and the total the server counts (X-Total-Count, or the header named). */
export async function apiPage(path, header = "X-Total-Count") {
  const { data, response } = await exchange("GET", path);
  return { rows: data, total: Number(response.headers.get(header) ?? 0), headers: response.headers };
}

/** A file's text sent as it is (the Ministry's calendar export: JSON or ICS). */
export async function upload(path, text, contentType) {
  return (await exchange("POST", path, text, contentType)).data;
}

async function exchange(method, path, body, rawType) {
  const headers = { Accept: "application/json" };
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers["Content-Type"] = rawType ?? "application/json";
  // One key per user action, reused by its retry: the server then answers the first outcome instead of acting twice.
  if (method === "POST") headers["Idempotency-Key"] = crypto.randomUUID();
  const payload = body === undefined ? undefined : rawType ? body : JSON.stringify(body);
  const send = () => fetch(path, { method, headers, body: payload });
  // The network failed (no answer) or the server did (its answer lost): the same request, the same key, once more.
  // A request whose effect committed is answered as it was the first time, never run twice.
  let response = await send().catch(() => null);
  if (!response || response.status >= 500) response = await send();
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (response.status === 401 && session.token) { session.clear(); location.hash = "#/connexion"; }
  if (!response.ok) throw new ApiError(data?.detail ?? `Erreur ${response.status}`, response.status, data);
  return { data, response };
}

/** A document the API makes (PDF, CSV), saved under its name. */
export async function download(path, fileName) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${session.token}` } });
  if (!response.ok) throw new ApiError(`Document indisponible (erreur ${response.status}).`, response.status);
  const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(await response.blob()), download: fileName });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

/** The commune's date on the portal's clock (not the browser's): grids and lists open on it. */
export const today = () => once("today", async () => (await api("GET", "/api/me")).today);
export const me = () => once("me", () => api("GET", "/api/me"));
export const commune = () => once("commune", () => api("GET", "/api/commune"));

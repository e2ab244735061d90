// Rendering escapes by default: a value put in an html`` template is escaped unless it is itself a fragment
// made by html`` (arrays of fragments are joined; null, undefined and false render nothing).

export class Html {
  constructor(text) { this.text = text; }
  toString() { return this.text; }
}

export const escape = value => String(value ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

const part = value => value instanceof Html ? value.text
  : Array.isArray(value) ? value.map(part).join("")
  : value === false || value === null || value === undefined ? "" : escape(value);

export const html = (strings, ...values) => new Html(strings.reduce((out, text, i) => out + part(values[i - 1]) + text));

/** Puts a fragment in an element: only html`` fragments are accepted, never a plain string. */
export function mount(element, fragment) {
  if (!(fragment instanceof Html)) throw new TypeError("mount() takes an html`` fragment");
  element.innerHTML = fragment.text;
}

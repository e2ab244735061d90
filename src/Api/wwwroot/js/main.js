// Portail Famille – the web portal. Routes (the part after "#") lead to views; every view asks the API and shows its answers.
import { api, session, forget } from "./api.js";
import { page, problem, home } from "./shell.js";
import { loginView, forgotView, linkPasswordView, changePasswordView } from "./views/connexion.js";
import { contactView, legalView } from "./views/commune.js";
import { homeView } from "./views/accueil.js";
import { dashboardView } from "./views/tableau.js";
import { familyView, coordinatesView } from "./views/famille.js";
import { inscriptionsView, reservationsView, waitlistView, inscriptionInfoView, forgetClicks } from "./views/inscriptions.js";
import { shuttlesView } from "./views/navettes.js";
import { shuttleLinesView, manifestView } from "./views/staff/navettes.js";
import { accountView, balanceByInscriptionView, invoicesView, fiscalView } from "./views/compte.js";
import { weekPatternView } from "./views/semaine.js";
import { headcountsView, attendanceView, auditView } from "./views/staff.js";
import { requestsView } from "./views/staff/demandes.js";
import { mairieView } from "./views/staff/mairie.js";
import { regieView, invoiceView, paymentsView } from "./views/staff/regie.js";
import { activitiesView, newActivityView, activityView } from "./views/staff/activites.js";
import { calendarView } from "./views/staff/calendrier.js";
import { accountsView } from "./views/staff/comptes.js";
import { kitchenView } from "./views/staff/cuisine.js";
import { familiesView, newFamilyView, familyFileView, editFamilyView, editChildView, eraseFamilyView, staffGridView, familyHistoryView }
  from "./views/staff/familles.js";

const anyone = { connexion: loginView, "mot-de-passe-oublie": forgotView, contact: contactView, "mentions-legales": legalView };
const signedIn = { "mot-de-passe": changePasswordView };
const parent = {
  accueil: homeView,
  "tableau-de-bord": ([tab]) => dashboardView(tab),
  famille: familyView,
  coordonnees: coordinatesView,
  inscriptions: ([id, what]) => id && what === "informations" ? inscriptionInfoView(id) : inscriptionsView(),
  reservations: ([id, month]) => reservationsView(id, month),
  "liste-attente": ([id]) => waitlistView(id),
  navettes: ([id]) => shuttlesView(id),
  "semaine-type": weekPatternView,
  compte: ([what]) => ({ inscriptions: balanceByInscriptionView, factures: invoicesView, "attestation-fiscale": fiscalView })[what]?.() ?? accountView(),
};
const staff = {
  mairie: mairieView, regie: ([what, id]) => what === "factures" ? invoiceView(id) : what === "paiements" ? paymentsView() : regieView(),
  effectifs: headcountsView, "en-attente": requestsView, pointage: attendanceView, audit: auditView,
  activites: ([code]) => !code ? activitiesView() : code === "nouvelle" ? newActivityView() : activityView(decodeURIComponent(code)),
  calendrier: calendarView, comptes: accountsView, cuisine: kitchenView,
  navettes: ([code]) => code ? manifestView(decodeURIComponent(code)) : shuttleLinesView(),
  familles: ([id, what, ...rest]) => !id ? familiesView() : id === "nouvelle" ? newFamilyView()
    : what === "modifier" ? editFamilyView(id) : what === "enfants" ? editChildView(id, rest[0]) : what === "effacement" ? eraseFamilyView(id)
    : what === "planning" ? staffGridView(id, rest[0], rest[1]) : what === "historique" ? familyHistoryView(id) : familyFileView(id),
};
const kitchen = { cuisine: kitchenView, effectifs: headcountsView, pointage: attendanceView };
const driver = { navettes: staff.navettes };

async function render() {
  const path = location.pathname;
  if (path === "/activation") return linkPasswordView("activation");
  if (path === "/reinitialisation") return linkPasswordView("reset");
  const [name, ...rest] = location.hash.slice(1).split("?")[0].split("/").filter(Boolean);
  if (anyone[name]) return anyone[name](rest);
  if (!session.token) return loginView();
  if (new URLSearchParams(location.search).has("paiement")) return accountView();
  const views = { ...signedIn, ...({ parent, staff, kitchen, driver }[session.role] ?? {}) };
  if (!views[name]) { location.replace(home()); return undefined; }
  return views[name](rest);
}

// Views render one after the other: a slow earlier view can never overwrite the one asked for last.
let drawing = Promise.resolve();
const route = () => {
  drawing = drawing.then(render, render).catch(error => page("Erreur", [], problem(error)));
  return drawing;
};

window.addEventListener("hashchange", () => {
  // Clicks not sent yet survive a change of month on the grid, nothing else.
  if (!location.hash.startsWith("#/reservations/") && !/^#\/familles\/[^/]+\/planning\//.test(location.hash)) forgetClicks();
  route();
});
document.addEventListener("click", async event => {
  // The skip link focuses the content without touching the address (the part after "#" is the route).
  if (event.target.closest("a.skip")) { event.preventDefault(); document.getElementById("contenu").focus(); return; }
  const target = event.target.closest("button");
  if (!target) return;
  if (target.id === "deconnexion") {
    // Ends the session on the server too; the page forgets it whatever the answer (a session already ended is a 401).
    await api("POST", "/api/auth/logout").catch(() => null);
    session.clear();
    forget("welcome");
    location.hash = "#/connexion";
  } else if (target.id === "imprimer" || target.hasAttribute("data-print")) {
    window.print();
  }
});
route();

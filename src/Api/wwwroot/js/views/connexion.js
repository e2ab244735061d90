// Connexion: login, "Mot de passe oublié", the activation and reset pages the e-mailed links open, "Changement de mot de passe".
import { html } from "../html.js";
import { api, session, forget } from "../api.js";
import { page, problem, say, announce, home } from "../shell.js";

const PASSWORD_RULE = "12 caractères au moins";

export async function loginView(notice) {
  await page("Connexion", [], html`${notice ? html`<p class="ok" role="status">${notice}</p>` : ""}
    <form class="stack" id="connexion">
      <label>Adresse e-mail <input name="email" type="email" autocomplete="username" required></label>
      <label>Mot de passe <input name="password" type="password" autocomplete="current-password" required></label>
      <button class="primary" type="submit">Se connecter</button>
      <div id="message" aria-live="polite"></div>
    </form>
    <p><a href="#/mot-de-passe-oublie">Mot de passe oublié ?</a></p>
    <p class="note">Le dossier famille est créé par le service des inscriptions de la mairie : le lien d'activation
      arrive par courriel à l'adresse donnée à l'inscription.</p>`);
  document.getElementById("connexion").addEventListener("submit", async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    try {
      session.save(await api("POST", "/api/auth/login", { email: form.get("email"), password: form.get("password") }));
      location.hash = home();
    } catch (error) { say("message", problem(error)); }
  });
}

export async function forgotView() {
  await page("Mot de passe oublié", [["Connexion", "#/connexion"]], html`
    <p>Indiquez l'adresse e-mail de votre compte : un lien pour choisir un nouveau mot de passe vous sera envoyé.</p>
    <form class="stack" id="oubli">
      <label>Adresse e-mail <input name="email" type="email" autocomplete="username" required></label>
      <button class="primary" type="submit">Recevoir le lien</button>
      <div id="message" aria-live="polite"></div>
    </form>`);
  document.getElementById("oubli").addEventListener("submit", async event => {
    event.preventDefault();
    try {
      await api("POST", "/api/auth/password-reset", { email: new FormData(event.target).get("email") });
      // The same answer whether the address is known or not: the page tells nobody who has an account.
      say("message", html`<p class="ok">Si cette adresse correspond à un compte, un courriel avec un lien vient de lui être envoyé.
        Le lien est valable une heure.</p>`);
    } catch (error) { say("message", problem(error)); }
  });
}

/** The page an e-mailed link opens (/activation or /reinitialisation?token=…). */
export async function linkPasswordView(kind) {
  const token = new URLSearchParams(location.search).get("token") ?? "";
  const activation = kind === "activation";
  await page(activation ? "Activation du compte" : "Nouveau mot de passe", [], html`
    <form class="stack" id="mot-de-passe">
      <label>Nouveau mot de passe (${PASSWORD_RULE}) <input name="password" type="password" autocomplete="new-password" required minlength="12"></label>
      <button class="primary" type="submit">${activation ? "Activer mon compte" : "Changer mon mot de passe"}</button>
      <div id="message" aria-live="polite"></div>
    </form>`);
  document.getElementById("mot-de-passe").addEventListener("submit", async event => {
    event.preventDefault();
    const password = new FormData(event.target).get("password");
    try {
      await (activation ? api("POST", "/api/auth/activation", { token, password })
        : api("POST", "/api/auth/password-reset/confirm", { token, newPassword: password }));
      history.replaceState(null, "", "/#/connexion");
      await loginView("Mot de passe enregistré : vous pouvez vous connecter.");
      announce("Mot de passe enregistré : vous pouvez vous connecter.");
    } catch (error) { say("message", problem(error)); }
  });
}

export async function changePasswordView() {
  await page("Changement de mot de passe", session.role === "parent" ? [["Mon compte", "#/compte"]] : [], html`
    <form class="stack" id="changement">
      <label>Mot de passe actuel <input name="currentPassword" type="password" autocomplete="current-password" required></label>
      <label>Nouveau mot de passe (${PASSWORD_RULE}) <input name="newPassword" type="password" autocomplete="new-password" required minlength="12"></label>
      <button class="primary" type="submit">Changer mon mot de passe</button>
      <div id="message" aria-live="polite"></div>
    </form>
    <p class="note">Après le changement, toutes vos sessions sont fermées, sur tous vos appareils : reconnectez-vous avec le nouveau mot de passe.</p>`);
  document.getElementById("changement").addEventListener("submit", async event => {
    event.preventDefault();
    try {
      await api("PUT", "/api/me/password", Object.fromEntries(new FormData(event.target)));
      session.clear();
      forget("welcome");
      history.replaceState(null, "", "/#/connexion");
      await loginView("Mot de passe changé : connectez-vous avec le nouveau.");
    } catch (error) { say("message", problem(error)); }
  });
}

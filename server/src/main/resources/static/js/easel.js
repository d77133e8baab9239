// Easel's shared page script: API calls with the CSRF header, forms that submit JSON to the API and show each
// error next to the field it names, and buttons that call the API. Pages work without it where they can
// (links, search, sign-in); what needs it says so in its markup (data-api, data-action).
"use strict";

const Easel = (() => {
  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  /** fetch with the session's CSRF token; a JSON body is sent as JSON, FormData as multipart. */
  async function api(method, path, body) {
    const headers = { "X-XSRF-TOKEN": csrfToken(), "Accept": "application/json" };
    let payload = body;
    if (body !== undefined && body !== null && !(body instanceof FormData)) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const response = await fetch(path, { method, headers, body: payload, credentials: "same-origin" });
    let data = null;
    const type = response.headers.get("Content-Type") || "";
    if (type.includes("json")) {
      data = await response.json();
    }
    return { ok: response.ok, status: response.status, data };
  }

  /** The message of an API error body ({message} or A1111's {detail}), or a generic one. */
  function messageOf(result) {
    if (result.data && (result.data.message || result.data.detail)) {
      return result.data.message || result.data.detail;
    }
    if (result.status === 401) return "Please sign in first.";
    if (result.status === 403) return "You may not do that.";
    return "Something went wrong (" + result.status + ").";
  }

  function clearErrors(form) {
    form.querySelectorAll("[data-error-for]").forEach(el => { el.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(el => el.removeAttribute("aria-invalid"));
    const formError = form.querySelector("[data-form-error]");
    if (formError) formError.textContent = "";
    const saved = form.querySelector("[data-saved]");
    if (saved) saved.hidden = true;
  }

  /** Puts an API error next to the field it names, or at the form's foot; focuses the field. */
  function showError(form, result) {
    // Some engine errors name the field only in the message ("steps must be ..."): use its first word then.
    const firstWord = result.data && typeof result.data.message === "string" ? result.data.message.split(/[\s:]/)[0] : "";
    const field = (result.data && result.data.field) || firstWord;
    const slot = field && form.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
    if (slot) {
      slot.textContent = messageOf(result);
      const input = form.querySelector(`[name="${CSS.escape(field)}"]`);
      if (input) {
        input.setAttribute("aria-invalid", "true");
        input.focus();
      }
      return;
    }
    const formError = form.querySelector("[data-form-error]");
    if (formError) {
      formError.textContent = messageOf(result);
    } else {
      alert(messageOf(result));
    }
  }

  /** The form's fields as a JSON object: numbers for type=number, booleans for checkboxes, blanks left out; fields with
   * data-image="ID" become {id, name: value} items of an "images" list (a post's per-image settings). */
  function formObject(form) {
    const body = {};
    for (const el of form.elements) {
      if (!el.name || el.disabled || el.type === "submit" || el.type === "file") continue;
      if (el.dataset.image) {
        (body.images ??= []).push({ id: el.dataset.image, [el.name]: el.value });
      } else if (el.type === "checkbox") {
        body[el.name] = el.checked;
      } else if (el.type === "radio") {
        if (el.checked) body[el.name] = el.value;
      } else if (el.value.trim() === "" && !el.hasAttribute("data-keep-blank")) {
        continue;
      } else if (el.type === "number" || "number" in el.dataset) {
        body[el.name] = Number(el.value);
      } else if (el.dataset.list === "comma") {
        body[el.name] = el.value.split(",").map(s => s.trim()).filter(Boolean);
      } else {
        body[el.name] = el.value;
      }
    }
    return body;
  }

  function multipart(form) {
    const data = new FormData();
    for (const el of form.elements) {
      if (!el.name || el.disabled || el.type === "submit") continue;
      if (el.type === "file") {
        for (const file of el.files) data.append(el.name, file);
      } else if (el.type === "checkbox") {
        data.append(el.name, el.checked ? "true" : "false");
      } else if (el.value.trim() !== "") {
        data.append(el.name, el.value);
      }
    }
    return data;
  }

  /** After success: data-then="reload", a URL (with {field} or {a.b} replaced from the answer), or an event only. */
  function afterSuccess(form, result) {
    form.dispatchEvent(new CustomEvent("easel:done", { detail: result.data, bubbles: true }));
    const saved = form.querySelector("[data-saved]");
    if (saved) saved.hidden = false;
    const then = form.dataset.then;
    if (then === "reload") {
      location.reload();
    } else if (then) {
      const value = path => path.split(".").reduce((data, key) => (data == null ? data : data[key]), result.data);
      location.assign(then.replace(/\{([\w.]+)\}/g, (_, path) => encodeURIComponent(value(path) ?? "")));
    }
  }

  async function submitForm(form, event) {
    event.preventDefault();
    clearErrors(form);
    const submit = form.querySelector("[type=submit]");
    if (submit) submit.disabled = true;
    const busy = form.querySelector("[data-busy]");
    if (busy) busy.hidden = false;
    try {
      const body = form.hasAttribute("data-multipart") ? multipart(form) : formObject(form);
      const result = await api(form.dataset.method || "POST", form.dataset.api, body);
      if (!result.ok) {
        showError(form, result);
        return;
      }
      if (form.hasAttribute("data-sign-in")) {
        const signIn = await api("POST", "/api/v1/session", { username: body.username, password: body.password });
        if (!signIn.ok) {
          showError(form, signIn);
          return;
        }
      }
      afterSuccess(form, result);
    } catch (e) {
      showError(form, { status: 0, data: { message: "The server could not be reached." } });
    } finally {
      if (submit) submit.disabled = false;
      if (busy) busy.hidden = true;
    }
  }

  /** <button data-action="POST /api/v1/..." data-then="reload" data-confirm="..."> */
  async function runAction(button) {
    if (button.dataset.confirm && !confirm(button.dataset.confirm)) return;
    const [method, path] = button.dataset.action.split(" ");
    button.disabled = true;
    const result = await api(method, path);
    button.disabled = false;
    if (!result.ok) {
      const status = button.parentElement.querySelector("[data-action-status]");
      if (status) status.textContent = messageOf(result); else alert(messageOf(result));
      return;
    }
    button.dispatchEvent(new CustomEvent("easel:done", { detail: result.data, bubbles: true }));
    if (button.dataset.then === "reload") location.reload();
    else if (button.dataset.then) location.assign(button.dataset.then);
  }

  /** <button data-toggle="/api/v1/likes/posts/ID" aria-pressed="false" data-count="likeCount" data-count-target="#x">:
   * PUT to turn on, DELETE to turn off; the answer's count field updates the target's text. */
  async function toggle(button) {
    const on = button.getAttribute("aria-pressed") === "true";
    button.disabled = true;
    const result = await api(on ? "DELETE" : "PUT", button.dataset.toggle);
    button.disabled = false;
    if (!result.ok) {
      alert(messageOf(result));
      return;
    }
    button.setAttribute("aria-pressed", String(!on));
    const target = button.dataset.countTarget && document.querySelector(button.dataset.countTarget);
    if (target && result.data && button.dataset.count in result.data) {
      target.textContent = String(result.data[button.dataset.count]);
    }
    if (button.dataset.labelOn) {
      button.textContent = !on ? button.dataset.labelOn : button.dataset.labelOff;
    }
  }

  document.addEventListener("submit", event => {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.api) submitForm(form, event);
  });
  document.addEventListener("click", event => {
    const button = event.target.closest("button[data-action]");
    if (button) runAction(button);
    const switcher = event.target.closest("button[data-toggle]");
    if (switcher) toggle(switcher);
  });
  // htmx requests carry the CSRF token too.
  document.addEventListener("htmx:configRequest", event => {
    event.detail.headers["X-XSRF-TOKEN"] = csrfToken();
  });

  return { api, messageOf, showError, clearErrors, formObject };
})();

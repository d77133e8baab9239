// The generator page: submits jobs to the native API and follows each one's event stream (queued position,
// progress steps, latent previews, then done/failed/canceled). Results and the publish form appear in place.
"use strict";

(() => {
  const form = document.getElementById("generate-form");
  const list = document.getElementById("jobs");
  const template = document.getElementById("job-template");
  const empty = document.getElementById("no-jobs");
  const FINISHED = ["DONE", "FAILED", "CANCELED"];

  function describe(job) {
    return `${job.model} · ${job.sampler} · ${job.steps} steps · CFG ${job.cfgScale} · ${job.width}×${job.height}`
      + ` · seed ${job.seed} · ${job.count} image${job.count === 1 ? "" : "s"}`;
  }

  function card(job) {
    const item = template.content.firstElementChild.cloneNode(true);
    item.id = "job-" + job.id;
    item.dataset.jobId = job.id;
    item.querySelector(".job-prompt").textContent = job.prompt;
    item.querySelector(".job-params").textContent = describe(job);
    const bar = item.querySelector("progress");
    bar.setAttribute("aria-label", "Progress of “" + job.prompt + "”");
    item.querySelector("[data-cancel]").addEventListener("click", () => cancel(job.id, item));
    item.querySelector(".publish").addEventListener("submit", event => publish(event, item));
    list.prepend(item);
    empty.hidden = true;
    return item;
  }

  function setState(item, text, state) {
    const el = item.querySelector(".job-state");
    el.textContent = text;
    el.className = "job-state state-" + state;
    item.dataset.state = state;
  }

  function setProgress(item, step, total) {
    const bar = item.querySelector("progress");
    bar.max = total;
    bar.value = step;
    bar.setAttribute("aria-valuetext", `${Math.round(100 * step / total)}%`);
    item.dataset.progress = String(Math.round(100 * step / total));
  }

  function follow(job, item) {
    if (FINISHED.includes(job.state)) {
      finish(job, item);
      return;
    }
    setState(item, job.state === "RUNNING" ? "Running" : "Queued", job.state.toLowerCase());
    const events = new EventSource(`/api/v1/jobs/${encodeURIComponent(job.id)}/events`);
    events.addEventListener("queued", e => {
      const data = JSON.parse(e.data);
      setState(item, data.position === 0 ? "Queued, next in line" : `Queued, ${data.position} ahead`, "queued");
    });
    events.addEventListener("progress", e => {
      const data = JSON.parse(e.data);
      if (item.dataset.state !== "running") setState(item, "Running", "running");
      setProgress(item, data.step, data.totalSteps);
      if (data.preview) {
        const preview = item.querySelector(".preview");
        preview.src = data.preview;
        preview.hidden = false;
      }
    });
    for (const type of ["done", "failed", "canceled"]) {
      events.addEventListener(type, async () => {
        events.close();
        const result = await Easel.api("GET", `/api/v1/jobs/${encodeURIComponent(job.id)}`);
        finish(result.ok ? result.data : { ...job, state: type.toUpperCase() }, item);
      });
    }
    events.onerror = async () => {
      // The stream ended without a final event (server restart, network): look at the job once and carry on.
      if (events.readyState === EventSource.CLOSED) {
        const result = await Easel.api("GET", `/api/v1/jobs/${encodeURIComponent(job.id)}`);
        if (result.ok && FINISHED.includes(result.data.state)) finish(result.data, item);
      }
    };
  }

  function finish(job, item) {
    item.job = job;
    item.querySelector("[data-cancel]").hidden = true;
    item.querySelector(".preview").hidden = true;
    if (job.state === "DONE") {
      setProgress(item, 1, 1);
      setState(item, `Done: ${job.images.length} image${job.images.length === 1 ? "" : "s"}`, "done");
      const results = item.querySelector(".results");
      results.replaceChildren(...job.images.map(image => {
        const link = document.createElement("a");
        link.href = image.url;
        const img = document.createElement("img");
        img.src = image.url;
        img.alt = `${job.prompt} (seed ${image.seed})`;
        img.width = job.width;
        img.height = job.height;
        link.append(img);
        return link;
      }));
      item.querySelector(".publish").hidden = job.images.length === 0;
    } else if (job.state === "FAILED") {
      setState(item, "Failed: " + (job.error || "unknown error"), "failed");
    } else {
      setState(item, "Canceled", "canceled");
    }
  }

  async function cancel(id, item) {
    const result = await Easel.api("POST", `/api/v1/jobs/${encodeURIComponent(id)}/cancel`);
    if (!result.ok) setState(item, Easel.messageOf(result), item.dataset.state);
  }

  async function publish(event, item) {
    event.preventDefault();
    const job = item.job;
    const publishForm = event.currentTarget;
    Easel.clearErrors(publishForm);
    const fields = Easel.formObject(publishForm);
    const body = {
      title: fields.title,
      caption: fields.caption,
      visibility: fields.visibility,
      images: job.images.map(image => ({ jobId: job.id, index: image.index, nsfw: fields.nsfw }))
    };
    const result = await Easel.api("POST", "/api/v1/posts", body);
    if (!result.ok) {
      Easel.showError(publishForm, result);
      return;
    }
    location.assign("/posts/" + encodeURIComponent(result.data.id));
  }

  form.addEventListener("submit", async event => {
    event.preventDefault();
    Easel.clearErrors(form);
    const body = Easel.formObject(form);
    const result = await Easel.api("POST", "/api/v1/jobs", body);
    if (!result.ok) {
      Easel.showError(form, result);
      return;
    }
    follow(result.data, card(result.data));
  });

  // Jobs submitted earlier (also from another tab) show up again, unfinished ones still live.
  Easel.api("GET", "/api/v1/jobs?limit=10").then(result => {
    if (!result.ok) return;
    for (const job of result.data.slice().reverse()) {
      if (!document.getElementById("job-" + job.id)) follow(job, card(job));
    }
  });
})();

// isq live room: the participant page. Every text from the server is set with textContent
// (never parsed as HTML), so a team or answer such as <script>…</script> is shown, never run.
"use strict";
(function () {
  const params = new URLSearchParams(location.search);
  const T = {
    zh: { brand: "isq 课堂互动", join: "加入课堂", code: "房间码", team: "所在小组", name: "姓名或昵称",
          joinBtn: "加入", wait: "请等待培训师开放活动……", submit: "提交", sending: "正在提交……",
          saved: "已提交 ✓", nothing: "请先作答。", net: "网络中断，请稍后再试（答案尚未提交）。",
          results: "全班汇总", answered: "已答", choose: "请选择" },
    en: { brand: "isq live room", join: "Join the class", code: "Room code", team: "Your team", name: "Name or nickname",
          joinBtn: "Join", wait: "Waiting for the trainer to open an activity…", submit: "Submit", sending: "Sending…",
          saved: "Submitted ✓", nothing: "Answer first.", net: "Network problem; try again (not submitted yet).",
          results: "Class results", answered: "answered", choose: "Choose" },
  };
  let lang = params.get("lang") === "en" ? "en" : "zh";
  let t = T[lang];
  let secret = localStorage.getItem("isq_room_secret") || "";
  let current = null;      // the activity spec on screen
  let values = {};         // question id -> {part: value}
  let dirty = {};          // question ids changed since the last submit

  const { $, el } = window.isqDom;  // dom.js, loaded first
  function show(id) { for (const s of ["join", "wait", "activity"]) $(s).hidden = s !== id; }
  function say(id, text, ok) { const m = $(id); m.textContent = text; m.className = "msg " + (ok ? "ok" : "err"); }

  async function api(path, body) {
    const opts = { headers: { "X-Participant": secret } };
    if (body !== undefined) {
      opts.method = "POST";
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    const sep = path.includes("?") ? "&" : "?";
    const r = await fetch(path + sep + "lang=" + lang, opts);
    let data = {};
    try { data = await r.json(); } catch (e) { data = {}; }
    return { status: r.status, data };
  }

  function texts() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    $("brand").textContent = t.brand; $("join-title").textContent = t.join;
    $("l-code").textContent = t.code; $("l-team").textContent = t.team; $("l-name").textContent = t.name;
    $("join-btn").textContent = t.joinBtn; $("wait-text").textContent = t.wait;
    $("submit-btn").textContent = t.submit; $("res-title").textContent = t.results;
  }

  async function showJoin() {
    show("join");
    $("code").value = params.get("code") || "";
    const { data } = await api("/api/info");
    const sel = $("team");
    sel.replaceChildren(el("option", null, t.choose));
    sel.firstChild.value = "";
    for (const team of data.teams || []) { const o = el("option", null, team); o.value = team; sel.appendChild(o); }
  }

  async function join(ev) {
    ev.preventDefault();
    const body = { code: $("code").value, team: $("team").value, name: $("name").value };
    try {
      const { status, data } = await api("/api/join", body);
      if (status !== 200) { say("join-msg", data.error || ("HTTP " + status)); return; }
      secret = data.secret;
      localStorage.setItem("isq_room_secret", secret);
      await refresh();
    } catch (e) { say("join-msg", t.net); }
  }

  // ------------------------------------------------------------------ parts
  function partWidget(q, p) {
    const box = el("div", "part");
    box.appendChild(el("div", "plabel", p.label));
    const v = () => (values[q.id] || {})[p.name];
    const set = (x) => { values[q.id] = values[q.id] || {}; values[q.id][p.name] = x; dirty[q.id] = true; };
    if (p.type === "scale" || p.type === "choice" || p.type === "multi") {
      const opts = p.type === "scale"
        ? Array.from({ length: p.max - p.min + 1 }, (_, i) => ({ value: p.min + i, label: String(p.min + i),
            title: (p.labels || {})[String(p.min + i)] || "" }))
        : p.options.map((o) => ({ value: o.value, label: o.label, title: "" }));
      const row = el("div", "opts");
      if (p.type === "scale") {  // one row of equal buttons on a phone (two rows for 0–10)
        const n = opts.length;
        row.classList.add("grid-opts");
        row.style.gridTemplateColumns = "repeat(" + (n <= 7 ? n : Math.ceil(n / 2)) + ", 1fr)";
      }
      const buttons = [];
      for (const o of opts) {
        const b = el("button", "opt", o.label);
        b.type = "button";
        if (o.title) { b.title = o.title; if (p.type === "scale" && opts.length <= 5) b.textContent = o.label + " " + o.title; }
        b.dataset.value = String(o.value);
        b.addEventListener("click", () => {
          if (p.type === "multi") {
            let cur = (v() || []).slice();
            const i = cur.indexOf(o.value);
            if (i >= 0) cur.splice(i, 1); else if (cur.length < p.max) cur.push(o.value);
            set(cur);
          } else { set(o.value); }
          paint();
        });
        buttons.push(b); row.appendChild(b);
      }
      const paint = () => {
        const cur = v();
        for (const b of buttons) {
          const on = Array.isArray(cur) ? cur.map(String).includes(b.dataset.value) : String(cur) === b.dataset.value;
          b.classList.toggle("on", cur !== undefined && cur !== null && on);
        }
      };
      paint();
      box.appendChild(row);
      if (p.type === "scale" && opts.length > 5 && p.labels) {
        const ends = el("div", "ends");
        ends.appendChild(el("span", null, p.labels[String(p.min)] || ""));
        ends.appendChild(el("span", null, p.labels[String(p.max)] || ""));
        box.appendChild(ends);
      }
    } else if (p.type === "text" || p.type === "long_text" || p.type === "number") {
      const input = el(p.type === "long_text" ? "textarea" : "input");
      if (p.type === "number") { input.type = "number"; if (p.min != null) input.min = p.min; if (p.max != null) input.max = p.max; }
      else input.maxLength = p.maxlength;
      if (v() !== undefined) input.value = v();
      input.addEventListener("input", () => set(p.type === "number" ? (input.value === "" ? null : Number(input.value)) : input.value));
      box.appendChild(input);
    } else if (p.type === "bool") {
      const lab = el("label");
      const cb = el("input"); cb.type = "checkbox"; cb.style.width = "auto"; cb.checked = !!v();
      cb.addEventListener("change", () => set(cb.checked));
      lab.appendChild(cb); lab.appendChild(document.createTextNode(" " + p.label));
      box.replaceChildren(lab);
    }
    return box;
  }

  function render(spec, answered) {
    current = spec; values = {}; dirty = {};
    $("act-title").textContent = spec.title;
    $("act-intro").textContent = spec.intro || "";
    const form = $("act-form");
    form.replaceChildren();
    for (const q of spec.questions) {
      const card = el("div", "card");
      card.id = "q-" + q.id;
      card.dataset.q = q.id;
      const head = el("div", "q", q.label);
      if ((answered || []).some((a) => a === q.id || a.startsWith(q.id + ":"))) {
        card.classList.add("done"); head.appendChild(el("span", "badge", " · " + t.answered));
      }
      card.appendChild(head);
      for (const p of q.parts) card.appendChild(partWidget(q, p));
      form.appendChild(card);
    }
    say("act-msg", "", true);
    show("activity");
  }

  async function submit() {
    if (!current) return;
    const answers = {};
    for (const q of Object.keys(dirty)) answers[q] = values[q];
    if (!Object.keys(answers).length) { say("act-msg", t.nothing); return; }
    say("act-msg", t.sending, true);
    for (const c of document.querySelectorAll(".card.bad")) c.classList.remove("bad");
    try {
      const { status, data } = await api("/api/answer", { activity: current.activity, answers });
      if (status === 200 && data.ok) {
        for (const q of Object.keys(answers)) { const c = $("q-" + q); if (c) c.classList.add("done"); }
        dirty = {};
        say("act-msg", data.message || t.saved, true);
        loadResults();
      } else {
        say("act-msg", data.error || ("HTTP " + status));
        if (data.question) { const c = $("q-" + data.question); if (c) { c.classList.add("bad"); c.scrollIntoView(); } }
        if (status === 409) refresh();
      }
    } catch (e) { say("act-msg", t.net); }
  }

  async function loadResults() {
    try {
      const { status, data } = await api("/api/results");
      const box = $("results");
      if (status !== 200 || !data.activity) { box.hidden = true; return; }
      box.hidden = false;
      $("res-note").textContent = data.note || "";
      const bars = $("res-bars");
      bars.replaceChildren();
      const vals = (data.bars || []).map((b) => Math.abs(b.value || 0));
      const top = Math.max(1e-9, ...vals);
      for (const b of data.bars || []) {
        const row = el("div", "hbar");
        row.appendChild(el("div", "lab", b.label + "  " + (b.text || "")));
        const track = el("div", "track"); const fill = el("div", "fill");
        fill.style.width = (100 * Math.abs(b.value || 0) / top).toFixed(1) + "%";
        track.appendChild(fill); row.appendChild(track); bars.appendChild(row);
      }
    } catch (e) { /* results are optional */ }
  }

  async function refresh() {
    try {
      const { status, data } = await api("/api/state");
      if (status === 401) { secret = ""; localStorage.removeItem("isq_room_secret"); await showJoin(); return false; }
      if (status !== 200) return true;
      $("who").textContent = data.participant.team + " · " + data.participant.name;
      if (!data.activity) { current = null; show("wait"); return true; }
      const changed = !current || current.activity !== data.activity.activity ||
        JSON.stringify(current.questions.map((q) => q.id)) !== JSON.stringify(data.activity.questions.map((q) => q.id));
      if (changed) { render(data.activity, data.answered); loadResults(); }
      return true;
    } catch (e) { return true; }
  }

  document.addEventListener("DOMContentLoaded", async () => {
    texts();
    $("join-form").addEventListener("submit", join);
    $("submit-btn").addEventListener("click", submit);
    if (!secret || !(await refresh())) { if (!secret) await showJoin(); }
    setInterval(async () => { if (secret) { await refresh(); } }, 2500);
    setInterval(() => { if (secret && current) loadResults(); }, 6000);
  });
})();

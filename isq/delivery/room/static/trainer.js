// isq live room: the trainer page (needs ?token=...). Texts are set with textContent only.
"use strict";
(function () {
  const token = new URLSearchParams(location.search).get("token") || "";
  const { $, el } = window.isqDom;  // dom.js, loaded first
  async function api(path, body) {
    const opts = { headers: { "X-Room-Token": token } };
    if (body !== undefined) { opts.method = "POST"; opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
    const r = await fetch(path, opts);
    let data = {}; try { data = await r.json(); } catch (e) { data = {}; }
    return { status: r.status, data };
  }
  function say(text, ok) { $("msg").textContent = text; $("msg").className = "msg " + (ok ? "ok" : "err"); }
  let filled = false;
  function drawChart(summary) {
    const chart = $("chart");
    chart.replaceChildren();
    const bars = (summary && summary.bars) || [];
    const top = Math.max(1e-9, ...bars.map((b) => Math.abs(b.value || 0)));
    for (const b of bars) {
      const row = el("div", "hbar");
      row.dataset.label = b.label;
      row.appendChild(el("div", "lab", b.label + "  " + (b.text || "")));
      const track = el("div", "track"), fill = el("div", "fill");
      fill.style.width = (100 * Math.abs(b.value || 0) / top).toFixed(1) + "%";
      track.appendChild(fill); row.appendChild(track); chart.appendChild(row);
    }
    const table = $("table");
    table.replaceChildren();
    const tab = (summary && summary.table) || { columns: [], rows: [] };
    if (tab.columns.length) {
      const head = el("tr");
      for (const c of tab.columns) head.appendChild(el("th", null, c));
      table.appendChild(head);
      for (const r of tab.rows) {
        const tr = el("tr");
        for (const v of r) tr.appendChild(el("td", null, v === null ? "—" : v));
        table.appendChild(tr);
      }
    }
  }
  async function tick() {
    const { status, data } = await api("/api/trainer/state");
    if (status !== 200) { say(data.error || ("HTTP " + status)); return; }
    if (!filled) {
      $("code").textContent = data.code;
      $("join-url").textContent = data.join_url || "";
      $("qr").src = "/api/trainer/qr.png?token=" + encodeURIComponent(token);
      const sel = $("activity");
      for (const a of data.activities) { const o = el("option", null, a); o.value = a; sel.appendChild(o); }
      filled = true;
    }
    $("changes").textContent = "#" + data.changes;
    if (data.current) {
      $("current").textContent = data.current;
      const p = data.progress;
      $("progress").textContent = "已收到 " + p.answered + "/" + data.participants + "  (" + p.answers + ")";
      $("note").textContent = (data.summary && data.summary.note) || "";
      drawChart(data.summary);
    } else {
      $("current").textContent = "尚未开放活动 · no activity open";
      $("progress").textContent = "已加入 " + data.participants;
      $("note").textContent = ""; drawChart(null);
    }
  }
  document.addEventListener("DOMContentLoaded", () => {
    $("open").addEventListener("click", async () => {
      let options;
      try { options = JSON.parse($("options").value || "{}"); } catch (e) { say("选项不是有效的 JSON"); return; }
      const { data } = await api("/api/trainer/open", { activity: $("activity").value, options });
      say(data.ok ? "已开放 " + data.current : data.error, data.ok); tick();
    });
    $("close").addEventListener("click", async () => {
      const { data } = await api("/api/trainer/close", {});
      say(data.ok ? "已结束 " + (data.closed || "") + "，写入 " + data.files.length + " 个文件" : data.error, data.ok); tick();
    });
    $("export").addEventListener("click", async () => {
      const { data } = await api("/api/trainer/export", {});
      say(data.ok ? "已保存到课堂文件夹" : data.error, data.ok);
    });
    tick(); setInterval(tick, 1000);
  });
})();

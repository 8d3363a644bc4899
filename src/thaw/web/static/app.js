// thaw workbench: small helpers over the JSON API (no framework, nothing from a CDN).
const thaw = {
  token() { return localStorage.getItem("thawToken") || ""; },
  async api(path, opts = {}) {
    const headers = Object.assign({"Content-Type": "application/json"}, opts.headers || {});
    if (thaw.token()) headers["X-Thaw-Token"] = thaw.token();
    const res = await fetch(path, Object.assign({}, opts, {headers}));
    const text = await res.text();
    let body; try { body = JSON.parse(text); } catch (e) { body = {detail: text}; }
    if (!res.ok) {
      let msg = body.detail;
      if (Array.isArray(msg)) msg = msg.map(d => (d.loc || []).join(".") + ": " + d.msg).join("; ");
      throw new Error(msg || res.statusText);
    }
    return body;
  },
  post(path, data) { return thaw.api(path, {method: "POST", body: JSON.stringify(data)}); },
  esc(s) { return String(s ?? "").replace(/[&<>"']/g, c => ({"&":"&amp;","<":"&lt;",">":"&gt;","\"":"&quot;","'":"&#39;"}[c])); },
  num(x, d = 1) { if (x === null || x === undefined || Number.isNaN(x)) return ""; return Number(x).toLocaleString("en", {minimumFractionDigits: d, maximumFractionDigits: d}); },
  table(el, rows, cols, opts = {}) {
    const head = "<tr>" + cols.map(c => `<th>${thaw.esc(c[1])}</th>`).join("") + "</tr>";
    const body = rows.map(r => "<tr>" + cols.map(c => {
      const v = r[c[0]];
      if (c[2] === "link") return `<td><a href="${thaw.esc(c[3](r))}">${thaw.esc(v)}</a></td>`;
      if (typeof v === "number") {
        let t = thaw.num(v, opts.digits ?? 1);
        if (r[c[0] + "_p05"] !== undefined && r[c[0] + "_p05"] !== null)
          t += `<br><span class="band">${thaw.num(r[c[0] + "_p05"], opts.digits ?? 1)}..${thaw.num(r[c[0] + "_p95"], opts.digits ?? 1)}</span>`;
        return `<td class="n">${t}</td>`;
      }
      return `<td>${thaw.esc(v)}</td>`;
    }).join("") + "</tr>").join("");
    el.innerHTML = `<table>${head}${body}</table>`;
  },
  show(el, err) { el.innerHTML = `<span class="err">${thaw.esc(err.message || err)}</span>`; },
  params() { return Object.fromEntries(new URLSearchParams(location.search)); },
  fillForm(form, values) { for (const [k, v] of Object.entries(values)) if (form.elements[k]) form.elements[k].value = v; },
  async waitRun(id, bar, status) {
    for (;;) {
      const r = await thaw.api(`/api/runs/${id}`);
      if (bar && r.progress.total) { bar.max = r.progress.total; bar.value = r.progress.done; }
      if (status) status.textContent = r.status + (r.progress.total ? ` (${r.progress.done}/${r.progress.total} draws)` : "");
      if (r.status === "done" || r.status === "failed") return r;
      await new Promise(ok => setTimeout(ok, 300));
    }
  },
};

// The ssa dashboard: polls the query API (/api/v1) and draws with uPlot. Settings come from the
// page's address: ?rollup=NAME&key=KEY&range=MINUTES&token=TOKEN&poll=MS.
"use strict";

const params = new URLSearchParams(location.search);
const API = "/api/v1";
const POLL_MS = Number(params.get("poll") || 2000);
// The top table reads every key's rows of the range, a few seconds' work at tens of thousands of
// keys: it refreshes on its own loop, this long after its previous answer.
const TOP_PAUSE_MS = Number(params.get("topPoll") || 10000);
const RATE_SAMPLES = 300;

const state = {
  rollups: [],
  rollup: params.get("rollup"),
  key: params.get("key"),
  rangeMinutes: Number(params.get("range") || 60),
  topBy: "count",
  rates: [[], [], []],
  // The rollup charts span the whole chosen range, however few of its buckets have rows.
  xRange: null,
  lastRateBatch: null,
  polls: 0,
};
window.ssaErrors = [];
const charts = {};

const $ = (id) => document.getElementById(id);
const fmt = (n, digits = 0) =>
  n == null || Number.isNaN(n) ? "–" : Number(n).toLocaleString("en-US", { maximumFractionDigits: digits });

async function api(path) {
  const headers = params.get("token") ? { Authorization: "Bearer " + params.get("token") } : {};
  const response = await fetch(API + path, { headers, cache: "no-store" });
  const body = await response.json();
  if (!response.ok) throw new Error(path + ": " + (body.error || response.status));
  return body;
}

function showError(error) {
  const message = error && error.message ? error.message : String(error);
  window.ssaErrors.push(message);
  $("error").textContent = message;
  $("error").hidden = false;
}

function clearError() {
  $("error").hidden = true;
}

// Draws into the element of that id, making the chart again only when its series change.
// A single point would otherwise make uPlot span years around it.
const TIME_SCALES = { x: { time: true, range: (u, min, max) => (min === max ? [min - 60, max + 60] : [min, max]) } };

function draw(id, title, labels, data, scales = TIME_SCALES) {
  const el = $(id);
  const width = Math.max(300, el.clientWidth || 600);
  const signature = title + "|" + labels.join(",");
  let chart = charts[id];
  if (!chart || chart.signature !== signature) {
    if (chart) chart.plot.destroy();
    const palette = ["#2a6fdb", "#d64545", "#1f8a4c", "#b7791f", "#7b4fd6", "#444"];
    const series = [{}].concat(
      labels.map((label, i) => ({ label, stroke: palette[i % palette.length], width: 1.5, spanGaps: false })));
    const plot = new uPlot({ title, width, height: 220, series, scales }, data, el);
    chart = charts[id] = { plot, signature, updates: 0 };
  } else {
    chart.plot.setData(data);
    if (chart.plot.width !== width) chart.plot.setSize({ width, height: 220 });
  }
  chart.updates++;
  el.dataset.points = String(data[0].length);
  el.dataset.updates = String(chart.updates);
  el.dataset.last = data[0].length ? String(data[0][data[0].length - 1]) : "";
}

// ---- the job panel ----

async function refreshJob() {
  const health = await api("/health");
  $("job-name").textContent = "job " + health.job;
  const live = health.live && health.live.reachable ? health.live.status : null;
  $("job-state").textContent = live ? "running" : "not answering: figures from Cassandra";
  $("job-state").className = "state " + (live ? "live" : "stored");
  const batches = (health.batches || []).slice().reverse(); // oldest first
  const newest = batches[batches.length - 1];
  const last = live && live.last_batch;
  const sum = (figure) => batches.reduce((total, b) => total + (b[figure] || 0), 0);
  $("job-in-rate").textContent = last ? fmt(last.input_rows_per_second) : "–";
  $("job-processed-rate").textContent = last ? fmt(last.processed_rows_per_second) : "–";
  $("job-backlog").textContent = live ? fmt(live.backlog_lines) : "–";
  const duration = last ? last.duration_ms : newest && newest.durationMs;
  $("job-batch").textContent =
    duration == null ? "–" : fmt(duration) + " ms / " + fmt(health.triggerMs) + " ms";
  $("job-latency").textContent =
    last && last.end_to_end_latency_ms != null ? fmt(last.end_to_end_latency_ms) + " ms" : "–";
  // Totals since the job started when it answers, else over the batches Cassandra lists.
  const totals = live ? live.totals : null;
  $("job-dead").textContent = fmt(totals ? totals.dead_letters : sum("dead_letters"));
  $("job-late").textContent = fmt(totals ? totals.late_events : sum("late_events"));
  $("job-future").textContent = fmt(totals ? totals.future_events : sum("future_events"));

  if (last && last.batch_id !== state.lastRateBatch) {
    state.lastRateBatch = last.batch_id;
    state.rates[0].push(Date.now() / 1000);
    state.rates[1].push(last.input_rows_per_second);
    state.rates[2].push(last.processed_rows_per_second);
    state.rates.forEach((a) => a.splice(0, Math.max(0, a.length - RATE_SAMPLES)));
  }
  draw("chart-rates", "lines/s: in vs processed (live)", ["in", "processed"], state.rates);
  const xs = batches.map((b) => Date.parse(b.finishedAt) / 1000);
  const trigger = health.triggerMs / 1000;
  draw(
    "chart-batches",
    "batch duration vs trigger (s)",
    ["duration", "trigger"],
    [xs, batches.map((b) => (b.durationMs == null ? null : b.durationMs / 1000)), batches.map(() => trigger)],
    { x: TIME_SCALES.x, y: { range: (u, min, max) => [0, Math.max(max, trigger) * 1.1] } }
  );
}

// ---- the rollup panel ----

const RANGE_SCALES = { x: { time: true, range: (u, min, max) => state.xRange || [min, max] } };

function range() {
  const now = Date.now();
  // Up to the next whole minute, so the minute being filled is shown.
  const to = new Date(Math.ceil((now + 1) / 60000) * 60000);
  const from = new Date(to.getTime() - state.rangeMinutes * 60000);
  return { from: from.toISOString(), to: to.toISOString() };
}

function definition() {
  return state.rollups.find((d) => d.name === state.rollup);
}

async function refreshKey() {
  if (!state.key) return;
  const { from, to } = range();
  const q = "?key=" + encodeURIComponent(state.key) + "&from=" + from + "&to=" + to;
  const body = await api("/rollups/" + encodeURIComponent(state.rollup) + "/series" + q);
  const rows = body.rows;
  state.xRange = [Date.parse(from) / 1000, Date.parse(to) / 1000];
  const xs = rows.map((r) => Date.parse(r.bucket) / 1000);
  const count = rows.map((r) => r.count);
  const errors = rows.map((r) => r.error_count);
  const total = count.reduce((a, b) => a + b, 0);
  const totalErrors = errors.reduce((a, b) => a + b, 0);
  $("key-name").textContent = state.key;
  $("key-grain").textContent = "per " + body.grain + ", " + from + " to " + to;
  const totals = $("key-totals");
  totals.dataset.rollup = state.rollup;
  totals.dataset.key = state.key;
  totals.dataset.grain = body.grain;
  totals.dataset.from = from;
  totals.dataset.to = to;
  $("key-total-count").textContent = fmt(total);
  $("key-total-errors").textContent = fmt(totalErrors);
  $("key-error-rate").textContent = total ? fmt((100 * totalErrors) / total, 2) + " %" : "–";
  draw("chart-count", "events and errors per " + body.grain, ["events", "errors"], [xs, count, errors], RANGE_SCALES);
  draw(
    "chart-error-rate",
    "error rate per " + body.grain + " (%)",
    ["error rate"],
    [xs, rows.map((r) => (r.count ? (100 * r.error_count) / r.count : null))],
    RANGE_SCALES
  );
  const measure = (definition().measures || [])[0];
  if (measure) {
    const quantiles = Array.from(
      new Set(rows.flatMap((r) => Object.keys(r.quantiles || {}).filter((k) => k.startsWith(measure + "."))))
    ).sort((a, b) => Number(a.split(".p")[1]) - Number(b.split(".p")[1]));
    const labels = ["avg"].concat(quantiles.map((k) => k.substring(measure.length + 1)));
    const data = [xs, rows.map((r) => (r.avg || {})[measure] ?? null)].concat(
      quantiles.map((k) => rows.map((r) => (r.quantiles || {})[k] ?? null)));
    draw("chart-latency", measure + " per " + body.grain, labels, data, RANGE_SCALES);
  }
}

async function refreshTop() {
  const { from, to } = range();
  $("top-status").textContent = "reading…";
  let body;
  try {
    body = await api(
    "/rollups/" + encodeURIComponent(state.rollup) + "/top?n=20&by=" + state.topBy + "&from=" + from + "&to=" + to);
  } catch (error) {
    // Too many keys to rank is a state of the data, not a fault of the page: say it here.
    $("top-status").textContent = error.message.replace(/^[^:]*: /, "");
    $("top").querySelector("tbody").replaceChildren();
    return;
  }
  $("top-status").textContent = "";
  const tbody = $("top").querySelector("tbody");
  tbody.replaceChildren(
    ...body.top.map((entry) => {
      const tr = document.createElement("tr");
      tr.dataset.key = entry.key;
      if (entry.key === state.key) tr.className = "selected";
      const values = [entry.key, fmt(entry.count)];
      if (state.topBy !== "count") values.push(fmt(entry[state.topBy]));
      for (const value of values) {
        const td = document.createElement("td");
        td.textContent = value;
        tr.appendChild(td);
      }
      tr.addEventListener("click", () => selectKey(entry.key));
      return tr;
    })
  );
  $("top").dataset.from = from;
  $("top").dataset.to = to;
  $("top").dataset.updates = String(Number($("top").dataset.updates || 0) + 1);
  if (!state.key && body.top.length) selectKey(body.top[0].key);
}

// The newest firings of the last day, newest bucket first; a row per (rule, key, bucket).
async function refreshAlerts() {
  const body = await api("/alerts?hours=24&limit=50");
  $("alert-rules").textContent = body.rules.length
    ? body.rules.map((r) => r.name + ": " + r.condition + " per " + r.grain + " of " + r.rollup).join(" · ")
    : "";
  $("alert-status").textContent = !body.rules.length
    ? "no rules configured (ssa.job.alert.rules)"
    : body.alerts.length ? "" : "no alert in the last 24 hours";
  $("alert-table").querySelector("tbody").replaceChildren(
    ...body.alerts.map((a) => {
      const tr = document.createElement("tr");
      tr.dataset.id = a.id;
      const sent = a.deliveredAt ? new Date(a.deliveredAt).toLocaleTimeString() : "pending";
      for (const value of [new Date(a.bucket).toISOString().replace(".000Z", "Z"), a.rule, a.key, a.condition, fmt(a.value, 3), sent]) {
        const td = document.createElement("td");
        td.textContent = value;
        tr.appendChild(td);
      }
      return tr;
    })
  );
  $("alert-table").dataset.updates = String(Number($("alert-table").dataset.updates || 0) + 1);
}

function selectKey(key) {
  state.key = key;
  $("key-search").value = key;
  const url = new URL(location.href);
  url.searchParams.set("rollup", state.rollup);
  url.searchParams.set("key", key);
  history.replaceState(null, "", url);
  document.querySelectorAll("#top tbody tr").forEach((tr) => {
    tr.className = tr.dataset.key === key ? "selected" : "";
  });
  refreshKey().catch(showError);
}

// The keys whose names contain what was typed, for the search box's suggestions.
let searchTimer = null;
function onSearch() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(async () => {
    const text = $("key-search").value;
    const body = await api(
      "/rollups/" + encodeURIComponent(state.rollup) + "/keys?limit=50&search=" + encodeURIComponent(text));
    $("key-options").replaceChildren(
      ...body.keys.map((k) => Object.assign(document.createElement("option"), { value: k })));
    if (body.keys.includes(text)) selectKey(text);
  }, 200);
}

async function poll() {
  try {
    await refreshJob();
    await refreshKey();
    state.polls++;
    $("updated-at").textContent = "updated " + new Date().toLocaleTimeString();
    document.body.dataset.polls = String(state.polls);
    clearError();
  } catch (error) {
    showError(error);
  }
  setTimeout(poll, POLL_MS);
}

async function topLoop() {
  try {
    await refreshTop();
    await refreshAlerts();
  } catch (error) {
    showError(error);
  }
  setTimeout(topLoop, TOP_PAUSE_MS);
}

async function start() {
  const body = await api("/rollups");
  state.rollups = body.rollups;
  if (!state.rollups.some((d) => d.name === state.rollup)) state.rollup = state.rollups[0].name;
  $("rollup-select").replaceChildren(
    ...state.rollups.map((d) =>
      Object.assign(document.createElement("option"), {
        value: d.name,
        textContent: d.name + " (by " + (d.groupBy.join(", ") || "all") + ")",
        selected: d.name === state.rollup,
      })));
  $("rollup-select").addEventListener("change", (e) => {
    state.rollup = e.target.value;
    state.key = null;
    refreshTop().catch(showError);
  });
  $("range-select").value = String(state.rangeMinutes);
  $("range-select").addEventListener("change", (e) => {
    state.rangeMinutes = Number(e.target.value);
    refreshTop().then(refreshKey).catch(showError);
  });
  $("top-by").addEventListener("change", (e) => {
    state.topBy = e.target.value;
    $("top-by-head").hidden = state.topBy === "count";
    refreshTop().catch(showError);
  });
  $("key-search").addEventListener("input", onSearch);
  if (state.key) $("key-search").value = state.key;
  topLoop();
  poll();
}

start().catch(showError);

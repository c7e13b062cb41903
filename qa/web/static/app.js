// The qa serve page: send the story to /api/check, show each finding in place, let the editor
// apply or ignore it, and copy the corrected text. Offsets in the report are code points into
// the document's text, so the text is handled as an array of code points (Array.from), never
// as UTF-16 indices. Every piece of text reaches the DOM through textContent, never innerHTML.
"use strict";

const $ = (id) => document.getElementById(id);
const RANK = { error: 3, warning: 2, info: 1 };
const EXT = { txt: "pasted.txt", md: "pasted.md", html: "pasted.html", xml: "pasted.xml" };

const state = {
  text: "",          // the document as checked (the source of truth; the textarea mirrors it)
  filename: "pasted.txt",
  report: null,
  findings: [],      // flattened over the report's files, sorted by start
  ignored: new Set(),
  hiddenSeverities: new Set(),
  hiddenCategories: new Set(),
  current: -1,       // index into visible()
};

function key(f) { return `${f.rule}:${f.start}:${f.end}:${f.text}`; }
function visible() {
  return state.findings.filter((f) => !state.ignored.has(key(f)) &&
    !state.hiddenSeverities.has(f.severity) && !state.hiddenCategories.has(f.category));
}

function say(message) {
  const box = $("message");
  box.textContent = message || "";
  box.hidden = !message;
}

async function check() {
  say("");
  $("check").disabled = true;
  try {
    const response = await fetch("/api/check", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: state.text, filename: state.filename }),
    });
    const body = await response.json().catch(() => ({ error: `the server answered ${response.status}` }));
    if (!response.ok) { say(body.error || `the server answered ${response.status}`); return; }
    state.report = body;
    state.findings = body.files.flatMap((file) => file.findings).sort((a, b) => a.start - b.start || a.end - b.end);
    state.current = -1;
    render();
  } catch (err) {
    say(`The qa server could not be reached (${err.message}). Is 'qa serve' still running?`);
  } finally {
    $("check").disabled = false;
  }
}

function render() {
  renderSummary();
  renderDocument();
  $("summary").hidden = false;
  $("result").hidden = false;
  hideCard();
  updatePosition();
}

function renderDocument() {
  const doc = $("doc");
  doc.replaceChildren();
  const cps = Array.from(state.text);
  const shown = visible();
  const cuts = new Set([0, cps.length]);
  for (const f of shown) { cuts.add(Math.min(f.start, cps.length)); cuts.add(Math.min(f.end, cps.length)); }
  const bounds = [...cuts].sort((a, b) => a - b);
  // Sweep: findings sorted by start enter at their start and leave after their end.
  let next = 0;
  let open = [];
  const firstMark = new Map();
  for (let b = 0; b + 1 < bounds.length; b++) {
    const lo = bounds[b], hi = bounds[b + 1];
    while (next < shown.length && shown[next].start <= lo) { open.push(shown[next]); next++; }
    open = open.filter((f) => f.end > lo);
    const piece = cps.slice(lo, hi).join("");
    const covering = open.filter((f) => f.start < hi && f.end > lo);
    if (!covering.length) { doc.append(piece); continue; }
    covering.sort((x, y) => RANK[y.severity] - RANK[x.severity] || x.start - y.start);
    const top = covering[0];
    const mark = document.createElement("mark");
    mark.className = `${top.severity} cat-${top.category}`;
    mark.textContent = piece;
    mark.dataset.findings = covering.map((f) => shown.indexOf(f)).join(" ");
    mark.title = covering.map((f) => `${f.rule} ${f.severity}: ${f.message}`).join("\n");
    for (const f of covering) {
      if (!firstMark.has(f)) { firstMark.set(f, mark); mark.tabIndex = 0; }
    }
    doc.append(mark);
  }
  // Empty findings (a zero-length span) still get a focusable anchor.
  for (const f of shown) {
    if (!firstMark.has(f)) {
      const mark = document.createElement("mark");
      mark.className = f.severity;
      mark.textContent = "\u2038";
      mark.tabIndex = 0;
      mark.dataset.findings = String(shown.indexOf(f));
      doc.append(mark);
    }
  }
}

function renderSummary() {
  const files = state.report.files;
  const verdicts = $("verdicts");
  verdicts.replaceChildren();
  for (const file of files) {
    const box = document.createElement("div");
    const name = document.createElement("div");
    name.textContent = file.title ? `${file.path} — ${file.title}` : file.path;
    box.append(name);
    if (file.mt) box.append(line("Machine translation", file.mt.verdict, file.mt.score));
    if (file.scraping) box.append(line("Scraping damage", file.scraping.verdict, file.scraping.score));
    verdicts.append(box);
  }
  const r = files.length === 1 ? files[0].readability || {} : {};
  const readability = $("readability");
  readability.replaceChildren();
  const rows = [["Words", files.reduce((n, f) => n + f.words, 0)]];
  if (r.flesch_reading_ease !== undefined) rows.push(["Flesch reading ease", r.flesch_reading_ease]);
  if (r.flesch_kincaid_grade !== undefined) rows.push(["Flesch-Kincaid grade", r.flesch_kincaid_grade]);
  if (r.gunning_fog !== undefined) rows.push(["Gunning fog", r.gunning_fog]);
  if (r.sentences !== undefined) rows.push(["Sentences", r.sentences]);
  readability.append(table(rows));

  const bySeverity = count(state.findings, "severity");
  const byCategory = count(state.findings, "category");
  $("counts").replaceChildren(table(Object.entries(byCategory).sort((a, b) => b[1] - a[1])));
  filters($("sev-filters"), bySeverity, state.hiddenSeverities, "sev");
  filters($("cat-filters"), byCategory, state.hiddenCategories, "cat");
}

function line(label, verdict, score) {
  const p = document.createElement("p");
  const v = document.createElement("span");
  v.className = `verdict ${verdict}`;
  v.textContent = verdict;
  p.append(`${label}: `, v, score === undefined || score === null ? "" : ` (${Number(score).toFixed(2)})`);  // null: too short to score
  return p;
}

function count(list, field) {
  const out = {};
  for (const f of list) out[f[field]] = (out[f[field]] || 0) + 1;
  return out;
}

function table(rows) {
  const t = document.createElement("table");
  for (const [k, v] of rows) {
    const tr = t.insertRow();
    tr.insertCell().textContent = k;
    const cell = tr.insertCell();
    cell.textContent = String(v);
    cell.className = "n";
  }
  return t;
}

function filters(box, counts, hidden, prefix) {
  box.replaceChildren();
  for (const [name, n] of Object.entries(counts).sort()) {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "checkbox";
    input.checked = !hidden.has(name);
    input.id = `${prefix}-${name}`;
    input.addEventListener("change", () => {
      if (input.checked) hidden.delete(name); else hidden.add(name);
      state.current = -1;
      renderDocument();
      hideCard();
      updatePosition();
    });
    label.append(input, ` ${name} (${n})`);
    box.append(label);
  }
}

// --- the card: one finding's rule, message and suggestion, with its actions ---

function showCard(index, anchor) {
  const f = visible()[index];
  if (!f) return;
  state.current = index;
  const card = $("card");
  $("card-rule").textContent = f.rule;
  $("card-sev").textContent = f.severity;
  $("card-cat").textContent = f.category;
  $("card-msg").textContent = f.message;
  const has = f.suggestions && f.suggestions.length > 0;
  $("card-fix").textContent = has ? (f.suggestions[0] === "" ? `Suggestion: delete “${f.text}”` : `Suggestion: ${f.text} → ${f.suggestions[0]}`) : "No suggestion.";
  $("apply").disabled = !has;
  const box = (anchor || markOf(index)).getBoundingClientRect();
  card.style.left = `${window.scrollX + box.left}px`;
  card.style.top = `${window.scrollY + box.bottom + 6}px`;
  card.hidden = false;
  for (const m of document.querySelectorAll("mark.current")) m.classList.remove("current");
  for (const m of marksOf(index)) m.classList.add("current");
  updatePosition();
}

function hideCard() { $("card").hidden = true; }

function marksOf(index) {
  return [...document.querySelectorAll("#doc mark")].filter((m) => m.dataset.findings.split(" ").includes(String(index)));
}
function markOf(index) { return marksOf(index)[0] || $("doc"); }

function move(step) {
  const n = visible().length;
  if (!n) return;
  const index = state.current < 0 ? (step > 0 ? 0 : n - 1) : (state.current + step + n) % n;
  const mark = markOf(index);
  mark.focus();
  showCard(index, mark);
}

function updatePosition() {
  const n = visible().length;
  $("position").textContent = n ? `${state.current >= 0 ? state.current + 1 : "–"} of ${n} finding${n === 1 ? "" : "s"}` : "no findings";
}

function apply() {
  const f = visible()[state.current];
  if (!f || !f.suggestions || !f.suggestions.length) return;
  const cps = Array.from(state.text);
  state.text = cps.slice(0, f.start).join("") + f.suggestions[0] + cps.slice(f.end).join("");
  $("story").value = state.text;
  hideCard();
  check();
}

function ignore() {
  const f = visible()[state.current];
  if (!f) return;
  state.ignored.add(key(f));
  state.current = -1;
  renderDocument();
  hideCard();
  updatePosition();
}

async function copyText() {
  try {
    await navigator.clipboard.writeText(state.text);
  } catch {
    const scratch = document.createElement("textarea");
    scratch.value = state.text;
    document.body.append(scratch);
    scratch.select();
    document.execCommand("copy");
    scratch.remove();
  }
  $("copy").textContent = "Copied";
  setTimeout(() => { $("copy").textContent = "Copy corrected text"; }, 1500);
}

// --- input: paste, type, choose or drop a file ---

function kindOf(name) {
  const ext = (name.split(".").pop() || "").toLowerCase();
  if (["md", "markdown"].includes(ext)) return "md";
  if (["html", "htm", "xhtml"].includes(ext)) return "html";
  if (["xml", "rss", "atom"].includes(ext)) return "xml";
  return "txt";
}

function decodeFile(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);  // drops a UTF-8 BOM, like qa
}

async function loadFile(file) {
  say("");
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text;
  try {
    text = decodeFile(bytes);
  } catch {
    // Not text we can show: let the server say exactly what is wrong with it.
    const response = await fetch(`/api/check?filename=${encodeURIComponent(file.name)}`, {
      method: "POST", headers: { "content-type": "application/octet-stream" }, body: bytes,
    });
    const body = await response.json().catch(() => ({}));
    say(body.error || `${file.name}: cannot be read as text`);
    return;
  }
  state.text = text;
  state.filename = file.name;
  state.ignored.clear();
  $("story").value = text;
  $("kind").value = kindOf(file.name);
  check();
}

function wire() {
  $("check").addEventListener("click", () => {
    state.text = $("story").value;
    state.filename = EXT[$("kind").value];
    state.ignored.clear();
    check();
  });
  $("kind").addEventListener("change", () => { state.filename = EXT[$("kind").value]; });
  $("file").addEventListener("change", (e) => { if (e.target.files[0]) loadFile(e.target.files[0]); });
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    if (e.dataTransfer.files[0]) loadFile(e.dataTransfer.files[0]);
  });
  const doc = $("doc");
  const open = (e) => {
    const mark = e.target.closest("mark");
    if (mark && mark.dataset.findings) showCard(Number(mark.dataset.findings.split(" ")[0]), mark);
  };
  doc.addEventListener("click", open);
  doc.addEventListener("focusin", open);
  doc.addEventListener("mouseover", open);
  $("next").addEventListener("click", () => move(1));
  $("prev").addEventListener("click", () => move(-1));
  $("apply").addEventListener("click", apply);
  $("ignore").addEventListener("click", ignore);
  $("copy").addEventListener("click", copyText);
  document.addEventListener("keydown", (e) => {
    if (e.target.closest("textarea, input, select") || e.ctrlKey || e.metaKey || e.altKey) return;
    const act = { n: () => move(1), p: () => move(-1), a: apply, i: ignore, Escape: hideCard }[e.key];
    if (act) { e.preventDefault(); act(); }
  });
}

wire();

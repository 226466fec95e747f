// peers.mjs runs the JavaScript peers of the tiptapmd benchmark, in
// process, with the timing method of bench/internal/harness (Measure):
// a few untimed warm-up pages, then timed passes over every page of a
// page set, one page after the other; the wall time of each pass, the
// time spent on the native pages, the pages that throw, and the peak
// resident memory of the process. It prints one JSON object in the shape
// of harness.Result (or harness.StressResult).
//
//   node peers.mjs measure TOOL SET.json RUNS WARMUP
//   node peers.mjs stress TOOL INPUT.md|INPUT.html
//
// TOOL is "turndown" (Tiptap HTML to Markdown) or "tiptap" (Tiptap's own
// pipeline, @tiptap/markdown with @tiptap/html, both ways). A page set in
// the markdown format is converted to Tiptap HTML, one in the tiptap
// format to Markdown; a stress input by its extension.
//
// bench/cmd/benchcorpus runs it; see bench/run.sh.

import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

const TO_TIPTAP = 'to-tiptap';
const TO_MARKDOWN = 'to-markdown';
const MAX_FAILURES = 5;

function version(pkg) {
  const file = new URL(`./node_modules/${pkg}/package.json`, import.meta.url);
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

// Each tool loads its packages only when it is opened, so that a process
// holds one tool.
const tools = {
  turndown: {
    variant: 'turndown-plugin-gfm, ATX headings, fenced code, "-" bullets',
    version: () => `${version('turndown')} + turndown-plugin-gfm ${version('turndown-plugin-gfm')}`,
    async open(dir) {
      if (dir !== TO_MARKDOWN) return null;
      const { default: TurndownService } = await import('turndown');
      const { gfm } = await import('turndown-plugin-gfm');
      const td = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
      td.use(gfm);
      return (html) => td.turndown(html);
    },
  },
  tiptap: {
    variant: '@tiptap/markdown + @tiptap/html/server (happy-dom), StarterKit, TableKit, Image, TaskList',
    version: () => `@tiptap/html ${version('@tiptap/html')}, @tiptap/markdown ${version('@tiptap/markdown')}, happy-dom ${version('happy-dom')}`,
    async open(dir) {
      const { generateHTML, generateJSON } = await import('@tiptap/html/server');
      const { MarkdownManager } = await import('@tiptap/markdown');
      const { default: StarterKit } = await import('@tiptap/starter-kit');
      const { TableKit } = await import('@tiptap/extension-table');
      const { default: Image } = await import('@tiptap/extension-image');
      const { TaskList, TaskItem } = await import('@tiptap/extension-list');
      const ext = [StarterKit, TableKit, Image, TaskList, TaskItem.configure({ nested: true })];
      const mm = new MarkdownManager({ extensions: ext });
      if (dir === TO_TIPTAP) return (md) => generateHTML(mm.parse(md), ext);
      return (html) => mm.serialize(generateJSON(html, ext));
    },
  },
};

// procStatusKB returns a field of /proc/self/status in kilobytes, or 0.
function procStatusKB(field) {
  try {
    const m = fs.readFileSync('/proc/self/status', 'utf8').match(new RegExp(`^${field}:\\s*(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

// peakRSSKB returns the peak resident memory of this process in
// kilobytes: VmHWM, as bench/internal/harness reads it (getrusage's
// maxRSS would include the size of the process that started this one).
function peakRSSKB() {
  return procStatusKB('VmHWM') || process.resourceUsage().maxRSS;
}

function median(xs) {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function message(err) {
  const m = String(err && err.message ? `${err.name}: ${err.message}` : err);
  return m.length > 300 ? m.slice(0, 300) + '…' : m;
}

function getTool(name) {
  const t = tools[name];
  if (!t) throw new Error(`unknown tool ${JSON.stringify(name)} (want ${Object.keys(tools).join(' or ')})`);
  return t;
}

async function measure(name, setFile, runs, warmup) {
  const tool = getTool(name);
  const set = JSON.parse(fs.readFileSync(setFile, 'utf8'));
  const dir = set.format === 'tiptap' ? TO_MARKDOWN : TO_TIPTAP;
  const fn = await tool.open(dir);
  if (!fn) throw new Error(`${name} does not convert ${dir}`);
  const pages = set.pages;
  const r = {
    tool: name, variant: tool.variant, kind: 'peer', direction: dir, version: tool.version(),
    input: 'body', method: 'in-process',
    pages: pages.length, bytes: 0, warmup: Math.min(warmup, pages.length),
    native: { pages: 0, bytes: 0, seconds: 0 },
    runs: [], seconds: 0, cpu_seconds: 0, pages_per_sec: 0, mb_per_sec: 0,
    failed: 0, failures: [],
    base_rss_kb: procStatusKB('VmRSS') || Math.round(process.memoryUsage().rss / 1024), peak_rss_kb: 0, out_bytes: 0,
  };
  for (const p of pages) {
    const n = Buffer.byteLength(p.body, 'utf8');
    r.bytes += n;
    if (p.native) { r.native.pages++; r.native.bytes += n; }
  }
  for (let i = 0; i < r.warmup; i++) {
    try { fn(pages[i].body); } catch { /* counted in the timed pass */ }
  }
  const sizes = new Array(pages.length).fill(0);
  const nativeRuns = [];
  const cpuRuns = [];
  for (let run = 0; run < Math.max(runs, 1); run++) {
    let nat = 0;
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < pages.length; i++) {
      const p0 = performance.now();
      let err = null;
      try {
        sizes[i] = Buffer.byteLength(fn(pages[i].body), 'utf8');
      } catch (e) {
        err = e;
      }
      const d = performance.now() - p0;
      if (pages[i].native) nat += d;
      if (err !== null && run === 0) {
        r.failed++;
        if (r.failures.length < MAX_FAILURES) r.failures.push(`${pages[i].path}: ${message(err)}`);
      }
    }
    r.runs.push((performance.now() - start) / 1000);
    const used = process.cpuUsage(cpu);
    cpuRuns.push((used.user + used.system) / 1e6);
    nativeRuns.push(nat / 1000);
  }
  r.seconds = median(r.runs);
  r.native.seconds = median(nativeRuns);
  r.cpu_seconds = median(cpuRuns);
  if (r.seconds > 0) {
    r.pages_per_sec = r.pages / r.seconds;
    r.mb_per_sec = r.bytes / 1e6 / r.seconds;
  }
  r.out_bytes = sizes.reduce((a, b) => a + b, 0);
  r.peak_rss_kb = peakRSSKB();
  if (r.failures.length === 0) delete r.failures;
  return r;
}

async function stress(name, file) {
  const tool = getTool(name);
  const dir = file.endsWith('.html') ? TO_MARKDOWN : TO_TIPTAP;
  const fn = await tool.open(dir);
  if (!fn) throw new Error(`${name} does not convert ${dir}`);
  const input = fs.readFileSync(file, 'utf8');
  const base = file.split('/').pop();
  const r = {
    tool: name, variant: tool.variant, direction: dir, case: base.slice(0, base.lastIndexOf('.')),
    bytes: Buffer.byteLength(input, 'utf8'), outcome: 'ok', message: '', seconds: 0, peak_rss_kb: 0,
  };
  const start = performance.now();
  try {
    const out = fn(input);
    r.message = `${Buffer.byteLength(out, 'utf8')} bytes out`;
  } catch (e) {
    r.outcome = 'error';
    r.message = message(e).slice(0, 200);
  }
  r.seconds = (performance.now() - start) / 1000;
  r.peak_rss_kb = peakRSSKB();
  return r;
}

const [cmd, ...args] = process.argv.slice(2);
let result;
if (cmd === 'measure' && args.length === 4) {
  result = await measure(args[0], args[1], Number(args[2]), Number(args[3]));
} else if (cmd === 'stress' && args.length === 2) {
  result = await stress(args[0], args[1]);
} else {
  process.stderr.write('usage: node peers.mjs measure TOOL SET.json RUNS WARMUP\n       node peers.mjs stress TOOL INPUT.md|INPUT.html\n');
  process.exit(2);
}
process.stdout.write(JSON.stringify(result) + '\n');

// gen.js writes stringify.json: random front-matter-like objects and the
// YAML that the npm yaml library, version 2.4.2 (the serializer IsomerCMS
// uses), writes for them with its default options. The test
// TestEmitterMatchesYAML2 checks that the CMS style writes the same text.
//
// Regenerate with:
//
//	npm install yaml@2.4.2 && node gen.js > stringify.json
const Y = require('yaml');
if (require('yaml/package.json').version !== '2.4.2') throw new Error('need yaml@2.4.2');
let seed = 20241230;
function rnd(n) { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; }
const words = ['a', 'the', 'Singapore’s', 'trade', 'documents', 'end-to-end', 'TradeTrust', '🐟🔬', '#tag',
  'a:b', 'key: value', '"quoted"', "it's", 'x#y', '-', '?', '%pct', '@at', '`tick`', '[br]', '{br}', '&amp;',
  'digital', 'supercalifragilisticexpialidocious-and-more-words-joined-together-without-spaces-at-all',
  '2024', '—', 'é', '  ', '\t', '\\back', '*star', '!bang', '|pipe', '>gt', ',comma', '...', '---',
  'https://example.com/a%20b?c=d#e', '\u0003ctl', 'no\u00a0break',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb#ccccccccccccccc',
  'é'.repeat(90)];
function str() {
  const out = [];
  for (let i = 0, n = 1 + rnd(30); i < n; i++) out.push(words[rnd(words.length)]);
  let s = out.join(rnd(10) === 0 ? '  ' : ' ');
  if (rnd(15) === 0) s = ' ' + s;
  if (rnd(15) === 0) s = s + ' ';
  return s;
}
const keys = ['title', 'description', 'x', 'a_very_long_key_name_for_testing_fold_offsets', 'permalink', 'announcement', 'subtitle'];
function val(depth) {
  const r = rnd(10);
  if (depth < 3 && r === 0) { const a = []; for (let i = 0, n = 1 + rnd(3); i < n; i++) a.push(val(depth + 1)); return a; }
  if (depth < 3 && r === 1) { const o = {}; for (let i = 0, n = 1 + rnd(3); i < n; i++) o[keys[rnd(keys.length)]] = val(depth + 1); return o; }
  return str();
}
const cases = [];
for (let c = 0; c < 400; c++) {
  const o = {};
  for (let i = 0, n = 1 + rnd(4); i < n; i++) o[keys[rnd(keys.length)]] = val(0);
  cases.push({ json: JSON.stringify(o), yaml: Y.stringify(o) });
}
process.stdout.write(JSON.stringify({ generator: 'yaml@2.4.2 stringify, default options (testdata/yaml2/gen.js)', cases }, null, 1) + '\n');

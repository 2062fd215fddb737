const CLOCK = String.raw`\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
const variants: [string, RegExp][] = [
  ['otter-u', new RegExp(String.raw`^([\p{L}\p{N}][\p{L}\p{M}\p{N} .'’\-]{0,39}?)[ \t]{2,}(${CLOCK})[ \t]*$`, 'u')],
  ['otter-ascii', new RegExp(String.raw`^([A-Za-z0-9][A-Za-z0-9 .'’\-]{0,39}?)[ \t]{2,}(${CLOCK})[ \t]*$`)],
  ['otter-neg', new RegExp(String.raw`^([^\s:][^\t:]{0,39}?)[ \t]{2,}(${CLOCK})[ \t]*$`, 'u')],
  ['otter-greedy-u', new RegExp(String.raw`^([\p{L}\p{N}][\p{L}\p{M}\p{N} .'’\-]{0,39})[ \t]{2,}(${CLOCK})[ \t]*$`, 'u')],
  ['isCap', /^[\p{Lu}\p{Lt}\p{Lo}\p{N}]/u],
  ['hasLetter', /\p{L}/u],
];
const s = 'Speaker 1  12:03';
for (const [name, re] of variants) {
  for (let i = 0; i < 20000; i++) re.exec(s);
  const t0 = performance.now(); for (let i = 0; i < 100000; i++) re.exec(s); const t1 = performance.now();
  console.log(name, ((t1 - t0) * 10).toFixed(0), 'ns', !!re.exec(s));
}

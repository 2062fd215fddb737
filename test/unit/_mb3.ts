const MAX_NAME_LENGTH = 40;
const CLOCK_SOURCE = String.raw`\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
const NAME = String.raw`[\p{L}\p{N}][\p{L}\p{M}\p{N} .'’\-]{0,${MAX_NAME_LENGTH - 1}}?`;
const NAME_TIME = String.raw`(?:[ \t]*[(\[](${CLOCK_SOURCE})[)\]])?[ \t]*`;
const AFTER_COLON = String.raw`(?=[ \t]|$)`;
const res: [string, RegExp][] = [
 ['lead', new RegExp(String.raw`^(?:\[(${CLOCK_SOURCE})\]|\((${CLOCK_SOURCE})\)|(${CLOCK_SOURCE})(?=[ \t]))[ \t]*(?:[-–—|][ \t]+)?`, 'u')],
 ['plain', new RegExp(String.raw`(${NAME})${NAME_TIME}:${AFTER_COLON}`, 'uy')],
 ['plain-nosticky', new RegExp(String.raw`^(${NAME})${NAME_TIME}:${AFTER_COLON}`, 'u')],
 ['emph', new RegExp(String.raw`(\*\*|__|\*|_)(${NAME})${NAME_TIME}(?::\1|\1[ \t]*:)${AFTER_COLON}`, 'uy')],
 ['otter', new RegExp(String.raw`^(${NAME})[ \t]{2,}(${CLOCK_SOURCE})[ \t]*$`, 'u')],
];
for (const s of ['Speaker 1  12:03', '[00:12:31] Interviewer: How long did you wait for the grab rails to be fitted?']) for (const [name, re] of res) {
  const f = () => { re.lastIndex = 0; return re.exec(s); };
  for (let i = 0; i < 20000; i++) f();
  const t0 = performance.now(); for (let i = 0; i < 100000; i++) f(); const t1 = performance.now();
  console.log(name, ((t1 - t0) * 10).toFixed(0), 'ns', !!f());
}

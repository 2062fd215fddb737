/**
 * The site's stylesheet: the report's own (so a finding looks the same in the report and on
 * the site), then the site's chrome — header, navigation, search, cards of links — and a
 * dark palette for readers whose system asks for one. Colours meet WCAG AA contrast on their
 * background in both palettes.
 *
 * Search results below the fold are laid out only when scrolled to (content-visibility):
 * laying out fifty quotes on every key was most of a search's time in the browser.
 */
import { REPORT_STYLE } from '../report/html';

const SITE_STYLE = `
:root{color-scheme:light dark;--bg:#fff;--quote:#f0f6fc;--neg:#e8a3a8;--focus:#0b5cad}
@media (prefers-color-scheme:dark){
  :root{--ink:#e6edf3;--muted:#9da7b3;--line:#3d444d;--card:#161b22;--accent:#6cb6ff;--good:#57c26a;--warn:#d9a73a;--bad:#ff7b72;--bg:#0d1117;--quote:#12233a;--neg:#8e3b3b;--focus:#6cb6ff}
}
body{background:var(--bg)}
blockquote{background:var(--quote)}
.sentiment .bar.neg{background:var(--neg)}
a:focus-visible,button:focus-visible,input:focus-visible,main:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
main:focus{outline:none}
.skip{position:absolute;left:-999px;top:.5rem;z-index:2;background:var(--bg);color:var(--accent);padding:.5rem 1rem;border:2px solid var(--focus);border-radius:6px}
.skip:focus{left:.5rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header.site{border-bottom:1px solid var(--line);background:var(--card)}
header.site .bar{max-width:52rem;margin:0 auto;padding:.75rem 1.5rem;display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;align-items:center;justify-content:space-between}
.brand{flex:1 1 16rem;font-weight:700;font-size:1.05rem;color:var(--ink);text-decoration:none;line-height:1.3}
.brand:hover{text-decoration:underline}
form.search{display:flex;gap:.4rem;flex:0 1 19rem}
form.search input{flex:1;min-width:0}
input[type=search]{font:inherit;color:var(--ink);background:var(--bg);border:1px solid var(--muted);border-radius:6px;padding:.35rem .6rem}
button{font:inherit;color:#fff;background:var(--accent);border:0;border-radius:6px;padding:.35rem .9rem;cursor:pointer}
@media (prefers-color-scheme:dark){button{color:#0d1117}}
nav.pages{max-width:52rem;margin:0 auto;padding:0 1.5rem}
nav.pages ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:0 1.25rem}
nav.pages a{display:inline-block;padding:.45rem 0 .5rem;color:var(--muted);text-decoration:none;border-bottom:3px solid transparent}
nav.pages a:hover{color:var(--ink)}
nav.pages a[aria-current=page]{color:var(--ink);font-weight:600;border-bottom-color:var(--accent)}
nav.pages .up a{color:var(--accent)}
main{max-width:52rem}
main>h1:first-child{margin-top:0}
.list h3{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:.75rem 0 .3rem}
h2:first-of-type{margin-top:1.75rem}
section>h2:first-child{margin:0 0 .5rem;padding:0;border:0;font-size:1.15rem;line-height:1.35}
ul.cards{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem;margin:1rem 0}
ul.cards li{border:1px solid var(--line);border-radius:8px;padding:1rem 1.25rem;background:var(--card)}
ul.cards a{font-weight:600;font-size:1.05rem}
ul.cards p{margin:.35rem 0 0;color:var(--muted);font-size:.92rem}
ul.cards.wide{grid-template-columns:1fr}
.search-page form.search{flex:none;max-width:36rem;margin:1rem 0}
ol.results{list-style:none;padding:0;margin:1rem 0}
ol.results li{padding:.75rem 0;border-bottom:1px solid var(--line);content-visibility:auto;contain-intrinsic-size:auto 5.5rem}
ol.results .kind{font-size:.78rem;font-weight:600;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
ol.results a{display:block;font-weight:600;margin:.1rem 0}
ol.results p{margin:0;color:var(--muted);font-size:.92rem}
ol.results mark{background:none;color:inherit;font-weight:700;text-decoration:underline;text-decoration-color:var(--accent);text-decoration-thickness:2px}
footer.site{max-width:52rem;margin:0 auto;padding:0 1.5rem 1.5rem;color:var(--muted);font-size:.85rem}
footer.site p{margin:0;padding-top:1.25rem;border-top:1px solid var(--line)}
:target{scroll-margin-top:1rem}
section:has(>:target){outline:2px solid var(--accent);outline-offset:2px}
@media print{header.site,footer.site,.skip{display:none}ol.results li{content-visibility:visible}}
`;

export const SITE_CSS = `${REPORT_STYLE.trim()}\n${SITE_STYLE.trim()}\n`;

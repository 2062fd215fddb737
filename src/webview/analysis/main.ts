/**
 * The Analysis webview: two tabs, Sample coverage and Matrices. It shows what the extension
 * sends and asks for what it needs (a matrix, the quotes of a cell); it never reads or
 * writes a file. After every render it reports what is on screen (for tests).
 */
import { parseUiState, type AnalysisTab, type CellMessage, type CoverageMessage, type HostMessage, type MatrixKindView, type MatrixMessage } from '../../protocol/analysis';
import { button, dropdown, registerComponents, tabs } from '../ui/components';
import { renderCoverage } from './coverage';
import { el, plural } from './dom';
import { columnNoun, columnPlacement, Heatmap } from './heatmap';
import { onMessage, post, savedState, saveState } from './host';
import { onActivate } from '../ui/dom';

const restored = parseUiState(savedState());
let tab: AnalysisTab = restored?.tab ?? 'coverage';
let coverage: CoverageMessage | undefined;
let matrix: MatrixMessage | undefined;
let received = 0;
let cell: CellMessage | undefined;
/** The open cell by axis ids, so it stays open (or closes) across reloads of the files. */
let openCell: { row: string; column: string } | undefined;

const root = document.getElementById('root')!;
registerComponents();
const tabBar = tabs<AnalysisTab>({
  label: 'Analysis',
  tabs: [
    { key: 'coverage', label: 'Sample coverage' },
    { key: 'matrices', label: 'Matrices' },
  ],
  value: tab,
  onChange: (key) => showTab(key),
});
const top = el('header', 'topbar');
top.append(tabBar, el('span', 'spacer'), button('Generate Report…', { title: 'Write the research report (Markdown or HTML) and open it', onClick: () => post({ type: 'generateReport' }) }));
const coveragePane = el('main', 'pane coverage-pane');
coveragePane.setAttribute('role', 'tabpanel');
const matrixPane = el('main', 'pane matrix-pane');
matrixPane.setAttribute('role', 'tabpanel');
const matrixBar = el('div', 'matrix-bar');
const matrixNote = el('p', 'matrix-note muted');
const heatmap = new Heatmap({ open: (row, column) => askCell(row, column), rendered: () => scheduleReport() });
const quotes = el('aside', 'quotes');
quotes.setAttribute('aria-live', 'polite');
const matrixBody = el('div', 'matrix-body');
matrixBody.append(heatmap.element, quotes);
matrixPane.append(matrixBar, matrixNote, matrixBody);
root.append(top, coveragePane, matrixPane);
showTab(tab);
renderQuotes();

onMessage(receive);
post({ type: 'ready', ...(restored ? { state: restored } : {}) });

function receive(m: HostMessage): void {
  switch (m.type) {
    case 'coverage':
      coverage = m;
      coveragePane.replaceChildren(renderCoverage(m));
      renderMatrixBar();
      scheduleReport();
      return;
    case 'matrix':
      matrix = m;
      received = 0;
      heatmap.setMatrix(m);
      renderMatrixBar();
      persist();
      matrixNote.textContent = `${m.title}: each cell counts the highlights with the row's tag ${columnPlacement(m.kind)}. Darker is more; click a cell for its quotes.${m.kind !== 'tag-participant' ? ' Dotted cells come from one participant only.' : ''}${m.unplaced > 0 ? ` ${plural(m.unplaced, 'highlight')} could not be placed in a column.` : ''}`;
      reopenCell();
      return;
    case 'matrixCells':
      if (m.revision !== matrix?.revision) return;
      heatmap.addCells(m.cells);
      received += m.cells.length / 4;
      return;
    case 'cell':
      // Only the answer for the cell open now (an earlier click's answer may come late).
      if (m.revision !== matrix?.revision || matrix.rows[m.row]?.[0] !== openCell?.row || matrix.columns[m.column]?.[0] !== openCell?.column) return;
      cell = m;
      heatmap.select({ row: m.row, column: m.column });
      renderQuotes();
      return;
    case 'show':
      tabBar.select(m.tab);
      showTab(m.tab);
      return;
    case 'notice':
      quotes.prepend(el('p', 'notice', m.message));
      return;
  }
}

function showTab(key: AnalysisTab): void {
  tab = key;
  coveragePane.hidden = key !== 'coverage';
  matrixPane.hidden = key !== 'matrices';
  persist();
  scheduleReport();
}

function persist(): void {
  saveState({ tab, kind: matrix?.kind ?? restored?.kind ?? 'tag-participant', ...(matrix?.attribute ? { attribute: matrix.attribute } : {}) });
}

// ---------------------------------------------------------------------------------------
// Matrices: which one, export, and the quotes of a cell

const KINDS: { value: MatrixKindView; label: string }[] = [
  { value: 'tag-participant', label: 'Tags × participants' },
  { value: 'tag-attribute', label: 'Tags × attribute value' },
  { value: 'tag-tag', label: 'Tags × tags (used together)' },
  { value: 'tag-week', label: 'Tags × week of the study' },
  { value: 'tag-phase', label: 'Tags × phase of the study' },
  { value: 'tag-kind', label: 'Tags × kind of source' },
];

let barKey = '';

function renderMatrixBar(): void {
  const attributes = coverage?.matrixAttributes ?? [];
  const key = JSON.stringify([matrix?.kind, matrix?.attribute, attributes]);
  if (key === barKey) return;
  barKey = key;
  const kind = matrix?.kind ?? 'tag-participant';
  const controls: HTMLElement[] = [
    dropdown({
      label: 'Matrix',
      options: KINDS.filter((k) => k.value !== 'tag-attribute' || attributes.length > 0),
      value: kind,
      onChange: (v) => post({ type: 'showMatrix', kind: v as MatrixKindView, ...(matrix?.attribute ? { attribute: matrix.attribute } : {}) }),
    }),
  ];
  if (kind === 'tag-attribute') {
    controls.push(
      dropdown({ label: 'Attribute', options: attributes.map((a) => ({ value: a, label: `by ${a}` })), value: matrix?.attribute ?? attributes[0] ?? '', onChange: (v) => post({ type: 'showMatrix', kind: 'tag-attribute', attribute: v }) }),
    );
  }
  const size = el('span', 'muted matrix-size', matrix ? `${plural(matrix.rows.length, 'tag')} × ${plural(matrix.columns.length, columnNoun(kind))}` : '');
  matrixBar.replaceChildren(...controls, size, el('span', 'spacer'), button('Export CSV', { title: 'Save this matrix as CSV (the same file as `sift export csv`)', onClick: () => post({ type: 'exportCsv' }) }));
}

function askCell(row: number, column: number): void {
  if (!matrix) return;
  // Kept by ids at once: a matrix that arrives before the answer asks again (see reopenCell).
  openCell = { row: matrix.rows[row]![0], column: matrix.columns[column]![0] };
  post({ type: 'openCell', revision: matrix.revision, row, column });
}

/** After a reload, the open cell is asked for again if its tag and column are still there. */
function reopenCell(): void {
  const m = matrix!;
  cell = undefined;
  const row = openCell ? m.rows.findIndex(([id]) => id === openCell!.row) : -1;
  const column = openCell ? m.columns.findIndex(([id]) => id === openCell!.column) : -1;
  if (row >= 0 && column >= 0) askCell(row, column);
  else {
    openCell = undefined;
    heatmap.select(undefined);
  }
  renderQuotes();
}

function renderQuotes(): void {
  if (!cell) {
    quotes.replaceChildren(el('h2', 'quotes-title', 'Quotes'), el('p', 'muted', 'Click a cell (or move to it with the arrow keys and press Enter) to list the highlights behind its count. Click a quote to open the passage.'));
    scheduleReport();
    return;
  }
  const list = el('ol', 'quote-list');
  for (const q of cell.quotes) {
    const item = el('li', `quote${q.quotable ? '' : ' held-back'}`);
    item.dataset.id = q.id;
    item.tabIndex = 0;
    item.setAttribute('role', 'button');
    item.setAttribute('aria-label', `${q.participant ?? 'Unattributed'}: ${q.quote}. Open the passage.`);
    const text = el('blockquote', 'quote-text', q.quote);
    const by = el('div', 'quote-by');
    by.append(el('strong', '', q.participant ?? 'unattributed'), document.createTextNode(` · ${q.source}`));
    if (!q.quotable) by.append(el('span', 'consent', 'not for reports (consent)'));
    item.append(text, by);
    onActivate(item, () => post({ type: 'reveal', id: q.id }));
    list.append(item);
  }
  quotes.replaceChildren(el('h2', 'quotes-title', cell.title), el('p', 'muted', cell.strength), list, ...(cell.more > 0 ? [el('p', 'muted', `and ${cell.more} more`)] : []));
  scheduleReport();
}

// ---------------------------------------------------------------------------------------
// What is on screen, for tests

let reportTimer: ReturnType<typeof setTimeout> | undefined;

function scheduleReport(): void {
  if (!SIFT_TEST) return; // test build only (src/protocol/test-build.ts)
  clearTimeout(reportTimer);
  reportTimer = setTimeout(() => {
    const rows = [...coveragePane.querySelectorAll<HTMLElement>('.value')].map((r) => ({
      attribute: r.dataset.attribute!,
      value: r.dataset.value!,
      status: [...r.classList].find((c) => c !== 'value')!,
      gapText: r.querySelector('.gap')!.textContent!.replace(/^[✓▼▲] /, ''),
    }));
    post({
      type: 'rendered',
      report: {
        revision: Math.max(coverage?.revision ?? 0, matrix?.revision ?? 0),
        tab,
        coverage: rows,
        summary: coveragePane.querySelector('.summary')?.textContent ?? '',
        example: coveragePane.querySelector('.snippet') !== null,
        ...(matrix ? { matrix: { kind: matrix.kind, ...(matrix.attribute ? { attribute: matrix.attribute } : {}), rows: matrix.rows.length, columns: matrix.columns.length, cells: received, mountedCells: heatmap.mountedCells } } : {}),
        ...(cell && matrix ? { cell: { row: matrix.rows[cell.row]![0], column: matrix.columns[cell.column]![0], quotes: cell.quotes.map((q) => q.id) } } : {}),
        injected: root.querySelectorAll('img, script, iframe, a, object, embed').length,
      },
    });
  }, 60);
}

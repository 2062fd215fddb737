/**
 * The only module that knows about @vscode/webview-ui-toolkit. The toolkit is archived
 * upstream; the board builds its controls through these few functions so a replacement
 * (plain elements, another library) is a change to this file alone.
 */
import { provideVSCodeDesignSystem, vsCodeBadge, vsCodeButton, vsCodeDropdown, vsCodeOption, vsCodeTextField } from '@vscode/webview-ui-toolkit';

let registered = false;

/** Registers the custom elements once, before any control is made. */
export function registerComponents(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeTextField(), vsCodeDropdown(), vsCodeOption(), vsCodeBadge());
}

export interface ButtonOptions {
  /** Accessible name and tooltip when the label is an icon or terse. */
  title?: string;
  appearance?: 'primary' | 'secondary' | 'icon';
  onClick: () => void;
}

export function button(label: string, options: ButtonOptions): HTMLElement {
  const el = document.createElement('vscode-button');
  el.textContent = label;
  el.setAttribute('appearance', options.appearance ?? 'secondary');
  if (options.title) {
    el.title = options.title;
    el.setAttribute('aria-label', options.title);
  }
  el.addEventListener('click', (e) => {
    e.stopPropagation();
    options.onClick();
  });
  return el;
}

export interface TextFieldOptions {
  label: string;
  placeholder?: string;
  value?: string;
  onInput: (value: string) => void;
  /** Calls onInput only once typing pauses this long (a search as you type). */
  debounceMs?: number;
}

export function textField(options: TextFieldOptions): HTMLElement & { value: string } {
  const el = document.createElement('vscode-text-field') as HTMLElement & { value: string };
  el.setAttribute('placeholder', options.placeholder ?? '');
  el.setAttribute('aria-label', options.label);
  el.value = options.value ?? '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  el.addEventListener('input', () => {
    if (!options.debounceMs) return options.onInput(el.value);
    clearTimeout(timer);
    timer = setTimeout(() => options.onInput(el.value), options.debounceMs);
  });
  return el;
}

export interface DropdownOptions {
  label: string;
  options: readonly { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
}

export function dropdown(options: DropdownOptions): HTMLElement {
  const el = document.createElement('vscode-dropdown') as HTMLElement & { value: string };
  el.setAttribute('aria-label', options.label);
  el.title = options.label;
  const option = (o: { value: string; label: string }) => {
    const node = document.createElement('vscode-option') as HTMLElement & { value: string };
    node.value = o.value;
    node.textContent = o.label;
    if (o.value === options.value) node.setAttribute('selected', '');
    return node;
  };
  // A toolkit option costs about half a millisecond to create: a study's 1,000 participants would
  // hold up the first paint, so long lists get their options when the dropdown is first used.
  const current = options.options.find((o) => o.value === options.value) ?? options.options[0];
  if (options.options.length <= 30 || !current) el.append(...options.options.map(option));
  else {
    el.append(option(current));
    const fill = () => {
      el.removeEventListener('pointerdown', fill, true);
      el.removeEventListener('focusin', fill);
      el.replaceChildren(...options.options.map(option));
    };
    el.addEventListener('pointerdown', fill, true);
    el.addEventListener('focusin', fill);
  }
  el.addEventListener('change', () => options.onChange(el.value));
  return el;
}

export function badge(text: string, title: string): HTMLElement {
  const el = document.createElement('vscode-badge');
  el.textContent = text;
  el.title = title;
  return el;
}

export interface TabsOptions<K extends string> {
  label: string;
  tabs: readonly { key: K; label: string }[];
  value: K;
  onChange: (key: K) => void;
}

/**
 * A row of tabs (WAI-ARIA tabs: arrow keys move between them). Plain buttons styled by the
 * view's stylesheet (`.tabs`, `.tab`, `[aria-selected]`): the toolkit's panels own their
 * content, and the views render their own.
 */
export function tabs<K extends string>(options: TabsOptions<K>): HTMLElement & { select(key: K): void } {
  const list = document.createElement('div') as unknown as HTMLElement & { select(key: K): void };
  list.className = 'tabs';
  list.setAttribute('role', 'tablist');
  list.setAttribute('aria-label', options.label);
  const buttons = options.tabs.map((t) => {
    const b = document.createElement('button');
    b.className = 'tab';
    b.type = 'button';
    b.textContent = t.label;
    b.dataset.tab = t.key;
    b.setAttribute('role', 'tab');
    b.addEventListener('click', () => {
      list.select(t.key);
      options.onChange(t.key);
    });
    return b;
  });
  list.select = (key) => {
    for (const b of buttons) {
      const on = b.dataset.tab === key;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    }
  };
  list.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const at = buttons.findIndex((b) => b === document.activeElement);
    const next = buttons[(at + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length]!;
    next.focus();
    next.click();
  });
  list.append(...buttons);
  list.select(options.value);
  return list;
}

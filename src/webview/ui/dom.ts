/** Making elements: a tag, its class and its content: text (only ever as text, never as markup) or child nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', content?: string | Node[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (typeof content === 'string') node.textContent = content;
  else if (content) node.append(...content);
  return node;
}

/** "1 quote", "3 quotes". */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

/** Makes an element act as a button: a click, or Enter or Space while it has the focus, runs `action`. */
export function onActivate(node: HTMLElement, action: () => void): void {
  node.addEventListener('click', action);
  node.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      action();
    }
  });
}

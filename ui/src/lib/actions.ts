import type { Action } from "svelte/action";

/**
 * Sets CSS custom properties on an element through the CSSOM. The CSP
 * (`style-src 'self'`) blocks `style` attributes, but not this; the classes
 * in app.css read the values with `var(--name)`.
 */
export const cssVars: Action<HTMLElement, Record<string, string>> = (node, vars) => {
  const apply = (v: Record<string, string>) => {
    for (const [name, value] of Object.entries(v)) node.style.setProperty(name, value);
  };
  apply(vars);
  return { update: apply };
};

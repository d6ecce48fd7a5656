// Keys that tell rows on screen apart (steps, vedlegg), unique in the window.
let nextKey = 1;
export const newKey = () => nextKey++;
/** Keys restored from a draft must not be handed out again. */
export function seen(key: number) {
  if (key >= nextKey) nextKey = key + 1;
}

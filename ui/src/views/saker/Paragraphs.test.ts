// Stored text as the window shows it: styles as elements, never HTML, and a
// single line break kept as the printed protocol keeps it.
import { render } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import Paragraphs from "./Paragraphs.svelte";

describe("Paragraphs", () => {
  it("keeps a line break inside a paragraph, with nothing added around the text", () => {
    const { container } = render(Paragraphs, {
      paragraphs: [
        { spans: [{ text: "Formannskapet vedtek:\n1. Avtalen vert godkjend.", style: "regular" }] },
        { spans: [{ text: "Ap sette fram: ", style: "regular" }, { text: "Saka vert utsett.", style: "italic" }] },
      ],
    });
    const ps = container.querySelectorAll("p.prose");
    expect(ps).toHaveLength(2);
    // .prose (app.css) is white-space: pre-line, so every newline of the text
    // node shows: none may come from the markup.
    expect(ps[0]?.textContent).toBe("Formannskapet vedtek:\n1. Avtalen vert godkjend.");
    expect(ps[1]?.textContent).toBe("Ap sette fram: Saka vert utsett.");
    expect(ps[1]?.querySelector("em")?.textContent).toBe("Saka vert utsett.");
  });

  it("shows markup in stored text as text", () => {
    const { container } = render(Paragraphs, {
      paragraphs: [{ spans: [{ text: "<b>ikkje feit</b>", style: "regular" }] }],
    });
    expect(container.querySelector("b")).toBeNull();
    expect(container.textContent).toContain("<b>ikkje feit</b>");
  });
});
